// An 835's provider-level adjustments (PLB), one row per reason and amount, with the payment they
// came in and, when the reference names one of our claims, that claim (migration 17).

import { Repository } from './repository.js';

export interface ProviderAdjustmentRecord {
  adjustmentId: number;
  fileId: number;
  /** the payer whose profile the file came from, when the ingest could tell */
  payerId?: string;
  traceNumber: string;
  /** BPR16 of the payment the adjustment is part of */
  paymentDate: string;
  /** PLB03-1: e.g. L6 interest, WO an overpayment recovered, FB a forward balance */
  reason: string;
  /** PLB03-2: what the payer names (a claim, an invoice, a period) */
  reference?: string;
  claimId?: string;
  /** as PLB04 gives it: positive takes from the payment, negative adds to it */
  amountCents: number;
  fiscalPeriodDate?: string;
}

interface AdjustmentRow {
  adjustment_id: number;
  file_id: number;
  payer_id: string | null;
  trace_number: string;
  payment_date: string;
  reason: string;
  reference: string | null;
  claim_id: string | null;
  amount_cents: number;
  fiscal_period_date: string | null;
}

function toRecord(r: AdjustmentRow): ProviderAdjustmentRecord {
  const record: ProviderAdjustmentRecord = { adjustmentId: Number(r.adjustment_id), fileId: Number(r.file_id), traceNumber: r.trace_number, paymentDate: r.payment_date, reason: r.reason, amountCents: Number(r.amount_cents) };
  if (r.payer_id !== null) record.payerId = r.payer_id;
  if (r.reference !== null) record.reference = r.reference;
  if (r.claim_id !== null) record.claimId = r.claim_id;
  if (r.fiscal_period_date !== null) record.fiscalPeriodDate = r.fiscal_period_date;
  return record;
}

export class ProviderAdjustmentStore extends Repository {
  async add(records: ReadonlyArray<Omit<ProviderAdjustmentRecord, 'adjustmentId'>>): Promise<void> {
    const values = records.flatMap((r) => [r.fileId, r.payerId ?? null, r.traceNumber, r.paymentDate, r.reason, r.reference ?? null, r.claimId ?? null, r.amountCents, r.fiscalPeriodDate ?? null]);
    await this.insertMany('INSERT INTO provider_adjustments (org_id, file_id, payer_id, trace_number, payment_date, reason, reference, claim_id, amount_cents, fiscal_period_date) VALUES ', 9, values);
  }

  /** The adjustments of one reason, in the order they came. */
  async withReason(reason: string): Promise<ProviderAdjustmentRecord[]> {
    return ((await this.sql('SELECT * FROM provider_adjustments WHERE org_id = @org AND reason = ? ORDER BY adjustment_id').all(reason)) as AdjustmentRow[]).map(toRecord);
  }
}
