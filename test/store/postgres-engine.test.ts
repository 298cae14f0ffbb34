// The PostgreSQL engine against a real server: the demonstration (imports, a build, exports in
// every format, the payers' 999, 277CA and 835 files, payments, keys and a user) run on SQLite
// and on PostgreSQL with the same clock gives the same claims, files, timelines and rates.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, fixedClock, type AppContext } from '../../src/app/context.js';
import { runDemo } from '../../src/app/demo/run-demo.js';
import { listClaims } from '../../src/app/claims/claim-queries.js';
import { claimTimeline, listPayerFiles } from '../../src/app/remittances/queries.js';
import { timelinessMetrics } from '../../src/app/reports/timeliness.js';
import { listBatches } from '../../src/app/exports/x12-batch.js';
import { EXAMPLES, NOW } from '../support/workspace.js';
import { underCi } from '../support/prerequisites.js';
import pg from 'pg';
import { appDatabase, postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';

const unavailable = postgresUnavailable();
if (unavailable) {
  if (underCi()) throw new Error(`CI=true and ${unavailable}`);
  console.warn(`skipped: the PostgreSQL engine tests; ${unavailable}`);
}

let cluster: TestPostgres | undefined;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-engines-'));
  if (!unavailable) cluster = await startTestPostgres();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything a user can read back after the demonstration, minus the secrets it makes up. */
async function demoOn(dbPath: string, outDir: string) {
  const ctx: AppContext = createContext({ dbPath, clock: fixedClock(NOW), org: 'acme' });
  try {
    const report = await runDemo(ctx, { examplesDir: EXAMPLES, outDir });
    const claims = await listClaims(ctx, {});
    const timelines = [];
    for (const claim of claims) timelines.push(await claimTimeline(ctx, claim.id));
    const files = Object.fromEntries(readdirSync(outDir).map((name) => [name, readFileSync(join(outDir, name)).toString('base64')]));
    const { financeKey: _key, financeKeyId: _keyId, user, outDir: _out, ...rest } = report;
    return {
      report: { ...rest, user: user.email },
      claims,
      timelines: timelines.map((t) => ({ ...t, events: t.events.map(({ recordedAt: _r, ...e }) => e) })),
      batches: await listBatches(ctx),
      payerFiles: (await listPayerFiles(ctx)).map(({ receivedAt: _r, ...f }) => f),
      timeliness: await timelinessMetrics(ctx),
      files,
    };
  } finally {
    ctx.store.close();
  }
}

describe.skipIf(unavailable !== undefined)('the PostgreSQL engine', () => {
  it('gives what SQLite gives for the whole demonstration, running as a role that row-level security binds', async () => {
    const sqlite = await demoOn(join(dir, 'ecm.db'), join(dir, 'sqlite-out'));
    const url = await appDatabase(cluster!.url);
    const postgres = await demoOn(url, join(dir, 'pg-out'));
    expect(sqlite.claims.length).toBeGreaterThan(10);
    expect(Object.keys(sqlite.files).length).toBeGreaterThan(5);
    // The rows are in the server, under the organization, and invisible to any other.
    const direct = new pg.Client({ connectionString: url });
    await direct.connect();
    try {
      const count = async (org: string) => {
        await direct.query('BEGIN');
        await direct.query("SELECT set_config('app.org', $1, true)", [org]);
        const n = Number((await direct.query('SELECT COUNT(*) AS n FROM claims')).rows[0].n);
        await direct.query('COMMIT');
        return n;
      };
      expect(await count('acme')).toBe(sqlite.claims.length);
      expect(await count('other')).toBe(0);
      expect(Number((await direct.query('SELECT COUNT(*) AS n FROM claims')).rows[0].n)).toBe(0);
    } finally {
      await direct.end();
    }
    expect(postgres.report).toEqual(sqlite.report);
    expect(postgres.claims).toEqual(sqlite.claims);
    expect(postgres.batches).toEqual(sqlite.batches);
    expect(postgres.payerFiles).toEqual(sqlite.payerFiles);
    expect(postgres.timelines).toEqual(sqlite.timelines);
    expect(postgres.timeliness).toEqual(sqlite.timeliness);
    expect(Object.keys(postgres.files).sort()).toEqual(Object.keys(sqlite.files).sort());
    for (const name of Object.keys(sqlite.files)) expect(postgres.files[name], name).toBe(sqlite.files[name]);
  }, 120_000);
});
