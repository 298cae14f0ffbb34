// Runs the rules that apply to the target format and returns their issues in a stable order,
// so two runs over the same claims produce byte-identical reports.

import type { ValidationIssue } from '../domain/claim.js';
import type { ClaimWithParties } from '../domain/submission.js';
import { claimServiceIds } from './issue.js';
import { ub04Path } from './paths.js';
import { appliesTo, type Rule, type RuleSummary, type ValidationContext } from './rule.js';
import { ALL_RULES } from './rules.js';

/** Reported when a rule throws: the claim must not pass as clean because a check could not run. */
export const RULE_FAILED = 'RULE_FAILED';

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function pathKey(issue: ValidationIssue): string {
  const p = issue.path;
  return p ? `${p.loop ?? ''}/${p.segment ?? ''}/${p.element ?? ''}` : '';
}

export function compareIssues(a: ValidationIssue, b: ValidationIssue): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    compareText(a.code, b.code) ||
    // claim-level issues (no line) before the lines, then by line number
    (a.lineNumber ?? 0) - (b.lineNumber ?? 0) ||
    compareText(pathKey(a), pathKey(b)) ||
    compareText(a.message, b.message)
  );
}

function runRule(rule: Rule, item: ClaimWithParties, ctx: ValidationContext): readonly ValidationIssue[] {
  try {
    return rule.check(item, ctx);
  } catch {
    // The exception text may quote member data, so it stays out of the message.
    return [
      {
        code: RULE_FAILED,
        severity: 'error',
        message: `Claim ${item.claim.id}: validation rule ${rule.code} could not check this claim; its data may be malformed`,
        serviceIds: claimServiceIds(item.claim),
        claimId: item.claim.id,
      },
    ];
  }
}

// Builds and exports validate tens of thousands of claims against the same rule list.
const applicable = new WeakMap<readonly Rule[], Map<ValidationContext['format'], Rule[]>>();

function rulesFor(rules: readonly Rule[], format: ValidationContext['format']): Rule[] {
  let byFormat = applicable.get(rules);
  if (!byFormat) applicable.set(rules, (byFormat = new Map()));
  let list = byFormat.get(format);
  if (!list) byFormat.set(format, (list = rules.filter((rule) => appliesTo(rule, format))));
  return list;
}

export function validateClaim(item: ClaimWithParties, ctx: ValidationContext, rules: readonly Rule[] = ALL_RULES): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // Indexed loops: this runs for every claim of a build, and the for-of iterators it would
  // otherwise allocate were about 40 MB of a 25,000-claim build's garbage.
  const list = rulesFor(rules, ctx.format);
  const onPaper = ctx.format === 'ub04';
  for (let r = 0; r < list.length; r++) {
    const found = runRule(list[r]!, item, ctx);
    for (let i = 0; i < found.length; i++) issues.push(onPaper ? withFormLocator(found[i]!) : found[i]!);
  }
  return issues.sort(compareIssues);
}

/** A UB-04 finding names the form locator a biller looks at, not the 837 element a rule named. */
function withFormLocator(issue: ValidationIssue): ValidationIssue {
  if (!issue.path) return issue;
  const path = ub04Path(issue.path);
  return path === issue.path ? issue : { ...issue, path };
}

export function validateClaims(items: readonly ClaimWithParties[], ctx: ValidationContext, rules: readonly Rule[] = ALL_RULES): Map<string, ValidationIssue[]> {
  const result = new Map<string, ValidationIssue[]>();
  for (const item of items) result.set(item.claim.id, validateClaim(item, ctx, rules));
  return result;
}

export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((issue) => issue.severity === 'error');
}

export function listRules(rules: readonly Rule[] = ALL_RULES): RuleSummary[] {
  return rules.map((rule) => ({
    code: rule.code,
    severity: rule.severity,
    description: rule.description,
    formats: rule.formats ? [...rule.formats] : 'all',
  }));
}
