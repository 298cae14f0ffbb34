// Clean-claim payment timeliness per payer and receipt month (domain.md; 42 CFR 447.45(d)):
// the share of clean claims paid, and adjudicated, within 30 and 90 calendar days of receipt,
// the open claims by age, and the reasons for denials.
//
// Decisions:
// - Days are calendar days from receipt to payment (BPR16): paid on day 30 is within 30.
// - Right-censoring: a clean claim still unpaid whose receipt was fewer than N days before
//   `today` (daysSinceReceipt < N) has not yet had its N days; it is left out of that rate's
//   denominator and counted as censored. On day N itself it is in the denominator, not paid
//   within N: `today` is read as the close of business, with every payment of the day known.
//   The same holds for the adjudication rate with "not yet paid or denied".
// - A clean claim denied (not for missing information) is in the paid rate as not paid, from
//   the day it is denied: its outcome is known, so it is not censored even when it was
//   received fewer than N days ago (censoring it would hide recent denials from the rate).
// - Targets are judged on the exact fraction (within * 100 >= target * denominator), not on
//   the rounded rate, so 89.96% shows as "90.0" but does not meet 90%. No denominator: null.
// - Open claims: received, not rejected, neither paid nor denied yet (status submitted or
//   accepted); aged by days since receipt into 0-30, 31-60, 61-90 and over 90 ("90+").
// - Denial reasons: the CARCs of claims whose status is denied, counted once per claim and
//   summed over their adjustment amounts, ranked by count, then amount, then code.
// - Date anomalies: a clean claim whose latest attempt has a payer date before its send date
//   (remit/date-anomalies.ts) has day counts that cannot be right either way, so it is left out
//   of every rate (neither within, late nor censored) and counted in `dateAnomalies`: for each
//   rate, denominator = clean - censored - dateAnomalies. It still counts as received and
//   clean, in the money and, while open, in the aging.
// - Money per row, over the claims received in it: billed (charges), paid (net of reversals)
//   and outstanding (the unpaid balance of the open claims, i.e. the aging buckets summed:
//   money the payer has neither paid nor denied yet). Billed - paid - outstanding is what was
//   denied, rejected or adjusted away.
// - Speed: one pass over the claims, integer cents, a memo of day numbers per date string;
//   Decimal only for the few rates of each output row.

import { Decimal } from 'decimal.js';
import { daysBetween, isCalendarDate, type CalendarDate } from '../domain/calendar.js';
import { fromCents, toCents } from '../domain/money.js';
import { countReasons, rankReasons, type DenialReasonRank } from './denial-reasons.js';

export type { DenialReasonRank };

/** What the report needs of each claim; remit's ClaimHistory has this shape. */
export interface TimelinessClaim {
  claimId: string;
  payerId: string;
  receiptDate?: CalendarDate;
  paymentDate?: CalendarDate;
  adjudicationDate?: CalendarDate;
  clean: boolean;
  status: string | undefined;
  charge: string;
  paid: string;
  denialReasons?: ReadonlyArray<{ code: string; amount: string }>;
  /** a payer date of the latest attempt precedes its send date: left out of the rates */
  dateAnomaly?: boolean;
}

export const TIMELINESS_TARGETS = [
  { days: 30, percent: 90 },
  { days: 90, percent: 99 },
] as const;

export interface WindowResult {
  days: number;
  targetPercent: number;
  /** clean claims paid (or adjudicated) within `days` of receipt */
  within: number;
  /** clean claims left out: received fewer than `days` ago and not yet paid (adjudicated) */
  censored: number;
  denominator: number;
  /** percent with one decimal, e.g. "93.3"; null when the denominator is 0 */
  rate: string | null;
  targetMet: boolean | null;
}

export interface WindowPair {
  within30: WindowResult;
  within90: WindowResult;
}

export const AGING_BUCKETS = [
  { label: '0-30', fromDays: 0, toDays: 30 },
  { label: '31-60', fromDays: 31, toDays: 60 },
  { label: '61-90', fromDays: 61, toDays: 90 },
  { label: '90+', fromDays: 91, toDays: null },
] as const;

export interface AgingBucket {
  label: (typeof AGING_BUCKETS)[number]['label'];
  count: number;
  /** unpaid amount (charge - paid) */
  amount: string;
}

/** Decimal dollars over the claims of a row. */
export interface RowAmounts {
  /** total charges */
  billed: string;
  /** paid, net of reversals */
  paid: string;
  /** unpaid balance of the claims still waiting for the payer (the aging buckets summed) */
  outstanding: string;
}

