// The Settings page over real HTTP on a real SQLite file: every role reads the organization and
// the payers; billing changes a payer's format and units (validated, stored as an import); an
// admin adds a person and hands over a working sign-in link, and makes and revokes an API key.
// Others are refused, and a form without the session's token is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { listApiKeys } from '../../src/app/api-keys.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { signedInPerson } from '../support/people.js';

let ws: Workspace;
let server: RunningServer;
let base: string;
const sessions = new Map<string, { cookie: string; csrf: string }>();

async function person(email: string, role: 'admin' | 'billing' | 'finance') {
  sessions.set(role, await signedInPerson(ws.ctx, email, role));
}

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  base = server.url;
  await person('admin@example.org', 'admin');
  await person('clerk@example.org', 'billing');
  await person('finance@example.org', 'finance');
});
afterAll(async () => {
  await server?.close();
  ws?.dispose();
});

const as = (role: string) => sessions.get(role)!;
const get = (path: string, role: string) => fetch(`${base}${path}`, { headers: { cookie: as(role).cookie }, redirect: 'manual' });
const post = (path: string, role: string, fields: Record<string, string>, withToken = true) =>
  fetch(`${base}${path}`, { method: 'POST', body: new URLSearchParams({ ...fields, ...(withToken ? { csrf: as(role).csrf } : {}) }), headers: { cookie: as(role).cookie }, redirect: 'manual' });
