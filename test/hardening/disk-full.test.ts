// A database that cannot grow (a full disk, as SQLite sees it): the import fails with a sentence
// that says so, and nothing of it is kept.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { importFile } from '../../src/app/imports/import-file.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { describeStoreFailure } from '../../src/app/errors.js';
import { generateInput } from '../../bench/generate.js';
import { loadSamples, workspace, type Workspace, onPostgres } from '../support/workspace.js';
import { sqliteConnections } from '../../src/store/store.js';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
});
afterEach(() => ws.dispose());

// A full disk and a read-only file are a SQLite file's failures: the SQLite run only.
describe.skipIf(onPostgres())('a full disk or a read-only database', () => {
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

  it('a read-only database gives a clear error and changes nothing', async () => {
    const db = sqliteConnections(ws.ctx.store).write;
    const before = await ws.ctx.store.read.services.count();
    // query_only makes SQLite refuse writes with SQLITE_READONLY, as a read-only file would.
    db.pragma('query_only = ON');
    let failure: unknown;
    try {
      await buildClaims(ws.ctx, {});
    } catch (err) {
      failure = err;
    }
    db.pragma('query_only = OFF');
    expect((failure as { code?: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(describeStoreFailure(failure)?.message).toMatch(/database file is read-only; nothing was saved/);
    expect(await ws.ctx.store.read.services.count()).toBe(before);
    expect(await ws.ctx.store.read.claims.list()).toEqual([]);
  });
});