export interface TimelinessRow {
  payerId: string;
  /** YYYY-MM of receipt, or "all" for the payer's total */
  receiptMonth: string;
  claimsReceived: number;
  cleanClaimsReceived: number;
  /** clean claims left out of every rate: a payer date before the send date */
  dateAnomalies: number;
  paid: WindowPair;
  adjudicated: WindowPair;
  open: AgingBucket[];
  amounts: RowAmounts;
}


export interface PayerTimeliness {
  payerId: string;
  months: TimelinessRow[];
  total: TimelinessRow;
  denialReasons: DenialReasonRank[];
}

export interface TimelinessReport {
  asOf: CalendarDate;
  payers: PayerTimeliness[];
}

export interface TimelinessOptions {
  /** payers to report even when they have no claims */
  payerIds?: readonly string[];
  /** CARC descriptions (see metrics/reason-codes.ts) */
  describeReason?: (code: string) => string | undefined;
}

const WINDOW_COUNT = TIMELINESS_TARGETS.length;
const OPEN_STATUSES: ReadonlySet<string | undefined> = new Set(['submitted', 'accepted']);
const HalfUp = Decimal.clone({ rounding: Decimal.ROUND_HALF_UP });

class Tally {
  received = 0;
  clean = 0;
  anomalies = 0;
  billedCents = 0;
  paidCents = 0;
  readonly paidWithin = new Array<number>(WINDOW_COUNT).fill(0);
  readonly paidCensored = new Array<number>(WINDOW_COUNT).fill(0);
  readonly adjudicatedWithin = new Array<number>(WINDOW_COUNT).fill(0);
  readonly adjudicatedCensored = new Array<number>(WINDOW_COUNT).fill(0);
  readonly openCount = new Array<number>(AGING_BUCKETS.length).fill(0);
  readonly openCents = new Array<number>(AGING_BUCKETS.length).fill(0);

  addTo(total: Tally): void {
    total.received += this.received;
    total.clean += this.clean;
    total.anomalies += this.anomalies;
    total.billedCents += this.billedCents;
    total.paidCents += this.paidCents;
    for (let i = 0; i < WINDOW_COUNT; i++) {
      total.paidWithin[i] = (total.paidWithin[i] ?? 0) + (this.paidWithin[i] ?? 0);
      total.paidCensored[i] = (total.paidCensored[i] ?? 0) + (this.paidCensored[i] ?? 0);
      total.adjudicatedWithin[i] = (total.adjudicatedWithin[i] ?? 0) + (this.adjudicatedWithin[i] ?? 0);
      total.adjudicatedCensored[i] = (total.adjudicatedCensored[i] ?? 0) + (this.adjudicatedCensored[i] ?? 0);
    }
    for (let b = 0; b < AGING_BUCKETS.length; b++) {
      total.openCount[b] = (total.openCount[b] ?? 0) + (this.openCount[b] ?? 0);
      total.openCents[b] = (total.openCents[b] ?? 0) + (this.openCents[b] ?? 0);
    }
  }
}

interface PayerTally {
  months: Map<string, Tally>;
  reasons: Map<string, { claims: number; cents: number }>;
}

/**
 * The rates of claims added one at a time: the event log is read page by page off the store, and
 * a report over a million claims never holds them all.
 */
export class TimelinessTally {
  private readonly dayOf = dayNumbers();
  private readonly todayDay: number;
  private readonly payers = new Map<string, PayerTally>();

  constructor(
    private readonly today: CalendarDate,
    private readonly options: TimelinessOptions = {},
  ) {
    this.todayDay = this.dayOf(today, 'today');
    for (const payerId of options.payerIds ?? []) this.payerTally(payerId);
  }

  private payerTally(payerId: string): PayerTally {
    let tally = this.payers.get(payerId);
    if (tally === undefined) {
      tally = { months: new Map(), reasons: new Map() };
      this.payers.set(payerId, tally);
    }
    return tally;
  }

