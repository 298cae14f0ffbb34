// The per-claim format choice as a pure function: preferred format, claim-format fallback, the
// DHCS invoice as the last resort, and a hold when even the invoice minimum is not met.

import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/domain/claim.js';
import type { ClaimFormat } from '../../../src/domain/reference.js';
import { chooseClaimFormat, formatLabel, INVOICE_MINIMUM_MISSING, NO_BILLING_NPI, PAYER_PREFERS_INVOICE, type FormatEvidence } from '../../../src/app/claims/format-choice.js';
import { decideClaimFormatOn } from '../../../src/app/claims/formats.js';
import { DuplicateIndex } from '../../../src/validation/duplicate-index.js';
import { baseline, TODAY } from '../../validation/fixtures.js';

const claim = { id: 'C000001', lines: [{ lineNumber: 1, serviceIds: ['SL-1', 'SL-2'] }, { lineNumber: 2, serviceIds: ['SL-2'] }] } as unknown as FormatEvidence['claim'];

const issue = (code: string, severity: 'error' | 'warning' = 'error'): ValidationIssue => ({ code, severity, message: `Claim C000001: ${code}`, serviceIds: ['SL-1'], claimId: 'C000001' });

function evidence(findings: Partial<Record<ClaimFormat, ValidationIssue[]>>, options: { missing?: string[]; npi?: boolean } = {}): FormatEvidence & { asked: ClaimFormat[] } {
  const asked: ClaimFormat[] = [];
  return {
    asked,
    claim,
    invoiceMissing: options.missing ?? [],
    billingNpi: options.npi ?? true,
    issuesFor: (format) => {
      asked.push(format);
      return findings[format] ?? [];
    },
  };
}

describe('chooseClaimFormat', () => {
  it('keeps the preferred claim format, without a reason, when the claim meets it', () => {
    const e = evidence({ '837p': [issue('SOME_WARNING', 'warning')] });
    expect(chooseClaimFormat({ preferred: '837p', fallback: 'invoice' }, e)).toEqual({ format: '837p', outcome: 'ready', issues: [issue('SOME_WARNING', 'warning')] });
    expect(e.asked).toEqual(['837p']);
  });

  it('sends an invoice when the payer prefers one', () => {
    expect(chooseClaimFormat({ preferred: 'invoice', fallback: 'cms1500' }, evidence({}))).toMatchObject({ format: 'invoice', outcome: 'ready', reason: PAYER_PREFERS_INVOICE });
  });

  it('falls back to an invoice when the billing provider has no NPI', () => {
    const e = evidence({ '837p': [issue('BILLING_NPI_MISSING')] }, { npi: false });
    expect(chooseClaimFormat({ preferred: '837p', fallback: 'invoice' }, e)).toMatchObject({ format: 'invoice', outcome: 'ready', reason: NO_BILLING_NPI, issues: [] });
  });

  it('names the failing rules when a claim-only element is missing', () => {
    const e = evidence({ '837p': [issue('DIAGNOSIS_MISSING'), issue('MEMBER_ADDRESS_MISSING'), issue('DIAGNOSIS_MISSING')] });
    expect(chooseClaimFormat({ preferred: '837p' }, e)).toMatchObject({ format: 'invoice', reason: '837P not possible: DIAGNOSIS_MISSING, MEMBER_ADDRESS_MISSING' });
  });

  it("tries the payer's fallback claim format before the invoice", () => {
    const e = evidence({ '837i': [issue('INSTITUTIONAL_PROFILE_MISSING')] });
    expect(chooseClaimFormat({ preferred: '837i', fallback: 'cms1500' }, e)).toMatchObject({ format: 'cms1500', outcome: 'ready', reason: '837I not possible: INSTITUTIONAL_PROFILE_MISSING' });
    expect(e.asked).toEqual(['837i', 'cms1500']);
  });

  it('holds a claim that cannot even be invoiced, with every finding in the way', () => {
    const e = evidence({ '837p': [issue('BILLING_NPI_MISSING'), issue('MEMBER_DOB_MISSING')], invoice: [issue('MEMBER_DOB_MISSING')] }, { npi: false, missing: ['member has no date of birth'] });
    const choice = chooseClaimFormat({ preferred: '837p', fallback: 'invoice' }, e);
    expect(choice).toMatchObject({ format: '837p', outcome: 'held', reason: 'held: billing provider has no NPI, and the invoice minimum is not met (member has no date of birth; MEMBER_DOB_MISSING)' });
    expect(choice.issues.map((i) => i.code)).toEqual(['BILLING_NPI_MISSING', 'MEMBER_DOB_MISSING', INVOICE_MINIMUM_MISSING]);
    expect(choice.issues[2]).toMatchObject({ severity: 'error', serviceIds: ['SL-1', 'SL-2'], claimId: 'C000001' });
  });

  it('holds an invoice-preferring claim that misses the invoice minimum', () => {
    const choice = chooseClaimFormat({ preferred: 'invoice' }, evidence({}, { missing: ['line 2 has no HCPCS code'] }));
    expect(choice).toMatchObject({ format: 'invoice', outcome: 'held', reason: 'held: payer prefers invoice and the invoice minimum is not met (line 2 has no HCPCS code)' });
  });
});

