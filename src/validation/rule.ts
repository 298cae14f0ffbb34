// The contract every validation rule meets. Rules are pure: everything they may look at
// (parties, the clock, the code tables, the duplicate index) arrives in the context, so the
// same claim validated twice on the same day gives the same answer.

import type { codesets } from '../codesets/index.js';
import type { ValidationIssue, Severity } from '../domain/claim.js';
import type { ClaimFormat } from '../domain/reference.js';
import type { ClaimWithParties, SubmissionParties } from '../domain/submission.js';

/**
 * Returns the id of another claim that already bills this member, date and procedure, or
 * undefined. The store answers it; validation stays free of I/O.
 */
export type DuplicateLookup = (memberCin: string, serviceDate: string, code: string, modifiers: readonly string[]) => string | undefined;

export interface ValidationContext {
  parties: SubmissionParties;
  /** calendar date YYYY-MM-DD the claims are validated on */
  today: string;
  format: ClaimFormat;
  codesets: ReturnType<typeof codesets>;
  isDuplicate?: DuplicateLookup;
}

export interface Rule {
  code: string;
  severity: Severity;
  description: string;
  /** output formats the rule applies to; absent means every format */
  formats?: readonly ClaimFormat[];
  check(claim: ClaimWithParties, ctx: ValidationContext): readonly ValidationIssue[];
}

export interface RuleSummary {
  code: string;
  severity: Severity;
  description: string;
  formats: ClaimFormat[] | 'all';
}

export const X12_FORMATS: readonly ClaimFormat[] = ['837p', '837i'];
/** Formats that carry provider NPIs and the member's demographics (DMG, box 3, FL 10-11). */
export const CLAIM_FORMATS: readonly ClaimFormat[] = ['837p', '837i', 'cms1500', 'ub04'];
/** The professional claim and its paper twin: places of service and diagnosis pointers. */
export const PROFESSIONAL_FORMATS: readonly ClaimFormat[] = ['837p', 'cms1500'];
/** The institutional claim and its paper twin: revenue codes and a type of bill. */
export const INSTITUTIONAL_FORMATS: readonly ClaimFormat[] = ['837i', 'ub04'];

export function appliesTo(rule: Rule, format: ClaimFormat): boolean {
  return rule.formats === undefined || rule.formats.includes(format);
}
