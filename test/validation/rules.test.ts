// One breaking and one passing case per rule. Each breaking case asserts the first issue of its
// rule: severity, message, X12 path and the service rows a biller has to fix.

import { describe, expect, it } from 'vitest';
import type { ClaimLine, ValidationIssue, X12Path } from '../../src/domain/claim.js';
import type { ClaimFormat } from '../../src/domain/reference.js';
import { listRules, validateClaim } from '../../src/validation/runner.js';
import { ALL_SERVICE_IDS, CLAIM_ID, baseline, lineOf, staffOf, type Fixture } from './fixtures.js';

interface RuleCase {
  code: string;
  breaks: string;
  format?: ClaimFormat;
  breakIt: (f: Fixture) => void;
  expected: {
    severity: 'error' | 'warning';
    message: RegExp;
    path: X12Path;
    serviceIds: string[];
    lineNumber?: number;
    count?: number;
  };
  /** a near miss that must not raise this rule; the untouched baseline when absent */
  passes?: string;
  passFormat?: ClaimFormat;
  passIt?: (f: Fixture) => void;
  /** other rules the near miss is allowed to raise (it must raise nothing else) */
  passAllows?: string[];
}

const p = (loop: string, segment: string, element?: string): X12Path => (element === undefined ? { loop, segment } : { loop, segment, element });

function extraLines(f: Fixture, dates: string[]): void {
  const template = lineOf(f, 3);
  for (const [i, serviceDate] of dates.entries()) {
    const lineNumber = f.item.claim.lines.length + 1;
    const copy: ClaimLine = { ...structuredClone(template), lineNumber, serviceDate, serviceIds: [`SL-20${i}`] };
    f.item.claim.lines.push(copy);
  }
  f.item.claim.totalCharge = (498.75 + 120 * dates.length).toFixed(2);
}

