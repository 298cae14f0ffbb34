// What follows from a claim's events, written back after every change to them: the claim's
// status column (so lists and exports see where it stands) and its row of claim_timeliness (so
// BI views count what the API counts). Runs inside the caller's write transaction.

import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/claim.js';
import { daysBetween } from '../../domain/calendar.js';
import type { ClaimHistory } from '../../remit/claim-history.js';
import { toCents } from '../../domain/money.js';
import type { ClaimEventLog } from '../../store/event-store.js';
import type { ClaimTimelinessRow } from '../../store/timeliness-store.js';
import type { Repositories } from '../../store/store.js';
import { historyOf } from './events.js';

const EPOCH = '1970-01-01';

export function dayNumber(date: string): number {
  return daysBetween(EPOCH, date);
}

export interface StatusChange {
  claimId: string;
  from: ClaimStatus;
  to: ClaimStatus;
}

const STATUSES: ReadonlySet<string> = new Set(CLAIM_STATUSES);

function earliestDay(a: string | undefined, b: string | undefined): number | undefined {
  const days = [a, b].filter((d): d is string => d !== undefined).map(dayNumber);
  return days.length === 0 ? undefined : Math.min(...days);
}

export function timelinessRow(history: ClaimHistory, log: ClaimEventLog): ClaimTimelinessRow {
  const row: ClaimTimelinessRow = {
    claimId: history.claimId,
    payerId: history.payerId,
    clean: history.clean,
    dateAnomaly: history.dateAnomaly,
    chargeCents: toCents(history.charge),
    paidCents: toCents(history.paid),
    submissions: history.submissions,
    lastEventId: log.events[log.events.length - 1]?.eventId ?? 0,
    denialReasons: history.denialReasons.map((r) => ({ group: r.group, code: r.code, amountCents: toCents(r.amount) })),
  };
  if (history.status !== undefined) row.status = history.status;
  if (history.receiptDate !== undefined) {
    row.receiptDate = history.receiptDate;
    row.receiptDay = dayNumber(history.receiptDate);
  }
  if (history.submittedDate !== undefined) row.submittedDate = history.submittedDate;
  if (history.paymentDate !== undefined) {
    row.paymentDate = history.paymentDate;
    row.paymentDay = dayNumber(history.paymentDate);
  }
  if (history.adjudicationDate !== undefined) row.adjudicationDate = history.adjudicationDate;
  // The report measures adjudication by whichever came first, the outcome or the money.
  const adjudicatedDay = earliestDay(history.adjudicationDate, history.paymentDate);
  if (adjudicatedDay !== undefined) row.adjudicatedDay = adjudicatedDay;
  return row;
}

/** A void stands whatever its events say: it was decided by the office, not by the payer. */
const KEPT_STATUSES: ReadonlySet<string> = new Set(['void']);

export interface RefreshOptions {
  /** false: leave the status column alone */
  statuses?: boolean;
  /** sees each history as it is folded, so a caller need not fold the logs a second time */
  inspect?: (history: ClaimHistory) => void;
}

/**
 * Re-derives the claims' histories from their events, stores their timeliness rows and (unless
 * told not to) moves each claim's status to the derived one. Returns the status changes.
 */
export async function refreshDerived(repos: Repositories, claimIds: Iterable<string>, at: string, options: RefreshOptions = {}): Promise<StatusChange[]> {
  const changes: StatusChange[] = [];
  const ids = [...new Set(claimIds)];
  const current = await repos.remittances.claimStatuses(ids);
  const rows: ClaimTimelinessRow[] = [];
  for (const log of await repos.events.logsOf(ids)) {
    const history = historyOf(log);
    options.inspect?.(history);
    rows.push(timelinessRow(history, log));
    const before = current.get(log.claimId);
    const after = history.status;
    if (options.statuses === false || after === undefined || before === undefined || after === before || !STATUSES.has(after) || KEPT_STATUSES.has(before)) continue;
    changes.push({ claimId: log.claimId, from: before, to: after });
  }
  await repos.timeliness.save(rows);
  await repos.claims.setStatuses(changes.map((c) => ({ claimId: c.claimId, status: c.to })), at);
  return changes;
}
