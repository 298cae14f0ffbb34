// Money posted by hand: invoices (and paper claims) come back as a check or an EFT with no 835.
// The payment is a 'payment_recorded' event dated by the check or EFT date, which is the payment
// date the clean-claim rates measure. Sending the same payment twice (a retried request) records
// it once. A date before the claim was sent is kept (the check says what it says) and reported
// back, as an ingest reports a payer date before the send date.

import { isCalendarDate } from '../../domain/calendar.js';
import { describeDateAnomaly } from '../../remit/date-anomalies.js';
import { fromCents, toCents } from '../../domain/money.js';
import type { PaymentRecordedDetails } from '../../remit/claim-events.js';
import { timestamp, today, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { catchUpTimeliness } from '../reports/timeliness-cache.js';
import { refreshDerived } from './derived.js';
import { historyOf } from './events.js';

export interface PaymentRequest {
  claimId: string;
  /** check or EFT date */
  date: string;
  /** decimal dollars, e.g. "165.00" */
  amount: string;
  /** check or EFT trace number */
  reference?: string;
  note?: string;
}

export interface PaymentReport {
  claimId: string;
  eventId: number;
  /** true when this exact payment was already recorded; nothing changed */
  duplicate: boolean;
  status: string | undefined;
  paid: string;
  charge: string;
  /** the payment date falls before the claim was sent (claim id and both dates) */
  warnings?: string[];
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const REFERENCE = /^[\x21-\x7e][\x20-\x7e]{0,49}$/;
/** The office decided these claims are not owed; money against them needs a look first. */
const NOT_PAYABLE: ReadonlySet<string> = new Set(['draft', 'void']);

function validate(ctx: AppContext, request: PaymentRequest): void {
  if (!isCalendarDate(request.date)) throw new AppError('invalid', `the payment date "${request.date}" is not a date (YYYY-MM-DD)`);
  if (request.date > today(ctx)) throw new AppError('invalid', `the payment date ${request.date} is in the future`);
  if (!AMOUNT.test(request.amount) || toCents(request.amount) <= 0) throw new AppError('invalid', `the amount "${request.amount}" must be a positive amount such as 165.00`);
  if (request.reference !== undefined && !REFERENCE.test(request.reference)) throw new AppError('invalid', 'the reference must be 1-50 printable characters');
  if (request.note !== undefined && request.note.length > 500) throw new AppError('invalid', 'the note must be at most 500 characters');
}

export async function recordPayment(ctx: AppContext, request: PaymentRequest): Promise<PaymentReport> {
  validate(ctx, request);
  const cents = toCents(request.amount);
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    const report = await ctx.store.withTransaction(async (): Promise<PaymentReport> => {
      const claim = await repos.remittances.claimFacts(request.claimId);
      if (claim === undefined) throw new AppError('not_found', `claim ${request.claimId} does not exist`);
      if (NOT_PAYABLE.has(claim.status)) throw new AppError('conflict', `claim ${request.claimId} is ${claim.status}; a payment can be recorded only on a claim that was sent`);
      const events = await repos.events.forClaim(request.claimId);
      const same = events.find((e) => e.kind === 'payment_recorded' && e.date === request.date && e.amountCents === cents && (e.details.reference ?? undefined) === request.reference);
      let eventId = same?.eventId;
      if (eventId === undefined) {
        const details: PaymentRecordedDetails = {};
        if (request.reference !== undefined) details.reference = request.reference;
        if (request.note !== undefined) details.note = request.note;
        eventId = await repos.events.append({ claimId: request.claimId, kind: 'payment_recorded', date: request.date, amountCents: cents, details: { ...details }, source: 'manual', recordedAt: at });
        await refreshDerived(repos, [request.claimId], at);
        await catchUpTimeliness(repos, today(ctx), at);
      }
      const [log] = await repos.events.logsOf([request.claimId]);
      const history = log === undefined ? undefined : historyOf(log);
      const warnings = (history?.dateAnomalies ?? []).filter((a) => a.eventId === eventId).map((a) => describeDateAnomaly(request.claimId, a));
      const report: PaymentReport = { claimId: request.claimId, eventId, duplicate: same !== undefined, status: history?.status, paid: history?.paid ?? fromCents(0), charge: fromCents(claim.totalChargeCents) };
      if (warnings.length > 0) report.warnings = warnings;
      return report;
    });
    ctx.logger.info('payment.recorded', { claimId: report.claimId, eventId: report.eventId, duplicate: report.duplicate });
    return report;
  });
}
