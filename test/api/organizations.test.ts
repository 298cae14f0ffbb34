// Two organizations on one deployment, each with a key and a person: every id route and every
// workspace page answers one organization's key or session with its own data only, 404 for an
// id that exists only in the other's; and a platform key manages organizations and sees no data.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { withOrganization, type AppContext } from '../../src/app/context.js';
import { runDemo } from '../../src/app/demo/run-demo.js';
import { submitJob } from '../../src/app/jobs/jobs.js';
import { EXAMPLES, loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { signedInPerson, type SignedInPerson } from '../support/people.js';

let ws: Workspace;
let server: RunningServer;
let north: AppContext;
let acme: AppContext;
let outDir: string;
const keys = { north: '', acme: '', platform: '' };
let person: { north: SignedInPerson; acme: SignedInPerson };

/** ids that exist in acme and not in north, by kind */
const only = { claims: [] as string[], batches: [] as string[], invoices: [] as string[], imports: [] as number[], files: [] as number[], keyIds: [] as string[], jobs: [] as number[] };

const api = (path: string, key: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) } });
const page = (path: string, who: SignedInPerson) => fetch(`${server.url}${path}`, { headers: { cookie: who.cookie }, redirect: 'manual' });

async function json<T>(res: Response): Promise<T> {
  expect(res.status, await res.clone().text()).toBeLessThan(300);
  return (await res.json()) as T;
}

/** Each route that names an id, with the kind of id it takes and the body a write needs. */
const ID_ROUTES: ReadonlyArray<[string, string, keyof typeof only, ((id: string) => unknown)?]> = [
  ['GET', '/api/claims/{id}', 'claims'],
  ['GET', '/api/claims/{id}/timeline', 'claims'],
  ['GET', '/api/claims/{id}/proof', 'claims'],
  ['GET', '/api/claims/{id}/cms1500.pdf', 'claims'],
  ['GET', '/api/claims/{id}/ub04.pdf', 'claims'],
  ['POST', '/api/claims/{id}/corrections', 'claims', () => ({ kind: 'void', payerClaimNumber: 'PCN1' })],
  ['GET', '/api/batches/{id}', 'batches'],
  ['GET', '/api/batches/{id}/file', 'batches'],
  ['POST', '/api/batches/{id}/submitted', 'batches', () => ({ date: '2026-11-20' })],
  ['GET', '/api/invoices/{id}', 'invoices'],
  ['GET', '/api/invoices/{id}.csv', 'invoices'],
  ['GET', '/api/invoices/{id}.pdf', 'invoices'],
  ['GET', '/api/imports/{id}/issues', 'imports'],
  ['DELETE', '/api/keys/{id}', 'keyIds'],
  ['GET', '/api/jobs/{id}', 'jobs'],
];

const ACME_PAYERS = (JSON.parse(readFileSync(join(EXAMPLES, 'payers.json'), 'utf8')) as Array<{ name: string }>).map((p) => p.name);

beforeAll(async () => {
  ws = workspace();
  north = withOrganization(ws.ctx, 'north');
  acme = withOrganization(ws.ctx, 'acme');
  await loadSamples(north);
  await buildClaims(north, { payerId: 'iehp' });
  outDir = mkdtempSync(join(tmpdir(), 'ecm-orgs-'));
  await runDemo(acme, { examplesDir: EXAMPLES, outDir });
  keys.north = (await createApiKey(north, 'admin')).key;
  keys.acme = (await createApiKey(acme, 'admin')).key;
  keys.platform = (await createApiKey(withOrganization(ws.ctx, null), 'platform')).key;
  person = { north: await signedInPerson(north, 'pat@north.example', 'admin'), acme: await signedInPerson(acme, 'sam@acme.example', 'admin') };
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });

  const northClaims = new Set((await north.store.read.claims.list()).map((c) => c.id));
  only.claims = (await acme.store.read.claims.list()).map((c) => c.id).filter((id) => !northClaims.has(id));
  only.batches = (await acme.store.read.batches.list()).map((b) => b.batchId);
  only.invoices = (await acme.store.read.documents.listInvoices()).map((i) => i.number);
  const northImports = new Set((await north.store.read.imports.list()).map((i) => i.importId));
  only.imports = (await acme.store.read.imports.list()).map((i) => i.importId).filter((id) => !northImports.has(id));
  only.files = (await acme.store.read.remittances.listFiles(100)).map((f) => f.fileId);
  only.keyIds = (await acme.store.read.keys.list()).map((k) => k.keyId);
  // A job that fails at once (no such payer) and changes nothing, so the ids above stay as they are.
  only.jobs = [(await submitJob(acme, { kind: 'export', request: { payerId: 'no-such-payer', format: '837p' } })).jobId];
}, 120_000);

