// Validation without export: re-checks unsent claims for their (or a given) format today, stores
// the findings and moves each claim between draft and ready accordingly.

import type { ValidationIssue } from '../../domain/claim.js';
import type { ClaimFormat } from '../../domain/reference.js';
import type { SubmissionParties } from '../../domain/submission.js';
import { validateClaim, hasErrors } from '../../validation/runner.js';
import { timestamp, today, type AppContext } from '../context.js';
import { checkPayerPeriod, loadParties, validationContextOn, withMembers } from '../submission-parties.js';
import { duplicateIndexFor } from './duplicates.js';

export interface ValidationReport {
  claims: Array<{ claimId: string; format: ClaimFormat; status: 'draft' | 'ready'; issues: ValidationIssue[] }>;
  counts: { claims: number; ready: number; draft: number; errors: number; warnings: number };
}

export function validateClaims(ctx: AppContext, filter: { payerId?: string; period?: string; format?: ClaimFormat }): Promise<ValidationReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    await checkPayerPeriod(repos, filter);
    const at = timestamp(ctx);
    return ctx.store.withTransaction(async (): Promise<ValidationReport> => {
      const ids = [...(await repos.claims.ids({ ...filter, status: 'draft' })), ...(await repos.claims.ids({ ...filter, status: 'ready' }))].sort();
      const claims = await repos.claims.loadMany(ids);
      const duplicates = await duplicateIndexFor(repos.claims, claims);
      const partiesByPayer = new Map<string, SubmissionParties>();
      const out: ValidationReport['claims'] = [];
      for (const { claim, member } of await withMembers(repos, claims)) {
        let parties = partiesByPayer.get(claim.payerId);
        if (!parties) partiesByPayer.set(claim.payerId, (parties = await loadParties(repos, claim.payerId)));
        const format = filter.format ?? claim.format;
        // The index is loaded, so the context is built from it at once (validationContextOn).
        const issues = validateClaim({ claim, member }, validationContextOn(today(ctx), parties, format, claim, duplicates));
        const status = hasErrors(issues) ? 'draft' : 'ready';
        // Asking "would it pass as X?" for another format only reports; the claim keeps the
        // format it was decided for, and its standing.
        if (format === claim.format) {
          await repos.claims.replaceIssues(claim.id, issues);
          await repos.claims.setStatus(claim.id, status, at);
        }
        out.push({ claimId: claim.id, format, status, issues });
      }
      const all = out.flatMap((c) => c.issues);
      return {
        claims: out,
        counts: {
          claims: out.length,
          ready: out.filter((c) => c.status === 'ready').length,
          draft: out.filter((c) => c.status === 'draft').length,
          errors: all.filter((i) => i.severity === 'error').length,
          warnings: all.filter((i) => i.severity === 'warning').length,
        },
      };
    });
  });
}
