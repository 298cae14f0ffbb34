// Organizations: one deployment bills for many. Every stored row now carries the organization it
// belongs to, and what was unique in the single-organization schema (a claim id, a batch id, an
// invoice number, a sequence) is unique within an organization only, so two organizations each
// have their own C000001. The ids the database makes itself (imports, builds, events, files,
// audit rows) stay unique across the deployment and gain the organization as a column.
//
// An existing database becomes organization `default`. SQLite cannot change a primary key in
// place, so each table is made again under a new name, filled from the old one, and renamed: the
// documented way (https://www.sqlite.org/lang_altertable.html#otheralter), with foreign keys off
// for the copy and checked whole before it commits (database.ts runs this migration so).
//
// Users and API keys are found by their own global ids (a key or session names no organization);
// each belongs to one organization, except platform keys (org_id NULL), which belong to none.

import type { Migration } from './migration.js';
import { TIMELINESS_VIEWS_BY_ORG } from './013-organization-views.js';

interface Rebuilt {
  table: string;
  /** the new table's columns and constraints, naming the final (not the new_) tables */
  body: string;
  /** the old columns, copied as they are */
  copied: string;
  indexes?: string[];
}

const TABLES: Rebuilt[] = [
  {
    table: 'payers',
    body: `org_id TEXT NOT NULL, payer_id TEXT NOT NULL, data TEXT NOT NULL, row_hash TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, payer_id)`,
    copied: 'payer_id, data, row_hash, updated_at',
  },
  {
    table: 'staff',
    body: `org_id TEXT NOT NULL, staff_id TEXT NOT NULL, role TEXT NOT NULL, data TEXT NOT NULL, row_hash TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, staff_id)`,
    copied: 'staff_id, role, data, row_hash, updated_at',
  },
  {
    table: 'members',
    body: `org_id TEXT NOT NULL, member_cin TEXT NOT NULL, payer_id TEXT NOT NULL, data TEXT NOT NULL, row_hash TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, member_cin),
  FOREIGN KEY (org_id, payer_id) REFERENCES payers (org_id, payer_id)`,
    copied: 'member_cin, payer_id, data, row_hash, updated_at',
  },
  {
    table: 'imports',
    body: `import_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0, inserted INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0,
  unchanged INTEGER NOT NULL DEFAULT 0, rejected INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0`,
    copied: 'import_id, kind, source, started_at, finished_at, rows_read, inserted, updated, unchanged, rejected, warnings',
    indexes: ['CREATE INDEX imports_by_org ON imports (org_id, import_id)'],
  },
  {
    table: 'import_issues',
    body: `org_id TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports (import_id) ON DELETE CASCADE, line INTEGER, column_name TEXT,
  severity TEXT NOT NULL, code TEXT NOT NULL, message TEXT NOT NULL`,
    copied: 'import_id, line, column_name, severity, code, message',
    indexes: ['CREATE INDEX import_issues_by_import ON import_issues (import_id)'],
  },
  {
    table: 'row_changes',
    body: `change_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, import_id INTEGER NOT NULL REFERENCES imports (import_id), entity TEXT NOT NULL,
  entity_key TEXT NOT NULL, before_data TEXT, after_data TEXT NOT NULL, changed_at TEXT NOT NULL`,
    copied: 'change_id, import_id, entity, entity_key, before_data, after_data, changed_at',
    indexes: ['CREATE INDEX row_changes_by_key ON row_changes (org_id, entity, entity_key)'],
  },
  {
    table: 'services',
    body: `org_id TEXT NOT NULL, service_id TEXT NOT NULL, member_cin TEXT NOT NULL, payer_id TEXT NOT NULL, staff_id TEXT NOT NULL,
  service_date TEXT NOT NULL, minutes INTEGER NOT NULL, code TEXT NOT NULL, modifiers TEXT NOT NULL, data TEXT NOT NULL,
  row_hash TEXT NOT NULL, import_id INTEGER REFERENCES imports (import_id), updated_at TEXT NOT NULL,
  PRIMARY KEY (org_id, service_id),
  FOREIGN KEY (org_id, member_cin) REFERENCES members (org_id, member_cin),
  FOREIGN KEY (org_id, payer_id) REFERENCES payers (org_id, payer_id),
  FOREIGN KEY (org_id, staff_id) REFERENCES staff (org_id, staff_id)`,
    copied: 'service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, import_id, updated_at',
    indexes: [
      'CREATE INDEX services_by_member ON services (org_id, member_cin, service_date)',
      'CREATE INDEX services_by_date ON services (org_id, service_date, payer_id, member_cin)',
    ],
  },
  {
    table: 'builds',
    body: `build_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, payer_id TEXT, period TEXT, built_at TEXT NOT NULL,
  claims_built INTEGER NOT NULL, claims_ready INTEGER NOT NULL, rows_not_billed INTEGER NOT NULL`,
    copied: 'build_id, payer_id, period, built_at, claims_built, claims_ready, rows_not_billed',
  },
  {
    table: 'build_issues',
    body: `org_id TEXT NOT NULL, build_id INTEGER NOT NULL REFERENCES builds (build_id) ON DELETE CASCADE, code TEXT NOT NULL,
  severity TEXT NOT NULL, message TEXT NOT NULL, service_ids TEXT NOT NULL`,
    copied: 'build_id, code, severity, message, service_ids',
    indexes: ['CREATE INDEX build_issues_by_build ON build_issues (build_id)'],
  },
  {
    table: 'claims',
    body: `org_id TEXT NOT NULL, claim_id TEXT NOT NULL, claim_key TEXT NOT NULL, member_cin TEXT NOT NULL, payer_id TEXT NOT NULL,
  period TEXT NOT NULL, format TEXT NOT NULL, format_reason TEXT, status TEXT NOT NULL, frequency TEXT NOT NULL,
  original_claim_id TEXT, original_reference TEXT, place_of_service TEXT NOT NULL, diagnoses TEXT NOT NULL,
  default_dx_used INTEGER NOT NULL, total_charge_cents INTEGER NOT NULL, build_id INTEGER REFERENCES builds (build_id),
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, validated_for TEXT, lines TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, claim_id),
  FOREIGN KEY (org_id, member_cin) REFERENCES members (org_id, member_cin),
  FOREIGN KEY (org_id, payer_id) REFERENCES payers (org_id, payer_id),
  FOREIGN KEY (org_id, original_claim_id) REFERENCES claims (org_id, claim_id)`,
    copied:
      'claim_id, claim_key, member_cin, payer_id, period, format, format_reason, status, frequency, original_claim_id, original_reference, place_of_service, diagnoses, default_dx_used, total_charge_cents, build_id, created_at, updated_at, validated_for, lines',
    indexes: ['CREATE INDEX claims_by_period ON claims (org_id, period, payer_id, status)', 'CREATE INDEX claims_by_member ON claims (org_id, member_cin)'],
  },
  {
    table: 'claim_line_services',
    body: `org_id TEXT NOT NULL, claim_id TEXT NOT NULL, line_number INTEGER NOT NULL, service_id TEXT NOT NULL,
  PRIMARY KEY (org_id, claim_id, service_id),
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id) ON DELETE CASCADE,
  FOREIGN KEY (org_id, service_id) REFERENCES services (org_id, service_id)`,
    copied: 'claim_id, line_number, service_id',
    indexes: ['CREATE INDEX claim_line_services_by_service ON claim_line_services (org_id, service_id)'],
  },
  {
    table: 'claim_issues',
    body: `org_id TEXT NOT NULL, claim_id TEXT NOT NULL, code TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL, path TEXT,
  service_ids TEXT NOT NULL, line_number INTEGER,
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id) ON DELETE CASCADE`,
    copied: 'claim_id, code, severity, message, path, service_ids, line_number',
    indexes: ['CREATE INDEX claim_issues_by_claim ON claim_issues (org_id, claim_id)'],
  },
  {
    table: 'sequences',
    body: 'org_id TEXT NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (org_id, name)',
    copied: 'name, value',
  },
  {
    table: 'api_keys',
    body: `key_id TEXT PRIMARY KEY, org_id TEXT, role TEXT NOT NULL, secret_hash TEXT NOT NULL, label TEXT, created_at TEXT NOT NULL, revoked_at TEXT,
  CHECK ((org_id IS NULL) = (role = 'platform'))`,
    copied: 'key_id, role, secret_hash, label, created_at, revoked_at',
    indexes: ['CREATE INDEX api_keys_by_org ON api_keys (org_id, created_at)'],
  },
  {
    table: 'batches',
    body: `org_id TEXT NOT NULL, batch_id TEXT NOT NULL, payer_id TEXT NOT NULL, format TEXT NOT NULL, period TEXT, created_at TEXT NOT NULL,
  submitted_on TEXT, interchange_control TEXT, group_control TEXT, first_transaction_control TEXT,
  transaction_count INTEGER NOT NULL DEFAULT 0, sender_id TEXT, claim_count INTEGER NOT NULL, total_charge_cents INTEGER NOT NULL,
  file_name TEXT NOT NULL, media_type TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
  PRIMARY KEY (org_id, batch_id),
  FOREIGN KEY (org_id, payer_id) REFERENCES payers (org_id, payer_id)`,
    copied:
      'batch_id, payer_id, format, period, created_at, submitted_on, interchange_control, group_control, first_transaction_control, transaction_count, sender_id, claim_count, total_charge_cents, file_name, media_type, bytes, sha256',
  },
  {
    table: 'batch_claims',
    body: `org_id TEXT NOT NULL, batch_id TEXT NOT NULL, claim_id TEXT NOT NULL,
  PRIMARY KEY (org_id, batch_id, claim_id),
  FOREIGN KEY (org_id, batch_id) REFERENCES batches (org_id, batch_id),
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id)`,
    copied: 'batch_id, claim_id',
    indexes: ['CREATE INDEX batch_claims_by_claim ON batch_claims (org_id, claim_id)'],
  },
  {
    table: 'batch_file_chunks',
    body: `org_id TEXT NOT NULL, batch_id TEXT NOT NULL, seq INTEGER NOT NULL, content BLOB NOT NULL,
  PRIMARY KEY (org_id, batch_id, seq),
  FOREIGN KEY (org_id, batch_id) REFERENCES batches (org_id, batch_id) DEFERRABLE INITIALLY DEFERRED`,
    copied: 'batch_id, seq, content',
  },
  {
    table: 'claim_events',
    body: `event_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, claim_id TEXT NOT NULL, kind TEXT NOT NULL, event_date TEXT NOT NULL,
  amount_cents INTEGER, details TEXT NOT NULL, source TEXT, recorded_at TEXT NOT NULL,
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id)`,
    copied: 'event_id, claim_id, kind, event_date, amount_cents, details, source, recorded_at',
    indexes: ['CREATE INDEX claim_events_by_claim ON claim_events (org_id, claim_id, event_id)'],
  },
  {
    table: 'invoices',
    body: `org_id TEXT NOT NULL, invoice_number TEXT NOT NULL, batch_id TEXT NOT NULL, payer_id TEXT NOT NULL, period TEXT,
  invoice_date TEXT NOT NULL, claim_count INTEGER NOT NULL, line_count INTEGER NOT NULL, member_count INTEGER NOT NULL,
  total_charge_cents INTEGER NOT NULL, delivered_as TEXT NOT NULL, csv_content BLOB NOT NULL, csv_sha256 TEXT NOT NULL,
  pdf_content BLOB NOT NULL, pdf_sha256 TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (org_id, invoice_number),
  UNIQUE (org_id, batch_id),
  FOREIGN KEY (org_id, batch_id) REFERENCES batches (org_id, batch_id),
  FOREIGN KEY (org_id, payer_id) REFERENCES payers (org_id, payer_id)`,
    copied:
      'invoice_number, batch_id, payer_id, period, invoice_date, claim_count, line_count, member_count, total_charge_cents, delivered_as, csv_content, csv_sha256, pdf_content, pdf_sha256, created_at',
    indexes: ['CREATE INDEX invoices_by_payer ON invoices (org_id, payer_id, invoice_number)'],
  },
  {
    table: 'invoice_claims',
    body: `org_id TEXT NOT NULL, invoice_number TEXT NOT NULL, claim_id TEXT NOT NULL,
  PRIMARY KEY (org_id, invoice_number, claim_id),
  FOREIGN KEY (org_id, invoice_number) REFERENCES invoices (org_id, invoice_number),
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id)`,
    copied: 'invoice_number, claim_id',
    indexes: ['CREATE INDEX invoice_claims_by_claim ON invoice_claims (org_id, claim_id)'],
  },
  {
    table: 'payer_files',
    body: `file_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, sender_id TEXT NOT NULL, interchange_control TEXT NOT NULL, sha256 TEXT NOT NULL,
  kinds TEXT NOT NULL, file_date TEXT, source TEXT NOT NULL, bytes INTEGER NOT NULL, received_at TEXT NOT NULL,
  events INTEGER NOT NULL, unmatched INTEGER NOT NULL, claims_updated INTEGER NOT NULL,
  UNIQUE (org_id, sender_id, interchange_control, sha256)`,
    copied: 'file_id, sender_id, interchange_control, sha256, kinds, file_date, source, bytes, received_at, events, unmatched, claims_updated',
  },
  {
    table: 'payer_file_unmatched',
    body: `item_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, file_id INTEGER NOT NULL REFERENCES payer_files (file_id), source TEXT NOT NULL,
  claim_id TEXT, payer_claim_control_number TEXT, group_control TEXT, transaction_control TEXT, reason TEXT NOT NULL, details TEXT NOT NULL`,
    copied: 'item_id, file_id, source, claim_id, payer_claim_control_number, group_control, transaction_control, reason, details',
    indexes: ['CREATE INDEX payer_file_unmatched_by_file ON payer_file_unmatched (file_id)'],
  },
  {
    table: 'payer_file_warnings',
    body: `warning_id INTEGER PRIMARY KEY, org_id TEXT NOT NULL, file_id INTEGER NOT NULL REFERENCES payer_files (file_id), claim_id TEXT NOT NULL,
  event_id INTEGER, code TEXT NOT NULL, message TEXT NOT NULL, details TEXT NOT NULL`,
    copied: 'warning_id, file_id, claim_id, event_id, code, message, details',
    indexes: ['CREATE INDEX payer_file_warnings_by_file ON payer_file_warnings (file_id)'],
  },
  {
    table: 'claim_payer_references',
    body: `org_id TEXT NOT NULL, payer_claim_control_number TEXT NOT NULL, claim_id TEXT NOT NULL, payer_id TEXT NOT NULL,
  file_id INTEGER NOT NULL REFERENCES payer_files (file_id),
  PRIMARY KEY (org_id, payer_claim_control_number, claim_id),
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id)`,
    copied: 'payer_claim_control_number, claim_id, payer_id, file_id',
    indexes: ['CREATE INDEX claim_payer_references_by_claim ON claim_payer_references (org_id, claim_id)'],
  },
  {
    table: 'claim_timeliness',
    body: `org_id TEXT NOT NULL, claim_id TEXT NOT NULL, payer_id TEXT NOT NULL, status TEXT, clean INTEGER NOT NULL, receipt_date TEXT,
  receipt_month TEXT, receipt_day INTEGER, submitted_date TEXT, payment_date TEXT, payment_day INTEGER, adjudication_date TEXT,
  adjudicated_day INTEGER, charge_cents INTEGER NOT NULL, paid_cents INTEGER NOT NULL, submissions INTEGER NOT NULL,
  last_event_id INTEGER NOT NULL, date_anomaly INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, claim_id),
  FOREIGN KEY (org_id, claim_id) REFERENCES claims (org_id, claim_id)`,
    copied:
      'claim_id, payer_id, status, clean, receipt_date, receipt_month, receipt_day, submitted_date, payment_date, payment_day, adjudication_date, adjudicated_day, charge_cents, paid_cents, submissions, last_event_id, date_anomaly',
    indexes: ['CREATE INDEX claim_timeliness_by_month ON claim_timeliness (org_id, payer_id, receipt_month)'],
  },
  {
    table: 'claim_denial_reasons',
    body: `org_id TEXT NOT NULL, claim_id TEXT NOT NULL, adjustment_group TEXT NOT NULL, reason_code TEXT NOT NULL, amount_cents INTEGER NOT NULL,
  PRIMARY KEY (org_id, claim_id, adjustment_group, reason_code),
  FOREIGN KEY (org_id, claim_id) REFERENCES claim_timeliness (org_id, claim_id) ON DELETE CASCADE`,
    copied: 'claim_id, adjustment_group, reason_code, amount_cents',
  },
  {
    table: 'timeliness_as_of',
    body: 'org_id TEXT PRIMARY KEY, as_of TEXT NOT NULL, as_of_day INTEGER NOT NULL',
    copied: 'as_of, as_of_day',
  },
  {
    table: 'audit_log',
    body: `audit_id INTEGER PRIMARY KEY, org_id TEXT, at TEXT NOT NULL, actor TEXT NOT NULL, role TEXT, action TEXT NOT NULL,
  target TEXT NOT NULL, outcome TEXT NOT NULL`,
    copied: 'audit_id, at, actor, role, action, target, outcome',
    indexes: ['CREATE INDEX audit_log_by_time ON audit_log (at)', 'CREATE INDEX audit_log_by_org ON audit_log (org_id, at)'],
  },
  {
    table: 'users',
    body: `user_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, email TEXT NOT NULL UNIQUE, role TEXT NOT NULL, password_hash TEXT,
  created_at TEXT NOT NULL, disabled_at TEXT, last_sign_in_at TEXT`,
    copied: 'user_id, email, role, password_hash, created_at, disabled_at, last_sign_in_at',
    indexes: ['CREATE INDEX users_by_org ON users (org_id, email)'],
  },
];

