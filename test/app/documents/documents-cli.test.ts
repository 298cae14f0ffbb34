// The installed command line for paper claims and invoices, run as a billing office would.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { loadSamples, SAMPLE_FILES, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';
import { runCli } from '../../support/runners.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
  for (const [kind, file] of SAMPLE_FILES) expect(cli('import', kind, join(SAMPLES, file)).code).toBe(0);
  expect(cli('claims', 'build').code).toBe(0);
});
afterAll(() => ws.dispose());

describe.skipIf(lacks(PDFTOTEXT))('ecm-claims documents', () => {
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
    expect(run.out).toMatch(/Invoice INV-000001 dated 2026-11-25, batch B\d+: 1 claim, total 260\.50/);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r['Invoice number'])).toEqual(rows.map(() => 'INV-000001'));

    const list = cli('invoices', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/INV-000001\s+2026-11-25\s+iehp/);
    // The period of the claims on it, though the export named none.
    expect(list.out).toMatch(/^Invoice\s+Date\s+Payer\s+Period\s/);
    expect(list.out).toMatch(/INV-000001\s+2026-11-25\s+iehp\s+2026-10\s+1\s/);

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
    const run = cli('export', 'cms1500', '--payer', 'healthnet', '--mode', 'print', '--offset-x=3.6', '--offset-y', '-1.5', '--claim', ids.join(','), '--out', out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(new RegExp(`\\nBatch B\\d+: ${ids.length} claims, total 908\\.75`));
    const pdf = readFileSync(out);
    expect(await pdfPageCount(pdf)).toBe(ids.length);
    expect(pageText((await pdfWords(pdf, 'cli-forms'))[0]!)).toContain(ids[0]!);

    expect(cli('export', 'cms1500', '--payer', 'healthnet', '--mode', 'form', '--offset-x', '3', '--out', out).code).toBe(2);
    expect(cli('export', 'cms1500', '--payer', 'healthnet', '--out', out).code).toBe(2);
  });

  it('draws a CMS-1500 batch again in the other mode, and keeps the file as issued', async () => {
    const batch = (JSON.parse(cli('batches', 'list', '--json').out) as Array<{ batchId: string; format: string; claimCount: number }>).find((b) => b.format === 'cms1500')!;
    const issued = readFileSync(join(ws.dir, 'forms.pdf'));
    const [issuedPage] = await pdfWords(issued, 'cli-issued');
    expect(pageText(issuedPage!)).not.toContain('HEALTH INSURANCE CLAIM FORM');

    const formOut = join(ws.dir, 'as-form.pdf');
    const asForm = cli('batches', 'file', batch.batchId, '--mode', 'form', '--out', formOut);
    expect(asForm.code, asForm.err).toBe(0);
    expect(asForm.out).toBe(`Drew batch ${batch.batchId} again in form mode (${batch.claimCount} claims) to ${formOut}; the file issued with the batch is unchanged.\n`);
    const form = readFileSync(formOut);
    expect(await pdfPageCount(form)).toBe(batch.claimCount);
    const [formPage] = await pdfWords(form, 'cli-as-form');
    expect(pageText(formPage!)).toContain('HEALTH INSURANCE CLAIM FORM');
    const claimIdsOn = (text: string) => [...new Set(text.match(/C\d{6}/g))];
    expect(claimIdsOn(pageText(formPage!))).toEqual(claimIdsOn(pageText(issuedPage!)));
    expect(claimIdsOn(pageText(formPage!))).toHaveLength(1);

    // Print mode with the issued offsets draws the issued document again, byte for byte: the
    // same claims, the same data and the date the batch left on.
    const printOut = join(ws.dir, 'as-print.pdf');
    expect(cli('batches', 'file', batch.batchId, '--mode', 'print', '--offset-x', '3.6', '--offset-y', '-1.5', '--out', printOut).code).toBe(0);
    expect(readFileSync(printOut).equals(issued)).toBe(true);

    // Without --mode, the kept bytes, still as issued.
    const keptOut = join(ws.dir, 'kept.pdf');
    const kept = cli('batches', 'file', batch.batchId, '--out', keptOut);
    expect(kept.code, kept.err).toBe(0);
    expect(readFileSync(keptOut).equals(issued)).toBe(true);

    expect(cli('batches', 'file', batch.batchId, '--mode', 'form', '--offset-x', '2', '--out', keptOut).err).toMatch(/--mode print/);
    expect(cli('batches', 'file', batch.batchId, '--offset-y', '2', '--out', keptOut).code).toBe(2);
    expect(cli('batches', 'file', batch.batchId, '--mode', 'fax', '--out', keptOut).code).toBe(2);
    expect(cli('batches', 'file', 'B999999', '--mode', 'form', '--out', keptOut).code).toBe(1);
  });
});

describe.skipIf(lacks(PDFTOTEXT))('an invoice issued as PDF', () => {
  let pdfWs: Workspace;
  const run = (...args: string[]) => runCli(pdfWs.dbPath, ...args);

  beforeAll(async () => {
    pdfWs = workspace();
    await loadSamples(pdfWs.ctx);
    pdfWs.ctx.store.close();
    expect(run('claims', 'build').code).toBe(0);
  });
  afterAll(() => pdfWs.dispose());

  it('writes the CSV of the same invoice too, without taking a new invoice number', async () => {
    const pdfOut = join(pdfWs.dir, 'iehp.pdf');
    const exported = run('export', 'invoice', '--payer', 'iehp', '--format', 'pdf', '--out', pdfOut);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toMatch(/Invoice INV-000001 dated 2026-11-25, batch B000001: 1 claim, total 260\.50/);

    const csvOut = join(pdfWs.dir, 'iehp.csv');
    const csv = run('invoices', 'file', 'INV-000001', '--format', 'csv', '--out', csvOut);
    expect(csv.code, csv.err).toBe(0);
    const rows = parse(readFileSync(csvOut, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ 'Invoice number': 'INV-000001', 'Member CIN': '93456789C' });
    expect(pageText((await pdfWords(readFileSync(pdfOut), 'cli-issued-pdf'))[0]!)).toContain('260.50');

    const pdfAgain = join(pdfWs.dir, 'again.pdf');
    expect(run('invoices', 'file', 'INV-000001', '--format', 'pdf', '--out', pdfAgain).code).toBe(0);
    expect(readFileSync(pdfAgain).equals(readFileSync(pdfOut))).toBe(true);
    expect((JSON.parse(run('invoices', 'list', '--json').out) as Array<{ number: string; billingPeriod: string }>).map((i) => [i.number, i.billingPeriod])).toEqual([['INV-000001', '2026-10']]);
  });
});