  add(claim: TimelinessClaim): void {
    const { dayOf, todayDay } = this;
    const payer = this.payerTally(claim.payerId);
    if (claim.status === 'denied' && claim.denialReasons !== undefined) countReasons(payer.reasons, claim.denialReasons);
    const receiptDate = claim.receiptDate;
    if (receiptDate === undefined) return;
    const receipt = dayOf(receiptDate, claim.claimId);
    const month = receiptDate.slice(0, 7);
    let tally = payer.months.get(month);
    if (tally === undefined) {
      tally = new Tally();
      payer.months.set(month, tally);
    }
    tally.received++;
    tally.billedCents += toCents(claim.charge);
    tally.paidCents += toCents(claim.paid);
    const age = todayDay - receipt;
    const paidAfter = claim.paymentDate === undefined ? undefined : dayOf(claim.paymentDate, claim.claimId) - receipt;
    const adjudicatedAfter = earliest(claim.adjudicationDate === undefined ? undefined : dayOf(claim.adjudicationDate, claim.claimId) - receipt, paidAfter);

    if (claim.clean) tally.clean++;
    if (claim.clean && claim.dateAnomaly === true) {
      // Days counted from an impossible date say nothing either way: out of every rate.
      tally.anomalies++;
    } else if (claim.clean) {
      for (let i = 0; i < WINDOW_COUNT; i++) {
        const days = TIMELINESS_TARGETS[i]?.days ?? 0;
        if (paidAfter !== undefined) {
          if (paidAfter <= days) tally.paidWithin[i] = (tally.paidWithin[i] ?? 0) + 1;
        } else if (age < days && adjudicatedAfter === undefined) tally.paidCensored[i] = (tally.paidCensored[i] ?? 0) + 1;
        if (adjudicatedAfter !== undefined) {
          if (adjudicatedAfter <= days) tally.adjudicatedWithin[i] = (tally.adjudicatedWithin[i] ?? 0) + 1;
        } else if (age < days) tally.adjudicatedCensored[i] = (tally.adjudicatedCensored[i] ?? 0) + 1;
      }
    }

    if (adjudicatedAfter === undefined && OPEN_STATUSES.has(claim.status)) {
      const bucket = age <= 30 ? 0 : age <= 60 ? 1 : age <= 90 ? 2 : 3;
      tally.openCount[bucket] = (tally.openCount[bucket] ?? 0) + 1;
      tally.openCents[bucket] = (tally.openCents[bucket] ?? 0) + toCents(claim.charge) - toCents(claim.paid);
    }
    }

  report(): TimelinessReport {
    const { today, options, payers } = this;
    const describe = options.describeReason;
    const report: TimelinessReport = { asOf: today, payers: [] };
    for (const payerId of [...payers.keys()].sort()) {
      const payer = payers.get(payerId);
      if (payer === undefined) continue;
      const total = new Tally();
      const months: TimelinessRow[] = [];
      for (const month of [...payer.months.keys()].sort()) {
        const tally = payer.months.get(month);
        if (tally === undefined) continue;
        tally.addTo(total);
        months.push(rowOf(payerId, month, tally));
      }
      report.payers.push({ payerId, months, total: rowOf(payerId, 'all', total), denialReasons: rankReasons(payer.reasons, describe) });
    }
    return report;
}
}

export function timelinessReport(claims: Iterable<TimelinessClaim>, today: CalendarDate, options: TimelinessOptions = {}): TimelinessReport {
  const tally = new TimelinessTally(today, options);
  for (const claim of claims) tally.add(claim);
  return tally.report();
}

function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

function rowOf(payerId: string, receiptMonth: string, tally: Tally): TimelinessRow {
  const windows = (within: number[], censored: number[]): WindowPair => {
    const results = TIMELINESS_TARGETS.map((target, i) => windowResult(target.days, target.percent, tally.clean - tally.anomalies, within[i] ?? 0, censored[i] ?? 0));
    const [within30, within90] = results as [WindowResult, WindowResult];
    return { within30, within90 };
  };
  return {
    payerId,
    receiptMonth,
    claimsReceived: tally.received,
    cleanClaimsReceived: tally.clean,
    dateAnomalies: tally.anomalies,
    paid: windows(tally.paidWithin, tally.paidCensored),
    adjudicated: windows(tally.adjudicatedWithin, tally.adjudicatedCensored),
    open: AGING_BUCKETS.map((bucket, b) => ({ label: bucket.label, count: tally.openCount[b] ?? 0, amount: fromCents(tally.openCents[b] ?? 0) })),
    amounts: {
      billed: fromCents(tally.billedCents),
      paid: fromCents(tally.paidCents),
      outstanding: fromCents(tally.openCents.reduce((sum, cents) => sum + cents, 0)),
    },
  };
}

export function windowResult(days: number, targetPercent: number, clean: number, within: number, censored: number): WindowResult {
  const denominator = clean - censored;
  if (denominator <= 0) return { days, targetPercent, within, censored, denominator: 0, rate: null, targetMet: null };
  return {
    days,
    targetPercent,
    within,
    censored,
    denominator,
    rate: new HalfUp(within).times(100).dividedBy(denominator).toFixed(1),
    targetMet: within * 100 >= targetPercent * denominator,
  };
}

/** Day numbers memoized per date string: a million claims share a few thousand dates. */
function dayNumbers(): (date: CalendarDate, owner: string) => number {
  const memo = new Map<string, number>();
  return (date, owner) => {
    let day = memo.get(date);
    if (day === undefined) {
      if (!isCalendarDate(date)) throw new RangeError(`${owner}: "${date}" is not a calendar date (YYYY-MM-DD)`);
      day = daysBetween('1970-01-01', date);
      memo.set(date, day);
    }
    return day;
  };
}
