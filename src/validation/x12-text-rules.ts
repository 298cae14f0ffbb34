// Free text headed for an 837 must not contain the interchange's delimiters: a name with a
// "*" or "~" in it silently shifts every element after it and the whole file is rejected.

import type { X12Path } from '../domain/claim.js';
import { claimIssue } from './issue.js';
import { MEMBER_TEXT_FIELDS } from './member-rules.js';
import { CLAIM } from './paths.js';
import { ORG_FIELDS } from './provider-rules.js';
import { X12_FORMATS, type Rule } from './rule.js';
import { hasX12Separator } from './text.js';

export const x12TextCharacters: Rule = {
  code: 'X12_TEXT_CHARACTERS',
  severity: 'error',
  description: 'Text sent in an 837 (organization, member, claim ids) contains no X12 delimiter (* : ^ ~) or control character.',
  formats: X12_FORMATS,
  check(item, ctx) {
    const values: [string, string | undefined, X12Path][] = [
      ...ORG_FIELDS.map((f): [string, string | undefined, X12Path] => [`organization ${f.label}`, f.value(ctx.parties.organization), f.path]),
      ...MEMBER_TEXT_FIELDS.map((f): [string, string | undefined, X12Path] => [`member's ${f.label}`, f.value(item.member), f.path]),
      ['claim id', item.claim.id, CLAIM.id],
      ['original claim reference', item.claim.originalReference, CLAIM.originalReference],
    ];
    return values
      .filter(([, value]) => value !== undefined && hasX12Separator(value))
      .map(([label, , path]) => claimIssue(x12TextCharacters, item, `the ${label} contains a character an 837 cannot carry (* : ^ ~ or a control character)`, path));
  },
};

export const X12_TEXT_RULES: readonly Rule[] = [x12TextCharacters];
