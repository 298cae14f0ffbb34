// Free text headed for an 837 must not contain the interchange's delimiters: a name with a
// "*" or "~" in it silently shifts every element after it and the whole file is rejected.

import type { ValidationIssue, X12Path } from '../domain/claim.js';
import { claimIssue, NONE } from './issue.js';
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
    // Every claim passes through here: the fields are looked at in place, and an issue list is
    // made only for a claim that has a bad one.
    let found: ValidationIssue[] | undefined;
    const look = (label: string, value: string | undefined, path: X12Path) => {
      if (value === undefined || !hasX12Separator(value)) return;
      (found ??= []).push(claimIssue(x12TextCharacters, item, `the ${label} contains a character an 837 cannot carry (* : ^ ~ or a control character)`, path));
    };
    for (const f of ORG_FIELDS) look(`organization ${f.label}`, f.value(ctx.parties.organization), f.path);
    for (const f of MEMBER_TEXT_FIELDS) look(`member's ${f.label}`, f.value(item.member), f.path);
    look('claim id', item.claim.id, CLAIM.id);
    look('original claim reference', item.claim.originalReference, CLAIM.originalReference);
    return found ?? NONE;
  },
};

export const X12_TEXT_RULES: readonly Rule[] = [x12TextCharacters];
