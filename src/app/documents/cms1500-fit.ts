// Whether a claim fits the CMS-1500 form. The renderer stops at the first value that does not fit
// and names its contents; an export checks every claim first instead, so one bad claim is held
// back and listed with its box, and the message carries box names and lengths, never the value.
// An organization name that fits only without its last words is a warning: the form can go.

import type { ValidationIssue } from '../../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { Cms1500Error, cms1500Page, fitName, type Cms1500Page, type NameFit } from '../../pdf/cms1500.js';
import { loadCms1500Layout, type LayoutField, type LayoutLineField } from '../../pdf/cms1500-layout.js';

export const CMS1500_LAYOUT = 'CMS1500_LAYOUT';
export const CMS1500_NAME_SHORTENED = 'CMS1500_NAME_SHORTENED';

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
    if (field.overflow === 'abbreviate' && value.length > field.width) {
      const fit = fitName(value, field.width);
      if (!fit) {
        issues.push(layoutIssue(item, `claim ${item.claim.id}: box ${field.box} holds ${field.width} characters but the first word of the name is longer; give the organization a name whose first word fits`, line));
      } else if (fit.wordsLeftOut > 0) {
        issues.push(nameShortenedIssue(item, field.box, field.width, fit));
      }
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

/**
 * The form still goes out (NUCC lets a name be shortened), but billing staff should know the
 * payer sees a shorter name than the one on file, and how to avoid it.
 */
function nameShortenedIssue(item: ClaimWithParties, box: string, width: number, fit: NameFit): ValidationIssue {
  const words = fit.wordsLeftOut === 1 ? 'its last word is' : `its last ${fit.wordsLeftOut} words are`;
  return {
    code: CMS1500_NAME_SHORTENED,
    severity: 'warning',
    message:
      `Claim ${item.claim.id}: box ${box} holds ${width} characters but the organization name needs ${fit.abbreviatedLength} even abbreviated, ` +
      `so ${words} left off (the name ends after a whole word); a shorter organization name avoids this`,
    serviceIds: [...new Set(item.claim.lines.flatMap((l) => l.serviceIds))],
    claimId: item.claim.id,
  };
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
