import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/domain/claim.js';
import type { Rule } from '../../src/validation/rule.js';
import { RULE_FAILED, compareIssues, hasErrors, listRules, validateClaim, validateClaims } from '../../src/validation/runner.js';
import { ALL_RULES } from '../../src/validation/rules.js';
import { ALL_SERVICE_IDS, CLAIM_ID, baseline, lineOf, type Fixture } from './fixtures.js';

describe('the baseline claim from the samples', () => {
  it.each(['837p', 'cms1500', 'invoice'] as const)('has no issues as %s', (format) => {
    const f = baseline(format);
    expect(validateClaim(f.item, f.ctx)).toEqual([]);
  });

  it('has no issues as 837i once the payer has institutional settings', () => {
    const f = baseline('837i');
    f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' };
    expect(validateClaim(f.item, f.ctx)).toEqual([]);
  });

  it('has no issues when the duplicate lookup finds nothing', () => {
    const f = baseline();
    f.ctx.isDuplicate = () => undefined;
    expect(validateClaim(f.item, f.ctx)).toEqual([]);
  });
});

/** Breaks as many member-related and other rules at once as can coexist on one claim. */
function brokenEverywhere(): Fixture {
  const f = baseline();
  const m = f.item.member;
  m.last_name = `${m.last_name}*${'x'.repeat(60)}`;
  m.first_name = `${m.first_name}${'y'.repeat(40)}`;
  m.dob = '2026-10-05';
  m.ecm_start_date = '2026-10-20';
  delete m.city;
  f.organization.address.line1 = 'PO Box 77';
  f.payer.timelyFilingDays = 60;
  f.ctx.isDuplicate = () => 'CLM-OTHER';
  lineOf(f, 1).charge = '1.00';
  lineOf(f, 2).renderingStaffId = 'S001';
  lineOf(f, 3).diagnosisPointers = [9];
  f.item.claim.diagnoses[3] = 'F3';
  f.item.claim.frequency = '8';
  return f;
}

describe('messages', () => {
  it('never contain the member name, CIN, birth date, address or enrollment dates', () => {
    const f = brokenEverywhere();
    const issues = validateClaim(f.item, f.ctx);
    const codes = new Set(issues.map((i) => i.code));
    expect([...codes].sort()).toEqual([
      'BILLING_ADDRESS_PO_BOX',
      'CHARGE_MISMATCH',
      'CLAIM_FREQUENCY',
      'DIAGNOSIS_FORMAT',
      'DIAGNOSIS_POINTER',
      'DUPLICATE_SERVICE',
      'ECM_OUTSIDE_ENROLLMENT',
      'MEMBER_ADDRESS_MISSING',
      'MEMBER_DOB_AFTER_SERVICE',
      'MEMBER_FIELD_TOO_LONG',
      'PROCEDURE_CODING_MISMATCH',
      'TIMELY_FILING_NEAR',
      'TOTAL_CHARGE_MISMATCH',
      'X12_TEXT_CHARACTERS',
    ]);
    const m = f.item.member;
    const secrets = ['Garcia', 'Maria', '91234567A', '1958-03-14', '2026-10-05', '2026-10-20', '455 Elm Ave', 'Sacramento', '95822', '9165550111', 'HN00012345', m.last_name, m.first_name];
    for (const issue of issues) {
      for (const secret of secrets) expect(issue.message, issue.code).not.toContain(secret);
    }
  });

  it('never contain the CIN even when the CIN itself is wrong', () => {
    const f = baseline();
    f.item.member.member_cin = '9123456Z9';
    const issues = validateClaim(f.item, f.ctx);
    expect(issues.map((i) => i.code)).toEqual(['MEMBER_ID_FORMAT', 'MEMBER_MISMATCH']);
    for (const issue of issues) {
      expect(issue.message).not.toContain('9123456Z9');
      expect(issue.message).not.toContain('91234567A');
    }
  });
});

