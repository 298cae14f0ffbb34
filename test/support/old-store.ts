// A store as an older release left it: the migrations up to a version applied and recorded, so a
// test can put rows in the old shape and watch the next migration carry them over.

import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../src/store/migrations.js';

export function storeAtVersion(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-11-01T00:00:00Z');
  }
  return db;
}