// An existing database's rows become organization `default`: the organization row it had, or,
// when only other data was imported, one with no details yet.
const ORGANIZATIONS = `
CREATE TABLE organizations (
  org_id TEXT PRIMARY KEY CHECK (length(org_id) BETWEEN 1 AND 32 AND org_id NOT GLOB '*[^a-z0-9-]*'),
  data TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO organizations (org_id, data, created_at, updated_at) SELECT 'default', data, updated_at, updated_at FROM organization;
INSERT INTO organizations (org_id, data, created_at, updated_at)
  SELECT 'default', NULL, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE NOT EXISTS (SELECT 1 FROM organizations)
    AND (EXISTS (SELECT 1 FROM payers) OR EXISTS (SELECT 1 FROM staff) OR EXISTS (SELECT 1 FROM imports)
      OR EXISTS (SELECT 1 FROM api_keys WHERE role <> 'platform') OR EXISTS (SELECT 1 FROM users) OR EXISTS (SELECT 1 FROM audit_log));
DROP TABLE organization;
`;

function rebuild(t: Rebuilt): string {
  return [
    `CREATE TABLE new_${t.table} (\n  ${t.body}\n);`,
    `INSERT INTO new_${t.table} (org_id, ${t.copied}) SELECT 'default', ${t.copied} FROM ${t.table};`,
  ].join('\n');
}

export const migration: Migration = {
  version: 13,
  name: 'organizations: every row belongs to one',
  foreignKeysOff: true,
  sql: [
    'DROP VIEW v_timeliness_monthly;',
    'DROP VIEW v_claim_timeliness;',
    'DROP VIEW v_denial_reasons;',
    ORGANIZATIONS,
    ...TABLES.map(rebuild),
    ...TABLES.map((t) => `DROP TABLE ${t.table};`),
    ...TABLES.map((t) => `ALTER TABLE new_${t.table} RENAME TO ${t.table};`),
    ...TABLES.flatMap((t) => (t.indexes ?? []).map((i) => `${i};`)),
    TIMELINESS_VIEWS_BY_ORG,
  ].join('\n'),
};
