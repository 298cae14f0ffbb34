// The remittance routes on the real HTTP server (loopback, port 0) with real keys: a raw X12
// body in, the same file again, a file that cannot be read, who may do what, the send date,
// manual payments, a claim's timeline and the unmatched list.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { buildClaims } from '../../../src/app/claims/build.js';
import { showClaim } from '../../../src/app/claims/claim-queries.js';
import { exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import type { BatchRecord } from '../../../src/store/batch-store.js';
import { loadSamples } from '../../support/workspace.js';
import { clockWorkspace, type ClockWorkspace } from '../../support/clock-workspace.js';
import { file277ca, file835 } from '../../support/payer-files.js';
import { apiClient } from '../../support/runners.js';

let ws: ClockWorkspace;
let server: RunningServer;
let billing: string;
let finance: string;
let batch: BatchRecord;
let claimIds: string[];
const logLines: string[] = [];

beforeAll(async () => {
  ws = clockWorkspace('2026-11-10');
  ws.ctx.logger = { info: (e, f) => logLines.push(JSON.stringify({ e, ...f })), error: (e, f) => logLines.push(JSON.stringify({ e, ...f })) };
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
  batch = report.batch!;
  claimIds = [...report.claimIds].sort();
  ws.setDate('2026-11-25');
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  billing = (await createApiKey(ws.ctx, 'billing')).key;
  finance = (await createApiKey(ws.ctx, 'finance')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

const call = apiClient(() => server.url);
const postJson = (path: string, body: unknown, key = billing) => call(path, { method: 'POST', key, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const id = (i: number) => claimIds[i]!;
const charge = async (i: number) => (await showClaim(ws.ctx, id(i))).totalCharge;

describe('remittance routes', () => {
  it('records the send date of a batch, once', async () => {
    const res = await postJson(`/api/batches/${batch.batchId}/submitted`, { date: '2026-11-18' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ batchId: batch.batchId, submittedOn: '2026-11-18', alreadyRecorded: false });
    expect((await postJson(`/api/batches/${batch.batchId}/submitted`, { date: '2026-11-19' })).status).toBe(409);
    expect((await postJson(`/api/batches/${batch.batchId}/submitted`, { date: '18/11/2026' })).status).toBe(400);
    expect((await postJson('/api/batches/B999999/submitted', {})).status).toBe(404);
    expect((await postJson(`/api/batches/${batch.batchId}/submitted`, {}, finance)).status).toBe(403);
  });

  it('ingests a raw 277CA body, and the same file again changes nothing', async () => {
    const text = file277ca(
      { control: 500, date: '2026-11-20' },
      {
        receivedDate: '2026-11-19',
        claims: [
          { claimId: id(0), accepted: true, statusDate: '2026-11-19', charge: await charge(0), payerClaimControlNumber: 'HNX1' },
          { claimId: id(1), accepted: true, statusDate: '2026-11-19', charge: await charge(1), payerClaimControlNumber: 'HNX2' },
          { claimId: 'C777777', accepted: true, statusDate: '2026-11-19', charge: '20.00', payerClaimControlNumber: 'HNX7' },
        ],
      },
    );
    const first = await call('/api/remittances?name=../../etc/277ca nov.x12', { method: 'POST', key: billing, headers: { 'content-type': 'application/edi-x12' }, body: text });
    expect(first.status).toBe(201);
    const report = await first.json();
    expect(report).toMatchObject({ duplicate: false, file: { kinds: ['277CA'], events: 2, unmatched: 1 } });
    expect(report.file.source).toMatch(/^api:key:[0-9a-f]{12}:277ca_nov\.x12$/);
    expect(report.statusChanges.map((c: { to: string }) => c.to)).toEqual(['accepted', 'accepted']);

    const again = await call('/api/remittances', { method: 'POST', key: billing, headers: { 'content-type': 'text/plain' }, body: text });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true, file: { fileId: report.file.fileId } });

    const form = new FormData();
    form.append('file', new Blob([text], { type: 'application/octet-stream' }), '277ca.x12');
    const upload = await call('/api/remittances', { method: 'POST', key: billing, body: form });
    expect(upload.status).toBe(200);
    expect((await upload.json()).duplicate).toBe(true);

    const timeline = await (await call(`/api/claims/${id(0)}/timeline`, { key: finance })).json();
    expect(timeline.history).toMatchObject({ status: 'accepted', receiptDate: '2026-11-19', submittedDate: '2026-11-18', clean: true });
  });

  it('posts an 835 uploaded as a form, with its payment on the claim', async () => {
    const text = file835({ control: 501, date: '2026-11-24' }, [
      { trace: 'EFT9001', paymentDate: '2026-11-24', claims: [{ claimId: id(0), status: '1', charge: await charge(0), paid: await charge(0), payerClaimControlNumber: 'HNX1', receivedDate: '2026-11-19' }] },
    ]);
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'application/octet-stream' }), '835-nov.x12');
    const res = await call('/api/remittances', { method: 'POST', key: billing, body: form });
    expect(res.status).toBe(201);
    expect((await res.json()).file.source).toMatch(/:835-nov\.x12$/);
    const timeline = await (await call(`/api/claims/${id(0)}/timeline`, { key: finance })).json();
    expect(timeline).toMatchObject({ status: 'paid', history: { paid: await charge(0), paymentDate: '2026-11-24' } });
    expect(timeline.events.at(-1)).toMatchObject({ kind: 'paid', amount: await charge(0), details: { traceNumber: 'EFT9001' } });
  });

  it('refuses a file it cannot read with the segment named, and a finance key may not post one', async () => {
    const broken = file835({ control: 502, date: '2026-11-24' }, [{ trace: 'T', paymentDate: '2026-11-24', claims: [] }]).replace('BPR*', 'BPR*X*');
    const filesBefore = (await ws.ctx.store.read.remittances.listFiles()).length;
    const res = await call('/api/remittances', { method: 'POST', key: billing, headers: { 'content-type': 'application/edi-x12' }, body: broken });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('the payer file cannot be read: segment BPR at position 4, transaction set 0001: BPR02 (total actual provider payment amount) "H" is not an amount');
    expect(body.details).toEqual({ location: { segment: 'BPR', position: 4, transaction: '0001' } });
    const cut = await call('/api/remittances', { method: 'POST', key: billing, headers: { 'content-type': 'application/edi-x12' }, body: file835({ control: 503, date: '2026-11-24' }, []).slice(0, 150) });
    expect(cut.status).toBe(400);
    expect((await cut.json()).error).toMatch(/truncated/);
    expect(await ws.ctx.store.read.remittances.listFiles()).toHaveLength(filesBefore);
    expect((await call('/api/remittances', { method: 'POST', key: billing, headers: { 'content-type': 'text/plain' } })).status).toBe(400);
    expect((await call('/api/remittances', { method: 'POST', key: finance, headers: { 'content-type': 'text/plain' }, body: 'ISA' })).status).toBe(403);
    expect((await call('/api/remittances', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'ISA' })).status).toBe(401);
  });

  it('lists the unmatched items and the files to every role', async () => {
    const res = await call('/api/remittances/unmatched', { key: finance });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      expect.objectContaining({ source: '277CA', claimId: 'C777777', payerClaimControlNumber: 'HNX7', reason: 'no claim C777777 (payer claim control number HNX7)', senderId: 'HNMC1', interchangeControl: '000000500' }),
    ]);
    const files = await (await call('/api/remittances', { key: finance })).json();
    expect(files.map((f: { kinds: string[] }) => f.kinds[0])).toEqual(['835', '277CA']);
  });

  it('records a manual payment for an invoice, once', async () => {
    const invoice = (await ws.ctx.store.read.claims.list({ payerId: 'iehp' }))[0]!;
    const body = { claimId: invoice.id, date: '2026-11-21', amount: invoice.totalCharge, reference: 'CHK 12' };
    const first = await postJson('/api/payments', body);
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ status: 'paid', paid: invoice.totalCharge, duplicate: false });
    const again = await postJson('/api/payments', body);
    expect(again.status).toBe(200);
    expect((await again.json()).duplicate).toBe(true);
    expect((await postJson('/api/payments', { ...body, amount: '12.345' })).status).toBe(400);
    expect((await postJson('/api/payments', { ...body, claimId: 'C999999' })).status).toBe(404);
    expect((await postJson('/api/payments', body, finance)).status).toBe(403);
    expect((await call('/api/claims/C999999/timeline', { key: finance })).status).toBe(404);
  });

  it('documents the routes and keeps member data out of the log', async () => {
    const doc = await (await call('/openapi.json')).json();
    for (const path of ['/api/remittances', '/api/remittances/unmatched', '/api/batches/{id}/submitted', '/api/payments', '/api/claims/{id}/timeline', '/api/metrics/timeliness', '/api/metrics/late-claims']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const log = logLines.join('\n');
    expect(log).toContain('payer_file.ingested');
    for (const member of ['91234567A', '92345678B', '93456789C', 'Garcia', 'MEMBER', 'TEST']) expect(log).not.toContain(member);
  });
});
