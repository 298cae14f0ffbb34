// The member as subscriber (2010BA: NM1, N3/N4, DMG). Messages name the field only: a
// validation report is shared with people who must not see member data.

import { isCalendarDate } from '../domain/calendar.js';
import type { ValidationIssue, X12Path } from '../domain/claim.js';
import { CIN_PATTERN } from '../domain/identifiers.js';
import type { Member } from '../domain/reference.js';
import { claimIssue, lineIssue, findingsOf, NONE } from './issue.js';
import { SUBSCRIBER, linePath } from './paths.js';
import { CLAIM_FORMATS, X12_FORMATS, type Rule } from './rule.js';
import { isBlank, isPresent } from './text.js';

export interface MemberField {
  label: string;
  value: (m: Member) => string | undefined;
  path: X12Path;
  max?: number;
}

const NAME_FIELDS: readonly MemberField[] = [
  { label: 'last name', value: (m) => m.last_name, path: SUBSCRIBER.lastName, max: 60 },
  { label: 'first name', value: (m) => m.first_name, path: SUBSCRIBER.firstName, max: 35 },
];

const ADDRESS_FIELDS: readonly MemberField[] = [
  { label: 'address line 1', value: (m) => m.address_line1, path: SUBSCRIBER.address1, max: 55 },
  { label: 'city', value: (m) => m.city, path: SUBSCRIBER.city, max: 30 },
  { label: 'state', value: (m) => m.state, path: SUBSCRIBER.state },
  { label: 'ZIP code', value: (m) => m.zip, path: SUBSCRIBER.zip },
];

export const MEMBER_TEXT_FIELDS: readonly MemberField[] = [
  ...NAME_FIELDS,
  { label: 'middle name', value: (m) => m.middle_name, path: SUBSCRIBER.middleName, max: 25 },
  ...ADDRESS_FIELDS,
  { label: 'address line 2', value: (m) => m.address_line2, path: SUBSCRIBER.address2, max: 55 },
];

const SEX_CODES: readonly string[] = ['F', 'M', 'U'];

function firstServiceDate(lines: readonly { serviceDate: string }[]): string | undefined {
  let first: string | undefined;
  for (const { serviceDate } of lines) if (isCalendarDate(serviceDate) && (first === undefined || serviceDate < first)) first = serviceDate;
  return first;
}

export const memberMismatch: Rule = {
  code: 'MEMBER_MISMATCH',
  severity: 'error',
  description: 'The member record sent with the claim is the member the claim was built for.',
  check(item) {
    if (item.claim.memberCin === item.member.member_cin) return NONE;
    return [claimIssue(memberMismatch, item, 'the member record attached to the claim is not the member the claim was built for', SUBSCRIBER.id)];
  },
};

export const memberIdFormat: Rule = {
  code: 'MEMBER_ID_FORMAT',
  severity: 'error',
  description: 'The member id is a Medi-Cal CIN: 8 digits then a letter.',
  check(item) {
    if (CIN_PATTERN.test(item.member.member_cin)) return NONE;
    return [claimIssue(memberIdFormat, item, 'the member id is not a Medi-Cal CIN (8 digits then a letter); correct it in the member file', SUBSCRIBER.id)];
  },
};

export const memberNameMissing: Rule = {
  code: 'MEMBER_NAME_MISSING',
  severity: 'error',
  description: "The member's last and first names are present.",
  check(item) {
    return NAME_FIELDS.filter((f) => isBlank(f.value(item.member))).map((f) => claimIssue(memberNameMissing, item, `the member's ${f.label} is missing in the member file`, f.path));
  },
};

export const memberFieldTooLong: Rule = {
  code: 'MEMBER_FIELD_TOO_LONG',
  severity: 'error',
  description: 'Member last name (60), first name (35), middle name (25), address lines (55) and city (30) fit their 837 elements.',
  formats: X12_FORMATS,
  check(item) {
    return findingsOf(MEMBER_TEXT_FIELDS, (f) => {
      const value = f.value(item.member);
      if (f.max === undefined || value === undefined || value.trim().length <= f.max) return NONE;
      return [claimIssue(memberFieldTooLong, item, `the member's ${f.label} is ${value.trim().length} characters; the 837 allows ${f.max}`, f.path)];
    });
  },
};

