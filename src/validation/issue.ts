// Building issues in one place keeps two promises every rule must keep: the issue points back
// to the log rows a biller has to fix, and the message never carries member data (the rule
// supplies only field names and codes; these helpers add nothing but ids).

import type { ClaimLine, ValidationIssue, X12Path } from '../domain/claim.js';
import type { ClaimWithParties } from '../domain/submission.js';
import type { Rule } from './rule.js';

type RuleIdentity = Pick<Rule, 'code' | 'severity'>;

export function claimServiceIds(claim: ClaimWithParties['claim']): string[] {
  return [...new Set(claim.lines.flatMap((line) => line.serviceIds))];
}

export function claimIssue(rule: RuleIdentity, item: ClaimWithParties, message: string, path?: X12Path): ValidationIssue {
  return {
    code: rule.code,
    severity: rule.severity,
    message: `Claim ${item.claim.id}: ${message}`,
    ...(path ? { path } : {}),
    serviceIds: claimServiceIds(item.claim),
    claimId: item.claim.id,
  };
}

export function lineIssue(rule: RuleIdentity, item: ClaimWithParties, line: ClaimLine, message: string, path?: X12Path): ValidationIssue {
  const rows = line.serviceIds.length > 0 ? ` (${line.serviceIds.join(', ')})` : '';
  return {
    code: rule.code,
    severity: rule.severity,
    message: `Claim ${item.claim.id} line ${line.lineNumber}${rows}: ${message}`,
    ...(path ? { path } : {}),
    serviceIds: [...line.serviceIds],
    claimId: item.claim.id,
    lineNumber: line.lineNumber,
  };
}

/** "G9008 U1 GQ": how billers read a procedure on a remittance or a fee schedule. */
export function procedureLabel(code: string, modifiers: readonly string[]): string {
  return [code, ...modifiers].join(' ');
}

/** No findings. Shared: rules run for every claim, and most find nothing. */
export const NONE: readonly ValidationIssue[] = Object.freeze([]);

/**
 * What a check finds item by item (lines, diagnoses, fields), in order. Nothing is allocated for
 * the items it finds nothing on, which on a clean claim is all of them.
 */
export function findingsOf<T>(items: readonly T[], find: (item: T, index: number) => readonly ValidationIssue[]): readonly ValidationIssue[] {
  let out: ValidationIssue[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const found = find(items[i]!, i);
    if (found.length > 0) (out ??= []).push(...found);
  }
  return out ?? NONE;
}
