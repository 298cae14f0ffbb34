// The real HTTP server on a free loopback port, a real SQLite file, real keys.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { apiClient } from '../support/runners.js';

let ws: Workspace;
let server: RunningServer;
let billing: string;
let finance: string;
let admin: string;
const logLines: string[] = [];

beforeAll(async () => {
  ws = workspace({ logger: { info: (e, f) => logLines.push(JSON.stringify({ e, ...f })), error: (e, f) => logLines.push(JSON.stringify({ e, ...f })) } });
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  billing = (await createApiKey(ws.ctx, 'billing')).key;
  finance = (await createApiKey(ws.ctx, 'finance')).key;
  admin = (await createApiKey(ws.ctx, 'admin')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

const call = apiClient(() => server.url);

const sample = (name: string) => readFileSync(join(SAMPLES, name), 'utf8');

describe('HTTP API', () => {
  it('listens on loopback and answers /health without a key', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /api/health like /health, without a key, and lists it in the OpenAPI document', async () => {
    const health = await (await call('/health')).json();
    for (const key of [undefined, finance, 'not-a-key']) {
      const res = await call('/api/health', { key });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(health);
    }
    expect((await call('/api/health', { method: 'HEAD' })).status).toBe(200);
    expect((await call('/api/health', { method: 'POST' })).status).toBe(401);
    expect((await call('/api/healthz')).status).toBe(401);
    const doc = await (await call('/openapi.json')).json();
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(Object.keys(doc.paths['/api/health'])).toEqual(['get']);
  });

  it('refuses /api without a key (401) and with a made-up key', async () => {
    const none = await call('/api/claims');
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ error: expect.stringContaining('API key') });
    expect((await call('/api/claims', { key: 'ecm_000000000000_' + 'x'.repeat(43) })).status).toBe(401);
    expect((await call('/api/claims', { key: billing.slice(0, -1) + (billing.endsWith('A') ? 'B' : 'A') })).status).toBe(401);
  });

  it('imports JSON and CSV, builds and shows a claim with a billing key', async () => {
    const json = (path: string, body: unknown) => call(path, { method: 'POST', key: billing, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await json('/api/imports/organization', JSON.parse(sample('organization.json')))).status).toBe(200);
    expect((await json('/api/imports/payers', JSON.parse(sample('payers.json')))).status).toBe(200);
    for (const kind of ['staff', 'members']) {
      const res = await call(`/api/imports/${kind}`, { method: 'POST', key: billing, headers: { 'content-type': 'text/csv' }, body: sample(`${kind}.csv`) });
      expect(res.status).toBe(200);
      expect((await res.json()).counts.rejected).toBe(0);
    }
    const form = new FormData();
    form.append('file', new Blob([sample('services.csv')], { type: 'text/csv' }), 'services.csv');
    const upload = await call('/api/imports/services', { method: 'POST', key: billing, body: form });
    expect(upload.status).toBe(200);
    expect((await upload.json()).counts).toMatchObject({ rowsRead: 10, inserted: 10 });

    const build = await json('/api/claims/build', { period: '2026-10' });
    expect(build.status).toBe(200);
    const report = await build.json();
    expect(report.notBilled[0].serviceIds).toEqual(['SL-1010']);
    const id = report.claims.find((c: { memberCin: string }) => c.memberCin === '91234567A').id;

    const show = await call(`/api/claims/${id}`, { key: finance });
    expect(show.status).toBe(200);
    const claim = await show.json();
    expect(claim.totalCharge).toBe('498.75');
    expect(claim.lines.map((l: { code: string; modifiers: string[]; units: string }) => `${l.code} ${l.modifiers.join(' ')} ${l.units}`)).toEqual(['G9008 U1 1.5', 'G9012 U2 GQ 0.75', 'G9012 U2 1', 'G9008 U1 GQ 0.25']);

    const list = await call('/api/claims?period=2026-10', { key: finance });
    expect((await list.json()).length).toBe(3);
  });

  it('reports bad rows of an upload with line and column', async () => {
    const res = await call('/api/imports/services', {
      method: 'POST',
      key: billing,
      headers: { 'content-type': 'text/csv' },
      body: 'service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service\nX1,91234567A,2026-10-03,60,S404,ecm,in_person,12\n',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.issues[0]).toMatchObject({ line: 2, column: 'staff_id', severity: 'error' });
  });

  it('gives a finance key 403 on import and build, but lets it read', async () => {
    const res = await call('/api/imports/staff', { method: 'POST', key: finance, headers: { 'content-type': 'text/csv' }, body: sample('staff.csv') });
    expect(res.status).toBe(403);
    expect((await call('/api/claims/build', { method: 'POST', key: finance })).status).toBe(403);
    expect((await call('/api/claims', { key: finance })).status).toBe(200);
  });

  it('keeps key management to admins', async () => {
    expect((await call('/api/keys', { key: billing })).status).toBe(403);
    const created = await call('/api/keys', { method: 'POST', key: admin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'finance' }) });
    expect(created.status).toBe(201);
    const { key, keyId } = await created.json();
    expect((await call('/api/claims', { key })).status).toBe(200);
    expect((await call(`/api/keys/${keyId}`, { method: 'DELETE', key: admin })).status).toBe(204);
    expect((await call('/api/claims', { key })).status).toBe(401);
  });

  it('answers bad input with {error, details} and the right status, never a stack trace', async () => {
    const badPeriod = await call('/api/claims?period=2026-13', { key: finance });
    expect(badPeriod.status).toBe(400);
    const body = await badPeriod.json();
    expect(body.error).toMatch(/period/);
    expect(body.details).toBeDefined();
    const missing = await call('/api/claims/C999999', { key: finance });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'claim C999999 does not exist', details: null });
    const badJson = await call('/api/imports/payers', { method: 'POST', key: billing, headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(JSON.stringify(await badJson.json())).not.toMatch(/at .*\.ts:\d+/);
  });

  it('publishes the OpenAPI document generated from the schemas, and a docs page', async () => {
    const doc = await (await call('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/imports/{kind}', '/api/claims/build', '/api/claims', '/api/claims/{id}']));
    expect(doc.components.schemas.ClaimDetail.properties.totalCharge.type).toBe('string');
    const docs = await call('/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('/api/claims/build');
  });

  it('writes no member data to its logs', async () => {
    const logs = logLines.join('\n');
    expect(logs).toContain('import.finished');
    for (const secret of ['Garcia', 'Maria', '91234567A', '1958-03-14', '455 Elm', "O'Brien", '92345678B']) expect(logs).not.toContain(secret);
  });
});
