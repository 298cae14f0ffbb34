// The Today and Send pages over real HTTP on a real SQLite file: what needs attention, building a
// month, exporting an 837P and downloading it, marking it sent; finance sees but cannot act, and
// a form without the session's token is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { listAudit } from '../../src/app/audit.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { signedInPerson } from '../support/people.js';

let ws: Workspace;
let server: RunningServer;
const sessions = new Map<string, { cookie: string; csrf: string }>();

async function person(email: string, role: 'admin' | 'billing' | 'finance') {
  sessions.set(role, await signedInPerson(ws.ctx, email, role));
}

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  await person('clerk@example.org', 'billing');
  await person('finance@example.org', 'finance');
});
afterAll(async () => {
  await server?.close();
  ws?.dispose();
});

const as = (role: string) => sessions.get(role)!;
const get = (path: string, role: string) => fetch(`${server.url}${path}`, { headers: { cookie: as(role).cookie }, redirect: 'manual' });
const post = (path: string, role: string, fields: Record<string, string>, withToken = true) =>
  fetch(`${server.url}${path}`, { method: 'POST', body: new URLSearchParams({ ...fields, ...(withToken ? { csrf: as(role).csrf } : {}) }), headers: { cookie: as(role).cookie }, redirect: 'manual' });

describe('Today and Send', () => {
  it('builds a month from the Send page and then shows what is ready on Today', async () => {
    const built = await post('/send/build', 'billing', { period: '2026-10', payer: '' });
    expect(built.status).toBe(200);
    const page = await built.text();
    expect(page).toMatch(/Built \d+ claims for 2026-10: \d+ ready, \d+ held with errors/);
    const today = await (await get('/', 'billing')).text();
    expect(today).toContain('claims ready to send');
    expect(today).toMatch(/Claims ready to send, by payer and format \(\d+\)/);
    expect(today).toContain('href="/send?payer=healthnet"');
  });

  it('checks a payer\'s unsent claims again on request', async () => {
    const checked = await (await post('/send/validate', 'billing', { payer: 'healthnet' })).text();
    expect(checked).toMatch(/Checked \d+ unsent claims again for today: \d+ ready, \d+ held/);
  });

  it('exports the ready 837P claims, offers the file, and marks the batch sent', async () => {
    const send = await (await get('/send?payer=healthnet', 'billing')).text();
    expect(send).toContain('Export the ready 837P claims');
    const exported = await (await post('/send/export', 'billing', { payer: 'healthnet', format: '837p' })).text();
    const batchId = /Batch (B\d{6}):/.exec(exported)?.[1];
    expect(batchId).toBeDefined();
    const file = await get(`/api/batches/${batchId}/file`, 'billing');
    expect(file.status).toBe(200);
    expect((await file.text()).startsWith('ISA*')).toBe(true);
    const sent = await (await post('/send/submit', 'billing', { batchId: batchId!, date: '2026-11-25' })).text();
    expect(sent).toContain(`batch ${batchId} sent on 2026-11-25`);
    const audit = await listAudit(ws.ctx, {});
    expect(audit.filter((e) => e.actor === 'user:clerk@example.org').map((e) => `${e.action} ${e.target} ${e.outcome}`)).toEqual(
      expect.arrayContaining(['POST /send/export 200', 'POST /send/submit 200']),
    );
  });

  it('says in words why an action could not be done', async () => {
    const bad = await post('/send/build', 'billing', { period: '2026-13' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('the month must be written YYYY-MM');
  });

  it('shows finance the page without its forms, and refuses their posts', async () => {
    const page = await (await get('/send?payer=healthnet', 'finance')).text();
    expect(page).toContain('Batches for');
    expect(page).not.toContain('action="/send/export"');
    expect(page).not.toContain('action="/send/build"');
    expect((await post('/send/build', 'finance', { period: '2026-10' })).status).toBe(403);
  });

  it('refuses a form without the session\'s token, and sends a signed-out visitor to sign in', async () => {
    expect((await post('/send/build', 'billing', { period: '2026-10' }, false)).status).toBe(403);
    const signedOut = await fetch(`${server.url}/send?payer=healthnet`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/signin?next=%2Fsend%3Fpayer%3Dhealthnet');
  });
});