const CASES: RuleCase[] = [
  {
    code: 'BILLING_NPI_MISSING',
    breaks: 'the organization has no NPI on an 837P',
    breakIt: (f) => delete f.organization.npi,
    expected: { severity: 'error', message: /billing provider has no NPI/, path: p('2010AA', 'NM1', 'NM109'), serviceIds: ALL_SERVICE_IDS },
    passes: 'an invoice from an organization without an NPI',
    passFormat: 'invoice',
    passIt: (f) => delete f.organization.npi,
  },
  {
    code: 'NPI_CHECK_DIGIT',
    breaks: 'the last digit of the billing NPI is wrong',
    breakIt: (f) => (f.organization.npi = '1234567890'),
    expected: { severity: 'error', message: /NPI is not valid: its check digit does not match/, path: p('2010AA', 'NM1', 'NM109'), serviceIds: ALL_SERVICE_IDS },
    passes: 'another valid NPI',
    passIt: (f) => (f.organization.npi = '1543210987'),
  },
  {
    code: 'TIN_FORMAT',
    breaks: 'the TIN is written with a dash',
    breakIt: (f) => (f.organization.tin = '94-1234567'),
    expected: { severity: 'error', message: /tax id must be 9 digits/, path: p('2010AA', 'REF', 'REF02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'BILLING_ZIP_9_DIGITS',
    breaks: 'the billing ZIP has 5 digits on an 837P',
    breakIt: (f) => (f.organization.address.zip = '95814'),
    expected: { severity: 'error', message: /ZIP code must have 9 digits/, path: p('2010AA', 'N4', 'N403'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a 5-digit ZIP on a CMS-1500',
    passFormat: 'cms1500',
    passIt: (f) => (f.organization.address.zip = '95814'),
  },
  {
    code: 'BILLING_ADDRESS_PO_BOX',
    breaks: 'address line 1 is a P.O. Box',
    breakIt: (f) => (f.organization.address.line1 = 'P.O. Box 1234'),
    expected: { severity: 'error', message: /address line 1 is a PO box/, path: p('2010AA', 'N3', 'N301'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a street whose name contains "Box"',
    passIt: (f) => (f.organization.address.line1 = '1200 Boxwood Street'),
  },
  {
    code: 'TAXONOMY_MISSING',
    breaks: 'the organization has no taxonomy on an 837P',
    breakIt: (f) => delete f.organization.taxonomy,
    expected: { severity: 'error', message: /no taxonomy code/, path: p('2000A', 'PRV', 'PRV03'), serviceIds: ALL_SERVICE_IDS },
    passes: 'no taxonomy on an invoice',
    passFormat: 'invoice',
    passIt: (f) => delete f.organization.taxonomy,
  },
  {
    code: 'TAXONOMY_FORMAT',
    breaks: 'the taxonomy lacks its trailing X',
    breakIt: (f) => (f.organization.taxonomy = '251S000000'),
    expected: { severity: 'error', message: /taxonomy code must be 10 letters or digits ending in X/, path: p('2000A', 'PRV', 'PRV03'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'ORG_FIELD_MISSING',
    breaks: 'the contact name is blank',
    breakIt: (f) => (f.organization.contact.name = '  '),
    expected: { severity: 'error', message: /organization profile has no contact name/, path: p('1000A', 'PER', 'PER02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'ORG_FIELD_TOO_LONG',
    breaks: 'the organization name is 61 characters',
    breakIt: (f) => (f.organization.name = 'B'.repeat(61)),
    expected: { severity: 'error', message: /organization name is 61 characters; the 837 allows 60/, path: p('2010AA', 'NM1', 'NM103'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a name of exactly 60 characters',
    passIt: (f) => (f.organization.name = 'B'.repeat(60)),
  },
  {
    code: 'RENDERING_STAFF_UNKNOWN',
    breaks: 'line 2 names a staff id missing from the staff list',
    breakIt: (f) => (lineOf(f, 2).renderingStaffId = 'S999'),
    expected: { severity: 'error', message: /line 2 \(SL-1002\): rendering staff id "S999" is not in the staff list/, path: p('2420A', 'NM1', 'NM109'), serviceIds: ['SL-1002'], lineNumber: 2 },
  },
  {
    code: 'RENDERING_NPI_CHECK_DIGIT',
    breaks: "the rendering nurse's NPI has a wrong check digit",
    breakIt: (f) => (staffOf(f, 'S001').npi = '1543210986'),
    expected: { severity: 'error', message: /line 1 \(SL-1001\): the NPI of rendering staff S001 is not valid/, path: p('2420A', 'NM1', 'NM109'), serviceIds: ['SL-1001'], lineNumber: 1 },
  },
  {
    code: 'MEMBER_MISMATCH',
    breaks: 'the attached member record is a different member',
    breakIt: (f) => (f.item.claim.memberCin = '92345678B'),
    expected: { severity: 'error', message: /member record attached to the claim is not the member the claim was built for/, path: p('2010BA', 'NM1', 'NM109'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'MEMBER_ID_FORMAT',
    breaks: 'the CIN has 7 digits',
    breakIt: (f) => {
      f.item.member.member_cin = '9123456A';
      f.item.claim.memberCin = '9123456A';
    },
    expected: { severity: 'error', message: /member id is not a Medi-Cal CIN/, path: p('2010BA', 'NM1', 'NM109'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'MEMBER_NAME_MISSING',
    breaks: 'the first name is empty',
    breakIt: (f) => (f.item.member.first_name = ''),
    expected: { severity: 'error', message: /member's first name is missing/, path: p('2010BA', 'NM1', 'NM104'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'MEMBER_FIELD_TOO_LONG',
    breaks: 'the first name is 36 characters',
    breakIt: (f) => (f.item.member.first_name = 'M'.repeat(36)),
    expected: { severity: 'error', message: /member's first name is 36 characters; the 837 allows 35/, path: p('2010BA', 'NM1', 'NM104'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a first name of exactly 35 characters',
    passIt: (f) => (f.item.member.first_name = 'M'.repeat(35)),
  },
  {
    code: 'MEMBER_ADDRESS_MISSING',
    breaks: 'the member has no street address on an 837P',
    breakIt: (f) => delete f.item.member.address_line1,
    expected: { severity: 'error', message: /member's address line 1 is missing/, path: p('2010BA', 'N3', 'N301'), serviceIds: ALL_SERVICE_IDS },
    passes: 'no street address on an invoice',
    passFormat: 'invoice',
    passIt: (f) => delete f.item.member.address_line1,
  },
  {
    code: 'MEMBER_DOB_MISSING',
    breaks: 'the member file has no birth date',
    breakIt: (f) => delete f.item.member.dob,
    expected: { severity: 'error', message: /birth date is missing/, path: p('2010BA', 'DMG', 'DMG02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'MEMBER_DOB_INVALID',
    breaks: 'the birth date is after today',
    breakIt: (f) => (f.item.member.dob = '2026-12-01'),
    expected: { severity: 'error', message: /birth date is in the future/, path: p('2010BA', 'DMG', 'DMG02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'MEMBER_DOB_AFTER_SERVICE',
    breaks: 'the birth date is after the first date of service',
    breakIt: (f) => (f.item.member.dob = '2026-10-05'),
    expected: { severity: 'error', message: /birth date is after the first date of service/, path: p('2010BA', 'DMG', 'DMG02'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a birth date on the first date of service',
    passIt: (f) => (f.item.member.dob = '2026-10-03'),
  },
  {
    code: 'MEMBER_SEX_CODE',
    breaks: 'the sex code is not F, M or U',
    breakIt: (f) => Object.assign(f.item.member, { sex: 'X' }),
    expected: { severity: 'error', message: /sex must be coded F, M or U/, path: p('2010BA', 'DMG', 'DMG03'), serviceIds: ALL_SERVICE_IDS },
    passes: 'sex U (unknown)',
    passIt: (f) => (f.item.member.sex = 'U'),
  },
  {
    code: 'ECM_OUTSIDE_ENROLLMENT',
    breaks: 'ECM enrollment starts after the first two lines',
    breakIt: (f) => (f.item.member.ecm_start_date = '2026-10-05'),
    expected: { severity: 'error', message: /line 1 \(SL-1001\): the date of service is before the member's ECM enrollment started/, path: p('2400', 'DTP', 'DTP03'), serviceIds: ['SL-1001'], lineNumber: 1, count: 2 },
    passes: 'the same lines billed as outreach',
    passIt: (f) => {
      f.item.member.ecm_start_date = '2026-10-05';
      Object.assign(lineOf(f, 1), { activity: 'outreach', modifiers: ['U8'], rate: '110.00', charge: '165.00' });
      Object.assign(lineOf(f, 2), { activity: 'outreach', modifiers: ['U8', 'GQ'], rate: '80.00', charge: '60.00' });
      f.item.claim.totalCharge = '386.25';
    },
  },
  {
    code: 'SERVICE_DATE_INVALID',
    breaks: 'line 4 is dated after today',
    breakIt: (f) => (f.ctx.today = '2026-10-20'),
    expected: { severity: 'error', message: /line 4 \(SL-1004\): the date of service is in the future/, path: p('2400', 'DTP', 'DTP03'), serviceIds: ['SL-1004'], lineNumber: 4 },
    passes: 'validation on the day of the last service',
    passIt: (f) => (f.ctx.today = '2026-10-24'),
  },
  {
    code: 'TIMELY_FILING_EXPIRED',
    breaks: 'the payer allows 50 days and lines 1-2 are 53 days old',
    breakIt: (f) => (f.payer.timelyFilingDays = 50),
    expected: { severity: 'error', message: /line 1 \(SL-1001\): the date of service is 53 days ago; Health Net of California accepts claims for 50 days/, path: p('2400', 'DTP', 'DTP03'), serviceIds: ['SL-1001'], lineNumber: 1, count: 2 },
    passes: 'the oldest lines on exactly the last day of the window',
    passIt: (f) => (f.payer.timelyFilingDays = 53),
    passAllows: ['TIMELY_FILING_NEAR'],
  },
  {
    code: 'TIMELY_FILING_NEAR',
    breaks: 'the payer allows 60 days: 7 left for lines 1-2, 14 for line 3',
    breakIt: (f) => (f.payer.timelyFilingDays = 60),
    expected: { severity: 'warning', message: /line 1 \(SL-1001\): only 7 days left of Health Net of California's 60-day filing limit/, path: p('2400', 'DTP', 'DTP03'), serviceIds: ['SL-1001'], lineNumber: 1, count: 3 },
    passes: '16 days left on the oldest line',
    passIt: (f) => (f.payer.timelyFilingDays = 69),
  },
  {
    code: 'DUPLICATE_SERVICE',
    breaks: 'another claim already bills line 3',
    breakIt: (f) => (f.ctx.isDuplicate = (_cin, date, code, mods) => (date === '2026-10-10' && code === 'G9012' && mods.join() === 'U2' ? 'CLM-2026-10-0999' : undefined)),
    expected: { severity: 'error', message: /line 3 \(SL-1003\): G9012 U2 for this member on this date is already billed on claim CLM-2026-10-0999/, path: p('2400', 'SV1', 'SV101-02'), serviceIds: ['SL-1003'], lineNumber: 3 },
    passes: 'the lookup finds only this claim itself',
    passIt: (f) => (f.ctx.isDuplicate = () => CLAIM_ID),
  },
  {
    code: 'PROCEDURE_NOT_IN_CODESET',
    breaks: 'line 1 carries modifier U3, which the DHCS table does not use',
    breakIt: (f) => (lineOf(f, 1).modifiers = ['U3']),
    expected: { severity: 'error', message: /line 1 \(SL-1001\): G9008 U3 is not an ECM code and modifier combination/, path: p('2400', 'SV1', 'SV101-02'), serviceIds: ['SL-1001'], lineNumber: 1 },
  },
  {
    code: 'PROCEDURE_CODING_MISMATCH',
    breaks: 'a clinical code on a line rendered by non-clinical staff',
    breakIt: (f) => (lineOf(f, 1).renderingStaffId = 'S002'),
    expected: { severity: 'error', message: /line 1 \(SL-1001\): G9008 U1 does not code an ECM service by non-clinical staff/, path: p('2400', 'SV1', 'SV101-02'), serviceIds: ['SL-1001'], lineNumber: 1 },
  },
  {
    code: 'FEE_SCHEDULE_MISSING',
    breaks: "the G9012 U2 rate ended the day before line 3's date",
    breakIt: (f) => Object.assign(f.payer.feeSchedule.find((e) => e.code === 'G9012' && e.modifiers.join() === 'U2') ?? {}, { end: '2026-10-09' }),
    expected: { severity: 'error', message: /line 3 \(SL-1003\): Health Net of California's fee schedule has no rate for G9012 U2/, path: p('2400', 'SV1', 'SV101-02'), serviceIds: ['SL-1003'], lineNumber: 3 },
    passes: 'the rate ending on the date of service (the end date is inclusive)',
    passIt: (f) => Object.assign(f.payer.feeSchedule.find((e) => e.code === 'G9012' && e.modifiers.join() === 'U2') ?? {}, { end: '2026-10-10' }),
  },
  {
    code: 'RATE_MISMATCH',
    breaks: 'line 1 is priced at 160.00 instead of 165.00',
    breakIt: (f) => {
      Object.assign(lineOf(f, 1), { rate: '160.00', charge: '240.00' });
      f.item.claim.totalCharge = '491.25';
    },
    expected: { severity: 'error', message: /line 1 \(SL-1001\): the line rate 160.00 differs from Health Net of California's fee-schedule rate 165.00 for G9008 U1/, path: p('2400', 'SV1', 'SV102'), serviceIds: ['SL-1001'], lineNumber: 1 },
    passes: 'the same rate written without cents',
    passIt: (f) => (lineOf(f, 1).rate = '165'),
  },
  {
    code: 'UNITS_NOT_POSITIVE',
    breaks: 'line 4 bills zero units',
    breakIt: (f) => {
      Object.assign(lineOf(f, 4), { units: '0', charge: '0.00' });
      f.item.claim.totalCharge = '457.50';
    },
    expected: { severity: 'error', message: /line 4 \(SL-1004\): units must be a number greater than zero \(found "0"\)/, path: p('2400', 'SV1', 'SV104'), serviceIds: ['SL-1004'], lineNumber: 4 },
  },
  {
    code: 'CHARGE_MISMATCH',
    breaks: 'line 2 is charged one cent too much',
    breakIt: (f) => {
      lineOf(f, 2).charge = '90.01';
      f.item.claim.totalCharge = '498.76';
    },
    expected: { severity: 'error', message: /line 2 \(SL-1002\): the charge 90.01 is not units x rate \(0.75 x 120.00 = 90.00\)/, path: p('2400', 'SV1', 'SV102'), serviceIds: ['SL-1002'], lineNumber: 2 },
    passes: 'a charge rounded half-up to the cent (0.25 x 110.50 = 27.625 -> 27.63)',
    passIt: (f) => {
      Object.assign(f.payer.feeSchedule.find((e) => e.code === 'G9012' && e.modifiers.join() === 'U2,GQ') ?? {}, { rate: '110.50' });
      Object.assign(lineOf(f, 2), { units: '0.25', rate: '110.50', charge: '27.63' });
      f.item.claim.totalCharge = '436.38';
    },
  },
  {
    code: 'TOTAL_CHARGE_MISMATCH',
    breaks: 'CLM02 does not add up',
    breakIt: (f) => (f.item.claim.totalCharge = '500.00'),
    expected: { severity: 'error', message: /claim total 500.00 is not the sum of its line charges \(498.75\)/, path: p('2300', 'CLM', 'CLM02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'CLAIM_PAYER_MISMATCH',
    breaks: 'a Health Net claim is validated for IEHP',
    breakIt: (f) => (f.item.claim.payerId = 'iehp'),
    expected: { severity: 'error', message: /built for payer "iehp" but is being submitted to "healthnet"/, path: p('2010BB', 'NM1', 'NM109'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'CLAIM_NO_LINES',
    breaks: 'the claim has no lines',
    breakIt: (f) => {
      f.item.claim.lines = [];
      f.item.claim.totalCharge = '0.00';
    },
    expected: { severity: 'error', message: /has no service lines/, path: p('2400', 'LX', 'LX01'), serviceIds: [] },
  },
  {
    code: 'LINE_COUNT_EXCEEDED',
    format: 'cms1500',
    breaks: 'a CMS-1500 with 7 lines',
    breakIt: (f) => extraLines(f, ['2026-10-11', '2026-10-12', '2026-10-13']),
    expected: { severity: 'error', message: /has 7 lines; the CMS-1500 format allows 6/, path: p('2400', 'LX', 'LX01'), serviceIds: [...ALL_SERVICE_IDS, 'SL-200', 'SL-201', 'SL-202'] },
    passes: 'a CMS-1500 with 6 lines',
    passFormat: 'cms1500',
    passIt: (f) => extraLines(f, ['2026-10-11', '2026-10-12']),
  },
  {
    code: 'DIAGNOSIS_MISSING',
    breaks: 'the claim has no diagnosis',
    breakIt: (f) => (f.item.claim.diagnoses = []),
    expected: { severity: 'error', message: /claim has no diagnosis/, path: p('2300', 'HI', 'HI01-02'), serviceIds: ALL_SERVICE_IDS },
  },
  {
    code: 'DIAGNOSIS_FORMAT',
    breaks: 'diagnosis 2 is too short to be ICD-10-CM',
    breakIt: (f) => (f.item.claim.diagnoses[1] = 'I1'),
    expected: { severity: 'error', message: /diagnosis 2 \(used by line 1\) is not an ICD-10-CM code/, path: p('2300', 'HI', 'HI02-02'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a code written with its dot',
    passIt: (f) => (f.item.claim.diagnoses[0] = 'Z59.00'),
  },
  {
    code: 'DIAGNOSIS_TOO_MANY',
    breaks: '13 diagnoses on an 837P',
    breakIt: (f) => f.item.claim.diagnoses.push('Z5901', 'Z5902', 'Z591', 'Z5941', 'Z5948', 'Z5986', 'Z600', 'Z602', 'Z604'),
    expected: { severity: 'error', message: /has 13 diagnoses; the 837P format holds 12/, path: p('2300', 'HI'), serviceIds: ALL_SERVICE_IDS },
    passes: 'exactly 12 diagnoses',
    passIt: (f) => f.item.claim.diagnoses.push('Z5901', 'Z5902', 'Z591', 'Z5941', 'Z5948', 'Z5986', 'Z600', 'Z602'),
  },
  {
    code: 'DIAGNOSIS_POINTER',
    breaks: "line 3 points past the claim's four diagnoses",
    breakIt: (f) => (lineOf(f, 3).diagnosisPointers = [5]),
    expected: { severity: 'error', message: /line 3 \(SL-1003\): diagnosis pointer 5 does not point at one of the claim's 4 diagnoses/, path: p('2400', 'SV1', 'SV107'), serviceIds: ['SL-1003'], lineNumber: 3 },
    passes: 'a line pointing at all four diagnoses',
    passIt: (f) => (lineOf(f, 3).diagnosisPointers = [1, 2, 3, 4]),
  },
  {
    code: 'PLACE_OF_SERVICE_UNKNOWN',
    breaks: 'line 2 uses place of service 98',
    breakIt: (f) => (lineOf(f, 2).placeOfService = '98'),
    expected: { severity: 'error', message: /line 2 \(SL-1002\): place of service "98" is not a known place-of-service code/, path: p('2400', 'SV1', 'SV105'), serviceIds: ['SL-1002'], lineNumber: 2 },
  },
  {
    code: 'CLAIM_FREQUENCY',
    breaks: 'a replacement without the original claim number',
    breakIt: (f) => (f.item.claim.frequency = '7'),
    expected: { severity: 'error', message: /a replacement \(frequency 7\) needs the payer's claim control number/, path: p('2300', 'REF', 'REF02'), serviceIds: ALL_SERVICE_IDS },
    passes: 'a replacement with the original claim number',
    passIt: (f) => Object.assign(f.item.claim, { frequency: '7', originalReference: 'HN2026100012345' }),
  },
  {
    code: 'INSTITUTIONAL_PROFILE_MISSING',
    format: '837i',
    breaks: 'an 837I for a payer without institutional settings',
    breakIt: () => undefined,
    expected: { severity: 'error', message: /payer profile has no institutional settings/, path: p('2300', 'CLM', 'CLM05-01'), serviceIds: ALL_SERVICE_IDS },
    passes: 'an 837I once the payer has a revenue code and facility type',
    passFormat: '837i',
    passIt: (f) => (f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' }),
  },
  {
    code: 'X12_TEXT_CHARACTERS',
    breaks: 'the member last name contains the element separator',
    breakIt: (f) => (f.item.member.last_name = 'Garcia*Lopez'),
    expected: { severity: 'error', message: /member's last name contains a character an 837 cannot carry/, path: p('2010BA', 'NM1', 'NM103'), serviceIds: ALL_SERVICE_IDS },
    passes: 'an apostrophe and a hyphen',
    passIt: (f) => (f.item.member.last_name = "O'Brien-Nguyen"),
  },
];

/** Values of the member that must never reach a message (very short ones would match anything). */
function memberData(f: Fixture): string[] {
  const m = f.item.member;
  const values = [m.member_cin, f.item.claim.memberCin, m.plan_member_id, m.last_name, m.first_name, m.dob, m.address_line1, m.address_line2, m.city, m.zip, m.phone, m.ecm_start_date, m.ecm_end_date];
  return values.filter((v): v is string => v !== undefined && v.length >= 3);
}

function issuesOf(code: string, f: Fixture): ValidationIssue[] {
  return validateClaim(f.item, f.ctx).filter((i) => i.code === code);
}

describe('validation rules', () => {
  it('has exactly one case per rule', () => {
    const codes = listRules().map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(CASES.map((c) => c.code).sort()).toEqual([...codes].sort());
  });

  describe.each(CASES)('$code', (c) => {
    it(`flags ${c.breaks}`, () => {
      const f = baseline(c.format);
      c.breakIt(f);
      const found = issuesOf(c.code, f);
      expect(found).toHaveLength(c.expected.count ?? 1);
      const [first] = found;
      expect(first).toEqual({
        code: c.code,
        severity: c.expected.severity,
        message: expect.stringMatching(c.expected.message),
        path: c.expected.path,
        serviceIds: c.expected.serviceIds,
        claimId: CLAIM_ID,
        ...(c.expected.lineNumber === undefined ? {} : { lineNumber: c.expected.lineNumber }),
      });
      expect(first?.message.startsWith(`Claim ${CLAIM_ID}`)).toBe(true);
      for (const issue of found) {
        for (const secret of memberData(f)) expect(issue.message).not.toContain(secret);
      }
    });

    it(`passes ${c.passes ?? 'the baseline claim'}`, () => {
      const f = baseline(c.passFormat ?? c.format);
      c.passIt?.(f);
      const allowed = new Set(c.passAllows ?? []);
      expect(validateClaim(f.item, f.ctx).filter((i) => !allowed.has(i.code))).toEqual([]);
    });
  });
});
