// Clean-claim payment timeliness for finance: every claim's history is folded from its events
// (remit/claim-history.ts) and counted by metrics/timeliness.ts as of today on the context's
// clock. A filter narrows the claims by payer and by receipt date (from/to: YYYY-MM-DD, or
// YYYY-MM for a whole month); every payer on file is reported, with or without claims.

import { daysBetween, daysInMonth, isCalendarDate } from '../../domain/calendar.js';
import { PERIOD_PATTERN } from '../../domain/identifiers.js';
import type { ClaimHistory } from '../../remit/claim-history.js';
import { fromCents, toCents } from '../../domain/money.js';
import { describeReasonCode } from '../../metrics/reason-codes.js';
import { TimelinessTally, type TimelinessReport } from '../../metrics/timeliness.js';
import { today, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { ensureTimelinessCache } from './timeliness-cache.js';
import { historyOf } from '../remittances/events.js';
import type { ClaimEventLog } from '../../store/event-store.js';

export interface TimelinessFilter {
  payerId?: string;
  from?: string;
  to?: string;
}

interface Range {
  from?: string;
  to?: string;
}

export interface TimelinessResult extends TimelinessReport {
  filter: { payerId?: string; from?: string; to?: string };
  /** payer id -> the payer's name, for headings */
  payerNames: Record<string, string>;
}

/** A clean claim that has waited 30 days or more for its money and is not yet adjudicated. */
export interface LateClaim {
  claimId: string;
  payerId: string;
  status: string;
  receiptDate: string;
  daysSinceReceipt: number;
  charge: string;
  paid: string;
  unpaid: string;
}

/** The first day of the 30-day window that the claim has missed (day 30 itself counts as late). */
export const LATE_AFTER_DAYS = 30;
const OPEN_STATUSES: ReadonlySet<string | undefined> = new Set(['submitted', 'accepted']);

function rangeBound(value: string | undefined, edge: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (isCalendarDate(value)) return value;
  if (PERIOD_PATTERN.test(value)) {
    if (edge === 'from') return `${value}-01`;
    const days = daysInMonth(Number(value.slice(0, 4)), Number(value.slice(5, 7)));
    return `${value}-${String(days).padStart(2, '0')}`;
  }
  throw new AppError('invalid', `${edge} "${value}" must be a date (YYYY-MM-DD) or a month (YYYY-MM)`);
}

async function resolveFilter(ctx: AppContext, filter: TimelinessFilter): Promise<Range & { payerIds: string[]; payerNames: Record<string, string> }> {
  const range: Range = {};
  const from = rangeBound(filter.from, 'from');
  const to = rangeBound(filter.to, 'to');
  if (from !== undefined) range.from = from;
  if (to !== undefined) range.to = to;
  if (from !== undefined && to !== undefined && from > to) throw new AppError('invalid', `from ${from} is after to ${to}`);
  const known = await ctx.store.read.reference.listPayers();
  const payers = known.map((p) => p.id);
  const payerNames = Object.fromEntries(known.map((p) => [p.id, p.name]));
  if (filter.payerId !== undefined && filter.payerId !== '') {
    if (!payers.includes(filter.payerId)) throw new AppError('not_found', `payer ${filter.payerId} does not exist`);
    return { ...range, payerIds: [filter.payerId], payerNames: { [filter.payerId]: payerNames[filter.payerId] ?? filter.payerId } };
  }
  return { ...range, payerIds: payers, payerNames };
}

/** Histories of the claims in scope, one at a time off the event log (EventRepository.allLogs). */
async function* histories(logs: AsyncIterable<ClaimEventLog>, scope: Range & { payerIds: string[] }): AsyncGenerator<ClaimHistory> {
  const payers = new Set(scope.payerIds);
  for await (const log of logs) {
    if (!payers.has(log.payerId)) continue;
    const history = historyOf(log);
    if (scope.from !== undefined || scope.to !== undefined) {
      const receipt = history.receiptDate;
      if (receipt === undefined) continue;
      if (scope.from !== undefined && receipt < scope.from) continue;
      if (scope.to !== undefined && receipt > scope.to) continue;
    }
    yield history;
  }
}

export async function timelinessMetrics(ctx: AppContext, filter: TimelinessFilter = {}): Promise<TimelinessResult> {
  const scope = await resolveFilter(ctx, filter);
  await ensureTimelinessCache(ctx);
  const tally = new TimelinessTally(today(ctx), { payerIds: scope.payerIds, describeReason: describeReasonCode });
  for await (const history of histories(ctx.store.read.events.allLogs(), scope)) tally.add(history);
  const report = tally.report();
  const echo: TimelinessResult['filter'] = {};
  if (filter.payerId) echo.payerId = filter.payerId;
  if (scope.from !== undefined) echo.from = scope.from;
  if (scope.to !== undefined) echo.to = scope.to;
  return { ...report, filter: echo, payerNames: scope.payerNames };
}

export async function lateClaims(ctx: AppContext, filter: TimelinessFilter = {}): Promise<LateClaim[]> {
  const scope = await resolveFilter(ctx, filter);
  const asOf = today(ctx);
  const late: LateClaim[] = [];
  for await (const history of histories(ctx.store.read.events.allLogs(), scope)) {
    if (!history.clean || history.receiptDate === undefined || history.paymentDate !== undefined || !OPEN_STATUSES.has(history.status)) continue;
    const days = daysBetween(history.receiptDate, asOf);
    if (days < LATE_AFTER_DAYS) continue;
    late.push({
      claimId: history.claimId,
      payerId: history.payerId,
      status: history.status ?? 'submitted',
      receiptDate: history.receiptDate,
      daysSinceReceipt: days,
      charge: history.charge,
      paid: history.paid,
      unpaid: fromCents(toCents(history.charge) - toCents(history.paid)),
    });
  }
  return late.sort((a, b) => b.daysSinceReceipt - a.daysSinceReceipt || (a.claimId < b.claimId ? -1 : 1));
}