describe('a payer that prefers the UB-04', () => {
  it('labels it UB-04', () => {
    expect(formatLabel('ub04')).toBe('UB-04');
  });

  it("falls back to the payer's fallback with the UB-04 rules that failed as the reason", () => {
    const e = evidence({ ub04: [issue('INSTITUTIONAL_PROFILE_MISSING')] });
    expect(chooseClaimFormat({ preferred: 'ub04', fallback: 'cms1500' }, e)).toMatchObject({ format: 'cms1500', outcome: 'ready', reason: 'UB-04 not possible: INSTITUTIONAL_PROFILE_MISSING' });
    expect(e.asked).toEqual(['ub04', 'cms1500']);
  });

  // The same choice on the validation fixture, with every real rule.
  const decide = (f: ReturnType<typeof baseline>) => decideClaimFormatOn(TODAY, f.ctx.parties, f.item, new DuplicateIndex());
  const preferring = (formats: { preferred: ClaimFormat; fallback?: ClaimFormat }, institutional = true) => {
    const f = baseline('ub04');
    f.payer.formats = formats;
    if (institutional) f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '89' };
    return f;
  };

  it('keeps the UB-04 for a claim that meets it', () => {
    expect(decide(preferring({ preferred: 'ub04', fallback: 'invoice' }))).toEqual({ format: 'ub04', outcome: 'ready', issues: [] });
  });

  it('sends a CMS-1500 when the payer profile has no institutional settings', () => {
    expect(decide(preferring({ preferred: 'ub04', fallback: 'cms1500' }, false))).toMatchObject({ format: 'cms1500', outcome: 'ready', reason: 'UB-04 not possible: INSTITUTIONAL_PROFILE_MISSING' });
  });

  it('invoices a claim with more diagnoses than FL 67 holds', () => {
    const f = preferring({ preferred: 'ub04', fallback: 'cms1500' });
    f.item.claim.diagnoses.push(...Array.from({ length: 15 }, (_, i) => `Z60${i % 10}`));
    expect(f.item.claim.diagnoses).toHaveLength(19);
    // 19 is too many for the CMS-1500's 12 as well, so the invoice is what is left.
    expect(decide(f)).toMatchObject({ format: 'invoice', outcome: 'ready', reason: 'UB-04 not possible: DIAGNOSIS_TOO_MANY' });
  });

  it('takes the UB-04 as the fallback of an 837I payer', () => {
    const e = evidence({ '837i': [issue('SOME_837_ERROR')] });
    expect(chooseClaimFormat({ preferred: '837i', fallback: 'ub04' }, e)).toMatchObject({ format: 'ub04', outcome: 'ready', reason: '837I not possible: SOME_837_ERROR' });
  });
});
