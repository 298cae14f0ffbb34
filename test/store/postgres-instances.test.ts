// Two service instances on one PostgreSQL database, as behind a load balancer: imports and builds
// go through both, exports for the same payer race through both, and one instance is killed with
// SIGKILL in the middle of an export job. Every ready claim ends in exactly one batch, no
// interchange control number repeats, every file reads back as X12, and the killed job is
// finished once by the other instance.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createApiKey } from '../../src/app/api-keys.js';
import { createContext, fixedClock } from '../../src/app/context.js';
import { generateInput } from '../../bench/generate.js';
import { startInstance, stopInstances, type Instance } from '../../bench/instances.js';
import { readClaims } from '../x12/read-back.js';
import { parseWithX12Parser } from '../x12/fixtures.js';
import { NOW, SAMPLES } from '../support/workspace.js';
import { underCi } from '../support/prerequisites.js';
import { appDatabase, postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const LEASE_SECONDS = 2;

const unavailable = postgresUnavailable();
if (unavailable) {
  if (underCi()) throw new Error(`CI=true and ${unavailable}`);
  console.warn(`skipped: the two-instance tests; ${unavailable}`);
}

interface Job {
  jobId: number;
  kind: string;
  state: string;
  attempts: number;
  takenBy?: string;
  progress?: { claimsWritten?: number };
  result?: { batch?: { batchId: string; claimCount: number } };
  error?: string;
}

let cluster: TestPostgres | undefined;
let dbUrl: string;
let dir: string;
let key: string;
const instances: Instance[] = [];
let ready: string[] = [];

async function start(): Promise<Instance> {
  const instance = await startInstance({ ECM_DB: dbUrl, ECM_NOW: NOW, ECM_JOB_LEASE_SECONDS: String(LEASE_SECONDS), ECM_JOB_POLL_MS: '100' });
  instances.push(instance);
  return instance;
}

function call(at: Instance, path: string, init: RequestInit & { async?: boolean } = {}): Promise<Response> {
  const headers = { authorization: `Bearer ${key}`, ...(init.async ? { prefer: 'respond-async' } : {}), ...(init.headers as Record<string, string> | undefined) };
  return fetch(`${at.url}${path}`, { ...init, headers });
}

const post = (at: Instance, path: string, body: string | Buffer, type: string, async = false) => call(at, path, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': type }, async });

async function ok<T>(res: Response, status = [200, 201, 202]): Promise<T> {
  const text = await res.text();
  expect(status, text).toContain(res.status);
  return JSON.parse(text) as T;
}

async function settled(at: Instance, jobId: number, timeoutMs = 120_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await ok<Job>(await call(at, `/api/jobs/${jobId}`));
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not end`);
}

beforeAll(async () => {
  if (unavailable) return;
  dir = mkdtempSync(join(tmpdir(), 'ecm-instances-'));
  cluster = await startTestPostgres();
  dbUrl = await appDatabase(cluster.url);
  const ctx = createContext({ dbPath: dbUrl, clock: fixedClock(NOW), org: 'default' });
  key = (await createApiKey(ctx, 'admin')).key;
  ctx.store.close();
  await start();
  await start();
}, 60_000);

afterAll(async () => {
  await stopInstances(instances);
  await cluster?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What the database holds about batches, read under the administrator (no organization set). */
async function invariants() {
  const client = new pg.Client({ connectionString: cluster!.url.replace(/\/postgres$/, `/${new URL(dbUrl).pathname.slice(1)}`) });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows as Array<Record<string, unknown>>;
    return {
      claimsInTwoBatches: await q('SELECT claim_id FROM batch_claims GROUP BY org_id, claim_id HAVING count(*) > 1'),
      repeatedInterchanges: await q('SELECT interchange_control FROM batches GROUP BY org_id, sender_id, interchange_control HAVING count(*) > 1'),
      readyLeft: Number((await q("SELECT count(*) AS n FROM claims WHERE status = 'ready'"))[0]!.n),
      batchedClaims: Number((await q('SELECT count(*) AS n FROM batch_claims'))[0]!.n),
      batches: (await q('SELECT batch_id, claim_count FROM batches ORDER BY batch_id')).map((r) => ({ batchId: String(r.batch_id), claimCount: Number(r.claim_count) })),
    };
  } finally {
    await client.end();
  }
}

/** The batch's file read back: one interchange, its control number as recorded, every claim in it. */
async function checkFile(at: Instance, batchId: string, claimCount: number): Promise<void> {
  const text = await (await call(at, `/api/batches/${batchId}/file`)).text();
  const batch = await ok<{ interchangeControl: string }>(await call(at, `/api/batches/${batchId}`));
  const segments = await parseWithX12Parser(text);
  expect(segments[0]!.name).toBe('ISA');
  expect(segments.at(-1)!.name).toBe('IEA');
  expect(text.slice(90, 99)).toBe(batch.interchangeControl);
  expect(readClaims(segments)).toHaveLength(claimCount);
}

describe.skipIf(unavailable)('two instances on one PostgreSQL database', () => {
  it('imports and builds through both instances', async () => {
    const [a, b] = instances as [Instance, Instance];
    const generated = await generateInput(dir, { members: 4000, rowsPerMember: 3, period: '2026-10', payers: ['healthnet'] });
    await ok(await post(a, '/api/imports/organization', readFileSync(join(SAMPLES, 'organization.json')), 'application/json'));
    await ok(await post(b, '/api/imports/payers', readFileSync(join(SAMPLES, 'payers.json')), 'application/json'));
    await ok(await post(a, '/api/imports/staff', readFileSync(join(SAMPLES, 'staff.csv')), 'text/csv'));
    const members = await ok<Job>(await post(b, '/api/imports/members', readFileSync(generated.members), 'text/csv', true));
    expect((await settled(a, members.jobId)).state).toBe('done');
    const services = await ok<Job>(await post(a, '/api/imports/services', readFileSync(generated.services), 'text/csv', true));
    expect(await settled(b, services.jobId)).toMatchObject({ state: 'done', result: { counts: expect.objectContaining({ inserted: generated.serviceCount, rejected: 0 }) } });

    const built = await settled(b, (await ok<Job>(await post(a, '/api/claims/build', JSON.stringify({ payerId: 'healthnet' }), 'application/json', true))).jobId);
    expect(built.state, built.error).toBe('done');
    ready = (await ok<Array<{ id: string; status: string }>>(await call(b, '/api/claims?status=ready&limit=1000'))).map((c) => c.id);
    expect(ready.length).toBeGreaterThan(500);
  }, 300_000);

  it('puts every ready claim of a payer in exactly one batch when exports race through both instances', async () => {
    const [a, b] = instances as [Instance, Instance];
    // The same claims named in each: one export takes them, the others find them taken.
    const body = JSON.stringify({ payerId: 'healthnet', format: '837p', claimIds: ready.slice(0, 300) });
    const answers = await Promise.all([post(a, '/api/batches', body, 'application/json'), post(b, '/api/batches', body, 'application/json'), post(a, '/api/batches', body, 'application/json', true), post(b, '/api/batches', body, 'application/json', true)]);
    const statuses = answers.map((r) => r.status);
    const made: Array<{ batchId: string; claimCount: number }> = [];
    for (const [i, res] of answers.entries()) {
      if (res.status === 201) made.push((await ok<{ batch: { batchId: string; claimCount: number } }>(res)).batch);
      else if (res.status === 202) {
        const job = await settled(a, (await ok<Job>(res)).jobId);
        if (job.state === 'done') made.push(job.result!.batch!);
        else expect(job.error, `export ${i}`).toMatch(/is batched; only ready claims/);
      } else expect((await ok<{ error: string }>(res, [409])).error).toMatch(/is batched; only ready claims/);
    }
    expect(made, `answers ${statuses.join(', ')}`).toHaveLength(1);
    expect(made[0]!.claimCount).toBe(300);
    const found = await invariants();
    expect(found.claimsInTwoBatches).toEqual([]);
    expect(found.repeatedInterchanges).toEqual([]);
    await checkFile(b, made[0]!.batchId, made[0]!.claimCount);
  }, 120_000);

  it('finishes an export job once on the other instance when the one running it is killed with SIGKILL', async () => {
    const [a, b] = instances as [Instance, Instance];
    const before = await invariants();
    const queued = await ok<Job>(await post(a, '/api/batches', JSON.stringify({ payerId: 'healthnet', format: '837p' }), 'application/json', true));
    // Wait until an instance is writing the file, then kill that instance outright.
    let running: Job | undefined;
    const deadline = Date.now() + 60_000;
    while (!running && Date.now() < deadline) {
      const job = await ok<Job>(await call(b, `/api/jobs/${queued.jobId}`));
      expect(job.state, 'the export ended before it could be killed: make it larger').not.toBe('done');
      if (job.state === 'running' && job.takenBy) running = job;
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(running).toBeDefined();
    const victim = instances.find((i) => running!.takenBy!.includes(`:${i.child.pid}:`))!;
    const survivor = victim === a ? b : a;
    victim.child.kill('SIGKILL');
    await victim.exited;

    const done = await settled(survivor, queued.jobId);
    expect(done, done.error).toMatchObject({ state: 'done', attempts: 2 });
    expect(done.takenBy).not.toBe(running!.takenBy);
    const after = await invariants();
    expect(after.claimsInTwoBatches).toEqual([]);
    expect(after.repeatedInterchanges).toEqual([]);
    expect(after.readyLeft).toBe(0);
    expect(after.batches).toHaveLength(before.batches.length + 1);
    expect(after.batchedClaims).toBe(before.batchedClaims + done.result!.batch!.claimCount);
    await checkFile(survivor, done.result!.batch!.batchId, done.result!.batch!.claimCount);

    // The instance comes back and finds nothing left to do.
    const back = await start();
    const again = await post(back, '/api/batches', JSON.stringify({ payerId: 'healthnet', format: '837p' }), 'application/json');
    expect(again.status).toBe(400);
  }, 180_000);
});
