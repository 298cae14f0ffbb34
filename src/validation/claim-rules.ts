// Claim-level structure: payer, line and diagnosis counts, diagnosis codes and pointers,
// place of service, frequency, and what the 837I and the UB-04 need from the payer profile.

import type { ValidationIssue } from '../domain/claim.js';
import { isValidIcd10 } from '../domain/identifiers.js';
import { claimIssue, lineIssue, findingsOf, NONE } from './issue.js';
import { CLAIM, PAYER, diagnosisPath, linePath } from './paths.js';
import { CLAIM_FORMAT_LABELS } from '../domain/reference.js';
import { CLAIM_FORMATS, INSTITUTIONAL_FORMATS, PROFESSIONAL_FORMATS, type Rule } from './rule.js';
import { isPresent } from './text.js';

/** Diagnosis pointers per line (SV107 has four components, box 24E four letters). */
const MAX_POINTERS = 4;
const DEFAULT_DIAGNOSIS_LIMIT = 12;

export const claimPayerMismatch: Rule = {
  code: 'CLAIM_PAYER_MISMATCH',
  severity: 'error',
  description: 'The claim is validated against the payer it was built for.',
  check(item, ctx) {
    if (item.claim.payerId === ctx.parties.payer.id) return NONE;
    return [claimIssue(claimPayerMismatch, item, `the claim was built for payer "${item.claim.payerId}" but is being submitted to "${ctx.parties.payer.id}"`, PAYER.id)];
  },
};

export const claimNoLines: Rule = {
  code: 'CLAIM_NO_LINES',
  severity: 'error',
  description: 'A claim has at least one service line.',
  check(item) {
    if (item.claim.lines.length > 0) return NONE;
    return [claimIssue(claimNoLines, item, 'the claim has no service lines', CLAIM.lines)];
  },
};

export const lineCountExceeded: Rule = {
  code: 'LINE_COUNT_EXCEEDED',
  severity: 'error',
  description: 'A claim has no more lines than its format allows (837P 50, 837I and UB-04 999, CMS-1500 6).',
  check(item, ctx) {
    const limit = ctx.codesets.limits.linesPerClaim[ctx.format];
    const count = item.claim.lines.length;
    if (limit === null || limit === undefined || count <= limit) return NONE;
    return [claimIssue(lineCountExceeded, item, `the claim has ${count} lines; the ${CLAIM_FORMAT_LABELS[ctx.format]} format allows ${limit} per claim, so split it`, CLAIM.lines)];
  },
};

export const diagnosisMissing: Rule = {
  code: 'DIAGNOSIS_MISSING',
  severity: 'error',
  description: 'A claim carries at least one diagnosis (HI*ABK).',
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    if (item.claim.diagnoses.length > 0) return NONE;
    return [claimIssue(diagnosisMissing, item, "the claim has no diagnosis; add one to the service rows or set the payer's default diagnosis", diagnosisPath(ctx.format, 1))];
  },
};

export const diagnosisFormat: Rule = {
  code: 'DIAGNOSIS_FORMAT',
  severity: 'error',
  description: 'Every diagnosis is shaped like an ICD-10-CM code: a letter, a digit, then 1 to 5 letters or digits (sent without the dot).',
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    return findingsOf(item.claim.diagnoses, (dx, index): readonly ValidationIssue[] => {
      if (isValidIcd10(dx)) return NONE;
      // The code itself stays out of the message (it is health information); the lines that
      // point at it lead the biller to the rows to fix.
      const users = item.claim.lines.filter((l) => l.diagnosisPointers.includes(index + 1)).map((l) => l.lineNumber);
      const usedBy = users.length > 0 ? ` (used by line ${users.join(', ')})` : '';
      return [claimIssue(diagnosisFormat, item, `diagnosis ${index + 1}${usedBy} is not an ICD-10-CM code; correct it on the service rows`, diagnosisPath(ctx.format, index + 1))];
    });
  },
};

export const diagnosisTooMany: Rule = {
  code: 'DIAGNOSIS_TOO_MANY',
  severity: 'error',
  description: 'A claim has no more diagnoses than its format holds (12 on the 837P and CMS-1500, 25 on the 837I, 18 on the UB-04).',
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    const limit = ctx.codesets.limits.diagnosesPerClaim[ctx.format] ?? DEFAULT_DIAGNOSIS_LIMIT;
    const count = item.claim.diagnoses.length;
    if (count <= limit) return NONE;
    return [claimIssue(diagnosisTooMany, item, `the claim has ${count} diagnoses; the ${CLAIM_FORMAT_LABELS[ctx.format]} format holds ${limit}, so split the claim`, CLAIM.diagnoses)];
  },
};

