// The first schema: the organization, its payers, staff, members and service log, claims with
// their lines, issues and sources, builds, imports with their issues and row changes, API keys.

import type { Migration } from './migration.js';

export const migration: Migration = {
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
};
