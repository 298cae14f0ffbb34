// The write-ahead log is copied back into the database file by a thread of its own: a commit
// does not wait for it, and the file still ends up holding what was committed.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { inWriteTransaction } from '../../src/store/database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function openStore(): { path: string; store: Store } {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'ecm.db');
  return { path, store: new Store(path) };
}

async function until(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

describe('the log checkpointer', () => {
  it('copies a large commit back into the database file in the background, not in the commit', async () => {
    const { path, store } = openStore();
    try {
      const db = store.write.db;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = statSync(path).size;
      // About 8 MB through one transaction, as an import would write it.
      await inWriteTransaction(db, async () => {
        db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
        const insert = db.prepare('INSERT INTO filler (body) VALUES (?)');
        for (let i = 0; i < 2000; i++) insert.run(`${i}`.padEnd(4000, 'x'));
      });
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(8_000_000);
      // No further write: only the checkpointer can grow the database file.
      expect(await until(() => statSync(path).size > before + 8_000_000, 10_000)).toBe(true);
      expect(store.read.db.prepare('SELECT COUNT(*) FROM filler').pluck().get()).toBe(2000);
    } finally {
      store.close();
    }
  });

  it('leaves a small commit in the log until the log is worth copying', async () => {
    const { path, store } = openStore();
    try {
      const db = store.write.db;
      const before = statSync(path).size;
      await inWriteTransaction(db, async () => {
        db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
        db.prepare('INSERT INTO filler (body) VALUES (?)').run('small');
      });
      expect(await until(() => statSync(path).size > before, 500)).toBe(false);
    } finally {
      store.close();
    }
  });
});
