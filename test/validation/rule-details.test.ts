// Edges of individual rules beyond their one breaking and one passing case.

import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/domain/claim.js';
import { validateClaim } from '../../src/validation/runner.js';
import { looksLikePoBox } from '../../src/validation/text.js';
import { baseline, lineOf, type Fixture } from './fixtures.js';

function run(f: Fixture, code?: string): ValidationIssue[] {
  const issues = validateClaim(f.item, f.ctx);
  return code === undefined ? issues : issues.filter((i) => i.code === code);
}

describe('PO box detection', () => {
  it.each(['PO Box 10439', 'P.O. Box 12', 'P. O. Box 12', 'P O BOX 12', 'po box 12', 'POBox 12', 'POB 12', 'PO Bx 5', 'Post Office Box 9', 'PO Drawer 3', 'Lockbox 4411'])('flags "%s"', (line) => {
    expect(looksLikePoBox(line)).toBe(true);
  });

  it.each(['1200 K Street Suite 400', '1200 Boxwood Street', '400 Post Office Rd', '12 Polo Blvd', '9 Pobla Ave', '55 Box Canyon Rd'])('accepts "%s"', (line) => {
    expect(looksLikePoBox(line)).toBe(false);
  });

  it('also checks address line 2', () => {
    const f = baseline();
    f.organization.address.line2 = 'PO Box 5';
    expect(run(f, 'BILLING_ADDRESS_PO_BOX').map((i) => i.path)).toEqual([{ loop: '2010AA', segment: 'N3', element: 'N302' }]);
  });
});

describe('NPI', () => {
  it('says when the NPI is not 10 digits', () => {
    const f = baseline();
    f.organization.npi = '123456789';
    expect(run(f, 'NPI_CHECK_DIGIT')[0]?.message).toMatch(/not 10 digits/);
  });

  it('checks the billing NPI on invoices too, when there is one', () => {
    const f = baseline('invoice');
    f.organization.npi = '1234567890';
    expect(run(f).map((i) => i.code)).toEqual(['NPI_CHECK_DIGIT']);
  });
});

describe('member birth date', () => {
  it('rejects a date that is not on the calendar', () => {
    const f = baseline();
    f.item.member.dob = '1958-02-30';
    expect(run(f).map((i) => [i.code, i.message.replace(/^.*: /, '')])).toEqual([['MEMBER_DOB_INVALID', "the member's birth date is not a calendar date"]]);
  });

  it('reports a future birth date once', () => {
    const f = baseline();
    f.item.member.dob = '2027-01-01';
    expect(run(f).map((i) => i.code)).toEqual(['MEMBER_DOB_INVALID']);
  });
});

