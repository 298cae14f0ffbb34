// The installed command line for paper claims and invoices, run as a billing office would.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { pageText, pdfPageCount, pdfWords } from '../pdf/pdf-text.js';
import { SAMPLE_FILES, SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
  for (const [kind, file] of SAMPLE_FILES) expect(cli('import', kind, join(SAMPLES, file)).code).toBe(0);
  expect(cli('claims', 'build').code).toBe(0);
});
afterAll(() => ws.dispose());

describe('ecm-claims documents', () => {
  it('decides and prints the format of every unsent claim, with the reason', () => {
    const run = cli('formats');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/Decided 4 claims: 4 ready \(3 837p, 1 invoice\), 0 held/);
    expect(run.out).toMatch(/C\d{6}\s+2026-10\s+invoice\s+invoice\s+ready\s+payer prefers invoice/);
    const json = JSON.parse(cli('formats', '--payer', 'iehp', '--json').out);
    expect(json.decisions).toEqual([expect.objectContaining({ payerId: 'iehp', format: 'invoice', reason: 'payer prefers invoice' })]);
  });

  it('exports an invoice, lists it, and writes either rendering again', async () => {
    const out = join(ws.dir, 'iehp.csv');
    const run = cli('export', 'invoice', '--payer', 'iehp', '--format', 'csv', '--out', out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/payer prefers invoice/);
    expect(run.out).toMatch(/Invoice INV-000001 dated 2026-11-25, batch B\d+: 1 claims, total 260\.50/);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['Invoice number'])).toEqual(rows.map(() => 'INV-000001'));

    const list = cli('invoices', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/INV-000001\s+2026-11-25\s+iehp/);

    const pdf = join(ws.dir, 'again.pdf');
    const file = cli('invoices', 'file', 'INV-000001', '--format', 'pdf', '--out', pdf);
    expect(file.code, file.err).toBe(0);
    expect(pageText((await pdfWords(readFileSync(pdf), 'cli-invoice'))[0]!)).toContain('INV-000001');
    const csvAgain = join(ws.dir, 'again.csv');
    expect(cli('invoices', 'file', 'INV-000001', '--format', 'csv', '--out', csvAgain).code).toBe(0);
    expect(readFileSync(csvAgain).equals(readFileSync(out))).toBe(true);

    expect(cli('invoices', 'file', 'INV-000404', '--format', 'csv', '--out', join(ws.dir, 'x.csv')).code).toBe(1);
    expect(cli('invoices', 'file', 'INV-000001', '--format', 'xls', '--out', join(ws.dir, 'x.xls')).code).toBe(2);
  });

  it('prints named claims on CMS-1500 forms, and says when there is nothing to print', async () => {
    const nothing = cli('export', 'cms1500', '--payer', 'healthnet', '--mode', 'form', '--out', join(ws.dir, 'none.pdf'));
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/no ready claims to send as CMS-1500 \(its ready claims go as 837P/);
    expect(existsSync(join(ws.dir, 'none.pdf'))).toBe(false);

    const ids = (JSON.parse(cli('claims', 'list', '--payer', 'healthnet', '--json').out) as Array<{ id: string }>).map((c) => c.id);
    const out = join(ws.dir, 'forms.pdf');
    const run = cli('export', 'cms1500', '--payer', 'healthnet', '--mode', 'print', '--offset-x', '3.6', '--offset-y=-1.5', '--claim', ids.join(','), '--out', out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(new RegExp(`batch B\\d+: ${ids.length} claims, total 908\\.75`));
    const pdf = readFileSync(out);
    expect(await pdfPageCount(pdf)).toBe(ids.length);
    expect(pageText((await pdfWords(pdf, 'cli-forms'))[0]!)).toContain(ids[0]!);

    expect(cli('export', 'cms1500', '--payer', 'healthnet', '--mode', 'form', '--offset-x', '3', '--out', out).code).toBe(2);
    expect(cli('export', 'cms1500', '--payer', 'healthnet', '--out', out).code).toBe(2);
  });
});
