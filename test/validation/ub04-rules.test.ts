// The UB-04 (CMS-1450), the paper twin of the 837I: the rules that apply to it (the institutional
// ones and the claim formats' NPIs and demographics, not the 837's text limits or the
// professional pointers), its limits, and findings that name the form locator ("FL 42").

import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/domain/claim.js';
import { listRules, validateClaim } from '../../src/validation/runner.js';
import { baseline, lineOf, type Fixture } from './fixtures.js';

function ub04(): Fixture {
  const f = baseline('ub04');
  f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' };
  return f;
}

function run(f: Fixture, code?: string): ValidationIssue[] {
  const issues = validateClaim(f.item, f.ctx);
  return code === undefined ? issues : issues.filter((i) => i.code === code);
}

const fl = (locator: string) => ({ element: `FL ${locator}` });

describe('UB-04 validation', () => {
  it('passes the baseline claim once the payer has institutional settings', () => {
    expect(run(ub04())).toEqual([]);
  });

  it('needs the institutional profile, as the 837I does, and says so at the type of bill', () => {
    const f = baseline('ub04');
    expect(run(f)).toEqual([
      expect.objectContaining({
        code: 'INSTITUTIONAL_PROFILE_MISSING',
        severity: 'error',
        message: expect.stringMatching(/payer profile has no institutional settings \(revenue code, facility type code\) needed for a UB-04$/),
        path: fl('4'),
      }),
    ]);
  });

  it('holds 18 diagnoses (FL 67 and 67A-Q), one fewer than the 837I would take', () => {
    const f = ub04();
    f.item.claim.diagnoses.push(...Array.from({ length: 14 }, (_, i) => `Z60${i % 10}`));
    expect(f.item.claim.diagnoses).toHaveLength(18);
    expect(run(f)).toEqual([]);
    f.item.claim.diagnoses.push('Z638');
    expect(run(f)).toEqual([expect.objectContaining({ code: 'DIAGNOSIS_TOO_MANY', message: expect.stringMatching(/has 19 diagnoses; the UB-04 format holds 18, so split the claim$/), path: fl('67') })]);
  });

  it('names the form locator where the 837 would name a loop and element', () => {
    const f = ub04();
    delete f.organization.npi;
    delete f.item.member.dob;
    f.item.member.sex = 'X' as 'U';
    f.item.claim.diagnoses[1] = 'X';
    lineOf(f, 2).charge = '1.00';
    f.item.claim.totalCharge = '409.75';
    lineOf(f, 1).renderingStaffId = 'S404';
    const paths = Object.fromEntries(run(f).map((i) => [i.code, i.path]));
    expect(paths).toEqual({
      BILLING_NPI_MISSING: fl('56'),
      MEMBER_DOB_MISSING: fl('10'),
      MEMBER_SEX_CODE: fl('11'),
      DIAGNOSIS_FORMAT: fl('67A'),
      CHARGE_MISMATCH: fl('47'),
      RENDERING_STAFF_UNKNOWN: fl('76'),
    });
  });

  it('leaves out the 837-only and professional rules', () => {
    const f = ub04();
    f.organization.name = 'Bright*Path';
    f.organization.address.zip = '95814';
    delete f.organization.taxonomy;
    f.item.claim.placeOfService = '00';
    lineOf(f, 1).diagnosisPointers = [];
    expect(run(f)).toEqual([]);
  });

  it('lists the UB-04 with the claim formats and the institutional rule', () => {
    const rules = listRules();
    const formatsOf = (code: string) => rules.find((r) => r.code === code)?.formats;
    expect(formatsOf('INSTITUTIONAL_PROFILE_MISSING')).toEqual(['837i', 'ub04']);
    expect(formatsOf('MEMBER_SEX_CODE')).toEqual(['837p', '837i', 'cms1500', 'ub04']);
    expect(formatsOf('DIAGNOSIS_POINTER')).toEqual(['837p', 'cms1500']);
    expect(formatsOf('X12_TEXT_CHARACTERS')).toEqual(['837p', '837i']);
    expect(rules.find((r) => r.code === 'DIAGNOSIS_TOO_MANY')?.description).toMatch(/18 on the UB-04/);
  });
});
