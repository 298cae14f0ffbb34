// Folds a claim's event log into where the claim stands and the dates finance measures.
//
// Decisions (domain.md, "Clean-claim payment timeliness"):
// - Events are read in log order (the order they were appended), not sorted by date: two
//   events of one day keep their order, and a late file cannot rewrite history.
// - Submission cycles. A `batched` or `submitted` event that comes after any payer response
//   opens a new cycle: the claim went out again (a rejected claim fixed and re-sent under the
//   same claim id, as an original; the payer never adjudicated it, so there is no claim
//   control number to replace). A `submitted` event for the batch the cycle already went out
//   in is that same attempt recorded late (the 999 was read before the send date was entered)
//   and opens nothing. Status, dates and the clean flag describe the latest cycle
//   only, so a resubmission starts a new receipt date. A replacement (frequency 7) is a claim
//   of its own, with its own id and log, so it has its own receipt date by construction.
// - Acknowledgments: a 999 or 277CA rejection makes the cycle rejected until a later 277CA
//   accepts the claim; a 999 acceptance never overrides a rejection (it only says the file
//   parsed). Silence is not rejection: many payers send no 277CA, so a sent claim is presumed
//   received on the date it was sent.
// - Adjudications stack: paid / partially_paid / denied / payment_recorded push an outcome,
//   a reversal (CLP02 22) removes the outcome it reverses (same payer claim control number,
//   else the latest). The latest standing outcome is the status; with none standing, the
//   acknowledgment state is. Money is the sum of every amount, reversals included.
// - Dates follow the outcomes that stand. Payment date: the earliest BPR16 on which money of a
//   standing outcome was paid (only while the claim is paid or partially paid); adjudication
//   date: the earliest date of a standing outcome. A correction (an adjudication in the same
//   payment, same TRN02, as the reversal just before it) inherits the dates of the outcome it
//   replaces, since the provider had the money from then; an adjudication in a later payment
//   dates the claim from that payment.
// - Receipt date: the payer's date stamp, earliest 835 DTM*050 of the cycle, else the 277CA
//   received date of an acceptance, else the date the claim was sent.
// - Clean: sent, not rejected on the 999/277CA, and not standing denied for missing
//   information (CARC 16 by default; the carc-rarc code set flags the others).
// - Date anomalies (date-anomalies.ts): a payment, received or acceptance date before the send
//   date of its attempt. Judged when the attempt's log is complete, so a 999 read before the send
//   date was entered is judged against that date all the same. The event still counts as the
//   payer sent it; the flag tells the report that the claim's day counts cannot be trusted.

import type { CalendarDate } from '../domain/calendar.js';
import type { ClaimStatus } from '../domain/claim.js';
import type { Adjustment } from '../domain/remittance.js';
import { fromCents, toCents } from '../domain/money.js';
import type { AdjudicationDetails, ClaimEvent } from './claim-events.js';
import { anomaliesAgainst, payerDatesOf, type DateAnomaly, type PayerDate } from './date-anomalies.js';

export interface DenialReason {
  group: string;
  code: string;
  amount: string;
}

export interface ClaimHistory {
  claimId: string;
  payerId: string;
  status: ClaimStatus | undefined;
  receiptDate?: CalendarDate;
  submittedDate?: CalendarDate;
  paymentDate?: CalendarDate;
  adjudicationDate?: CalendarDate;
  clean: boolean;
  charge: string;
  /** net of reversals, in the current cycle */
  paid: string;
  /** CARC adjustments of a standing denial, summed per group and code */
  denialReasons: DenialReason[];
  /** 999 errors or 277CA status codes and message of a standing rejection */
  rejectionReasons: string[];
  /** how many times the claim was sent (cycles) */
  submissions: number;
  /** payer dates before the send date of their attempt, every attempt, in log order */
  dateAnomalies: DateAnomaly[];
  /** the latest attempt has a date anomaly: its day counts are wrong, so the rates leave it out */
  dateAnomaly: boolean;
}

export interface HistoryOptions {
  /** CARC codes that mean "held for missing information": a claim denied for one is not clean */
  missingInformationReasons?: ReadonlySet<string>;
}

const DEFAULT_MISSING_INFORMATION: ReadonlySet<string> = new Set(['16']);

type Outcome = 'paid' | 'partially_paid' | 'denied';

interface StandingOutcome {
  outcome: Outcome;
  payerClaimControlNumber?: string;
  adjustments: Adjustment[];
  /** the adjudication date this outcome stands for */
  since: CalendarDate;
  /** the date money of this outcome was first paid */
  paidSince?: CalendarDate;
}

interface Cycle {
  /** the batch this attempt went out in */
  batchId?: string;
  submittedDate?: CalendarDate;
  groupControlNumber?: string;
  answered: boolean;
  acknowledgment?: 'file_accepted' | 'accepted' | 'rejected';
  rejectionReasons: string[];
  acknowledgedReceipt?: CalendarDate;
  remittedReceipt?: CalendarDate;
  standing: StandingOutcome[];
  paidCents: number;
  /** the outcome the last reversal took back, which a correction in the same payment replaces */
  reversed?: { traceNumber: string; since: CalendarDate; paidSince?: CalendarDate };
  /** every payer date of the attempt, judged against its send date once the log is read */
  payerDates: PayerDate[];
}

