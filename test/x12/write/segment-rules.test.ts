import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/domain/claim.js';
import type { ClaimWithParties, SubmissionParties } from '../../../src/domain/submission.js';
import { build837i } from '../../../src/x12/write/837i.js';
import { build837p } from '../../../src/x12/write/837p.js';
import { segment } from '../../../src/x12/write/segment.js';
import { checkSegmentRules } from '../../../src/x12/write/segment-rules.js';
import { CLOCK, CONTROL, sampleClaims, sampleParties } from '../fixtures.js';

const OPTIONS = { batchId: 'B1' };

function issuesP(claims: ClaimWithParties[] = sampleClaims(), parties: SubmissionParties = sampleParties()): ValidationIssue[] {
  return checkSegmentRules(build837p(parties, claims, CLOCK, CONTROL, OPTIONS));
}

function withClaim(index: number, change: (c: ClaimWithParties) => ClaimWithParties): ClaimWithParties[] {
  return sampleClaims().map((c, i) => (i === index ? change(c) : c));
}

describe('runtime segment rules', () => {
  it('find nothing in the sample 837P and 837I', () => {
    expect(issuesP()).toEqual([]);
    expect(checkSegmentRules(build837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, OPTIONS))).toEqual([]);
  });

  it('find a too-long element, traced to the claims and rows it belongs to, without the value in the message', () => {
    const longName = 'Maria-Guadalupe-Esperanza-de-los-Angeles';
    const issues = issuesP(withClaim(0, (c) => ({ ...c, member: { ...c.member, first_name: longName } })));
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue).toMatchObject({
      code: 'X12_ELEMENT_TOO_LONG',
      severity: 'error',
      path: { loop: '2010BA', segment: 'NM1', element: 'NM104' },
    });
    // The member's 2000B carries both of her claims, so both claims' rows are named.
    expect(issue!.serviceIds).toEqual(['SL-1001', 'SL-1002', 'SL-1003', 'SL-1004', 'SL-0901']);
    expect(issue!.message).toMatch(/NM104 is 40 characters; at most 35/);
    expect(issue!.message).not.toContain('Guadalupe');
  });

  it('find a required element left empty, with the claim id', () => {
    const issues = issuesP(withClaim(2, (c) => ({ ...c, claim: { ...c.claim, originalReference: '***' } })));
    expect(issues).toEqual([
      expect.objectContaining({ code: 'X12_ELEMENT_REQUIRED', claimId: 'C000003', serviceIds: ['SL-0901'], path: { loop: '2300', segment: 'REF', element: 'REF02' } }),
    ]);
  });

  it('find a billing provider without an NPI, and a 5-digit billing ZIP', () => {
    const base = sampleParties();
    const { npi: _npi, ...withoutNpi } = base.organization;
    const parties = { ...base, organization: { ...withoutNpi, address: { ...base.organization.address, zip: '95814' } } };
    const codes = issuesP(sampleClaims(), parties).map((i) => `${i.code} ${i.path?.loop} ${i.path?.element}`);
    expect(codes).toEqual(['X12_ELEMENT_REQUIRED 2010AA NM108', 'X12_ELEMENT_REQUIRED 2010AA NM109', 'X12_BILLING_ZIP 2010AA N403']);
  });

  it('find a member address with a gap and a missing birth date', () => {
    const issues = issuesP(withClaim(1, (c) => ({ ...c, member: { ...c.member, city: undefined, dob: undefined } })));
    expect(issues.map((i) => `${i.code} ${i.path?.loop} ${i.path?.element}`)).toEqual([
      'X12_ELEMENT_REQUIRED 2010BA N401',
      'X12_ELEMENT_REQUIRED 2010BA DMG02',
      'X12_ELEMENT_PAIR 2010BA DMG02',
    ]);
    expect(issues[0]!.serviceIds).toEqual(['SL-1007']);
  });

  it('find a claim whose total is not the sum of its lines, and a pointer past the diagnoses', () => {
    const issues = issuesP(
      withClaim(0, (c) => ({
        ...c,
        claim: { ...c.claim, totalCharge: '500.00', lines: c.claim.lines.map((l, i) => (i === 3 ? { ...l, diagnosisPointers: [4] } : l)) },
      })),
    );
    expect(issues.map((i) => [i.code, i.claimId, i.lineNumber, i.path?.element])).toEqual([
      ['X12_DIAGNOSIS_POINTER', 'C000001', 4, 'SV107'],
      ['X12_CLAIM_UNBALANCED', 'C000001', undefined, 'CLM02'],
    ]);
    expect(issues[0]!.serviceIds).toEqual(['SL-1004']);
    expect(issues[1]!.message).toMatch(/total 500 is not the sum of its line charges 498.75/);
  });

  it('find a claim id longer than receivers keep, bad numbers and dates', () => {
    const issues = issuesP(
      withClaim(1, (c) => ({
        ...c,
        claim: { ...c.claim, id: 'C0000000000000000000002', lines: c.claim.lines.map((l) => ({ ...l, units: '1234567890123456' })) },
      })),
    );
    expect(issues.map((i) => `${i.code} ${i.path?.element}`)).toEqual(['X12_ELEMENT_TOO_LONG CLM01', 'X12_ELEMENT_TOO_LONG SV104']);
  });

  it('check hand-built segments: missing, extra, paired and unknown elements', () => {
    const ctx = { loop: '2010BB', claimId: 'C1', serviceIds: ['R1'] };
    const issues = checkSegmentRules([
      segment('GS', ['HC', 'AB', 'CD', '20261102', '0915', '1', 'X', '005010X222A1'], { loop: 'GS_LOOP' }),
      segment('NM1', ['PR', '2', '', '', '', '', '', 'PI'], ctx),
      segment('NM1', ['PR', '2', 'Payer', 'First', '', '', '', 'PI', 'P', 'extra'], ctx),
      segment('ZZZ', ['1'], ctx),
      segment('LX', ['1']),
    ]);
    expect(issues.map((i) => `${i.code} ${i.path?.element ?? i.path?.segment}`)).toEqual([
      'X12_ELEMENT_REQUIRED NM103',
      'X12_ELEMENT_REQUIRED NM109',
      'X12_ELEMENT_PAIR NM109',
      'X12_ELEMENT_EXTRA NM110',
      'X12_ELEMENT_NOT_USED NM104',
      'X12_ELEMENT_TOO_SHORT NM109',
      'X12_SEGMENT_UNKNOWN ZZZ',
      'X12_SEGMENT_UNPLACED LX',
    ]);
    expect(issues[0]).toMatchObject({ claimId: 'C1', serviceIds: ['R1'], message: expect.stringMatching(/^Claim C1: /) });
  });

  it('know the 837I limits on HI composites', () => {
    const ctx = { loop: '2300', claimId: 'C1' };
    const issues = checkSegmentRules(
      [
        segment('CLM', ['C1', '0', '', '', ['13', 'A', '1'], '', 'A', 'Y', 'Y'], ctx),
        segment('HI', [['ABK', 'Z5900'], ['ABK', 'I10']], ctx),
        segment('HI', [['ABK', 'Z5900'], ['ABF', 'I10']], ctx),
      ],
      { format: '837i' },
    );
    expect(issues.map((i) => i.code)).toEqual(['X12_DIAGNOSIS_COUNT', 'X12_DIAGNOSIS_QUALIFIER']);
  });
});
