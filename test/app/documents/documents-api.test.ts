// CMS-1500 PDFs and invoices over the real HTTP server (loopback, port 0) on a real SQLite file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { buildClaims } from '../../../src/app/claims/build.js';
import { pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { loadSamples, workspace, type Workspace } from '../../support/workspace.js';
import { apiClient } from '../../support/runners.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';

let ws: Workspace;
let server: RunningServer;
let billing: string;
let finance: string;
const logLines: string[] = [];

beforeAll(async () => {
  ws = workspace({ logger: { info: (e, f) => logLines.push(JSON.stringify({ e, ...f })), error: (e, f) => logLines.push(JSON.stringify({ e, ...f })) } });
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  billing = (await createApiKey(ws.ctx, 'billing')).key;
  finance = (await createApiKey(ws.ctx, 'finance')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

const call = apiClient(() => server.url);
const post = (path: string, key: string, body: unknown) => call(path, { method: 'POST', key, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const claimIds = (payerId: string) => ws.ctx.store.read.claims.ids({ payerId });

describe.skipIf(lacks(PDFTOTEXT))('documents over HTTP', () => {
  it('renders one claim on a CMS-1500, in form or print mode, to any role', async () => {
    const [id] = await claimIds('healthnet');
    const form = await call(`/api/claims/${id}/cms1500.pdf`, { key: finance });
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe('application/pdf');
    const pdf = await bytes(form);
    expect(await pdfPageCount(pdf)).toBe(1);
    const [page] = await pdfWords(pdf, 'api-form');
    expect(pageText(page!)).toContain('HEALTH INSURANCE CLAIM FORM');
    expect(pageText(page!)).toContain(id!);

    const print = await call(`/api/claims/${id}/cms1500.pdf?mode=print&offsetX=3.6&offsetY=-2`, { key: billing });
    expect(print.status).toBe(200);
    const [printed] = await pdfWords(await bytes(print), 'api-print');
    expect(pageText(printed!)).not.toContain('HEALTH INSURANCE CLAIM FORM');
    expect(pageText(printed!)).toContain(id!);

    expect((await call(`/api/claims/${id}/cms1500.pdf?mode=fax`, { key: finance })).status).toBe(400);
    expect((await call('/api/claims/C999999/cms1500.pdf', { key: finance })).status).toBe(404);
    expect((await call(`/api/claims/${id}/cms1500.pdf`)).status).toBe(401);
  });

  it('lets a finance key read but not export', async () => {
    const refused = await post('/api/batches', finance, { payerId: 'iehp', format: 'invoice', invoiceFormat: 'csv' });
    expect(refused.status).toBe(403);
    expect((await call('/api/invoices', { key: finance })).status).toBe(200);
    expect(await (await call('/api/invoices', { key: finance })).json()).toEqual([]);
  });

  it('exports an invoice batch and serves the invoice as CSV and PDF', async () => {
    const res = await post('/api/batches', billing, { payerId: 'iehp', format: 'invoice', invoiceFormat: 'pdf' });
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report.decisions).toEqual([expect.objectContaining({ payerId: 'iehp', format: 'invoice', reason: 'payer prefers invoice', status: 'ready' })]);
    expect(report.invoice).toMatchObject({ number: 'INV-000001', payerId: 'iehp', totalCharge: '260.50', deliveredAs: 'pdf' });
    expect(report.batch).toMatchObject({ format: 'invoice', mediaType: 'application/pdf' });

    const list = await call('/api/invoices?payer=iehp', { key: finance });
    expect((await list.json()).map((i: { number: string }) => i.number)).toEqual(['INV-000001']);
    const one = await call('/api/invoices/INV-000001', { key: finance });
    expect(await one.json()).toMatchObject({ number: 'INV-000001', claimIds: report.claimIds });

    const csv = await call('/api/invoices/INV-000001.csv', { key: finance });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('INV-000001-iehp.csv');
    const rows = parse(await csv.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ 'Invoice number': 'INV-000001', 'Member CIN': '93456789C' });

    const pdf = await call('/api/invoices/INV-000001.pdf', { key: finance });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const pdfBytes = await bytes(pdf);
    // The batch file is the same PDF, byte for byte.
    const file = await call(`/api/batches/${report.batch.batchId}/file`, { key: finance });
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect((await bytes(file)).equals(pdfBytes)).toBe(true);
    expect(pageText((await pdfWords(pdfBytes, 'api-invoice'))[0]!)).toContain('INV-000001');

    expect((await call('/api/invoices/INV-999999.csv', { key: finance })).status).toBe(404);
    expect((await call('/api/invoices/INV-999999', { key: finance })).status).toBe(404);
  });

  it('exports named claims as a CMS-1500 batch, and 837 exports still work', async () => {
    const ids = await claimIds('healthnet');
    const paper = await post('/api/batches', billing, { payerId: 'healthnet', format: 'cms1500', mode: 'form', claimIds: ids.slice(0, 2) });
    expect(paper.status).toBe(201);
    const report = await paper.json();
    expect(report.batch).toMatchObject({ format: 'cms1500', mediaType: 'application/pdf', claimCount: 2 });
    const file = await call(`/api/batches/${report.batch.batchId}/file`, { key: finance });
    expect(await pdfPageCount(await bytes(file))).toBe(2);

    const x12 = await post('/api/batches', billing, { payerId: 'healthnet', format: '837p' });
    expect(x12.status).toBe(201);
    const x12Report = await x12.json();
    expect(x12Report.claimIds).toEqual(ids.slice(2));
    expect(x12Report.batch).toMatchObject({ format: '837p', mediaType: 'application/edi-x12' });
    expect(x12Report.decisions).toBeUndefined();

    const bad = await post('/api/batches', billing, { payerId: 'healthnet', format: 'cms1500', mode: 'fax' });
    expect(bad.status).toBe(400);
    const stray = await post('/api/batches', billing, { payerId: 'healthnet', format: '837p', mode: 'form' });
    expect(stray.status).toBe(400);
  });

  it('draws a CMS-1500 batch again in the other mode, and serves the issued file without one', async () => {
    const batches = (await (await call('/api/batches', { key: finance })).json()) as Array<{ batchId: string; format: string }>;
    const paper = batches.find((b) => b.format === 'cms1500')!;
    const x12 = batches.find((b) => b.format === '837p')!;
    const issued = await bytes(await call(`/api/batches/${paper.batchId}/file`, { key: finance }));

    const print = await call(`/api/batches/${paper.batchId}/file?mode=print&offsetX=3.6&offsetY=-2`, { key: finance });
    expect(print.status).toBe(200);
    expect(print.headers.get('content-type')).toBe('application/pdf');
    expect(print.headers.get('content-disposition')).toContain(`${paper.batchId}-healthnet-cms1500-print.pdf`);
    const printed = await bytes(print);
    expect(await pdfPageCount(printed)).toBe(2);
    const [page] = await pdfWords(printed, 'api-batch-print');
    expect(pageText(page!)).not.toContain('HEALTH INSURANCE CLAIM FORM');
    expect(pageText(page!)).toContain((await claimIds('healthnet'))[0]!);

    // The batch went out in form mode: drawn again in form mode, it is the issued file.
    const form = await call(`/api/batches/${paper.batchId}/file?mode=form`, { key: finance });
    expect((await bytes(form)).equals(issued)).toBe(true);
    expect((await bytes(await call(`/api/batches/${paper.batchId}/file`, { key: finance }))).equals(issued)).toBe(true);

    const notPaper = await call(`/api/batches/${x12.batchId}/file?mode=form`, { key: finance });
    expect(notPaper.status).toBe(400);
    expect((await notPaper.json()).error).toMatch(/only a CMS-1500 batch/);
    expect((await call(`/api/batches/${paper.batchId}/file?mode=fax`, { key: finance })).status).toBe(400);
    expect((await call(`/api/batches/${paper.batchId}/file?mode=form&offsetX=3`, { key: finance })).status).toBe(400);
    expect((await call(`/api/batches/${paper.batchId}/file?offsetX=3`, { key: finance })).status).toBe(400);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = await (await call('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/claims/{id}/cms1500.pdf', '/api/invoices', '/api/invoices/{id}', '/api/invoices/{id}.csv', '/api/invoices/{id}.pdf', '/api/batches']));
    expect(Object.keys(doc.paths['/api/invoices/{id}.pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
    expect(doc.components.schemas).toHaveProperty('Cms1500ExportRequest');
    expect(doc.components.schemas).toHaveProperty('InvoiceExportRequest');
  });

  it('writes no member data to its logs', async () => {
    const logs = logLines.join('\n');
    expect(logs).toContain('batch.exported');
    for (const secret of ['Garcia', 'Maria', '91234567A', '93456789C', '1958-03-14', 'Lopez']) expect(logs).not.toContain(secret);
  });
});

describe.skipIf(lacks(PDFTOTEXT))('an invoice issued as CSV, over HTTP', () => {
  let csvWs: Workspace;
  let csvServer: RunningServer;
  let key: string;
  const get = apiClient(() => csvServer.url);

  beforeAll(async () => {
    csvWs = workspace();
    await loadSamples(csvWs.ctx);
    await buildClaims(csvWs.ctx, {});
    csvServer = await startServer({ ctx: csvWs.ctx, port: 0, host: '127.0.0.1', quiet: true });
    key = (await createApiKey(csvWs.ctx, 'billing')).key;
  });
  afterAll(async () => {
    await csvServer.close();
    csvWs.dispose();
  });

  it('serves the PDF of the same invoice too, without taking a new invoice number', async () => {
    const res = await get('/api/batches', { method: 'POST', key, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payerId: 'iehp', format: 'invoice', invoiceFormat: 'csv' }) });
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report.invoice).toMatchObject({ number: 'INV-000001', deliveredAs: 'csv', billingPeriod: '2026-10' });

    const pdf = await get('/api/invoices/INV-000001.pdf', { key });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain('INV-000001-iehp.pdf');
    const text = pageText((await pdfWords(await bytes(pdf), 'api-csv-invoice-pdf'))[0]!);
    expect(text).toContain('INV-000001');
    expect(text).toContain('260.50');

    const csv = await get('/api/invoices/INV-000001.csv', { key });
    expect((await bytes(csv)).equals(await bytes(await get(`/api/batches/${report.batch.batchId}/file`, { key })))).toBe(true);
    const list = (await (await get('/api/invoices', { key })).json()) as Array<{ number: string; billingPeriod: string }>;
    expect(list.map((i) => [i.number, i.billingPeriod])).toEqual([['INV-000001', '2026-10']]);
  });
});
