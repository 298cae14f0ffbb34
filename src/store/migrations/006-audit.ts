// Who did what and when: imports, builds, exports, downloads and ingests, from the API and the CLI.

import type { Migration } from './migration.js';

export const AUDIT_SQL = `
CREATE TABLE audit_log (
  audit_id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at);
`;

export const migration: Migration = { version: 6, name: 'audit trail', sql: AUDIT_SQL };
