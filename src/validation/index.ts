// The validation engine's public surface.

export { validateClaim, validateClaims, hasErrors, listRules, compareIssues, RULE_FAILED } from './runner.js';
export { ALL_RULES } from './rules.js';
export type { Rule, RuleSummary, ValidationContext, DuplicateLookup } from './rule.js';