describe('validateClaim', () => {
  it('sorts errors before warnings, then by code, claim-level before lines, then by line', () => {
    const f = brokenEverywhere();
    const issues = validateClaim(f.item, f.ctx);
    expect([...issues].sort(compareIssues)).toEqual(issues);
    const firstWarning = issues.findIndex((i) => i.severity === 'warning');
    expect(firstWarning).toBeGreaterThan(0);
    expect(issues.slice(firstWarning).every((i) => i.severity === 'warning')).toBe(true);
    expect(issues.filter((i) => i.code === 'DUPLICATE_SERVICE').map((i) => i.lineNumber)).toEqual([1, 2, 3, 4]);
  });

  it('puts a claim-level issue before the line-level issues of the same code', () => {
    const f = baseline();
    f.item.claim.placeOfService = '00';
    lineOf(f, 3).placeOfService = '98';
    lineOf(f, 1).placeOfService = '97';
    expect(validateClaim(f.item, f.ctx).map((i) => [i.code, i.lineNumber])).toEqual([
      ['PLACE_OF_SERVICE_UNKNOWN', undefined],
      ['PLACE_OF_SERVICE_UNKNOWN', 1],
      ['PLACE_OF_SERVICE_UNKNOWN', 3],
    ]);
  });

  it('is deterministic', () => {
    const a = brokenEverywhere();
    const b = brokenEverywhere();
    expect(JSON.stringify(validateClaim(a.item, a.ctx))).toBe(JSON.stringify(validateClaim(b.item, b.ctx)));
  });

  it('runs only the rules that apply to the format', () => {
    const f = baseline('invoice');
    delete f.organization.npi;
    delete f.organization.taxonomy;
    f.organization.address.zip = '95814';
    f.organization.address.line1 = 'PO Box 1';
    expect(validateClaim(f.item, f.ctx)).toEqual([]);
  });

  it('reports a rule that throws as an error instead of passing the claim', () => {
    const throwing: Rule = {
      code: 'BOOM',
      severity: 'warning',
      description: 'throws',
      check: () => {
        throw new Error('member Garcia exploded');
      },
    };
    const f = baseline();
    const issues = validateClaim(f.item, f.ctx, [throwing]);
    expect(issues).toEqual([
      {
        code: RULE_FAILED,
        severity: 'error',
        message: expect.stringContaining('validation rule BOOM could not check this claim'),
        serviceIds: ALL_SERVICE_IDS,
        claimId: CLAIM_ID,
      },
    ]);
    expect(issues[0]?.message).not.toContain('Garcia');
  });
});

describe('validateClaims', () => {
  it('returns the issues of every claim by claim id, in input order', () => {
    const good = baseline();
    const bad = baseline();
    bad.item.claim = { ...bad.item.claim, id: 'CLM-B', totalCharge: '1.00' };
    const result = validateClaims([bad.item, good.item], good.ctx);
    expect([...result.keys()]).toEqual(['CLM-B', CLAIM_ID]);
    expect(result.get(CLAIM_ID)).toEqual([]);
    expect(result.get('CLM-B')?.map((i) => i.code)).toEqual(['TOTAL_CHARGE_MISMATCH']);
  });
});

describe('hasErrors', () => {
  const issue = (severity: 'error' | 'warning'): ValidationIssue => ({ code: 'X', severity, message: 'm', serviceIds: [] });
  it('is true only when an error is present', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([issue('warning')])).toBe(false);
    expect(hasErrors([issue('warning'), issue('error')])).toBe(true);
  });
});

describe('listRules', () => {
  it('describes every rule with its code, severity and formats', () => {
    const rules = listRules();
    expect(rules).toHaveLength(ALL_RULES.length);
    for (const rule of rules) {
      expect(rule.code).toMatch(/^[A-Z0-9_]+$/);
      expect(['error', 'warning']).toContain(rule.severity);
      expect(rule.description.length).toBeGreaterThan(10);
    }
    expect(rules.find((r) => r.code === 'BILLING_NPI_MISSING')?.formats).toEqual(['837p', '837i', 'cms1500', 'ub04']);
    expect(rules.find((r) => r.code === 'CHARGE_MISMATCH')?.formats).toBe('all');
  });
});
