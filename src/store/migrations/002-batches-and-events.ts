// Batches and their files, the control-number sequences, and the append-only claim events.

import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 2,
  name: 'batches, their files, control numbers and claim events',
  sql: `
CREATE TABLE batches (
  batch_id TEXT PRIMARY KEY,
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  format TEXT NOT NULL,
  period TEXT,
  created_at TEXT NOT NULL,
  submitted_on TEXT,
  interchange_control TEXT,
  group_control TEXT,
  first_transaction_control TEXT,
  transaction_count INTEGER NOT NULL DEFAULT 0,
  sender_id TEXT,
  claim_count INTEGER NOT NULL,
  total_charge_cents INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE TABLE batch_claims (
  batch_id TEXT NOT NULL REFERENCES batches (batch_id),
  claim_id TEXT NOT NULL REFERENCES claims (claim_id),
  PRIMARY KEY (batch_id, claim_id)
);
CREATE INDEX batch_claims_by_claim ON batch_claims (claim_id);
CREATE TABLE batch_file_chunks (
  batch_id TEXT NOT NULL REFERENCES batches (batch_id) DEFERRABLE INITIALLY DEFERRED,
  seq INTEGER NOT NULL,
  content BLOB NOT NULL,
  PRIMARY KEY (batch_id, seq)
);
CREATE TABLE claim_events (
  event_id INTEGER PRIMARY KEY,
  claim_id TEXT NOT NULL REFERENCES claims (claim_id),
  kind TEXT NOT NULL,
  event_date TEXT NOT NULL,
  amount_cents INTEGER,
  details TEXT NOT NULL,
  source TEXT,
  recorded_at TEXT NOT NULL
);
CREATE INDEX claim_events_by_claim ON claim_events (claim_id, event_id);
`,
};
