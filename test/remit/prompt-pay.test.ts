// California late-payment interest, against figures worked out by hand: a claim received in 2026
// (30 calendar days, 15% a year, a penalty of the greater of $15 or 10% of the interest when the
// plan left the interest out) and in 2025 (45 working days for an HMO plan, 30 for others, with
// weekends and state holidays skipped, and a $10 fee), paid on day 30, 31 and 95.

import { describe, expect, it } from 'vitest';
import { deadlineOf, interestOwed, isWorkingDay, ruleFor, type PaidClaim } from '../../src/remit/prompt-pay.js';
import { promptPayRules } from '../../src/remit/prompt-pay-rules.js';

const rules = promptPayRules();

function claim(receivedDate: string, payments: Array<[string, string]>, interestPaid = '0.00', planKind: PaidClaim['planKind'] = 'hmo'): PaidClaim {
  return { claimId: 'C000001', payerId: 'healthnet', receivedDate, payments: payments.map(([date, amount]) => ({ date, amount })), interestPaid, planKind };
}

describe('claims received from 2026-01-01 (AB 3275): 30 calendar days', () => {
  // Received Monday 2026-03-02: day 30 is 2026-04-01, day 31 is 2026-04-02, day 95 is 2026-06-05.
  const received = '2026-03-02';

  it('owes nothing for a payment on day 30', () => {
    expect(interestOwed(claim(received, [['2026-04-01', '1000.00']]), rules)).toBeUndefined();
  });

  it('owes one day of interest on day 31, and the $15 minimum penalty when the plan paid none', () => {
    // 1000.00 x 0.15 x 1 / 365 = 0.41096 -> 0.41; 10% of 0.41 is under $15.
    expect(interestOwed(claim(received, [['2026-04-02', '1000.00']]), rules)).toEqual({
      claimId: 'C000001',
      payerId: 'healthnet',
      receivedDate: received,
      deadline: '2026-04-01',
      paidDate: '2026-04-02',
      daysLate: 1,
      principal: '1000.00',
      interestOwed: '0.41',
      penalty: '15.00',
      interestPaid: '0.00',
      stillOwed: '15.41',
      rule: 'hsc-1371-ab3275',
    });
  });

  it('owes 65 days of interest on day 95, with no penalty when the plan paid the interest with the claim', () => {
    // 1000.00 x 0.15 x 65 / 365 = 26.7123 -> 26.71.
    const included = interestOwed(claim(received, [['2026-06-05', '1000.00']], '26.71'), rules)!;
    expect(included).toMatchObject({ daysLate: 65, interestOwed: '26.71', penalty: '0.00', interestPaid: '26.71', stillOwed: '0.00' });
    const left = interestOwed(claim(received, [['2026-06-05', '1000.00']]), rules)!;
    expect(left).toMatchObject({ interestOwed: '26.71', penalty: '15.00', stillOwed: '41.71' });
    // Some interest paid, short: the rest is owed, and the interest was included, so no penalty.
    expect(interestOwed(claim(received, [['2026-06-05', '1000.00']], '10.00'), rules)).toMatchObject({ penalty: '0.00', stillOwed: '16.71' });
  });

  it('takes 10% of the interest as the penalty once that is more than $15', () => {
    // 20000.00 x 0.15 x 65 / 365 = 534.2466 -> 534.25; 10% of 534.25 = 53.425 -> 53.43.
    expect(interestOwed(claim(received, [['2026-06-05', '20000.00']]), rules)).toMatchObject({ interestOwed: '534.25', penalty: '53.43', stillOwed: '587.68' });
  });

  it('sums the late payments of a claim and rounds once; a reversal is not money paid late', () => {
    // 500 x 0.15 x 10 / 365 = 2.0548 and 500 x 0.15 x 20 / 365 = 4.1096: 6.1644 -> 6.16 (rounding each would give 6.17).
    const r = interestOwed(claim(received, [['2026-03-20', '200.00'], ['2026-04-11', '500.00'], ['2026-04-21', '500.00'], ['2026-04-25', '-100.00']]), rules)!;
    expect(r).toMatchObject({ principal: '1000.00', interestOwed: '6.16', paidDate: '2026-04-21', daysLate: 20 });
  });
});

describe('claims received before 2026-01-01 (28 CCR 1300.71): working days', () => {
  // Received Monday 2025-11-03. Not working days after it: weekends, Veterans Day (11-11),
  // Thanksgiving and the day after (11-27, 11-28), Christmas (12-25), New Year's Day (2026-01-01).
  const received = '2025-11-03';

  it('counts 30 working days for a plan that is not an HMO, skipping weekends and holidays', () => {
    const rule = ruleFor(rules, received);
    expect(rule.id).toBe('ccr-1300.71');
    // Without the three November holidays the 30th working day would be Monday 12-15.
    expect(deadlineOf(rule, received, 'other', rules.holidays)).toBe('2025-12-18');
    expect(isWorkingDay('2025-11-27', rules.holidays)).toBe(false);
    expect(isWorkingDay('2025-11-29', rules.holidays)).toBe(false);
    expect(isWorkingDay('2025-12-01', rules.holidays)).toBe(true);
  });

  it('gives an HMO plan 45 working days, then owes interest and the $10 fee', () => {
    expect(interestOwed(claim(received, [['2026-01-12', '1000.00']]), rules)).toBeUndefined();
    // Three calendar days past Monday 2026-01-12: 1000.00 x 0.15 x 3 / 365 = 1.2329 -> 1.23.
    expect(interestOwed(claim(received, [['2026-01-15', '1000.00']]), rules)).toMatchObject({
      deadline: '2026-01-12',
      daysLate: 3,
      interestOwed: '1.23',
      penalty: '10.00',
      stillOwed: '11.23',
      rule: 'ccr-1300.71',
    });
    expect(interestOwed(claim(received, [['2026-01-15', '1000.00']], '1.23'), rules)).toMatchObject({ penalty: '0.00', stillOwed: '0.00' });
  });

  it('owes from the day after the deadline for other plans: paid on working day 31', () => {
    // Friday 2025-12-19, one day after Thursday 12-18: 0.41 and the $10 fee.
    expect(interestOwed(claim(received, [['2025-12-19', '1000.00']], '0.00', 'other'), rules)).toMatchObject({ daysLate: 1, interestOwed: '0.41', penalty: '10.00', stillOwed: '10.41' });
  });
});

describe('the rules as data', () => {
  it('picks the rule by the day the plan received the claim', () => {
    expect(ruleFor(rules, '2025-12-31').id).toBe('ccr-1300.71');
    expect(ruleFor(rules, '2026-01-01').id).toBe('hsc-1371-ab3275');
    for (const rule of rules.rules) expect(rule.source.length).toBeGreaterThan(20);
  });

  it('lists the state holidays of every year whose working days it counts', () => {
    for (const year of ['2022', '2023', '2024', '2025', '2026']) {
      expect([...rules.holidays].filter((d) => d.startsWith(year)).length, year).toBeGreaterThanOrEqual(12);
    }
    // A holiday on a Sunday is observed on the Monday: Cesar Chavez Day 2024 (Sunday 03-31).
    expect(rules.holidays.has('2024-04-01')).toBe(true);
  });
});