describe('ECM enrollment', () => {
  it('flags ECM lines after the enrollment ended', () => {
    const f = baseline();
    f.item.member.ecm_end_date = '2026-10-20';
    const issues = run(f, 'ECM_OUTSIDE_ENROLLMENT');
    expect(issues.map((i) => i.lineNumber)).toEqual([4]);
    expect(issues[0]?.message).toMatch(/after the member's ECM enrollment ended/);
  });

  it('accepts ECM lines on the first and the last day of enrollment', () => {
    const f = baseline();
    f.item.member.ecm_start_date = '2026-10-03';
    f.item.member.ecm_end_date = '2026-10-24';
    expect(run(f)).toEqual([]);
  });

  it('flags every ECM line when the member has no ECM start date', () => {
    const f = baseline();
    delete f.item.member.ecm_start_date;
    const issues = run(f, 'ECM_OUTSIDE_ENROLLMENT');
    expect(issues.map((i) => i.lineNumber)).toEqual([1, 2, 3, 4]);
    expect(issues[0]?.message).toMatch(/no ECM enrollment start date/);
  });
});

describe('timely filing', () => {
  it('warns on the last day of the window and errs the day after', () => {
    const f = baseline();
    f.payer.timelyFilingDays = 53;
    expect(run(f, 'TIMELY_FILING_EXPIRED')).toEqual([]);
    expect(run(f, 'TIMELY_FILING_NEAR')[0]?.message).toMatch(/only 0 days left/);
    f.payer.timelyFilingDays = 52;
    expect(run(f, 'TIMELY_FILING_EXPIRED').map((i) => i.lineNumber)).toEqual([1, 2]);
  });

  it('starts warning 15 days before the limit', () => {
    const f = baseline();
    f.payer.timelyFilingDays = 68;
    expect(run(f, 'TIMELY_FILING_NEAR').map((i) => [i.lineNumber, i.severity])).toEqual([
      [1, 'warning'],
      [2, 'warning'],
    ]);
  });
});

describe('duplicates', () => {
  it('asks the lookup with the member, date, code and modifiers of each line', () => {
    const f = baseline();
    const asked: string[] = [];
    f.ctx.isDuplicate = (cin, date, code, mods) => {
      asked.push([cin, date, code, ...mods].join(' '));
      return undefined;
    };
    run(f);
    expect(asked).toEqual(['91234567A 2026-10-03 G9008 U1', '91234567A 2026-10-03 G9012 U2 GQ', '91234567A 2026-10-10 G9012 U2', '91234567A 2026-10-24 G9008 U1 GQ']);
  });

  it('lets a replacement carry the services of the claim it replaces', () => {
    const f = baseline();
    Object.assign(f.item.claim, { frequency: '7', originalReference: 'HN2026100012345', originalClaimId: 'CLM-ORIGINAL' });
    f.ctx.isDuplicate = () => 'CLM-ORIGINAL';
    expect(run(f)).toEqual([]);
  });
});

describe('procedure coding', () => {
  it('flags an outreach line coded as an ECM service', () => {
    const f = baseline();
    lineOf(f, 3).activity = 'outreach';
    expect(run(f, 'PROCEDURE_CODING_MISMATCH')[0]?.message).toMatch(/G9012 U2 does not code outreach by non-clinical staff/);
  });

  it('flags a fee schedule entry that is not yet effective', () => {
    const f = baseline();
    for (const e of f.payer.feeSchedule) if (e.code === 'G9008') e.effective = '2026-10-04';
    expect(run(f, 'FEE_SCHEDULE_MISSING').map((i) => i.lineNumber)).toEqual([1]);
  });

  it('uses the latest entry in effect when rates change', () => {
    const f = baseline();
    f.payer.feeSchedule.push({ code: 'G9008', modifiers: ['U1'], rate: '170.00', effective: '2026-10-02' });
    expect(run(f, 'RATE_MISMATCH')[0]?.message).toMatch(/rate 165.00 differs from .* rate 170.00/);
  });

  it('treats modifier order as significant', () => {
    const f = baseline();
    lineOf(f, 2).modifiers = ['GQ', 'U2'];
    expect(run(f).map((i) => i.code)).toEqual(['FEE_SCHEDULE_MISSING', 'PROCEDURE_NOT_IN_CODESET']);
  });
});

describe('diagnosis pointers', () => {
  it.each([
    [[], /has 0 diagnosis pointers; it needs 1 to 4/],
    [[1, 2, 3, 4, 1], /has 5 diagnosis pointers/],
    [[2, 2], /points at the same diagnosis twice/],
    [[0], /pointer 0 does not point/],
  ])('flags %j', (pointers, message) => {
    const f = baseline();
    lineOf(f, 1).diagnosisPointers = pointers;
    const issues = run(f, 'DIAGNOSIS_POINTER');
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(message);
  });

  it('does not apply to the 837I, which has no pointers', () => {
    const f = baseline('837i');
    f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' };
    lineOf(f, 1).diagnosisPointers = [];
    expect(run(f)).toEqual([]);
  });
});

describe('claim frequency', () => {
  it('flags an original claim that carries an original reference', () => {
    const f = baseline();
    f.item.claim.originalReference = 'HN1';
    expect(run(f, 'CLAIM_FREQUENCY')[0]?.message).toMatch(/original claim \(frequency 1\) must not carry/);
  });

  it('needs the reference on a void too', () => {
    const f = baseline();
    f.item.claim.frequency = '8';
    expect(run(f, 'CLAIM_FREQUENCY')[0]?.message).toMatch(/a void \(frequency 8\) needs/);
  });
});

describe('place of service', () => {
  it('checks the claim-level place of service (CLM05-1)', () => {
    const f = baseline();
    f.item.claim.placeOfService = '00';
    expect(run(f, 'PLACE_OF_SERVICE_UNKNOWN')[0]).toMatchObject({ path: { loop: '2300', segment: 'CLM', element: 'CLM05-01' } });
  });
});

describe('837I paths', () => {
  function institutional(): Fixture {
    const f = baseline('837i');
    f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' };
    return f;
  }

  it('points line problems at SV2 and the rendering provider at 2420C', () => {
    const f = institutional();
    lineOf(f, 2).charge = '1.00';
    f.item.claim.totalCharge = '409.75';
    lineOf(f, 1).renderingStaffId = 'S404';
    const paths = Object.fromEntries(run(f).map((i) => [i.code, i.path]));
    expect(paths).toEqual({
      CHARGE_MISMATCH: { loop: '2400', segment: 'SV2', element: 'SV203' },
      RENDERING_STAFF_UNKNOWN: { loop: '2420C', segment: 'NM1', element: 'NM109' },
    });
  });

  it('puts the second diagnosis in HI01 of the other-diagnosis segment and allows 25', () => {
    const f = institutional();
    f.item.claim.diagnoses[1] = 'X';
    expect(run(f).map((i) => i.path)).toEqual([{ loop: '2300', segment: 'HI', element: 'HI01-02' }]);
    const g = institutional();
    g.item.claim.diagnoses.push(...Array.from({ length: 21 }, (_, i) => `Z60${i % 10}`));
    expect(run(g)).toEqual([]);
  });
});

describe('X12 text', () => {
  it.each([
    ['organization name', (f: Fixture) => (f.organization.name = 'Bright~Path'), { loop: '2010AA', segment: 'NM1', element: 'NM103' }],
    ['claim id', (f: Fixture) => (f.item.claim.id = 'CLM:1'), { loop: '2300', segment: 'CLM', element: 'CLM01' }],
    ['member address line 2', (f: Fixture) => (f.item.member.address_line2 = 'Apt^3'), { loop: '2010BA', segment: 'N3', element: 'N302' }],
  ])('flags a separator in the %s', (_label, mutate, path) => {
    const f = baseline();
    mutate(f);
    expect(run(f, 'X12_TEXT_CHARACTERS').map((i) => i.path)).toEqual([path]);
  });

  it('does not apply to paper or invoices', () => {
    const f = baseline('cms1500');
    f.organization.name = 'Bright*Path';
    expect(run(f)).toEqual([]);
  });
});
