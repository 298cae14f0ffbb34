// The words of the command line: one of a thing is singular, sentences start with a capital, and
// nothing prints a blank line for an empty list.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { count } from '../../src/cli/output.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

/** stdout of a command that must succeed */
function ok(...args: string[]): string {
  const r = cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
  return r.out;
}

function expectNoBlankLineRuns(text: string): void {
  expect(text).not.toMatch(/\n\n\n/);
  expect(text).not.toMatch(/^\n/);
  expect(text).not.toMatch(/\n\n$/);
}

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
  ws.ctx.store.close();
});
afterAll(() => ws.dispose());

describe('count', () => {
  it('says one thing in the singular and any other number in the plural', () => {
    expect(count(1, 'claim')).toBe('1 claim');
    expect(count(0, 'claim')).toBe('0 claims');
    expect(count(2, 'batch', 'batches')).toBe('2 batches');
    expect(count(1, 'batch', 'batches')).toBe('1 batch');
  });
});

describe('ecm-claims wording', () => {
  it('says "1 claim", "1 row", "1 member" and "1 time" for one', () => {
    const build = ok('claims', 'build', '--payer', 'iehp');
    expect(build).toMatch(/^Build \d+: 1 claim \(1 ready, 0 with errors\), 1 row not billable\.\n/);
    expect(ok('validate', '--payer', 'iehp')).toMatch(/^Validated 1 claim: 1 ready, 0 with errors \(0 errors, 0 warnings\)\.\n/);

    const exported = ok('export', 'invoice', '--payer', 'iehp', '--format', 'csv', '--out', join(ws.dir, 'iehp.csv'));
    expect(exported).toMatch(/Invoice INV-000001 dated 2026-11-25, batch B000001: 1 claim, total 260\.50, \d+ bytes written to /);
    expect(ok('invoices', 'show', 'INV-000001')).toMatch(/\n1 claim, 1 member, 2 lines; batch B000001, sent as csv\n/);
    expect(ok('submit', 'B000001', '--date', '2026-11-25')).toBe('Batch B000001 recorded as sent on 2026-11-25: 1 claim.\n');
    const [claim] = JSON.parse(ok('claims', 'list', '--payer', 'iehp', '--json')) as Array<{ id: string }>;
    expect(ok('timeline', claim!.id)).toMatch(/ sent 1 time\n/);
  });

  it('starts a batch line with a capital when there is no invoice', () => {
    ok('claims', 'build', '--payer', 'healthnet');
    const ids = (JSON.parse(ok('claims', 'list', '--payer', 'healthnet', '--json')) as Array<{ id: string }>).map((c) => c.id);
    const out = ok('export', 'cms1500', '--payer', 'healthnet', '--mode', 'form', '--claim', ids[0]!, '--out', join(ws.dir, 'one.pdf'));
    expect(out).toMatch(/\nBatch B000002: 1 claim, total [\d.]+, \d+ bytes written to /);
    expect(out).not.toMatch(/^batch /m);
  });

  it('prints no blank lines for empty lists and tables', () => {
    const keys = ok('keys', 'list');
    expect(keys).toBe('No API keys.\n');
    const report = ok('report', 'timeliness');
    expectNoBlankLineRuns(report);
    expect(report).toMatch(/^Clean-claim payment timeliness as of 2026-11-25 \(by month the payer received the claim\)\n\nPayer /);
    for (const text of [ok('remittances', 'unmatched'), ok('remittances', 'files'), ok('audit'), ok('batches', 'list'), ok('invoices', 'list'), ok('formats')]) expectNoBlankLineRuns(text);
  });
});
