// `ecm-claims demo [--db PATH] [--out DIR]`: the examples, claims in every format and the payers'
// answers, into an empty database, so that `npm start` shows every screen with figures.

import { join } from 'node:path';
import { PROJECT_ROOT } from '../../codesets/index.js';
import { demoIntoDatabase, type DemoReport } from '../../app/demo/run-demo.js';
import { resolveDbPath } from '../../store/store.js';
import type { Parsed } from '../args.js';
import { count, print } from '../output.js';

export const demoUsage = ['ecm-claims demo [--db PATH] [--out DIR]   (made-up example data, claims and payer answers, into an empty database)'];

function demoText(report: DemoReport, dbPath: string): string {
  const lines = [
    `Demonstration data loaded into ${dbPath} (billing month ${report.period}; every organization, member and payer answer in it is made up).`,
    `Imported ${count(report.rowsImported, 'service row')} (${report.rowsRejected} rejected on purpose), built ${count(report.claims, 'claim')}, sent ${count(report.batches.length, 'batch', 'batches')}.`,
    `Wrote ${count(report.files.length + 1, 'file')} to ${report.outDir}:`,
    ...report.files.map((f) => `  ${f.file.padEnd(44)} ${f.fabricated ? 'made up in the payer\'s place' : f.format}`),
    '  manifest.json                                what each file is',
    '',
    'Sign in to the workspace (the password is shown only now):',
    `  ${report.user.email}  ${report.user.password}`,
    'Finance API key, for scripts and BI tools that read the API (shown only now):',
    `  ${report.financeKey}`,
    'Next: npm start, then open http://127.0.0.1:8080/ and sign in.',
  ];
  return lines.join('\n');
}

export async function runDemoCommand(p: Parsed): Promise<number> {
  const dbPath = resolveDbPath(p.values.db);
  const report = await demoIntoDatabase(dbPath, { examplesDir: join(PROJECT_ROOT, 'examples'), outDir: p.values.out ?? 'demo-output' });
  print(p.values.json, report, () => demoText(report, dbPath));
  return 0;
}
