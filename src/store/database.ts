// Opens the SQLite file: WAL so readers never block the writer, foreign keys on, a busy timeout so
// concurrent writers wait instead of failing, and every pending migration applied at start.

import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';

export type SqliteDatabase = Database.Database;

export const DEFAULT_DB_PATH = './data/ecm.db';

export function resolveDbPath(explicit?: string): string {
  return explicit ?? process.env.ECM_DB ?? DEFAULT_DB_PATH;
}

export function openDatabase(path: string, options: { readonly?: boolean } = {}): SqliteDatabase {
  if (path !== ':memory:' && !options.readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  db.pragma('busy_timeout = 10000');
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  for (const m of MIGRATIONS) {
    if (applied.has(m.version)) continue;
    // The pragma is a no-op inside a transaction, so it is set around it.
    if (m.foreignKeysOff) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        if (m.foreignKeysOff) {
          const broken = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
          if (broken.length > 0) throw new Error(`migration ${m.version} would leave ${broken.length} rows without their parent (first: ${broken[0]!.table} -> ${broken[0]!.parent})`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
      }).immediate();
    } finally {
      if (m.foreignKeysOff) db.pragma('foreign_keys = ON');
    }
  }
}

/**
 * Runs `work` inside one write transaction that may span awaits (streamed imports). better-sqlite3's
 * own transaction() is synchronous only, so BEGIN IMMEDIATE / COMMIT are issued by hand and a
 * failure anywhere rolls everything back: an import is all or nothing.
 */
export async function inWriteTransaction<T>(db: SqliteDatabase, work: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
