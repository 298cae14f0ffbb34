// Whether a claim fits a paper form (CMS-1500 or UB-04). The renderer stops at the first value
// that does not fit and names its contents; an export checks every claim first instead, so one
// bad claim is held back and listed with its box or form locator, and the message carries places
// and lengths, never the value. An organization name that fits only without its last words is a
// warning: the form can go.

import type { ValidationIssue } from '../../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { fitName, type NameFit } from '../../pdf/cms1500.js';
import type { LayoutField, LayoutLineField } from '../../pdf/paper/form-layout.js';
import type { FormPage } from '../../pdf/paper/form-page.js';
import { placeName, type PaperForm } from './paper-forms.js';

export function paperFitIssues(form: PaperForm, parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): ValidationIssue[] {
  let pages: FormPage[];
  try {
    pages = form.pages(parties, item, clock);
  } catch (err) {
    if (!(err instanceof form.error)) throw err;
    // The form's own checks word their message from ids and counts; the member id is masked in
    // case a check ever names it.
    return [layoutIssue(form, item, err.message.split(item.claim.memberCin).join('[member]'))];
  }
  const layout = form.layout();
  const fields = new Map(layout.fields.map((f) => [f.key, f]));
  const lineFields = new Map(layout.serviceLines.fields.map((f) => [f.key, f]));
  const issues: ValidationIssue[] = [];
  const check = (field: LayoutField | LayoutLineField | undefined, key: string, value: string, line?: number) => {
    if (!field) {
      issues.push(layoutIssue(form, item, `claim ${item.claim.id}: ${form.template} does not place ${key}`));
      return;
    }
    if (value.length <= field.width) return;
    const place = placeName(form, field.box);
    if (field.overflow === 'error') {
      const where = line === undefined ? place : `line ${line} ${place}`;
      issues.push(layoutIssue(form, item, `claim ${item.claim.id}: ${where} holds ${field.width} characters but the value has ${value.length}`, line));
    }
    if (field.overflow === 'abbreviate') {
      const fit = fitName(value, field.width);
      if (!fit) {
        issues.push(layoutIssue(form, item, `claim ${item.claim.id}: ${place} holds ${field.width} characters but the first word of the name is longer; give the organization a name whose first word fits`, line));
      } else if (fit.wordsLeftOut > 0) {
        issues.push(nameShortenedIssue(form, item, place, field.width, fit));
      }
    }
  };
  // Service lines are numbered through the claim: a UB-04 page continues where the last one ended.
  let linesBefore = 0;
  for (const page of pages) {
    for (const [key, value] of page.fields) check(fields.get(key), key, value);
    page.lines.forEach((values, index) => {
      for (const [key, value] of values) check(lineFields.get(key), key, value, linesBefore + index + 1);
    });
    linesBefore += page.lines.length;
  }
  return onceEach(issues);
}

/**
 * The form still goes out (NUCC and NUBC let a name be shortened), but billing staff should know
 * the payer sees a shorter name than the one on file, and how to avoid it.
 */
function nameShortenedIssue(form: PaperForm, item: ClaimWithParties, place: string, width: number, fit: NameFit): ValidationIssue {
  const words = fit.wordsLeftOut === 1 ? 'its last word is' : `its last ${fit.wordsLeftOut} words are`;
  return {
    code: form.nameShortenedCode,
    severity: 'warning',
    message:
      `Claim ${item.claim.id}: ${place} holds ${width} characters but the organization name needs ${fit.abbreviatedLength} even abbreviated, ` +
      `so ${words} left off (the name ends after a whole word); a shorter organization name avoids this`,
    serviceIds: claimServiceIds(item),
    claimId: item.claim.id,
  };
}

function layoutIssue(form: PaperForm, item: ClaimWithParties, message: string, lineNumber?: number): ValidationIssue {
  return {
    code: form.layoutCode,
    severity: 'error',
    message: message.replace(/^claim /, 'Claim '),
    serviceIds: claimServiceIds(item),
    claimId: item.claim.id,
    ...(lineNumber !== undefined ? { lineNumber } : {}),
  };
}

function claimServiceIds(item: ClaimWithParties): string[] {
  return [...new Set(item.claim.lines.flatMap((l) => l.serviceIds))];
}

/** The header of a form that runs to several pages is checked on each: say each finding once. */
function onceEach(issues: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.code}|${issue.lineNumber ?? ''}|${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