afterAll(async () => {
  await server?.close();
  ws?.dispose();
  rmSync(outDir, { recursive: true, force: true });
});

describe('two organizations on one deployment', () => {
  it('has data in both, numbered from C000001 in each, and ids that exist only in the second', async () => {
    expect((await north.store.read.claims.list())[0]?.id).toBe('C000001');
    expect((await acme.store.read.claims.list())[0]?.id).toBe('C000001');
    for (const [kind, ids] of Object.entries(only)) expect(ids.length, kind).toBeGreaterThan(0);
  });

  it("answers 404 to one organization's key for every id route naming an id only the other has", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.includes('{id}') && !path.startsWith('/api/organizations'))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    // Every documented route with an id is probed: a new one fails here until it is added.
    expect(documented.sort()).toEqual(ID_ROUTES.map(([method, path]) => `${method} ${path}`).sort());
    const probes = ID_ROUTES.flatMap(([method, template, kind, body]) =>
      (kind === 'claims' ? only.claims.slice(0, 3) : only[kind]).map((id): [string, string, unknown?] => [method, template.replace('{id}', String(id)), body?.(String(id))]),
    );
    probes.push(...only.claims.slice(0, 3).map((id): [string, string, unknown?] => ['POST', '/api/payments', { claimId: id, date: '2026-11-20', amount: '1.00' }]));
    const before = await acme.store.read.claims.list();
    const wrong: string[] = [];
    for (const [method, path, body] of probes) {
      const res = await api(path, keys.north, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      await res.arrayBuffer();
      if (res.status !== 404) wrong.push(`${method} ${path}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
    // The same reads with the other organization's key find them: the ids are real.
    for (const [method, path] of probes.filter(([m, p]) => m === 'GET' && !p.endsWith('.pdf'))) {
      const res = await api(path, keys.acme, { method });
      await res.arrayBuffer();
      expect(res.status, `${method} ${path}`).toBe(200);
    }
    expect(await acme.store.read.claims.list()).toEqual(before);
    expect((await acme.store.read.keys.list()).every((k) => !k.revokedAt)).toBe(true);
  });

  it("lists only the key's own organization's claims, batches, invoices, files, keys, audit and figures", async () => {
    const claims = await json<Array<{ id: string; payerId: string }>>(await api('/api/claims', keys.north));
    expect(claims.map((c) => c.id)).toEqual((await north.store.read.claims.list()).map((c) => c.id));
    expect(new Set(claims.map((c) => c.payerId))).toEqual(new Set(['iehp']));
    expect(await json<unknown[]>(await api('/api/batches', keys.north))).toEqual([]);
    expect(await json<unknown[]>(await api('/api/invoices', keys.north))).toEqual([]);
    expect(await json<unknown[]>(await api('/api/remittances', keys.north))).toEqual([]);
    expect(await json<unknown[]>(await api('/api/remittances/unmatched', keys.north))).toEqual([]);
    const northKeys = await json<Array<{ keyId: string }>>(await api('/api/keys', keys.north));
    expect(northKeys.map((k) => k.keyId)).toEqual([keys.north.slice(4, 16)]);
    const audit = await json<Array<{ actor: string }>>(await api('/api/audit?limit=1000', keys.north));
    expect(audit.some((e) => e.actor.includes('acme') || e.actor === `key:${keys.acme.slice(4, 16)}`)).toBe(false);
    const timeliness = JSON.stringify(await json<unknown>(await api('/api/metrics/timeliness', keys.north)));
    for (const payer of ['valleycrest', 'sierraoak', 'goldencoast', 'deltabay', 'redwoodshore']) expect(timeliness).not.toContain(payer);
    const theirs = JSON.stringify(await json<unknown>(await api('/api/metrics/timeliness', keys.acme)));
    expect(theirs).toContain('valleycrest');
  });

  it("shows a signed-in person their organization's pages only, and 404 for the other's ids", async () => {
    for (const id of only.claims.slice(0, 3)) expect((await page(`/claims/${id}`, person.north)).status, id).toBe(404);
    for (const id of only.imports) {
      expect((await page(`/upload/imports/${id}`, person.north)).status).toBe(404);
      expect((await page(`/upload/imports/${id}/rejected.csv`, person.north)).status).toBe(404);
    }
    for (const path of ['/', '/claims', '/send', '/payer-files', '/upload', '/settings', '/dashboard']) {
      const res = await page(path, person.north);
      const text = await res.text();
      expect(res.status, path).toBe(200);
      for (const name of ACME_PAYERS) expect(text, `${path} shows ${name}`).not.toContain(name);
      for (const id of only.batches) expect(text, `${path} shows ${id}`).not.toContain(id);
    }
    const theirs = await (await page('/claims', person.acme)).text();
    expect(ACME_PAYERS.some((name) => theirs.includes(name)) || theirs.includes('valleycrest')).toBe(true);
  });

  it('gives a platform key the organizations and nothing of their data', async () => {
    expect((await api('/api/claims', keys.platform)).status).toBe(403);
    expect((await api('/api/metrics/timeliness', keys.platform)).status).toBe(403);
    expect((await api('/api/organizations', keys.north)).status).toBe(403);
    const orgs = await json<Array<{ id: string; name?: string }>>(await api('/api/organizations', keys.platform));
    expect(orgs.map((o) => o.id)).toEqual(['acme', 'north']);
    expect(orgs.every((o) => typeof o.name === 'string')).toBe(true);
    expect((await api('/api/organizations', keys.platform, { method: 'POST', body: JSON.stringify({ id: 'Bad Id' }) })).status).toBe(400);
    expect((await api('/api/organizations', keys.platform, { method: 'POST', body: JSON.stringify({ id: 'hub-7' }) })).status).toBe(201);
    expect((await api('/api/organizations', keys.platform, { method: 'POST', body: JSON.stringify({ id: 'hub-7' }) })).status).toBe(409);
    expect((await api('/api/organizations/nope/keys', keys.platform, { method: 'POST', body: JSON.stringify({ role: 'admin' }) })).status).toBe(404);
    const created = await json<{ key: string; org: string }>(await api('/api/organizations/hub-7/keys', keys.platform, { method: 'POST', body: JSON.stringify({ role: 'admin' }) }));
    expect(created.org).toBe('hub-7');
    // The new organization's first admin works in an organization of its own, empty so far.
    expect(await json<unknown[]>(await api('/api/claims', created.key))).toEqual([]);
    expect(await json<unknown[]>(await api('/api/batches', created.key))).toEqual([]);
    const user = await json<{ orgId: string; link: string }>(
      await api('/api/organizations/hub-7/users', keys.platform, { method: 'POST', body: JSON.stringify({ email: 'lee@hub7.example', role: 'admin' }) }),
    );
    expect(user.orgId).toBe('hub-7');
    expect(user.link).toMatch(/^lnk_/);
  });
});
