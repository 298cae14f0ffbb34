// California's late-payment interest on a clean claim: what the plan owed for paying after its
// deadline, by the rule in force on the day it received the claim (codesets/prompt-pay.json,
// where each rule names its law and dates). Pure: rules, holidays and the claim's money come in.
//
// - Day 0 is the day the plan received the claim. Under a calendar rule of 30 days, a payment
//   on day 30 is on time and one on day 31 owes one day of interest; under a working-day rule
//   the deadline is the Nth working day after receipt, weekends and state holidays not counted.
// - Interest = amount paid late x annual rate x days late / 365, days late = payment date -
//   deadline, summed over the claim's late payments and rounded half-up to the cent once.
// - The penalty (or fee) is owed when interest was owed and the plan paid none of it with the
//   claim; a share of interest is taken of the interest as rounded.

import { Decimal } from 'decimal.js';
import { addDays, daysBetween, type CalendarDate } from '../domain/calendar.js';

export type PlanKind = 'hmo' | 'other';

export interface PromptPayRule {
  id: string;
  name: string;
  source: string;
  /** the rule covers claims received on or after this day */
  receivedFrom?: CalendarDate;
  /** ... and before this one */
  receivedBefore?: CalendarDate;
  deadline: { count: 'calendar'; days: number } | { count: 'working'; days: Record<PlanKind, number> };
  annualRate: string;
  penalty: { kind: 'greater-of'; minimum: string; shareOfInterest: string } | { kind: 'fixed'; amount: string };
}

export interface PromptPayRules {
  rules: readonly PromptPayRule[];
  /** state holidays as observed: not working days */
  holidays: ReadonlySet<CalendarDate>;
}

/** A clean claim's money as the plan paid it, and the interest it paid with it. */
export interface PaidClaim {
  claimId: string;
  payerId: string;
  receivedDate: CalendarDate;
  /** what the plan paid on the claim, by payment date (835 BPR16); a reversal is negative */
  payments: ReadonlyArray<{ date: CalendarDate; amount: string }>;
  /** interest the plan paid for this claim: 835 AMT*I, and PLB L6 that names it */
  interestPaid: string;
  /** the payer profile's plan kind: the working-day rule gives HMO plans longer */
  planKind: PlanKind;
}

export interface InterestOwed {
  claimId: string;
  payerId: string;
  receivedDate: CalendarDate;
  deadline: CalendarDate;
  /** the latest late payment */
  paidDate: CalendarDate;
  daysLate: number;
  /** the money paid after the deadline */
  principal: string;
  interestOwed: string;
  penalty: string;
  interestPaid: string;
  /** interest not paid, plus the penalty: what the provider can still claim */
  stillOwed: string;
  rule: string;
}

const money = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** The rule whose dates hold the day the claim was received. */
export function ruleFor(rules: PromptPayRules, receivedDate: CalendarDate): PromptPayRule {
  const rule = rules.rules.find((r) => (r.receivedFrom === undefined || receivedDate >= r.receivedFrom) && (r.receivedBefore === undefined || receivedDate < r.receivedBefore));
  if (rule === undefined) throw new RangeError(`no prompt-pay rule covers a claim received on ${receivedDate}`);
  return rule;
}

/** Monday to Friday, and not a state holiday. */
export function isWorkingDay(date: CalendarDate, holidays: ReadonlySet<CalendarDate>): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/** The last day the plan may pay a claim received on `receivedDate` without owing interest. */
export function deadlineOf(rule: PromptPayRule, receivedDate: CalendarDate, planKind: PlanKind, holidays: ReadonlySet<CalendarDate>): CalendarDate {
  if (rule.deadline.count === 'calendar') return addDays(receivedDate, rule.deadline.days);
  let date = receivedDate;
  for (let counted = 0; counted < rule.deadline.days[planKind]; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) counted++;
  }
  return date;
}

/** What the plan owes for paying the claim late; undefined when nothing was paid late. */
export function interestOwed(claim: PaidClaim, rules: PromptPayRules): InterestOwed | undefined {
  const rule = ruleFor(rules, claim.receivedDate);
  const deadline = deadlineOf(rule, claim.receivedDate, claim.planKind, rules.holidays);
  const late = claim.payments.filter((p) => p.date > deadline && new Decimal(p.amount).greaterThan(0));
  if (late.length === 0) return undefined;
  const rate = new Decimal(rule.annualRate);
  let accrued = new Decimal(0);
  let principal = new Decimal(0);
  let paidDate = late[0]!.date;
  for (const payment of late) {
    const days = daysBetween(deadline, payment.date);
    accrued = accrued.plus(new Decimal(payment.amount).times(rate).times(days).dividedBy(365));
    principal = principal.plus(payment.amount);
    if (payment.date > paidDate) paidDate = payment.date;
  }
  const owed = new Decimal(money(accrued));
  const paid = new Decimal(claim.interestPaid);
  const penalty = owed.greaterThan(0) && paid.lessThanOrEqualTo(0) ? penaltyOf(rule, owed) : new Decimal(0);
  const unpaid = Decimal.max(owed.minus(Decimal.max(paid, 0)), 0);
  return {
    claimId: claim.claimId,
    payerId: claim.payerId,
    receivedDate: claim.receivedDate,
    deadline,
    paidDate,
    daysLate: daysBetween(deadline, paidDate),
    principal: money(principal),
    interestOwed: money(owed),
    penalty: money(penalty),
    interestPaid: money(paid),
    stillOwed: money(unpaid.plus(penalty)),
    rule: rule.id,
  };
}

function penaltyOf(rule: PromptPayRule, interest: Decimal): Decimal {
  if (rule.penalty.kind === 'fixed') return new Decimal(rule.penalty.amount);
  return Decimal.max(new Decimal(rule.penalty.minimum), new Decimal(money(interest.times(rule.penalty.shareOfInterest))));
}
