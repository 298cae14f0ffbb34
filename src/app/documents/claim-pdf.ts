// One claim on a CMS-1500, on demand (to look at, or to print a single form again). Read-only:
// nothing is stored and the claim's status does not change; a claim that could not go out on a
// CMS-1500 is refused with its findings rather than printed.

import type { ValidationIssue } from '../../domain/claim.js';
import { renderCms1500, type Cms1500Mode, type PrintOffset } from '../../pdf/cms1500.js';
import { hasErrors, validateClaim } from '../../validation/runner.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { cms1500FitIssues } from './cms1500-fit.js';
import { loadParties, submissionClock, validationContext, withMembers } from '../submission-parties.js';

export interface ClaimPdf {
  fileName: string;
  pdf: Buffer;
  /** what the caller should show alongside the form, e.g. an organization name printed shortened */
  warnings: ValidationIssue[];
}

export async function claimCms1500Pdf(ctx: AppContext, claimId: string, options: { mode: Cms1500Mode; offset?: PrintOffset }): Promise<ClaimPdf> {
  const repos = ctx.store.read;
  const claim = await repos.claims.get(claimId);
  if (!claim) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const parties = await loadParties(repos, claim.payerId);
  const [item] = await withMembers(repos, [claim]);
  if (!item) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const clock = submissionClock(ctx);
  const validation = validateClaim(item, await validationContext(ctx, repos, parties, 'cms1500', claim));
  const issues = hasErrors(validation) ? validation : [...validation, ...cms1500FitIssues(parties, item, clock)];
  if (hasErrors(issues)) {
    throw new AppError('conflict', `claim ${claimId} cannot be printed on a CMS-1500: ${issues.filter((i) => i.severity === 'error').length} errors`, {
      issues: issues.filter((i) => i.severity === 'error'),
    });
  }
  const offset = options.mode === 'print' ? options.offset : undefined;
  const pdf = await renderCms1500({ parties, claims: [item] }, { mode: options.mode, offset, clock });
  return { fileName: `${claimId}-cms1500.pdf`, pdf, warnings: issues.filter((i) => i.severity === 'warning') };
}