function newCycle(): Cycle {
  return { answered: false, rejectionReasons: [], standing: [], paidCents: 0, payerDates: [] };
}

export function deriveClaimHistory(
  claim: { claimId: string; payerId: string; totalCharge: string },
  events: readonly ClaimEvent[],
  options: HistoryOptions = {},
): ClaimHistory {
  const chargeCents = toCents(claim.totalCharge);
  const cycles: Cycle[] = [];
  let cycle = newCycle();
  let touched = false;
  for (const event of events) {
    if (event.claimId !== claim.claimId) continue;
    touched = true;
    if ((event.kind === 'batched' || event.kind === 'submitted') && cycle.answered && !sameAttempt(cycle, event)) {
      cycles.push(cycle);
      cycle = newCycle();
    }
    if (forEarlierAttempt(cycle, cycles, event)) continue;
    apply(cycle, event, chargeCents);
    cycle.payerDates.push(...payerDatesOf(event));
  }
  cycles.push(cycle);
  const latestAnomalies = anomaliesAgainst(cycle.submittedDate, cycle.payerDates);

  const status = touched ? statusOf(cycle) : undefined;
  const missingInformation = options.missingInformationReasons ?? DEFAULT_MISSING_INFORMATION;
  const standingOutcome = cycle.standing[cycle.standing.length - 1];
  const denial = status === 'denied' ? (standingOutcome?.adjustments ?? []) : [];
  const heldForInformation = denial.some((a) => missingInformation.has(a.reason));
  const receiptDate = cycle.remittedReceipt ?? cycle.acknowledgedReceipt ?? cycle.submittedDate;
  const settled = status === 'paid' || status === 'partially_paid';

  const history: ClaimHistory = {
    claimId: claim.claimId,
    payerId: claim.payerId,
    status,
    clean: receiptDate !== undefined && cycle.acknowledgment !== 'rejected' && !heldForInformation,
    charge: fromCents(chargeCents),
    paid: fromCents(cycle.paidCents),
    denialReasons: sumReasons(denial),
    rejectionReasons: status === 'rejected' ? cycle.rejectionReasons : [],
    submissions: cycles.filter((c) => c.submittedDate !== undefined).length,
    dateAnomalies: cycles.flatMap((c) => (c === cycle ? latestAnomalies : anomaliesAgainst(c.submittedDate, c.payerDates))),
    dateAnomaly: latestAnomalies.length > 0,
  };
  if (receiptDate !== undefined) history.receiptDate = receiptDate;
  if (cycle.submittedDate !== undefined) history.submittedDate = cycle.submittedDate;
  const paymentDate = settled ? earliest(cycle.standing.map((o) => o.paidSince)) : undefined;
  const adjudicationDate = settled || status === 'denied' ? earliest(cycle.standing.map((o) => o.since)) : undefined;
  if (paymentDate !== undefined) history.paymentDate = paymentDate;
  if (adjudicationDate !== undefined) history.adjudicationDate = adjudicationDate;
  return history;
}

export function deriveClaimStatus(events: readonly ClaimEvent[], claim: { claimId: string; totalCharge: string }): ClaimStatus | undefined {
  return deriveClaimHistory({ ...claim, payerId: '' }, events).status;
}

/** A 999 for an earlier attempt, read late, must not judge the current one. */
function forEarlierAttempt(cycle: Cycle, earlier: readonly Cycle[], event: ClaimEvent): boolean {
  if (event.kind !== 'file_accepted' && event.kind !== 'file_rejected') return false;
  const gcn = event.details.groupControlNumber;
  return cycle.groupControlNumber !== undefined && gcn !== cycle.groupControlNumber && earlier.some((c) => c.groupControlNumber === gcn);
}

/** A send date recorded for the batch this cycle already went out in. */
function sameAttempt(cycle: Cycle, event: ClaimEvent): boolean {
  return event.kind === 'submitted' && event.details.batchId !== undefined && event.details.batchId === cycle.batchId;
}

