// Whether a claim fits the CMS-1500 form. The renderer stops at the first value that does not fit
// and names its contents; an export checks every claim first instead, so one bad claim is held
// back and listed with its box, and the message carries box names and lengths, never the value.

import type { ValidationIssue } from '../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import { Cms1500Error, cms1500Page, type Cms1500Page } from '../pdf/cms1500.js';
import { loadCms1500Layout, type LayoutField, type LayoutLineField } from '../pdf/cms1500-layout.js';

export const CMS1500_LAYOUT = 'CMS1500_LAYOUT';

export function cms1500FitIssues(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): ValidationIssue[] {
  let page: Cms1500Page;
  try {
    page = cms1500Page(parties, item, clock);
  } catch (err) {
    if (!(err instanceof Cms1500Error)) throw err;
    // The form's own checks word their message from ids and counts; the member id is masked in
    // case a check ever names it.
    return [layoutIssue(item, err.message.split(item.claim.memberCin).join('[member]'))];
  }
  const layout = loadCms1500Layout();
  const issues: ValidationIssue[] = [];
  const check = (field: LayoutField | LayoutLineField | undefined, key: string, value: string, line?: number) => {
    if (!field) {
      issues.push(layoutIssue(item, `claim ${item.claim.id}: templates/cms1500.json does not place ${key}`));
      return;
    }
    if (field.overflow === 'error' && value.length > field.width) {
      const where = line === undefined ? `box ${field.box}` : `line ${line} box ${field.box}`;
      issues.push(layoutIssue(item, `claim ${item.claim.id}: ${where} holds ${field.width} characters but the value has ${value.length}`, line));
    }
  };
  const fields = new Map(layout.fields.map((f) => [f.key, f]));
  for (const [key, value] of page.fields) check(fields.get(key), key, value);
  const lineFields = new Map(layout.serviceLines.fields.map((f) => [f.key, f]));
  page.lines.forEach((values, index) => {
    for (const [key, value] of values) check(lineFields.get(key), key, value, index + 1);
  });
  return issues;
}

function layoutIssue(item: ClaimWithParties, message: string, lineNumber?: number): ValidationIssue {
  return {
    code: CMS1500_LAYOUT,
    severity: 'error',
    message: message.replace(/^claim /, 'Claim '),
    serviceIds: [...new Set(item.claim.lines.flatMap((l) => l.serviceIds))],
    claimId: item.claim.id,
    ...(lineNumber !== undefined ? { lineNumber } : {}),
  };
}
