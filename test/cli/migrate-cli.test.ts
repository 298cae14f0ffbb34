// `ecm-claims migrate`: the demonstration's SQLite file, and the benchmark's (25,000 claims sent
// and paid), copied into one organization of a real PostgreSQL database through the built command
// line. Every count and total is equal, counted again here on both sides, the source file is
// unchanged, and the organization reads the same on PostgreSQL as it did on SQLite.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, fixedClock, type AppContext } from '../../src/app/context.js';
import { runDemo } from '../../src/app/demo/run-demo.js';
import { listClaims } from '../../src/app/claims/claim-queries.js';
import { claimTimeline } from '../../src/app/remittances/queries.js';
import { timelinessMetrics } from '../../src/app/reports/timeliness.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { batchFile, exportX12Batch, listBatches } from '../../src/app/exports/x12-batch.js';
import { importFile } from '../../src/app/imports/import-file.js';
import { ingestPayerFile } from '../../src/app/remittances/ingest.js';
import { submitBatch } from '../../src/app/remittances/submit.js';
import { generateInput, write835 } from '../../bench/generate.js';
import { storedRows } from '../../bench/stored-rows.js';
import { COPY_PLAN } from '../../src/store/copy/copy-plan.js';
import { EXAMPLES, loadSamples, NOW } from '../support/workspace.js';
import { runCli } from '../support/runners.js';
import { allBytes } from '../support/bytes.js';
import { underCi } from '../support/prerequisites.js';
import { appDatabase, postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const unavailable = postgresUnavailable();
if (unavailable) {
  if (underCi()) throw new Error(`CI=true and ${unavailable}`);
  console.warn(`skipped: the migrate tests; ${unavailable}`);
}

let cluster: TestPostgres | undefined;
let dir: string;
let source: string;

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sha = (path: string) => sha256Of(readFileSync(path));

/** What a person reads of an organization, with the ids the target renumbers left out. */
async function readBack(ctx: AppContext) {
  const claims = await listClaims(ctx, {});
  const timelines = [];
  for (const claim of claims) {
    const t = await claimTimeline(ctx, claim.id);
    timelines.push({ ...t, history: { ...t.history, dateAnomalies: t.history.dateAnomalies.map(({ eventId: _e, ...a }) => a) }, events: t.events.map(({ eventId: _e, ...e }) => e) });
  }
  const batches = await listBatches(ctx);
  const files = [];
  for (const b of batches) files.push((await allBytes((await batchFile(ctx, b.batchId)).chunks)).toString('base64'));
  return { claims, timelines, batches, files, timeliness: await timelinessMetrics(ctx) };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-cli-'));
  source = join(dir, 'ecm.db');
  const ctx = createContext({ dbPath: source, clock: fixedClock(NOW) });
  try {
    await runDemo(ctx, { examplesDir: EXAMPLES, outDir: join(dir, 'out') });
  } finally {
    ctx.store.close();
  }
  if (!unavailable) cluster = await startTestPostgres();
}, 90_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(unavailable !== undefined)('ecm-claims migrate', () => {
  it('copies the organization whole, every count and total equal, and leaves the source as it was', async () => {
    const url = await appDatabase(cluster!.url);
    const before = sha(source);
    const r = runCli(source, 'migrate', '--from', source, '--to', url, '--org', 'riverbend', '--json');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(r.out) as { fromOrg: string; toOrg: string; tables: Array<{ table: string; rows: number; totals: Record<string, number> }> };
    expect(report.fromOrg).toBe('default');
    expect(report.toOrg).toBe('riverbend');
    const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
    expect(rows.claims).toBeGreaterThan(10);
    expect(rows.claim_events).toBeGreaterThan(10);
    expect(rows.batch_file_chunks).toBeGreaterThan(0);
    expect(rows.users).toBe(1);
    expect(sha(source)).toBe(before);

    const onSqlite = createContext({ dbPath: source, clock: fixedClock(NOW) });
    const onPostgres = createContext({ dbPath: url, clock: fixedClock(NOW), org: 'riverbend' });
    try {
      expect(await readBack(onPostgres)).toEqual(await readBack(onSqlite));
    } finally {
      onSqlite.store.close();
      onPostgres.store.close();
    }

    const again = runCli(source, 'migrate', '--from', source, '--to', url, '--org', 'riverbend');
    expect(again.code).toBe(1);
    expect(again.err).toContain('organization riverbend already holds data in the target database');
  }, 120_000);

  it("copies the benchmark's 25,000 sent and paid claims with every count and total equal", async () => {
    const bench = join(dir, 'bench.db');
    const ctx = createContext({ dbPath: bench, clock: fixedClock(NOW) });
    try {
      await loadSamples(ctx, ['members', 'services']);
      const files = await generateInput(dir, { members: 25_000, rowsPerMember: 4, period: '2026-10' });
      await importFile(ctx, 'members', createReadStream(files.members), { source: 'bench' });
      await importFile(ctx, 'services', createReadStream(files.services), { source: 'bench' });
      await buildClaims(ctx, { period: '2026-10' });
      const { batch } = await exportX12Batch(ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
      await submitBatch(ctx, batch!.batchId, '2026-11-25');
      await write835(join(dir, 'bench.835'), await ctx.store.read.batches.claimIds(batch!.batchId), 30_000);
      await ingestPayerFile(ctx, createReadStream(join(dir, 'bench.835')), { source: 'bench' });
    } finally {
      ctx.store.close();
    }
    const url = await appDatabase(cluster!.url);
    const sqlite = createContext({ dbPath: bench, clock: fixedClock(NOW) });
    const postgres = createContext({ dbPath: url, clock: fixedClock(NOW), org: 'bench' });
    try {
      const figures = async (db: { dbPath: string; ctx: { store: AppContext['store'] } }, table: string, totals: readonly string[]) =>
        Object.values((await storedRows(db, `SELECT COUNT(*) AS n${totals.map((t, i) => `, COALESCE(SUM(${t}), 0) AS t${i}`).join('')} FROM ${table}`))[0]!).map(Number);
      const everyTable = async (db: { dbPath: string; ctx: { store: AppContext['store'] } }) => Promise.all(COPY_PLAN.map((t) => figures(db, t.table, t.totals ?? [])));
      // The source's figures, not its bytes: the store's background checkpoint may still be
      // copying its log into the file, which changes the bytes and none of the data.
      const source = await everyTable({ dbPath: bench, ctx: sqlite });
      const r = runCli(bench, 'migrate', '--from', bench, '--to', url, '--org', 'bench', '--json');
      expect(r.code, r.err).toBe(0);
      expect(await everyTable({ dbPath: bench, ctx: sqlite })).toEqual(source);
      const report = JSON.parse(r.out) as { tables: Array<{ table: string; rows: number; totals: Record<string, number> }> };
      const rows = Object.fromEntries(report.tables.map((t) => [t.table, t.rows]));
      expect(rows.claims).toBe(25_000);
      expect(rows.services).toBeGreaterThanOrEqual(100_000);
      expect(rows.claim_events).toBeGreaterThanOrEqual(75_000);
      expect(rows.payer_file_unmatched).toBe(5_000);
      // The command's own check, counted again here on each side.
      for (const t of report.tables) {
        const totals = Object.keys(t.totals);
        const onSqlite = await figures({ dbPath: bench, ctx: sqlite }, t.table, totals);
        expect(await figures({ dbPath: url, ctx: postgres }, t.table, totals), t.table).toEqual(onSqlite);
        expect(onSqlite, t.table).toEqual([t.rows, ...totals.map((k) => t.totals[k])]);
      }
      expect(await timelinessMetrics(postgres)).toEqual(await timelinessMetrics(sqlite));
      const [sent] = await listBatches(sqlite);
      expect(sha256Of(await allBytes((await batchFile(postgres, sent!.batchId)).chunks))).toBe(sha256Of(await allBytes((await batchFile(sqlite, sent!.batchId)).chunks)));
    } finally {
      sqlite.store.close();
      postgres.store.close();
    }
  }, 600_000);

  it('answers a wrong target, source or organization id in one line', () => {
    const notUrl = runCli(source, 'migrate', '--from', source, '--to', join(dir, 'other.db'), '--org', 'riverbend');
    expect(notUrl.code).toBe(1);
    expect(notUrl.err).toContain('--to must be a postgres:// URL');
    const missing = runCli(source, 'migrate', '--from', join(dir, 'nope.db'), '--to', 'postgres://127.0.0.1/x', '--org', 'riverbend');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('must be an existing SQLite file');
    const badId = runCli(source, 'migrate', '--from', source, '--to', 'postgres://127.0.0.1/x', '--org', 'River Bend');
    expect(badId.code).toBe(1);
    expect(badId.err).toContain('must be 1 to 32 lower-case letters, digits or dashes');
    expect(runCli(source, 'migrate', '--from', source).code).toBe(2);
  });
});
