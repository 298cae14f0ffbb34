// An 835's provider-level adjustments (PLB): money a payment adds or takes that belongs to no
// claim line, each with its reason and the reference it names. Interest a plan pays late (L6) is
// the one billing staff chase: one that names a claim counts for that claim, the rest for the
// payer and month of the payment. claim_id holds the claim the reference was found to name.

import type { Migration } from './migration.js';

/** The table in either engine's words for a generated key. */
export function providerAdjustmentsTableSql(key: string): string {
  return `
CREATE TABLE provider_adjustments (
  adjustment_id ${key},
  org_id TEXT NOT NULL,
  file_id BIGINT NOT NULL REFERENCES payer_files (file_id),
  payer_id TEXT,
  trace_number TEXT NOT NULL,
  payment_date TEXT NOT NULL,
  reason TEXT NOT NULL,
  reference TEXT,
  claim_id TEXT,
  amount_cents BIGINT NOT NULL,
  fiscal_period_date TEXT
);
CREATE INDEX provider_adjustments_by_claim ON provider_adjustments (org_id, claim_id);
CREATE INDEX provider_adjustments_by_payer ON provider_adjustments (org_id, payer_id, payment_date);
`;
}

export const migration: Migration = { version: 17, name: 'provider-adjustments', sql: providerAdjustmentsTableSql('INTEGER PRIMARY KEY') };
