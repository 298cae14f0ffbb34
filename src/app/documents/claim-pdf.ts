// One claim on a paper form (CMS-1500 or UB-04), on demand (to look at, or to print a single form
// again). Read-only: nothing is stored and the claim's status does not change; a claim that could
// not go out on the form is refused with its findings rather than printed.

import type { ValidationIssue } from '../../domain/claim.js';
import { hasErrors, validateClaim } from '../../validation/runner.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { paperFitIssues } from './paper-fit.js';
import { checkFormMode, paperForm, printOffsetFor, type FormMode, type PaperFormat, type PrintOffset } from './paper-forms.js';
import { loadParties, submissionClock, validationContext, withMembers } from '../submission-parties.js';

export interface ClaimPdf {
  fileName: string;
  pdf: Buffer;
  /** what the caller should show alongside the form, e.g. an organization name printed shortened */
  warnings: ValidationIssue[];
}

export interface ClaimPdfOptions {
  mode: FormMode;
  offset?: PrintOffset;
}

export function claimCms1500Pdf(ctx: AppContext, claimId: string, options: ClaimPdfOptions): Promise<ClaimPdf> {
  return claimPaperPdf(ctx, 'cms1500', claimId, options);
}

export function claimUb04Pdf(ctx: AppContext, claimId: string, options: ClaimPdfOptions): Promise<ClaimPdf> {
  return claimPaperPdf(ctx, 'ub04', claimId, options);
}

export async function claimPaperPdf(ctx: AppContext, format: PaperFormat, claimId: string, options: ClaimPdfOptions): Promise<ClaimPdf> {
  checkFormMode(options.mode);
  const form = paperForm(format);
  const repos = ctx.store.read;
  const claim = await repos.claims.get(claimId);
  if (!claim) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const parties = await loadParties(repos, claim.payerId);
  const [item] = await withMembers(repos, [claim]);
  if (!item) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const clock = submissionClock(ctx);
  const validation = validateClaim(item, await validationContext(ctx, repos, parties, format, claim));
  const issues = hasErrors(validation) ? validation : [...validation, ...paperFitIssues(form, parties, item, clock)];
  if (hasErrors(issues)) {
    const errors = issues.filter((i) => i.severity === 'error');
    throw new AppError('conflict', `claim ${claimId} cannot be printed on a ${form.label}: ${errors.length} errors`, { issues: errors });
  }
  const pdf = await form.render({ parties, claims: [item] }, { mode: options.mode, offset: printOffsetFor(options), clock });
  return { fileName: `${claimId}-${form.fileSuffix}.pdf`, pdf, warnings: issues.filter((i) => i.severity === 'warning') };
}
