import { DOCUMENTS_SQL } from './migrations/004-documents.js';
import { REMITTANCES_SQL } from './migrations/005-remittances.js';
import { AUDIT_SQL } from './migrations/006-audit.js';
import { DATE_ANOMALIES_SQL } from './migrations/011-date-anomalies.js';

// Schema history. Each migration runs once, in order, inside a transaction. The SQL is kept
// portable (no SQLite-only syntax beyond AUTOINCREMENT-free integer keys) so a PostgreSQL store
// can follow. Money is integer cents; units are decimal text.

export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'reference data, service log, imports, claims, keys',
    sql: `
CREATE TABLE organization (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  data TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE payers (
  payer_id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  row_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE staff (
  staff_id TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  data TEXT NOT NULL,
  row_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE members (
  member_cin TEXT PRIMARY KEY,
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  data TEXT NOT NULL,
  row_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE imports (
  import_id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  source TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  inserted INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0,
  rejected INTEGER NOT NULL DEFAULT 0,
  warnings INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE import_issues (
  import_id INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE,
  line INTEGER,
  column_name TEXT,
  severity TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL
);
CREATE INDEX import_issues_by_import ON import_issues (import_id);
CREATE TABLE row_changes (
  change_id INTEGER PRIMARY KEY,
  import_id INTEGER NOT NULL REFERENCES imports (import_id),
  entity TEXT NOT NULL,
  entity_key TEXT NOT NULL,
  before_data TEXT,
  after_data TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX row_changes_by_key ON row_changes (entity, entity_key);
CREATE TABLE services (
  service_id TEXT PRIMARY KEY,
  member_cin TEXT NOT NULL REFERENCES members (member_cin),
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  staff_id TEXT NOT NULL REFERENCES staff (staff_id),
  service_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  code TEXT NOT NULL,
  modifiers TEXT NOT NULL,
  data TEXT NOT NULL,
  row_hash TEXT NOT NULL,
  import_id INTEGER REFERENCES imports (import_id),
  updated_at TEXT NOT NULL
);
CREATE INDEX services_by_date ON services (service_date, payer_id);
CREATE TABLE builds (
  build_id INTEGER PRIMARY KEY,
  payer_id TEXT,
  period TEXT,
  built_at TEXT NOT NULL,
  claims_built INTEGER NOT NULL,
  claims_ready INTEGER NOT NULL,
  rows_not_billed INTEGER NOT NULL
);
CREATE TABLE build_issues (
  build_id INTEGER NOT NULL REFERENCES builds (build_id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  service_ids TEXT NOT NULL
);
CREATE TABLE claims (
  claim_id TEXT PRIMARY KEY,
  claim_key TEXT NOT NULL,
  member_cin TEXT NOT NULL REFERENCES members (member_cin),
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  period TEXT NOT NULL,
  format TEXT NOT NULL,
  format_reason TEXT,
  status TEXT NOT NULL,
  frequency TEXT NOT NULL,
  original_claim_id TEXT REFERENCES claims (claim_id),
  original_reference TEXT,
  place_of_service TEXT NOT NULL,
  diagnoses TEXT NOT NULL,
  default_dx_used INTEGER NOT NULL,
  total_charge_cents INTEGER NOT NULL,
  build_id INTEGER REFERENCES builds (build_id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX claims_by_period ON claims (period, payer_id, status);
CREATE INDEX claims_by_key ON claims (claim_key);
CREATE TABLE claim_lines (
  claim_id TEXT NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
  line_number INTEGER NOT NULL,
  service_date TEXT NOT NULL,
  code TEXT NOT NULL,
  modifiers TEXT NOT NULL,
  place_of_service TEXT NOT NULL,
  rendering_staff_id TEXT NOT NULL REFERENCES staff (staff_id),
  minutes INTEGER NOT NULL,
  units TEXT NOT NULL,
  rate_cents INTEGER NOT NULL,
  charge_cents INTEGER NOT NULL,
  diagnosis_pointers TEXT NOT NULL,
  activity TEXT NOT NULL,
  PRIMARY KEY (claim_id, line_number)
);
CREATE TABLE claim_line_services (
  claim_id TEXT NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
  line_number INTEGER NOT NULL,
  service_id TEXT NOT NULL REFERENCES services (service_id),
  PRIMARY KEY (claim_id, service_id)
);
CREATE INDEX claim_line_services_by_service ON claim_line_services (service_id);
CREATE TABLE claim_issues (
  claim_id TEXT NOT NULL REFERENCES claims (claim_id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  severity TEXT NOT NULL,
  message TEXT NOT NULL,
  path TEXT,
  service_ids TEXT NOT NULL,
  line_number INTEGER
);
CREATE INDEX claim_issues_by_claim ON claim_issues (claim_id);
CREATE TABLE sequences (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
CREATE TABLE api_keys (
  key_id TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
`,
  },
  {
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
  },
  {
    version: 3,
    name: 'index claims by member for duplicate checks',
    sql: `
CREATE INDEX claims_by_member ON claims (member_cin);
`,
  },
  { version: 4, name: 'invoices and paper claims', sql: DOCUMENTS_SQL },
  { version: 5, name: 'payer files, payments and reporting views', sql: REMITTANCES_SQL },
  { version: 6, name: 'audit trail', sql: AUDIT_SQL },
  { version: 7, name: 'index services by member for sliced builds', sql: 'CREATE INDEX services_by_member ON services (member_cin, service_date);' },
  // claims_by_key was never read by a query (rebuilds find their drafts by scope); a build pays
  // for it on every claim it writes.
  { version: 8, name: 'validation stamps on claims', sql: 'ALTER TABLE claims ADD COLUMN validated_for TEXT; DROP INDEX claims_by_key;' },
  // With the member in the date index, the members a build has rows for are read from the index
  // alone instead of from every row it names.
  {
    version: 9,
    name: 'date index of services covers the members of a period',
    sql: 'DROP INDEX services_by_date; CREATE INDEX services_by_date ON services (service_date, payer_id, member_cin);',
  },
  // A claim's lines are only ever read and written with the claim: kept in the claims row as a
  // JSON array (claim-store.ts, LineTuple), a build writes one row per claim instead of five and
  // an export reads one. The rows behind each line stay a table, indexed by service row.
  {
    version: 10,
    name: 'claim lines kept in the claims row',
    sql: `ALTER TABLE claims ADD COLUMN lines TEXT NOT NULL DEFAULT '[]';
UPDATE claims SET lines = (
  SELECT json_group_array(json_array(line_number, service_date, code, modifiers, place_of_service, rendering_staff_id, minutes, units, rate_cents, charge_cents, json(diagnosis_pointers), activity) ORDER BY line_number)
  FROM claim_lines l WHERE l.claim_id = claims.claim_id
) WHERE EXISTS (SELECT 1 FROM claim_lines l WHERE l.claim_id = claims.claim_id);
DROP TABLE claim_lines;`,
  },
  { version: 11, name: 'payer dates before the send date: flagged, warned, left out of the rates', sql: DATE_ANOMALIES_SQL },
];
