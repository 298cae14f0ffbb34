// The per-claim timeliness facts that the reports and the BI views read, derived from each claim's
// events and written back after every change to them, and the day the table was brought up to.
// An 835 touches tens of thousands of claims at once, so rows are written many to a statement.

import { Repository } from './repository.js';

/** One row of claim_timeliness, as the app derives it from the claim's events. */
export interface ClaimTimelinessRow {
  claimId: string;
  payerId: string;
  status?: string;
  clean: boolean;
  receiptDate?: string;
  receiptDay?: number;
  submittedDate?: string;
  paymentDate?: string;
  paymentDay?: number;
  adjudicationDate?: string;
  /** earliest of adjudication and payment, as a day number */
  adjudicatedDay?: number;
  /** a payer date of the latest attempt precedes its send date */
  dateAnomaly: boolean;
  chargeCents: number;
  paidCents: number;
  submissions: number;
  lastEventId: number;
  denialReasons: Array<{ group: string; code: string; amountCents: number }>;
}

const INSERT_ROWS = `INSERT INTO claim_timeliness (org_id, claim_id, payer_id, status, clean, date_anomaly, receipt_date, receipt_month, receipt_day, submitted_date, payment_date,
  payment_day, adjudication_date, adjudicated_day, charge_cents, paid_cents, submissions, last_event_id) VALUES `;
const INSERT_REASONS = 'INSERT INTO claim_denial_reasons (org_id, claim_id, adjustment_group, reason_code, amount_cents) VALUES ';

export class TimelinessStore extends Repository {
  /** The event each claim's row was derived from: a claim with a newer one is stale. */
  async eventIds(): Promise<Map<string, number>> {
    const rows = await this.sql('SELECT claim_id, last_event_id FROM claim_timeliness WHERE org_id = @org').all() as Array<{ claim_id: string; last_event_id: number }>;
    return new Map(rows.map((r) => [r.claim_id, r.last_event_id]));
  }

  /** Replaces the rows (and denial reasons) of these claims. */
  async save(rows: readonly ClaimTimelinessRow[]): Promise<void> {
    const ids = rows.map((r) => r.claimId);
    await this.forChunks(ids, async (chunk, marks) => {
      await this.sql(`DELETE FROM claim_denial_reasons WHERE org_id = @org AND claim_id IN (${marks})`).run(...chunk);
      await this.sql(`DELETE FROM claim_timeliness WHERE org_id = @org AND claim_id IN (${marks})`).run(...chunk);
    });
    const values: unknown[] = [];
    const reasons: unknown[] = [];
    for (const row of rows) {
      values.push(
        row.claimId,
        row.payerId,
        row.status ?? null,
        row.clean ? 1 : 0,
        row.dateAnomaly ? 1 : 0,
        row.receiptDate ?? null,
        row.receiptDate?.slice(0, 7) ?? null,
        row.receiptDay ?? null,
        row.submittedDate ?? null,
        row.paymentDate ?? null,
        row.paymentDay ?? null,
        row.adjudicationDate ?? null,
        row.adjudicatedDay ?? null,
        row.chargeCents,
        row.paidCents,
        row.submissions,
        row.lastEventId,
      );
      for (const r of row.denialReasons) reasons.push(row.claimId, r.group, r.code, r.amountCents);
    }
    await this.insertMany(INSERT_ROWS, 17, values);
    await this.insertMany(INSERT_REASONS, 4, reasons);
  }

  async asOf(): Promise<string | undefined> {
    return (await this.sql('SELECT as_of FROM timeliness_as_of WHERE org_id = @org').pluck().get() as string | undefined) ?? undefined;
  }

  async setAsOf(asOf: string, day: number): Promise<void> {
    await this.sql('DELETE FROM timeliness_as_of WHERE org_id = @org').run();
    await this.sql('INSERT INTO timeliness_as_of (org_id, as_of, as_of_day) VALUES (@org, ?, ?)').run(asOf, day);
  }
}
