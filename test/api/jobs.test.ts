// Long work handed over as jobs: "Prefer: respond-async" on the import, build, export and
// payer-file routes answers 202 at once, and /api/jobs/{id} follows the job to what the same
// request answers when it is waited for. A job that fails keeps nothing it did.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { loadSamples, SAMPLES, workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
let server: RunningServer;
let key: string;

interface Job {
  jobId: number;
  kind: string;
  state: string;
  result?: Record<string, unknown>;
  error?: string;
  attempts: number;
}

const call = (path: string, init: RequestInit & { async?: boolean } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${key}`, ...(init.async ? { prefer: 'respond-async' } : {}), ...(init.headers as Record<string, string> | undefined) },
  });

async function queued(res: Response): Promise<Job> {
  expect(res.status, await res.clone().text()).toBe(202);
  const job = (await res.json()) as Job;
  expect(res.headers.get('location')).toBe(`/api/jobs/${job.jobId}`);
  expect(res.headers.get('preference-applied')).toBe('respond-async');
  return job;
}

/** Follows the job until it has ended. */
async function settled(job: Job): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const now = (await (await call(`/api/jobs/${job.jobId}`)).json()) as Job;
    if (now.state === 'done' || now.state === 'failed') return now;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${job.jobId} did not end`);
}

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
  key = (await createApiKey(ws.ctx, 'billing')).key;
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true, jobs: { pollMs: 50 } });
});
afterAll(async () => {
  await server?.close();
  ws?.dispose();
});

describe('jobs over the API', () => {
  it('imports, builds and exports as jobs, each answering 202 at once and ending with the report the route gives', async () => {
    const csv = readFileSync(join(SAMPLES, 'services.csv'));
    const imported = await settled(await queued(await call('/api/imports/services', { method: 'POST', async: true, headers: { 'content-type': 'text/csv' }, body: csv })));
    expect(imported).toMatchObject({ kind: 'import', state: 'done', attempts: 1 });
    expect(imported.result).toMatchObject({ kind: 'services' });
    expect(await ws.ctx.store.read.services.count()).toBeGreaterThan(0);

    const built = await settled(await queued(await call('/api/claims/build', { method: 'POST', async: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payerId: 'iehp' }) })));
    expect(built).toMatchObject({ kind: 'build', state: 'done' });
    const ready = (await ws.ctx.store.read.claims.list()).filter((c) => c.status === 'ready' && c.payerId === 'iehp').map((c) => c.id);
    expect(ready.length).toBeGreaterThan(0);

    const exported = await settled(await queued(await call('/api/batches', { method: 'POST', async: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payerId: 'iehp', format: '837p' }) })));
    expect(exported).toMatchObject({ kind: 'export', state: 'done', progress: { claimsWritten: ready.length } });
    const batch = (exported.result as { batch: { batchId: string; claimCount: number } }).batch;
    expect(batch.claimCount).toBe(ready.length);
    const file = await call(`/api/batches/${batch.batchId}/file`);
    expect((await file.text()).startsWith('ISA*')).toBe(true);

    const listed = (await (await call('/api/jobs')).json()) as Job[];
    expect(listed.map((j) => j.kind)).toEqual(['export', 'build', 'import']);
  });

  it('fails a job with the reason the route would give, keeping nothing, and the same request waited for answers alike', async () => {
    const body = JSON.stringify({ payerId: 'iehp', format: '837p' });
    const failed = await settled(await queued(await call('/api/batches', { method: 'POST', async: true, headers: { 'content-type': 'application/json' }, body })));
    expect(failed.state).toBe('failed');
    const waited = await call('/api/batches', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(waited.status).toBe(400);
    expect(failed.error).toBe(((await waited.json()) as { error: string }).error);
    expect(failed.error).toMatch(/no ready claims/);
  });

  it('checks the request before queueing it, and answers 404 for a job that does not exist', async () => {
    const bad = await call('/api/batches', { method: 'POST', async: true, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payerId: 'iehp', format: 'pdf' }) });
    expect(bad.status).toBe(400);
    expect((await call('/api/jobs/999999')).status).toBe(404);
  });

  it('ingests a payer file as a job', async () => {
    const batches = (await (await call('/api/batches')).json()) as Array<{ batchId: string; interchangeControl: string }>;
    expect(batches.length).toBeGreaterThan(0);
    const garbage = await settled(await queued(await call('/api/remittances?name=broken.x12', { method: 'POST', async: true, headers: { 'content-type': 'application/edi-x12' }, body: 'ISA*not a file~' })));
    expect(garbage).toMatchObject({ kind: 'ingest', state: 'failed' });
    expect(garbage.error).toMatch(/ISA|segment|interchange/i);
    expect((await (await call('/api/remittances')).json()) as unknown[]).toEqual([]);
  });
});
