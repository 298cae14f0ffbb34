// `ecm-claims import KIND FILE`: one file into the database, in one transaction.

import { createReadStream, existsSync, statSync } from 'node:fs';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { IMPORT_KINDS, importFile, type ImportKind, type ImportReport } from '../../app/imports/import-file.js';
import { formatRowIssue } from '../../intake/row-issue.js';
import { UsageError, type CommandHandler, type Parsed } from '../args.js';
import { count, print, Progress } from '../output.js';

function importText(report: ImportReport): string {
  const c = report.counts;
  const lines = [
    `Imported ${report.kind} from ${report.source} (import ${report.importId}): ${count(c.rowsRead, 'row')} read, ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.rejected} rejected, ${count(c.warnings, 'warning')}.`,
  ];
  for (const issue of report.issues) lines.push(`  ${issue.severity === 'error' ? 'ERROR' : 'warning'} ${formatRowIssue(issue)}`);
  if (report.issuesTruncated) lines.push(`  ... more issues are stored with import ${report.importId}`);
  return lines.join('\n');
}

async function runImport(ctx: AppContext, p: Parsed): Promise<number> {
  const [, kind, file] = p.positionals;
  if (!kind || !IMPORT_KINDS.includes(kind as ImportKind) || !file) throw new UsageError('import needs a kind (organization, payers, staff, members, services) and a file');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('not_found', `file ${file} does not exist`);
  const progress = new Progress(`Importing ${kind}`);
  const report = await importFile(ctx, kind as ImportKind, createReadStream(file), { source: file, onProgress: (n) => progress.update(n) });
  progress.done();
  print(p.values.json, report, () => importText(report));
  return report.counts.rejected > 0 ? 4 : 0;
}

export const importCommands: Record<string, CommandHandler> = { import: runImport };