export const memberAddressMissing: Rule = {
  code: 'MEMBER_ADDRESS_MISSING',
  severity: 'error',
  description: "The 837 carries the subscriber's address (N3/N4) because the member is the patient.",
  formats: X12_FORMATS,
  check(item) {
    return ADDRESS_FIELDS.filter((f) => isBlank(f.value(item.member))).map((f) =>
      claimIssue(
        memberAddressMissing,
        item,
        `the member's ${f.label} is missing; for a member without a home address use the shelter or another mailing address the plan accepts`,
        f.path,
      ),
    );
  },
};

export const memberDobMissing: Rule = {
  code: 'MEMBER_DOB_MISSING',
  severity: 'error',
  description: "The member's birth date is present (DMG on the 837, box 3 on the CMS-1500, FL 10 on the UB-04, and an invoice minimum element).",
  check(item) {
    if (isPresent(item.member.dob)) return NONE;
    return [claimIssue(memberDobMissing, item, "the member's birth date is missing in the member file", SUBSCRIBER.dob)];
  },
};

export const memberDobInvalid: Rule = {
  code: 'MEMBER_DOB_INVALID',
  severity: 'error',
  description: "The member's birth date is a real calendar date and not in the future.",
  check(item, ctx) {
    const dob = item.member.dob;
    if (!isPresent(dob)) return NONE;
    if (!isCalendarDate(dob)) return [claimIssue(memberDobInvalid, item, "the member's birth date is not a calendar date", SUBSCRIBER.dob)];
    if (dob > ctx.today) return [claimIssue(memberDobInvalid, item, "the member's birth date is in the future", SUBSCRIBER.dob)];
    return NONE;
  },
};

export const memberDobAfterService: Rule = {
  code: 'MEMBER_DOB_AFTER_SERVICE',
  severity: 'error',
  description: "The member's birth date is not after the claim's first date of service.",
  check(item, ctx) {
    const dob = item.member.dob;
    const first = firstServiceDate(item.claim.lines);
    // A future birth date is MEMBER_DOB_INVALID's to report; saying it twice adds nothing.
    if (!isPresent(dob) || !isCalendarDate(dob) || dob > ctx.today || first === undefined || dob <= first) return NONE;
    return [claimIssue(memberDobAfterService, item, "the member's birth date is after the first date of service; check the birth date or the service dates", SUBSCRIBER.dob)];
  },
};

export const memberSexCode: Rule = {
  code: 'MEMBER_SEX_CODE',
  severity: 'error',
  description: "The member's sex is coded F, M or U.",
  formats: CLAIM_FORMATS,
  check(item) {
    const sex: string | undefined = item.member.sex;
    if (sex !== undefined && SEX_CODES.includes(sex)) return NONE;
    return [claimIssue(memberSexCode, item, "the member's sex must be coded F, M or U in the member file", SUBSCRIBER.sex)];
  },
};

export const ecmOutsideEnrollment: Rule = {
  code: 'ECM_OUTSIDE_ENROLLMENT',
  severity: 'error',
  description: "ECM service lines fall inside the member's ECM enrollment (outreach lines are exempt: they come before it).",
  check(item, ctx) {
    const { ecm_start_date: start, ecm_end_date: end } = item.member;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      if (line.activity !== 'ecm') return NONE;
      const path = linePath(ctx.format, 'date');
      if (!isPresent(start)) {
        return [lineIssue(ecmOutsideEnrollment, item, line, 'the member has no ECM enrollment start date on file; ECM lines are billable only once ECM is initiated', path)];
      }
      if (line.serviceDate < start) {
        return [lineIssue(ecmOutsideEnrollment, item, line, 'the date of service is before the member\'s ECM enrollment started; bill it as outreach (U8) or correct the date', path)];
      }
      if (isPresent(end) && line.serviceDate > end) {
        return [lineIssue(ecmOutsideEnrollment, item, line, "the date of service is after the member's ECM enrollment ended", path)];
      }
      return NONE;
    });
  },
};

export const MEMBER_RULES: readonly Rule[] = [
  memberMismatch,
  memberIdFormat,
  memberNameMissing,
  memberFieldTooLong,
  memberAddressMissing,
  memberDobMissing,
  memberDobInvalid,
  memberDobAfterService,
  memberSexCode,
  ecmOutsideEnrollment,
];
