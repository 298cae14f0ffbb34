// Building claims for a scope (payer and/or billing period): the scope's drafts are replaced,
// claims that have left the building are never touched, and their rows are never billed again.

import type { ValidationIssue } from '../../domain/claim.js';
import { periodBounds } from '../../domain/calendar.js';
import { overlappingServices } from '../../billing/overlaps.js';
import { summariesOf, type ClaimSummary } from '../../store/claim-rows.js';
import { checkPayerPeriod } from '../submission-parties.js';
import { createBuildSlicer, numberClaims, type BuildSliceSetup } from './build-slices.js';
import { runSlices } from '../compute-session.js';
import { stampBase } from './validation-stamp.js';
import { AppError } from '../errors.js';
import { timestamp, today, type AppContext } from '../context.js';
import type { Repositories } from '../../store/store.js';

// Small slices keep each slice's rows and claims short-lived: with 1,000 members a slice outlived
// young-generation collection and the heaps of both threads grew by about 90 MB for the same
// work (npm run bench), while the per-slice message cost stays negligible at 100.
const MEMBERS_PER_SLICE = 100;
// A worker thread takes about 0.1 s to start and load its modules; a build of fewer members than
// this finishes on one thread before the worker would pay for itself (and a busy server that
// builds often would start one for every build).
const THREAD_FROM_MEMBERS = 4000;

export interface BuildFilter {
  payerId?: string;
  period?: string;
}

export interface BuildReport {
  buildId: number;
  filter: BuildFilter;
  claims: ClaimSummary[];
  /** rows that are on no claim and why (e.g. a line rounding to zero units) */
  notBilled: ValidationIssue[];
  counts: { claims: number; ready: number; draft: number; rowsBilled: number; rowsNotBilled: number };
}

/** from this many claims built, the engine counts the claims again before an export reads them */
const BULK_CLAIMS = 1000;

export function buildClaims(ctx: AppContext, filter: BuildFilter): Promise<BuildReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    await checkPayerPeriod(repos, filter);
    const organization = await repos.reference.getOrganization();
    if (!organization) throw new AppError('invalid', 'load the organization (organization.json) before building claims');
    const at = timestamp(ctx);
    let threaded = false;
    const report = await ctx.store.withTransaction(async () => {
      const buildId = await repos.builds.start(filter, at);
      // The set of live claims changes: stamps taken before this build no longer hold.
      await repos.claims.advanceValidationInputs();
      const keptIds = await repos.claims.unsentByKey(filter);
      await repos.claims.deleteUnsent(filter);
      const bounds = filter.period ? periodBounds(filter.period) : { first: '0000-01-01', last: '9999-12-31' };
      // Claims never span members, so a slice of members at a time builds exactly the same
      // claims while holding only that slice's rows in memory.
      const memberCins = await repos.services.buildMembers(filter);
      const slices: string[][] = [];
      for (let i = 0; i < memberCins.length; i += MEMBERS_PER_SLICE) slices.push(memberCins.slice(i, i + MEMBERS_PER_SLICE));
      const setup: BuildSliceSetup = {
        organization,
        payers: await repos.reference.listPayers(),
        staff: await repos.reference.listStaff(),
        day: today(ctx),
        keptIds: [...keptIds],
        billed: await repos.services.billedInScope(filter),
        held: [...(await heldRows(repos, bounds))],
        duplicates: await repos.claims.duplicateRows({ from: bounds.first, to: bounds.last }),
        stampBase: await stampBase(ctx, repos),
        filter: { ...(filter.payerId ? { payerId: filter.payerId } : {}), ...(filter.period ? { period: filter.period } : {}) },
        buildId,
        at,
        dbPath: ctx.store.path,
        org: ctx.store.org,
      };
      const built: ClaimSummary[] = [];
      const notBilled: ValidationIssue[] = [];
      let rowsSeen = 0;
      let lastClaimNumber = await repos.claims.lastClaimNumber();
      threaded = await runSlices(
        'build-slices',
        setup,
        slices.length,
        (slice) => ({ slice, memberCins: slices[slice]! }),
        async (output) => {
          lastClaimNumber = numberClaims(output, lastClaimNumber);
          rowsSeen += output.rowsSeen;
          notBilled.push(...output.notBilled);
          await repos.claims.insertRows(output.rows);
          const before = built.length;
          built.push(...summariesOf(output.rows));
          // Once a large build has written its first claims, the engine counts them: PostgreSQL
          // checks every new line's foreign keys with a plan made when it first checked one, and a
          // plan made on a claim table it thought empty reads the organization's claims each time.
          if (before < BULK_CLAIMS && built.length >= BULK_CLAIMS) await repos.claims.refreshStatistics();
        },
        // An in-memory database cannot be read from another connection. This thread's slices
        // and writes take several milliseconds each, and with fewer slices waiting the worker
        // sat idle about a quarter of a build.
        { thread: ctx.store.path !== ':memory:' && memberCins.length >= THREAD_FROM_MEMBERS, local: createBuildSlicer(setup, repos), ahead: 4 },
      );
      await repos.claims.setLastClaimNumber(lastClaimNumber);
      await repos.builds.addIssues(buildId, notBilled);
      const ready = built.filter((c) => c.status === 'ready').length;
      const rowsNotBilled = notBilled.reduce((n, i) => n + i.serviceIds.length, 0);
      await repos.builds.finish(buildId, { claimsBuilt: built.length, claimsReady: ready, rowsNotBilled });
      if (built.length >= BULK_CLAIMS) await repos.claims.refreshStatistics();
      return {
        buildId,
        filter,
        claims: built,
        notBilled,
        counts: { claims: built.length, ready, draft: built.length - ready, rowsBilled: rowsSeen - rowsNotBilled, rowsNotBilled },
      };
    });
    ctx.logger.info('claims.built', { buildId: report.buildId, claims: report.counts.claims, ready: report.counts.ready, rowsNotBilled: report.counts.rowsNotBilled, threaded });
    return report;
  });
}

/**
 * Rows held off every claim because their times overlap another row of the same staff member.
 * The overlap check asks whether a row was already sent and needs the answer at once, so the
 * answers are read first, for the only rows it can ask about: with every row taken as sent, it
 * asks about both rows of each overlapping pair. Overlaps are rare, and so are these reads.
 */
async function heldRows(repos: Repositories, bounds: { first: string; last: string }): Promise<Map<string, ValidationIssue>> {
  const rows = await repos.services.timedRows(bounds);
  const asked = new Set<string>();
  const probe = overlappingServices(rows, (id) => {
    asked.add(id);
    return true;
  });
  // No overlap, nothing asked, nothing held: the usual build sweeps its rows once.
  if (asked.size === 0) return probe;
  const sent = new Set<string>();
  for (const id of asked) if ((await repos.services.sentClaimOf(id)) !== undefined) sent.add(id);
  return overlappingServices(rows, (id) => sent.has(id));
}
