// Whether a claim fits the CMS-1500 form: the paper-form check (paper-fit.ts) for this form, under
// the names the CMS-1500 had before the UB-04 joined it.

import type { ValidationIssue } from '../../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { paperFitIssues } from './paper-fit.js';
import { PAPER_FORMS } from './paper-forms.js';

export { CMS1500_LAYOUT, CMS1500_NAME_SHORTENED } from './paper-forms.js';

export function cms1500FitIssues(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): ValidationIssue[] {
  return paperFitIssues(PAPER_FORMS.cms1500, parties, item, clock);
}
