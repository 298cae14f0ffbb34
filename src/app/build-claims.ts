// Building claims for a scope (payer and/or billing period): the scope's drafts are replaced,
// claims that have left the building are never touched, and their rows are never billed again.

import { codesets } from '../codesets/index.js';
import { assembleClaims } from '../billing/claim-assembly.js';
import type { Claim, ValidationIssue } from '../domain/claim.js';
import type { Member, Payer, Staff } from '../domain/reference.js';
import { decideClaimFormat } from './document-formats.js';
import { periodBounds } from '../domain/calendar.js';
import type { ClaimSummary } from '../store/claim-store.js';
import { checkPayerPeriod } from './submission-parties.js';
import type { Repositories } from '../store/store.js';
import { hasErrors } from '../validation/runner.js';
import { AppError } from './errors.js';
import { timestamp, type AppContext } from './context.js';

const MEMBERS_PER_SLICE = 1000;

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

export function buildClaims(ctx: AppContext, filter: BuildFilter): Promise<BuildReport> {
  return ctx.writeLock.run(() => {
    const repos = ctx.store.write;
    checkPayerPeriod(repos, filter);
    const organization = repos.reference.getOrganization();
    if (!organization) throw new AppError('invalid', 'load the organization (organization.json) before building claims');
    const at = timestamp(ctx);
    const report = repos.db.transaction(() => {
      const buildId = repos.builds.start(filter, at);
      const keptIds = repos.claims.unsentByKey(filter);
      repos.claims.deleteUnsent(filter);
      const payers = new Map<string, Payer>(repos.reference.listPayers().map((p) => [p.id, p]));
      const staff = new Map<string, Staff>(repos.reference.listStaff().map((s) => [s.staff_id, s]));
      const bounds = filter.period ? periodBounds(filter.period) : { first: '0000-01-01', last: '9999-12-31' };
      const duplicates = repos.claims.duplicateIndex({ from: bounds.first, to: bounds.last });
      const built: ClaimSummary[] = [];
      const notBilled: ValidationIssue[] = [];
      let rowsSeen = 0;

      // Claims never span members, so a slice of members at a time builds exactly the same
      // claims while holding only that slice's rows in memory.
      const memberCins = repos.services.billableMembers(filter);
      for (let i = 0; i < memberCins.length; i += MEMBERS_PER_SLICE) {
        const rows = repos.services.billable({ ...filter, memberCins: memberCins.slice(i, i + MEMBERS_PER_SLICE) });
        rowsSeen += rows.length;
        const members = repos.reference.membersByCin([...new Set(rows.map((r) => r.memberCin))]);
        const assembled = assembleClaims({ services: rows, payers, members, limits: codesets().limits });
        notBilled.push(...assembled.issues);
        for (const draft of assembled.claims) {
          const id = keptIds.get(draft.key) ?? repos.claims.nextClaimId();
          const claim: Claim & { key: string } = { ...draft, id, status: 'draft' };
          const member = members.get(claim.memberCin) as Member;
          const payer = payers.get(claim.payerId) as Payer;
          // The format is decided per claim: the payer's preference, its fallback, or an invoice
          // when a claim-only element is missing, each with the reason stored on the claim.
          const choice = decideClaimFormat(ctx, repos, { organization, payer, staff }, { claim, member }, duplicates);
          claim.format = choice.format;
          claim.formatReason = choice.reason;
          claim.issues = dedupeIssues([...draft.issues, ...choice.issues]).map((i) => ({ ...i, claimId: id }));
          claim.status = choice.outcome === 'ready' && !hasErrors(claim.issues) ? 'ready' : 'draft';
          repos.claims.insert(claim, buildId, at);
          duplicates.addClaim(claim);
          built.push(summarize(claim));
        }
      }
      repos.builds.addIssues(buildId, notBilled);
      const ready = built.filter((c) => c.status === 'ready').length;
      const rowsNotBilled = notBilled.reduce((n, i) => n + i.serviceIds.length, 0);
      repos.builds.finish(buildId, { claimsBuilt: built.length, claimsReady: ready, rowsNotBilled });
      return {
        buildId,
        filter,
        claims: built,
        notBilled,
        counts: { claims: built.length, ready, draft: built.length - ready, rowsBilled: rowsSeen - rowsNotBilled, rowsNotBilled },
      };
    }).immediate();
    ctx.logger.info('claims.built', { buildId: report.buildId, claims: report.counts.claims, ready: report.counts.ready, rowsNotBilled: report.counts.rowsNotBilled });
    return report;
  });
}

/** The assembler and a validation rule may both see a missing fee: report it once. */
function dedupeIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.lineNumber ?? ''}|${i.serviceIds.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function summarize(claim: Claim): ClaimSummary {
  return {
    id: claim.id,
    payerId: claim.payerId,
    memberCin: claim.memberCin,
    period: claim.period,
    format: claim.format,
    status: claim.status,
    frequency: claim.frequency,
    totalCharge: claim.totalCharge,
    lineCount: claim.lines.length,
    errorCount: claim.issues.filter((i) => i.severity === 'error').length,
    warningCount: claim.issues.filter((i) => i.severity === 'warning').length,
  };
}
