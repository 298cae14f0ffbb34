// The one fit check for any paper form, given the form's descriptor: on the UB-04 it runs over
// every page of a claim, numbers service lines through the claim, names form locators, and says
// a finding of the repeated header once.

import { describe, expect, it } from 'vitest';
import { paperFitIssues } from '../../../src/app/documents/paper-fit.js';
import { isPaperFormat, PAPER_FORMS, placeName, UB04_LAYOUT, UB04_NAME_SHORTENED } from '../../../src/app/documents/paper-forms.js';
import type { ClaimLine } from '../../../src/domain/claim.js';
import type { SubmissionClock } from '../../../src/domain/submission.js';
import { baseline, type Fixture } from '../../validation/fixtures.js';

const clock: SubmissionClock = { date: '2026-11-25', time: '1000' };
const ub04 = PAPER_FORMS.ub04;

function institutional(lineCount = 4): Fixture {
  const f = baseline('ub04');
  f.payer.institutional = { revenueCode: '0500', facilityTypeCode: '13' };
  const lines = f.item.claim.lines;
  const more: ClaimLine[] = Array.from({ length: lineCount - lines.length }, (_, i) => ({ ...lines[i % lines.length]!, lineNumber: lines.length + i + 1, serviceIds: [`SL-2${String(i).padStart(3, '0')}`] }));
  f.item.claim.lines = [...lines, ...more];
  return f;
}

const fit = (f: Fixture) => paperFitIssues(ub04, f.ctx.parties, f.item, clock);

describe('paper forms', () => {
  it('describes both forms', () => {
    expect(Object.values(PAPER_FORMS).map((f) => [f.format, f.label, f.fileSuffix])).toEqual([
      ['cms1500', 'CMS-1500', 'cms1500'],
      ['ub04', 'UB-04', 'ub04'],
    ]);
    expect(['cms1500', 'ub04', '837i', 'invoice'].filter(isPaperFormat)).toEqual(['cms1500', 'ub04']);
    expect(placeName(PAPER_FORMS.cms1500, '24J')).toBe('box 24J');
    expect(placeName(ub04, '42')).toBe('FL 42');
  });

  it('finds a claim of 30 lines fits on two UB-04 pages', () => {
    const f = institutional(30);
    expect(ub04.pages(f.ctx.parties, f.item, clock)).toHaveLength(2);
    expect(fit(f)).toEqual([]);
  });

  it('numbers a line on the second page through the claim, and names its form locator', () => {
    const f = institutional(30);
    f.item.claim.lines[24]!.charge = '1234567.00';
    const onLine = fit(f).filter((i) => i.lineNumber !== undefined);
    expect(onLine).toEqual([
      expect.objectContaining({ code: UB04_LAYOUT, severity: 'error', lineNumber: 25, message: `Claim ${f.item.claim.id}: line 25 FL 47 holds 6 characters but the value has 7` }),
    ]);
  });

  it('warns once about a shortened organization name, however many pages repeat it', () => {
    const f = institutional(30);
    f.organization.name = 'Greater Sacramento Valley Community Health Services Association';
    const issues = fit(f);
    expect(issues.map((i) => [i.code, i.severity])).toEqual([[UB04_NAME_SHORTENED, 'warning']]);
    expect(issues[0]!.message).toMatch(new RegExp(`^Claim ${f.item.claim.id}: FL 1 holds 24 characters but the organization name needs \\d+ even abbreviated`));
  });

  it("turns the form's own refusals into layout errors, without member data", () => {
    const f = institutional();
    f.item.claim.diagnoses.push(...Array.from({ length: 15 }, (_, i) => `Z60${i % 10}`));
    const issues = fit(f);
    expect(issues).toEqual([expect.objectContaining({ code: UB04_LAYOUT, severity: 'error', message: `Claim ${f.item.claim.id}: has 19 diagnoses but FL 67 and 67A-Q hold 18` })]);
    expect(issues[0]!.serviceIds).toEqual(['SL-1001', 'SL-1002', 'SL-1003', 'SL-1004']);

    const g = baseline('ub04');
    expect(fit(g).map((i) => i.code)).toEqual([UB04_LAYOUT]);
    expect(JSON.stringify(fit(g))).not.toContain(g.item.member.member_cin);
  });
});
