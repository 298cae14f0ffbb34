// Long work (imports, builds, exports, payer files) a client hands over and asks about later:
// one row a job, with its request, the bytes it carries until it ends, and what it came to.
// lease_until is a wall-clock time in milliseconds: a job running past it has lost its worker.

import type { Migration } from './migration.js';

/** The table in either engine's words for a generated key, bytes and a 64-bit integer. */
export function jobsTableSql(types: { key: string; bytes: string; bigint: string }): string {
  return `
CREATE TABLE jobs (
  job_id ${types.key},
  org_id TEXT NOT NULL REFERENCES organizations (org_id),
  kind TEXT NOT NULL,
  input TEXT NOT NULL,
  payload ${types.bytes},
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  progress TEXT,
  result TEXT,
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until ${types.bigint},
  taken_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX jobs_waiting ON jobs (state, job_id);
CREATE INDEX jobs_of_organization ON jobs (org_id, job_id);
`;
}

export const migration: Migration = { version: 14, name: 'jobs', sql: jobsTableSql({ key: 'INTEGER PRIMARY KEY', bytes: 'BLOB', bigint: 'INTEGER' }) };