export const diagnosisPointer: Rule = {
  code: 'DIAGNOSIS_POINTER',
  severity: 'error',
  description: "Every line has 1 to 4 distinct diagnosis pointers, each pointing at one of the claim's diagnoses.",
  formats: PROFESSIONAL_FORMATS,
  check(item, ctx) {
    const count = item.claim.diagnoses.length;
    // With no diagnoses at all every pointer dangles; DIAGNOSIS_MISSING says it once.
    if (count === 0) return NONE;
    const path = linePath(ctx.format, 'pointers');
    const dangles = (p: number) => !Number.isInteger(p) || p < 1 || p > count;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const pointers = line.diagnosisPointers;
      if (pointers.length === 0 || pointers.length > MAX_POINTERS) {
        return [lineIssue(diagnosisPointer, item, line, `the line has ${pointers.length} diagnosis pointers; it needs 1 to ${MAX_POINTERS}`, path)];
      }
      if (pointers.some(dangles)) {
        return [lineIssue(diagnosisPointer, item, line, `diagnosis pointer ${pointers.filter(dangles).join(', ')} does not point at one of the claim's ${count} diagnoses`, path)];
      }
      // At most four pointers: a pairwise look needs no set per line.
      if (pointers.some((p, i) => pointers.indexOf(p) !== i)) {
        return [lineIssue(diagnosisPointer, item, line, 'the line points at the same diagnosis twice', path)];
      }
      return NONE;
    });
  },
};

export const placeOfServiceUnknown: Rule = {
  code: 'PLACE_OF_SERVICE_UNKNOWN',
  severity: 'error',
  description: 'The claim and every line use a place-of-service code from the CMS code set.',
  formats: PROFESSIONAL_FORMATS,
  check(item, ctx) {
    const known = ctx.codesets.placeOfService;
    const issues: ValidationIssue[] = [];
    if (!Object.hasOwn(known, item.claim.placeOfService)) {
      issues.push(claimIssue(placeOfServiceUnknown, item, `place of service "${item.claim.placeOfService}" is not a known place-of-service code`, CLAIM.location));
    }
    for (const line of item.claim.lines) {
      if (Object.hasOwn(known, line.placeOfService)) continue;
      issues.push(lineIssue(placeOfServiceUnknown, item, line, `place of service "${line.placeOfService}" is not a known place-of-service code`, linePath(ctx.format, 'placeOfService')));
    }
    return issues;
  },
};

export const claimFrequency: Rule = {
  code: 'CLAIM_FREQUENCY',
  severity: 'error',
  description: "The frequency code is known; a replacement (7) or void (8) carries the payer's claim number of the original (REF*F8), an original (1) does not.",
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    const { frequency, originalReference } = item.claim;
    const codes = ctx.codesets.frequency;
    if (!Object.hasOwn(codes, frequency)) {
      return [claimIssue(claimFrequency, item, `claim frequency "${frequency}" is not one of ${Object.keys(codes).join(', ')}`, CLAIM.frequency)];
    }
    const corrects = frequency === '7' || frequency === '8';
    if (corrects && !isPresent(originalReference)) {
      const kind = frequency === '7' ? 'replacement' : 'void';
      return [claimIssue(claimFrequency, item, `a ${kind} (frequency ${frequency}) needs the payer's claim control number of the original claim`, CLAIM.originalReference)];
    }
    if (!corrects && isPresent(originalReference)) {
      return [claimIssue(claimFrequency, item, "an original claim (frequency 1) must not carry an original claim reference; use frequency 7 to replace a claim", CLAIM.originalReference)];
    }
    return NONE;
  },
};

export const institutionalProfileMissing: Rule = {
  code: 'INSTITUTIONAL_PROFILE_MISSING',
  severity: 'error',
  description: "An 837I or UB-04 needs the payer profile's institutional settings: revenue code and facility type code.",
  formats: INSTITUTIONAL_FORMATS,
  check(item, ctx) {
    const payer = ctx.parties.payer;
    if (payer.institutional) return NONE;
    const format = ctx.format === 'ub04' ? 'a UB-04' : 'an 837I';
    return [claimIssue(institutionalProfileMissing, item, `${payer.name}'s payer profile has no institutional settings (revenue code, facility type code) needed for ${format}`, CLAIM.location)];
  },
};

export const CLAIM_RULES: readonly Rule[] = [
  claimPayerMismatch,
  claimNoLines,
  lineCountExceeded,
  diagnosisMissing,
  diagnosisFormat,
  diagnosisTooMany,
  diagnosisPointer,
  placeOfServiceUnknown,
  claimFrequency,
  institutionalProfileMissing,
];
