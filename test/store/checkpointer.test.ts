// The write-ahead log is copied back into the database file by a thread of its own: a commit
// does not wait for it, and the file still ends up holding what was committed, whichever kind of
// transaction the write used.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type AppContext } from '../../src/app/context.js';
import { inWriteTransaction } from '../../src/store/database.js';
import { sqliteConnections } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openContext(): { path: string; ctx: AppContext } {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'ecm.db');
  return { path, ctx: createContext({ dbPath: path }) };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** About `mb` megabytes through one write, as an import or an ingest would write them. */
function fill(ctx: AppContext, mb: number): void {
  const db = sqliteConnections(ctx.store).write;
  db.exec('CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
  for (let i = 0; i < mb * 250; i++) insert.run(`${i}`.padEnd(4000, 'x'));
}

describe('the log checkpointer', () => {
  it.each([
    ['a transaction that awaits (imports, builds, exports)', (ctx: AppContext) => ctx.store.withTransaction(async () => fill(ctx, 8))],
    ['one that does not (ingests, payments, corrections)', (ctx: AppContext) => ctx.store.withTransaction(() => fill(ctx, 8))],
  ])('copies a large commit back into the database file in the background after %s', async (_kind, write) => {
    const { path, ctx } = openContext();
    try {
      expect(sqliteConnections(ctx.store).write.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(path).size;
      await ctx.writeLock.run(() => write(ctx));
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(8_000_000);
      // No further write: only the checkpointer can grow the database file.
      expect(await until(() => statSync(path).size > before + 8_000_000, 10_000)).toBe(true);
      expect(sqliteConnections(ctx.store).read.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(2000);
    } finally {
      ctx.store.close();
    }
  });

  it('leaves a small commit in the log until the log is worth copying', async () => {
    const { path, ctx } = openContext();
    try {
      const db = sqliteConnections(ctx.store).write;
      const before = statSync(path).size;
      await ctx.writeLock.run(() =>
        inWriteTransaction(db, async () => {
          db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
          db.prepare('INSERT INTO filler (body) VALUES (?)').run('small');
        }),
      );
      expect(await until(() => statSync(path).size > before, 500)).toBe(false);
    } finally {
      ctx.store.close();
    }
  });
});
