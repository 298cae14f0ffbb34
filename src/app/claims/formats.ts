// Applies the per-claim format choice (document-format-choice.ts) to unsent claims: each claim's
// format, the reason for it, its findings for that format and its status (ready, or draft when
// held) are stored together, so `claims show`, the exports and the API all see the same decision.

import type { Claim, ClaimStatus } from '../../domain/claim.js';
import type { ClaimFormat, Payer } from '../../domain/reference.js';
import type { ClaimWithParties, SubmissionParties } from '../../domain/submission.js';
import { missingInvoiceFields } from '../../pdf/invoice.js';
import type { Repositories } from '../../store/store.js';
import { validateClaim } from '../../validation/runner.js';
import { timestamp, today, type AppContext } from '../context.js';
import { chooseClaimFormat, type FormatChoice } from './format-choice.js';
import { checkPayerPeriod, loadParties, validationContextOn, withMembers } from '../submission-parties.js';
import type { DuplicateIndex } from '../../validation/duplicate-index.js';
import { duplicateIndexFor } from './duplicates.js';

export interface FormatFilter {
  payerId?: string;
  period?: string;
  /** decide only these claims (those that are not draft or ready originals are skipped) */
  claimIds?: readonly string[];
}

export interface FormatDecision {
  claimId: string;
  payerId: string;
  period: string;
  /** the payer profile's preferred format */
  preferred: ClaimFormat;
  format: ClaimFormat;
  status: Extract<ClaimStatus, 'draft' | 'ready'>;
  reason?: string;
  /** whether format, reason or status differ from what the claim had */
  changed: boolean;
}

export interface FormatDecisionReport {
  decisions: FormatDecision[];
  counts: { claims: number; ready: number; held: number; changed: number; byFormat: Partial<Record<ClaimFormat, number>> };
}

const UNSENT: ReadonlyArray<Extract<ClaimStatus, 'draft' | 'ready'>> = ['draft', 'ready'];

/**
 * Decides the format of every unsent original claim in scope, in its own write transaction.
 * Call it after a build (once the build's lock is released) or before an export.
 */
export function decideClaimFormats(ctx: AppContext, filter: FormatFilter = {}): Promise<FormatDecisionReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    await checkPayerPeriod(repos, filter);
    const decisions = await ctx.store.withTransaction(() => applyFormatDecisions(ctx, repos, filter));
    const report = summarizeDecisions(decisions);
    ctx.logger.info('claims.formats_decided', { payer: filter.payerId, period: filter.period, claims: report.counts.claims, held: report.counts.held, changed: report.counts.changed });
    return report;
  });
}

// build-claims has the same check; it is repeated here so the build can import this module
// without the two importing each other.
/**
 * The same decision inside a write transaction the caller already holds (a build or an export),
 * so the decision commits or rolls back with the caller's work.
 */
export async function applyFormatDecisions(ctx: AppContext, repos: Repositories, filter: FormatFilter): Promise<FormatDecision[]> {
  const ids = filter.claimIds ?? (await unsentIds(repos, filter));
  const claims = (await repos.claims.loadMany(ids)).filter((c) => c.frequency === '1' && (c.status === 'draft' || c.status === 'ready'));
  if (claims.length === 0) return [];

  const duplicates = await duplicateIndexFor(repos.claims, claims);
  const partiesByPayer = new Map<string, SubmissionParties>();
  const at = timestamp(ctx);
  const decisions: FormatDecision[] = [];

  for (const item of await withMembers(repos, claims)) {
    const claim = item.claim;
    let parties = partiesByPayer.get(claim.payerId);
    if (!parties) partiesByPayer.set(claim.payerId, (parties = await loadParties(repos, claim.payerId)));
    const choice = decideClaimFormat(ctx, parties, item, duplicates);
    decisions.push(await storeDecision(repos, claim, parties.payer, choice, at));
  }
  return decisions;
}

/** The ids of the unsent claims in scope, draft and ready alike, in id order. */
async function unsentIds(repos: Repositories, filter: FormatFilter): Promise<string[]> {
  const ids: string[] = [];
  for (const status of UNSENT) ids.push(...(await repos.claims.ids({ payerId: filter.payerId, period: filter.period, status })));
  return ids.sort();
}

/** The format for one claim, validating it for each format the choice needs, at most once each. */
export function decideClaimFormat(ctx: AppContext, parties: SubmissionParties, item: ClaimWithParties, duplicates: DuplicateIndex): FormatChoice {
  return decideClaimFormatOn(today(ctx), parties, item, duplicates);
}

/** The same decision from plain facts, so a build can make it off the main thread. */
export function decideClaimFormatOn(day: string, parties: SubmissionParties, item: ClaimWithParties, duplicates: DuplicateIndex): FormatChoice {
  // A build decides every claim: a plain object is the cheapest memo for a handful of formats.
  const memo: Partial<Record<ClaimFormat, ReturnType<typeof validateClaim>>> = {};
  return chooseClaimFormat(parties.payer.formats, {
    issuesFor: (format) => (memo[format] ??= validateClaim(item, validationContextOn(day, parties, format, item.claim, duplicates))),
    claim: item.claim,
    // Only needed when the claim falls back to an invoice, which few claims do.
    get invoiceMissing() {
      return missingInvoiceFields(parties, item);
    },
    billingNpi: Boolean(parties.organization.npi?.trim()),
  });
}

async function storeDecision(repos: Repositories, claim: Claim, payer: Payer, choice: FormatChoice, at: string): Promise<FormatDecision> {
  const status = choice.outcome === 'ready' ? 'ready' : 'draft';
  const formatChanged = claim.format !== choice.format || (claim.formatReason ?? undefined) !== choice.reason;
  const statusChanged = claim.status !== status;
  if (formatChanged) await repos.claims.setFormat(claim.id, choice.format, choice.reason, at);
  if (statusChanged) await repos.claims.setStatus(claim.id, status, at);
  await repos.claims.replaceIssues(claim.id, choice.issues.map((i) => ({ ...i, claimId: claim.id })));
  return {
    claimId: claim.id,
    payerId: claim.payerId,
    period: claim.period,
    preferred: payer.formats.preferred,
    format: choice.format,
    status,
    ...(choice.reason !== undefined ? { reason: choice.reason } : {}),
    changed: formatChanged || statusChanged,
  };
}

export function summarizeDecisions(decisions: readonly FormatDecision[]): FormatDecisionReport {
  const byFormat: Partial<Record<ClaimFormat, number>> = {};
  for (const d of decisions) if (d.status === 'ready') byFormat[d.format] = (byFormat[d.format] ?? 0) + 1;
  return {
    decisions: [...decisions],
    counts: {
      claims: decisions.length,
      ready: decisions.filter((d) => d.status === 'ready').length,
      held: decisions.filter((d) => d.status === 'draft').length,
      changed: decisions.filter((d) => d.changed).length,
      byFormat,
    },
  };
}
