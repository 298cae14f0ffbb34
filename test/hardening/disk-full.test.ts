// A database that cannot grow (a full disk, as SQLite sees it) or that is read-only: the work
// fails with a sentence that says so, and nothing of it is kept.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { importFile } from '../../src/app/imports/import-file.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { describeStoreFailure } from '../../src/app/errors.js';
import { generateInput } from '../../bench/generate.js';
import { loadSamples, workspace, type Workspace, onPostgres } from '../support/workspace.js';
import { sqliteConnections } from '../../src/store/store.js';
import { createContext } from '../../src/app/context.js';
import pg from 'pg';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
});
afterEach(() => ws.dispose());

// A full disk is simulated by capping the SQLite file's size; a PostgreSQL server's disk is its
// own, and its answer (SQLSTATE 53100) is checked below by its sentence alone.
describe.skipIf(onPostgres())('a full disk', () => {
  it('fails the import with a clear message and keeps nothing of it', async () => {
    const files = await generateInput(ws.dir, { members: 300, rowsPerMember: 4, period: '2026-10' });
    await importFile(ws.ctx, 'members', createReadStream(files.members), { source: 'gen' });
    const db = sqliteConnections(ws.ctx.store).write;
    const pages = db.pragma('page_count', { simple: true }) as number;
    // SQLite reports SQLITE_FULL when the file may not grow, exactly as on a full disk.
    db.pragma(`max_page_count = ${pages + 2}`);
    let failure: unknown;
    try {
      await importFile(ws.ctx, 'services', createReadStream(files.services), { source: 'gen' });
    } catch (err) {
      failure = err;
    }
    expect((failure as { code?: string }).code).toBe('SQLITE_FULL');
    expect(describeStoreFailure(failure)?.message).toMatch(/disk holding the database is full; nothing from this operation was saved/);
    expect(await ws.ctx.store.read.services.count()).toBe(0);
    db.pragma('max_page_count = 1073741823');
    // With room again, the same import and a build complete.
    await importFile(ws.ctx, 'services', createReadStream(files.services), { source: 'gen' });
    expect(await ws.ctx.store.read.services.count()).toBe(1200);
    expect((await buildClaims(ws.ctx, {})).counts.claims).toBe(300);
  });
});

describe('a read-only database', () => {
  it('gives a clear error and changes nothing', async () => {
    const before = await ws.ctx.store.read.services.count();
    const failure = await (onPostgres() ? buildOnReadOnlyPostgres() : buildOnReadOnlySqlite());
    if (onPostgres()) {
      expect((failure as { code?: string }).code).toBe('25006');
      expect(describeStoreFailure(failure)?.message).toMatch(/database is read-only \(a standby, or set read-only\); nothing was saved/);
    } else {
      expect((failure as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
      expect(describeStoreFailure(failure)?.message).toMatch(/database file is read-only; nothing was saved/);
    }
    expect(await ws.ctx.store.read.services.count()).toBe(before);
    expect(await ws.ctx.store.read.claims.list()).toEqual([]);
  });

  it('names a PostgreSQL server whose disk is full', () => {
    expect(describeStoreFailure(Object.assign(new Error('could not extend file'), { code: '53100' }))?.message).toMatch(/disk of the database server is full; nothing from this operation was saved/);
  });
});

/** A build on the workspace's SQLite file with writes refused, as a read-only file refuses them. */
async function buildOnReadOnlySqlite(): Promise<unknown> {
  const db = sqliteConnections(ws.ctx.store).write;
  db.pragma('query_only = ON');
  try {
    await buildClaims(ws.ctx, {});
  } catch (err) {
    return err;
  } finally {
    db.pragma('query_only = OFF');
  }
  throw new Error('the build wrote to a read-only database');
}

/** A build through a new connection to the workspace's database, set read-only as a standby is. */
async function buildOnReadOnlyPostgres(): Promise<unknown> {
  const database = new URL(ws.dbPath).pathname.slice(1);
  const admin = new pg.Client({ connectionString: ws.dbPath });
  await admin.connect();
  await admin.query(`ALTER DATABASE ${database} SET default_transaction_read_only = on`);
  const readOnly = createContext({ dbPath: ws.dbPath, clock: ws.ctx.clock });
  try {
    await buildClaims(readOnly, {});
  } catch (err) {
    return err;
  } finally {
    readOnly.store.close();
    await admin.query(`ALTER DATABASE ${database} RESET default_transaction_read_only`);
    await admin.end();
  }
  throw new Error('the build wrote to a read-only database');
}
