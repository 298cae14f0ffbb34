// UB-04 (CMS-1450) paper claims from the installed command line and over the real HTTP server
// (loopback, port 0), each on its own SQLite file: Health Net's profile prefers the UB-04 and has
// institutional settings; IEHP has none, so its claims cannot go on a UB-04.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { buildClaims } from '../../../src/app/claims/build.js';
import { pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { loadSamples, SAMPLE_FILES, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';
import { apiClient, runCli } from '../../support/runners.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';
import { INSTITUTIONAL, samplePayers, setPreferredFormat } from './support.js';

const claimIdsOn = (text: string) => [...new Set(text.match(/C\d{6}/g))];

describe.skipIf(lacks(PDFTOTEXT))('ecm-claims and UB-04 forms', () => {
  let ws: Workspace;
  const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

  beforeAll(() => {
    ws = workspace();
    ws.ctx.store.close();
    const payers = join(ws.dir, 'payers.json');
    writeFileSync(payers, JSON.stringify(samplePayers('healthnet', 'ub04', 'invoice', INSTITUTIONAL)));
    for (const [kind, file] of SAMPLE_FILES) expect(cli('import', kind, kind === 'payers' ? payers : join(SAMPLES, file)).code).toBe(0);
    expect(cli('claims', 'build').code).toBe(0);
  });
  afterAll(() => ws.dispose());

  it('decides UB-04 for the payer that prefers it, and validates for it', () => {
    const run = cli('formats');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/Decided 4 claims: 4 ready \(3 ub04, 1 invoice\), 0 held/);
    expect(run.out).toMatch(/C\d{6}\s+2026-10\s+ub04\s+ub04\s+ready/);

    // IEHP's profile has no institutional settings: as a UB-04 its claim would not go.
    const check = cli('validate', '--payer', 'iehp', '--format', 'ub04');
    expect(check.code).toBe(3);
    expect(check.out).toMatch(/ERROR INSTITUTIONAL_PROFILE_MISSING at FL 4: Claim C\d{6}: .* needed for a UB-04/);
    expect(cli('validate', '--payer', 'healthnet', '--format', 'ub04').code).toBe(0);
  });

  it('exports a UB-04 batch as a PDF and marks its claims batched', async () => {
    const out = join(ws.dir, 'ub04.pdf');
    const run = cli('export', 'ub04', '--payer', 'healthnet', '--mode', 'form', '--out', out);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/\nBatch B\d+: 3 claims, total 908\.75, \d+ bytes written to /);
    const pdf = readFileSync(out);
    expect(await pdfPageCount(pdf)).toBe(3);
    const pages = await pdfWords(pdf, 'cli-ub04');
    const claims = JSON.parse(cli('claims', 'list', '--payer', 'healthnet', '--json').out) as Array<{ id: string; status: string; format: string }>;
    expect(pages.map((p) => claimIdsOn(pageText(p)))).toEqual(claims.map((c) => [c.id]));
    for (const c of claims) expect(c).toMatchObject({ status: 'batched', format: 'ub04' });

    const batches = JSON.parse(cli('batches', 'list', '--json').out) as Array<{ batchId: string; format: string; fileName: string }>;
    expect(batches).toEqual([expect.objectContaining({ format: 'ub04', fileName: expect.stringMatching(/-healthnet-ub04\.pdf$/) })]);
  });

  it('draws a UB-04 batch again in print mode, and in form mode as issued', async () => {
    const [batch] = JSON.parse(cli('batches', 'list', '--json').out) as Array<{ batchId: string; claimCount: number }>;
    const issued = readFileSync(join(ws.dir, 'ub04.pdf'));

    const printOut = join(ws.dir, 'ub04-print.pdf');
    const print = cli('batches', 'file', batch!.batchId, '--mode', 'print', '--offset-x', '3.6', '--offset-y', '-1.5', '--out', printOut);
    expect(print.code, print.err).toBe(0);
    expect(print.out).toBe(`Drew batch ${batch!.batchId} again in print mode (3 claims) to ${printOut}; the file issued with the batch is unchanged.\n`);
    const printed = readFileSync(printOut);
    expect(await pdfPageCount(printed)).toBe(3);
    const [printPage] = await pdfWords(printed, 'cli-ub04-print');
    const [formPage] = await pdfWords(issued, 'cli-ub04-issued');
    expect(claimIdsOn(pageText(printPage!))).toEqual(claimIdsOn(pageText(formPage!)));
    expect(printPage!.words.length).toBeLessThan(formPage!.words.length);
    expect(JSON.parse(cli('batches', 'file', batch!.batchId, '--mode', 'print', '--out', printOut, '--json').out)).toMatchObject({ batchId: batch!.batchId, format: 'ub04', mode: 'print', claimCount: 3 });

    const formOut = join(ws.dir, 'ub04-form.pdf');
    expect(cli('batches', 'file', batch!.batchId, '--mode', 'form', '--out', formOut).code).toBe(0);
    expect(readFileSync(formOut).equals(issued)).toBe(true);
    const keptOut = join(ws.dir, 'kept.pdf');
    expect(cli('batches', 'file', batch!.batchId, '--out', keptOut).code).toBe(0);
    expect(readFileSync(keptOut).equals(issued)).toBe(true);
  });

  it('answers usage mistakes about UB-04 exports in one line', () => {
    const out = join(ws.dir, 'x.pdf');
    expect(cli('export', 'ub04', '--payer', 'healthnet', '--out', out).err).toMatch(/^error: export ub04 needs --payer, --mode form\|print and --out\n/);
    expect(cli('export', 'ub04', '--payer', 'healthnet', '--mode', 'fax', '--out', out).err).toMatch(/^error: --mode fax is not a UB-04 mode \(use form or print\)\n/);
    expect(cli('export', 'ub04', '--payer', 'healthnet', '--mode', 'form', '--offset-x', '2', '--out', out).code).toBe(2);
    expect(cli('export', 'ub05', '--payer', 'healthnet', '--out', out).err).toMatch(/use 837p, 837i, cms1500, ub04 or invoice/);
    const nothing = cli('export', 'ub04', '--payer', 'iehp', '--mode', 'form', '--out', out);
    expect(nothing.code).toBe(1);
    expect(nothing.err).toMatch(/no ready claims to send as UB-04 \(its ready claims go as invoice/);
  });
});

describe.skipIf(lacks(PDFTOTEXT))('UB-04 forms over HTTP', () => {
  let ws: Workspace;
  let server: RunningServer;
  let billing: string;
  let finance: string;
  const call = apiClient(() => server.url);
  const post = (path: string, body: unknown) => call(path, { method: 'POST', key: billing, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
  const claimIds = (payerId: string) => ws.ctx.store.read.claims.ids({ payerId });

  beforeAll(async () => {
    ws = workspace();
    await loadSamples(ws.ctx);
    await setPreferredFormat(ws.ctx, 'healthnet', 'ub04', 'invoice', INSTITUTIONAL);
    await buildClaims(ws.ctx, {});
    server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
    billing = (await createApiKey(ws.ctx, 'billing')).key;
    finance = (await createApiKey(ws.ctx, 'finance')).key;
  });
  afterAll(async () => {
    await server.close();
    ws.dispose();
  });

  it('renders one claim on a UB-04, in form or print mode, to any role', async () => {
    const [id] = await claimIds('healthnet');
    const form = await call(`/api/claims/${id}/ub04.pdf`, { key: finance });
    expect(form.status).toBe(200);
    expect(form.headers.get('content-type')).toBe('application/pdf');
    expect(form.headers.get('content-disposition')).toBe(`inline; filename="${id}-ub04.pdf"`);
    const formPdf = await bytes(form);
    expect(await pdfPageCount(formPdf)).toBe(1);
    const [formPage] = await pdfWords(formPdf, 'api-ub04-form');
    expect(pageText(formPage!)).toContain(id!);

    const print = await call(`/api/claims/${id}/ub04.pdf?mode=print&offsetX=3.6&offsetY=-2`, { key: billing });
    expect(print.status).toBe(200);
    const [printPage] = await pdfWords(await bytes(print), 'api-ub04-print');
    expect(pageText(printPage!)).toContain(id!);
    expect(printPage!.words.length).toBeLessThan(formPage!.words.length);

    expect((await call(`/api/claims/${id}/ub04.pdf?mode=fax`, { key: finance })).status).toBe(400);
    expect((await call('/api/claims/C999999/ub04.pdf', { key: finance })).status).toBe(404);
    expect((await call(`/api/claims/${id}/ub04.pdf`)).status).toBe(401);
    // IEHP's profile has no institutional settings.
    const [iehp] = await claimIds('iehp');
    const refused = await call(`/api/claims/${iehp}/ub04.pdf`, { key: finance });
    expect(refused.status).toBe(409);
    expect((await refused.json()).details.issues).toEqual([expect.objectContaining({ code: 'INSTITUTIONAL_PROFILE_MISSING', path: { element: 'FL 4' } })]);
  });

  it('exports UB-04 batches and draws one again in the other mode', async () => {
    const ids = await claimIds('healthnet');
    const named = await post('/api/batches', { payerId: 'healthnet', format: 'ub04', mode: 'print', offsetX: 3.6, offsetY: -2, claimIds: ids.slice(0, 1) });
    expect(named.status).toBe(201);
    const first = await named.json();
    expect(first.batch).toMatchObject({ format: 'ub04', mediaType: 'application/pdf', claimCount: 1 });
    expect(first.decisions).toEqual(expect.arrayContaining([expect.objectContaining({ claimId: ids[0], format: 'ub04', status: 'ready' })]));

    const rest = await post('/api/batches', { payerId: 'healthnet', format: 'ub04' });
    expect(rest.status).toBe(201);
    const second = await rest.json();
    expect(second.claimIds).toEqual(ids.slice(1));
    const issued = await bytes(await call(`/api/batches/${second.batch.batchId}/file`, { key: finance }));
    expect(await pdfPageCount(issued)).toBe(ids.length - 1);

    const print = await call(`/api/batches/${second.batch.batchId}/file?mode=print&offsetX=3.6`, { key: finance });
    expect(print.status).toBe(200);
    expect(print.headers.get('content-type')).toBe('application/pdf');
    expect(print.headers.get('content-disposition')).toContain(`${second.batch.batchId}-healthnet-ub04-print.pdf`);
    const printed = await bytes(print);
    expect(await pdfPageCount(printed)).toBe(ids.length - 1);
    expect(pageText((await pdfWords(printed, 'api-ub04-batch-print'))[0]!)).toContain(ids[1]!);
    // Exported in form mode: drawn again in form mode, it is the issued file.
    expect((await bytes(await call(`/api/batches/${second.batch.batchId}/file?mode=form`, { key: finance }))).equals(issued)).toBe(true);
    // The first went out in print mode with an offset: the same again draws the same bytes.
    const firstIssued = await bytes(await call(`/api/batches/${first.batch.batchId}/file`, { key: finance }));
    expect((await bytes(await call(`/api/batches/${first.batch.batchId}/file?mode=print&offsetX=3.6&offsetY=-2`, { key: finance }))).equals(firstIssued)).toBe(true);

    expect((await post('/api/batches', { payerId: 'healthnet', format: 'ub04', mode: 'fax' })).status).toBe(400);
    expect((await post('/api/batches', { payerId: 'healthnet', format: 'ub04', invoiceFormat: 'csv' })).status).toBe(400);
    const nothing = await post('/api/batches', { payerId: 'healthnet', format: 'ub04' });
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).error).toMatch(/no ready claims to send as UB-04/);
  });

  it('documents the UB-04 routes in the OpenAPI document', async () => {
    const doc = await (await call('/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/claims/{id}/ub04.pdf', '/api/claims/{id}/cms1500.pdf']));
    expect(doc.paths['/api/claims/{id}/ub04.pdf'].get.summary).toBe('One claim on a UB-04 (CMS-1450) form');
    expect(doc.components.schemas).toHaveProperty('Ub04ExportRequest');
    expect(doc.components.schemas).toHaveProperty('Cms1500ExportRequest');
  });
});
