// Keeps claim_timeliness (what the BI views read) in step with the event log. Every writer in
// this module family refreshes the claims it touched; events appended elsewhere (an export's
// 'batched') and the passing of days are caught up here before a report is served, so the views
// and the API agree whenever the API has just answered. Catching up never moves a claim's
// status: that is decided when the events that change it are written.

import type { Repositories } from '../../store/store.js';
import { timestamp, today, type AppContext } from '../context.js';
import { dayNumber, refreshDerived } from '../remittances/derived.js';

/**
 * Inside a write transaction: re-derives the rows of claims with events newer than their row
 * and dates the table `asOf`. Writers call it after their own changes, so the views are current
 * whenever the log changes through this module family.
 */
export async function catchUpTimeliness(repos: Repositories, asOf: string, at: string): Promise<void> {
  const stale = await staleClaims(repos);
  if (stale.length > 0) await refreshDerived(repos, stale, at, { statuses: false });
  if ((await repos.timeliness.asOf()) !== asOf) await repos.timeliness.setAsOf(asOf, dayNumber(asOf));
}

/** Claims whose newest event is not the one their timeliness row was derived from. */
async function staleClaims(repos: Repositories): Promise<string[]> {
  const derived = await repos.timeliness.eventIds();
  const stale: string[] = [];
  for (const [claimId, lastEventId] of await repos.events.latestEventIds()) if (derived.get(claimId) !== lastEventId) stale.push(claimId);
  return stale;
}

/** Brings the table and its as-of date up to today; a no-op (reads only) when nothing changed. */
export async function ensureTimelinessCache(ctx: AppContext): Promise<void> {
  const asOf = today(ctx);
  if ((await ctx.store.read.timeliness.asOf()) === asOf && (await staleClaims(ctx.store.read)).length === 0) return;
  await ctx.writeLock.run(() => {
    const repos = ctx.store.write;
    return ctx.store.withTransaction(() => catchUpTimeliness(repos, asOf, timestamp(ctx)));
  });
}