const payer = async (id: string) => (await ws.ctx.store.read.reference.getPayer(id))!;
const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('Settings', () => {
  it('shows every role the organization and the payers; finance sees no forms and is refused', async () => {
    const res = await get('/settings', 'finance');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<dl class="facts">');
    expect(page).toContain('Payer profiles');
    expect(page).toContain('healthnet');
    expect(page).not.toContain('action="/settings/payers/');
    expect(page).not.toContain('action="/settings/users/');
    expect(page).not.toContain('action="/settings/keys/');
    expect((await post('/settings/payers/healthnet', 'finance', { preferred: 'cms1500', fallback: 'none', minutesPerUnit: '60', increment: '1', rounding: 'up' })).status).toBe(403);
    expect((await payer('healthnet')).formats.preferred).toBe('837p');
  });

  it('lets billing change a payer\'s format and units, stored like an import', async () => {
    const page = await (await get('/settings', 'billing')).text();
    expect(page).toContain('action="/settings/payers/healthnet"');
    expect(page).not.toContain('People');
    expect(page).not.toContain('API keys');
    await buildClaims(ws.ctx, { period: '2026-10', payerId: 'healthnet' });
    const unsent = await ws.ctx.store.read.claims.list({ payerId: 'healthnet', status: 'ready' });
    expect(unsent.length).toBeGreaterThan(0);
    const saved = await post('/settings/payers/healthnet', 'billing', { preferred: 'cms1500', fallback: 'invoice', minutesPerUnit: '60', increment: '0.5', rounding: 'up' });
    expect(saved.status).toBe(200);
    const text = await saved.text();
    expect(text).toContain('Saved Health Net');
    expect(text).toMatch(/Recorded as import \d+/);
    expect(text).toMatch(/The \d+ unsent claims? of Health Net of California had their format decided again: [1-9]\d* changed/);
    expect(text).toContain('Claims already built keep their units until their month is built again');
    expect((await ws.ctx.store.read.claims.list({ payerId: 'healthnet', status: 'ready' })).every((c) => c.format !== '837p')).toBe(true);
    const after = await payer('healthnet');
    expect(after.formats).toEqual({ preferred: 'cms1500', fallback: 'invoice' });
    expect(after.units).toEqual({ minutesPerUnit: 60, increment: 0.5, rounding: 'up' });
    expect(after.feeSchedule.length).toBeGreaterThan(0);
    const trail = await ws.ctx.store.read.audit.list({ actor: 'user:clerk@example.org' });
    expect(trail.some((e) => e.action === 'settings payer' && e.target === 'payer:healthnet')).toBe(true);
    const none = await post('/settings/payers/healthnet', 'billing', { preferred: 'cms1500', fallback: 'none', minutesPerUnit: '60', increment: '0.5', rounding: 'up' });
    expect(none.status).toBe(200);
    expect((await payer('healthnet')).formats.fallback).toBeUndefined();
  });

  it('refuses an invalid unit policy in plain words and changes nothing', async () => {
    const before = await payer('healthnet');
    for (const increment of ['0', 'half']) {
      const res = await post('/settings/payers/healthnet', 'billing', { preferred: '837p', fallback: 'none', minutesPerUnit: '60', increment, rounding: 'down' });
      expect(res.status).toBe(400);
      const text = unescape(await res.text());
      expect(text).toContain(increment === '0' ? 'The unit increment must be more than 0.' : 'The unit increment must be a number.');
      expect(text).not.toContain('expected');
    }
    expect(await payer('healthnet')).toEqual(before);
    expect((await post('/settings/payers/nobody', 'billing', { preferred: '837p', fallback: 'none', minutesPerUnit: '60', increment: '1', rounding: 'down' })).status).toBe(404);
  });

  it('lets an admin add a person and shows a one-time link that works', async () => {
    const page = await (await get('/settings', 'admin')).text();
    expect(page).toContain('clerk@example.org');
    expect(page).toContain('action="/settings/users/create"');
    const res = await post('/settings/users/create', 'admin', { email: 'new@example.org', role: 'finance' });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('It works once, for 7 days, and is shown only now');
    const url = /(http:\/\/127\.0\.0\.1:\d+\/welcome\/[A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(url).toBeDefined();
    expect((await fetch(url!, { redirect: 'manual' })).status).toBe(200);
    expect((await post('/settings/users/create', 'admin', { email: 'new@example.org', role: 'finance' })).status).toBe(409);
    const again = await (await post('/settings/users/link', 'admin', { email: 'new@example.org' })).text();
    expect(again).toContain('/welcome/');
    expect(await (await post('/settings/users/signout', 'admin', { email: 'new@example.org' })).text()).toContain('new@example.org is signed out everywhere: 0 sessions ended');
    const disabled = await post('/settings/users/disable', 'admin', { email: 'new@example.org' });
    expect(await disabled.text()).toContain('new@example.org is disabled');
  });

  it('lets an admin make a key, shown once, and revoke it', async () => {
    const made = await (await post('/settings/keys/create', 'admin', { role: 'finance', label: 'reports' })).text();
    const key = /ecm_([0-9a-f]{12})_[A-Za-z0-9_-]{43}/.exec(made);
    expect(key).not.toBeNull();
    expect(made).toContain('shown only this once');
    expect((await fetch(`${base}/api/claims`, { headers: { authorization: `Bearer ${key![0]}` } })).status).toBe(200);
    const page = await (await get('/settings', 'admin')).text();
    expect(page).toContain(key![1]);
    expect(page).not.toContain(key![0]);
    const revoked = await post('/settings/keys/revoke', 'admin', { keyId: key![1]! });
    expect(revoked.status).toBe(200);
    expect((await listApiKeys(ws.ctx)).find((k) => k.keyId === key![1])?.revokedAt).toBeDefined();
    expect((await post('/settings/keys/revoke', 'admin', { keyId: key![1]! })).status).toBe(404);
  });

  it('refuses billing the people and key forms, and any form without the session\'s token', async () => {
    expect((await post('/settings/users/create', 'billing', { email: 'x@example.org', role: 'admin' })).status).toBe(403);
    expect((await post('/settings/keys/create', 'billing', { role: 'admin' })).status).toBe(403);
    const noToken = await post('/settings/payers/iehp', 'billing', { preferred: '837p', fallback: 'none', minutesPerUnit: '60', increment: '1', rounding: 'up' }, false);
    expect(noToken.status).toBe(403);
    expect((await payer('iehp')).formats.preferred).toBe('invoice');
    expect((await post('/settings/keys/create', 'admin', { role: 'admin' }, false)).status).toBe(403);
    expect((await fetch(`${base}/settings`, { redirect: 'manual' })).status).toBe(303);
  });
});