function apply(cycle: Cycle, event: ClaimEvent, chargeCents: number): void {
  switch (event.kind) {
    case 'batched':
      if (event.details.batchId !== undefined) cycle.batchId = event.details.batchId;
      if (event.details.groupControlNumber !== undefined) cycle.groupControlNumber = event.details.groupControlNumber;
      return;
    case 'submitted':
      if (event.details.batchId !== undefined) cycle.batchId ??= event.details.batchId;
      // Sending the same attempt twice keeps the first date: the payer's clock started then.
      cycle.submittedDate ??= event.date;
      if (event.details.groupControlNumber !== undefined) cycle.groupControlNumber = event.details.groupControlNumber;
      return;
    case 'file_accepted':
    case 'file_rejected': {
      const gcn = event.details.groupControlNumber;
      cycle.answered = true;
      if (event.kind === 'file_rejected') {
        cycle.acknowledgment = 'rejected';
        cycle.rejectionReasons = event.details.errors.length > 0 ? [...event.details.errors] : [`file rejected (999 group ${gcn})`];
      } else {
        cycle.acknowledgment ??= 'file_accepted';
      }
      return;
    }
    case 'claim_accepted':
      cycle.answered = true;
      cycle.acknowledgment = 'accepted';
      cycle.rejectionReasons = [];
      if (event.details.receivedDate !== undefined) cycle.acknowledgedReceipt = event.details.receivedDate;
      return;
    case 'claim_rejected':
      cycle.answered = true;
      cycle.acknowledgment = 'rejected';
      cycle.rejectionReasons = [...event.details.statusCodes, ...(event.details.message !== undefined ? [event.details.message] : [])];
      return;
    case 'paid':
    case 'partially_paid':
    case 'denied': {
      cycle.answered = true;
      noteRemittance(cycle, event.details);
      const cents = addMoney(cycle, event.amount ?? event.details.paid);
      const replaced = cycle.reversed !== undefined && cycle.reversed.traceNumber === event.details.traceNumber ? cycle.reversed : undefined;
      delete cycle.reversed;
      const since = replaced?.since ?? event.date;
      const paidSince = replaced?.paidSince ?? (cents > 0 ? event.date : undefined);
      cycle.standing.push(standingOf(event.kind, event.details, since, paidSince));
      return;
    }
    case 'reversed': {
      cycle.answered = true;
      noteRemittance(cycle, event.details);
      addMoney(cycle, event.amount ?? event.details.paid);
      const index = reversedIndex(cycle.standing, event.details.payerClaimControlNumber);
      const [taken] = index >= 0 ? cycle.standing.splice(index, 1) : [];
      if (taken === undefined) delete cycle.reversed;
      else cycle.reversed = { traceNumber: event.details.traceNumber, since: taken.since, ...(taken.paidSince !== undefined ? { paidSince: taken.paidSince } : {}) };
      return;
    }
    case 'payment_recorded': {
      cycle.answered = true;
      delete cycle.reversed;
      const cents = addMoney(cycle, event.amount ?? '0');
      const outcome: StandingOutcome = { outcome: cycle.paidCents >= chargeCents ? 'paid' : 'partially_paid', adjustments: [], since: event.date };
      if (cents > 0) outcome.paidSince = event.date;
      cycle.standing.push(outcome);
      return;
    }
  }
}

/** The outcome a reversal takes back: same payer claim control number, else the latest. */
function reversedIndex(standing: readonly StandingOutcome[], payerClaimControlNumber: string | undefined): number {
  if (payerClaimControlNumber !== undefined) {
    for (let i = standing.length - 1; i >= 0; i--) if (standing[i]?.payerClaimControlNumber === payerClaimControlNumber) return i;
  }
  return standing.length - 1;
}

function earliest(dates: ReadonlyArray<CalendarDate | undefined>): CalendarDate | undefined {
  let first: CalendarDate | undefined;
  for (const date of dates) if (date !== undefined && (first === undefined || date < first)) first = date;
  return first;
}

function standingOf(outcome: Outcome, details: AdjudicationDetails, since: CalendarDate, paidSince: CalendarDate | undefined): StandingOutcome {
  const standing: StandingOutcome = { outcome, adjustments: [...details.adjustments, ...details.lineAdjustments], since };
  if (paidSince !== undefined) standing.paidSince = paidSince;
  if (details.payerClaimControlNumber !== undefined) standing.payerClaimControlNumber = details.payerClaimControlNumber;
  return standing;
}

function noteRemittance(cycle: Cycle, details: AdjudicationDetails): void {
  const received = details.receivedDate;
  if (received !== undefined && (cycle.remittedReceipt === undefined || received < cycle.remittedReceipt)) cycle.remittedReceipt = received;
}

function addMoney(cycle: Cycle, amount: string): number {
  const cents = toCents(amount);
  cycle.paidCents += cents;
  return cents;
}

function statusOf(cycle: Cycle): ClaimStatus {
  const standing = cycle.standing[cycle.standing.length - 1];
  if (standing !== undefined) return standing.outcome;
  if (cycle.acknowledgment === 'rejected') return 'rejected';
  if (cycle.acknowledgment === 'accepted') return 'accepted';
  if (cycle.submittedDate !== undefined || cycle.acknowledgment === 'file_accepted' || cycle.answered) return 'submitted';
  return 'batched';
}

function sumReasons(adjustments: readonly Adjustment[]): DenialReason[] {
  const byKey = new Map<string, { group: string; code: string; cents: number }>();
  for (const a of adjustments) {
    const key = `${a.group}-${a.reason}`;
    const entry = byKey.get(key) ?? { group: a.group, code: a.reason, cents: 0 };
    entry.cents += toCents(a.amount);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({ group: e.group, code: e.code, amount: fromCents(e.cents) }));
}
