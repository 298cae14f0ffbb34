// What `ecm-claims migrate` copies from a SQLite file into one organization of a PostgreSQL
// database, table by table, parents before children. Ids the database makes itself (imports,
// builds, events, payer files, audit rows) are unique across a whole PostgreSQL database, which
// other organizations share: they get new numbers there, and every column that points at one
// follows. Everything else keeps its value: claim, batch and invoice numbers are the
// organization's own.

export interface CopiedTable {
  table: string;
  /** the column holding an id the database makes, renumbered in the target */
  id?: string;
  /** columns that point at another table's renumbered id */
  refs?: Readonly<Record<string, string>>;
  /** the order rows are read in: parents of a row in the same table come first */
  order: string;
  /** columns given a fixed value instead of the source's */
  set?: Readonly<Record<string, number>>;
  /** sums compared between source and target after the copy, besides the row count */
  totals?: readonly string[];
}

export const COPY_PLAN: readonly CopiedTable[] = [
  { table: 'payers', order: 'payer_id' },
  { table: 'staff', order: 'staff_id' },
  { table: 'members', order: 'member_cin' },
  { table: 'imports', id: 'import_id', order: 'import_id', totals: ['rows_read'] },
  { table: 'import_issues', refs: { import_id: 'imports' }, order: 'rowid' },
  { table: 'row_changes', id: 'change_id', refs: { import_id: 'imports' }, order: 'change_id' },
  { table: 'services', refs: { import_id: 'imports' }, order: 'service_id', totals: ['minutes'] },
  { table: 'builds', id: 'build_id', order: 'build_id', totals: ['claims_built'] },
  { table: 'build_issues', refs: { build_id: 'builds' }, order: 'rowid' },
  // A replacement names its original, which has the lower number.
  { table: 'claims', refs: { build_id: 'builds' }, order: 'claim_id', totals: ['total_charge_cents'] },
  { table: 'claim_line_services', order: 'claim_id, service_id' },
  { table: 'claim_issues', order: 'rowid' },
  { table: 'sequences', order: 'name', totals: ['value'] },
  { table: 'batches', order: 'batch_id', totals: ['total_charge_cents', 'bytes'] },
  { table: 'batch_claims', order: 'batch_id, claim_id' },
  { table: 'batch_file_chunks', order: 'batch_id, seq', totals: ['length(content)'] },
  { table: 'claim_events', id: 'event_id', order: 'event_id', totals: ['amount_cents'] },
  { table: 'invoices', order: 'invoice_number', totals: ['total_charge_cents', 'length(pdf_content)'] },
  { table: 'invoice_claims', order: 'invoice_number, claim_id' },
  { table: 'payer_files', id: 'file_id', order: 'file_id', totals: ['bytes'] },
  { table: 'payer_file_unmatched', id: 'item_id', refs: { file_id: 'payer_files' }, order: 'item_id' },
  { table: 'payer_file_warnings', id: 'warning_id', refs: { file_id: 'payer_files', event_id: 'claim_events' }, order: 'warning_id' },
  { table: 'claim_payer_references', refs: { file_id: 'payer_files' }, order: 'payer_claim_control_number, claim_id' },
  { table: 'provider_adjustments', id: 'adjustment_id', refs: { file_id: 'payer_files' }, order: 'adjustment_id', totals: ['amount_cents'] },
  // Derived from the event log, whose ids change: marked stale, derived again on first use.
  { table: 'claim_timeliness', set: { last_event_id: 0 }, order: 'claim_id', totals: ['paid_cents'] },
  { table: 'claim_denial_reasons', order: 'claim_id, adjustment_group, reason_code', totals: ['amount_cents'] },
  { table: 'timeliness_as_of', order: 'org_id' },
  { table: 'api_keys', order: 'key_id' },
  { table: 'users', order: 'user_id' },
  { table: 'audit_log', id: 'audit_id', order: 'audit_id' },
];
