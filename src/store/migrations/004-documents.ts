// Invoices with the DHCS minimum data elements. The claims' format and the reason for it live on
// the claims table (format, format_reason); a CMS-1500 PDF is a batch like any other file, its
// bytes in batch_file_chunks. An invoice keeps both renderings exactly as they were issued, so a
// copy asked for later is the document the payer received, whatever the member file says by then.

import type { Migration } from './migration.js';

export const DOCUMENTS_SQL = `
CREATE TABLE invoices (
  invoice_number TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL UNIQUE REFERENCES batches (batch_id),
  payer_id TEXT NOT NULL REFERENCES payers (payer_id),
  period TEXT,
  invoice_date TEXT NOT NULL,
  claim_count INTEGER NOT NULL,
  line_count INTEGER NOT NULL,
  member_count INTEGER NOT NULL,
  total_charge_cents INTEGER NOT NULL,
  delivered_as TEXT NOT NULL,
  csv_content BLOB NOT NULL,
  csv_sha256 TEXT NOT NULL,
  pdf_content BLOB NOT NULL,
  pdf_sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX invoices_by_payer ON invoices (payer_id, invoice_number);
CREATE TABLE invoice_claims (
  invoice_number TEXT NOT NULL REFERENCES invoices (invoice_number),
  claim_id TEXT NOT NULL REFERENCES claims (claim_id),
  PRIMARY KEY (invoice_number, claim_id)
);
CREATE INDEX invoice_claims_by_claim ON invoice_claims (claim_id);
`;

export const migration: Migration = { version: 4, name: 'invoices and paper claims', sql: DOCUMENTS_SQL };
