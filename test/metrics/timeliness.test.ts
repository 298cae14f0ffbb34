import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.js';
import type { ClaimEvent } from '../../src/remit/claim-events.js';
import { deriveClaimHistory } from '../../src/remit/claim-history.js';
import { describeReasonCode } from '../../src/metrics/reason-codes.js';
import { timelinessReport, type TimelinessClaim, type TimelinessRow, type WindowResult } from '../../src/metrics/timeliness.js';

let seq = 0;
function claim(fields: Partial<TimelinessClaim> & { receiptDate?: string }): TimelinessClaim {
  seq++;
  return { claimId: `C${String(seq).padStart(6, '0')}`, payerId: 'healthnet', clean: true, status: 'submitted', charge: '165.00', paid: '0.00', ...fields };
}
const paidClaim = (receiptDate: string, paymentDate: string, extra: Partial<TimelinessClaim> = {}) =>
  claim({ receiptDate, paymentDate, adjudicationDate: paymentDate, status: 'paid', paid: '165.00', ...extra });

const window = (days: number, targetPercent: number, within: number, censored: number, denominator: number, rate: string | null, targetMet: boolean | null): WindowResult => ({
  days,
  targetPercent,
  within,
  censored,
  denominator,
  rate,
  targetMet,
});

function month(report: ReturnType<typeof timelinessReport>, receiptMonth: string, payerId = 'healthnet'): TimelinessRow {
  const row = report.payers.find((p) => p.payerId === payerId)?.months.find((m) => m.receiptMonth === receiptMonth);
  if (row === undefined) throw new Error(`no row ${payerId} ${receiptMonth}`);
  return row;
}

describe('clean-claim timeliness', () => {
  it('censors an unpaid claim from the N-day rate only while fewer than N days have passed', () => {
    // today 2026-03-31; unpaid clean claims received 29, 30 and 31 days earlier.
    const today = '2026-03-31';
    const report = timelinessReport(
      [claim({ receiptDate: addDays(today, -29) }), claim({ receiptDate: addDays(today, -30) }), claim({ receiptDate: addDays(today, -31) })],
      today,
    );
    // March: received 03-02 (29 days: censored at 30) and 03-01 (30 days: late at 30). Both censored at 90.
    expect(month(report, '2026-03').paid).toEqual({
      within30: window(30, 90, 0, 1, 1, '0.0', false),
      within90: window(90, 99, 0, 2, 0, null, null),
    });
    // February: received 02-28, 31 days ago: late at 30, censored at 90.
    expect(month(report, '2026-02').paid).toEqual({
      within30: window(30, 90, 0, 0, 1, '0.0', false),
      within90: window(90, 99, 0, 1, 0, null, null),
    });
  });

  it('counts a claim paid exactly 30 days after receipt as within 30, one paid on day 31 as not', () => {
    const report = timelinessReport([paidClaim('2026-01-01', '2026-01-31'), paidClaim('2026-01-01', '2026-02-01')], '2026-06-01');
    expect(month(report, '2026-01').paid).toEqual({
      within30: window(30, 90, 1, 0, 2, '50.0', false),
      within90: window(90, 99, 2, 0, 2, '100.0', true),
    });
  });

  it('rates a month by hand: paid and adjudicated, clean and not', () => {
    // Received 2026-01-05, reported 2026-05-15 (nothing censored):
    //   14 clean paid on day 20; 1 clean paid on day 45; 1 clean denied (CARC 29) on day 10;
    //   1 denied for missing information (CARC 16): received, not clean.
    const r = '2026-01-05';
    const claims = [
      ...Array.from({ length: 14 }, () => paidClaim(r, '2026-01-25')),
      paidClaim(r, '2026-02-19'),
      claim({ receiptDate: r, adjudicationDate: '2026-01-15', status: 'denied', denialReasons: [{ code: '29', amount: '165.00' }] }),
      claim({ receiptDate: r, adjudicationDate: '2026-01-20', status: 'denied', clean: false, denialReasons: [{ code: '16', amount: '165.00' }] }),
    ];
    const row = month(timelinessReport(claims, '2026-05-15'), '2026-01');
    expect(row.claimsReceived).toBe(17);
    expect(row.cleanClaimsReceived).toBe(16);
    // paid: 14/16 = 87.5% at 30; 15/16 = 93.75% -> "93.8" at 90 (below 99)
    expect(row.paid).toEqual({
      within30: window(30, 90, 14, 0, 16, '87.5', false),
      within90: window(90, 99, 15, 0, 16, '93.8', false),
    });
    // adjudicated: 14 + the day-10 denial = 15/16 = 93.75% at 30 (meets 90); 16/16 at 90
    expect(row.adjudicated).toEqual({
      within30: window(30, 90, 15, 0, 16, '93.8', true),
      within90: window(90, 99, 16, 0, 16, '100.0', true),
    });
  });

  it('rounds half up and judges the target on the exact fraction', () => {
    // 2/3 = 66.666..% -> "66.7"; 1/6 = 16.666..% -> "16.7"; 899/1000 = 89.9% misses 90
    const r = '2026-01-05';
    const report = (paid: number, late: number) =>
      month(timelinessReport([...Array.from({ length: paid }, () => paidClaim(r, '2026-01-06')), ...Array.from({ length: late }, () => paidClaim(r, '2026-03-01'))], '2026-06-01'), '2026-01')
        .paid.within30;
    expect(report(2, 1).rate).toBe('66.7');
    expect(report(1, 5).rate).toBe('16.7');
    expect(report(899, 101)).toMatchObject({ rate: '89.9', targetMet: false });
    expect(report(9, 1)).toMatchObject({ rate: '90.0', targetMet: true });
    // 1799/2000 = 89.95% shows as "90.0" but does not meet 90%
    expect(report(1799, 201)).toMatchObject({ rate: '90.0', targetMet: false });
  });

  it('reports a month with a single claim', () => {
    const row = month(timelinessReport([paidClaim('2026-02-10', '2026-03-01')], '2026-06-01'), '2026-02');
    expect(row.claimsReceived).toBe(1);
    expect(row.paid.within30).toEqual(window(30, 90, 1, 0, 1, '100.0', true));
    expect(row.paid.within90).toEqual(window(90, 99, 1, 0, 1, '100.0', true));
  });

  it('reports a payer with no claims, with no rates', () => {
    const report = timelinessReport([paidClaim('2026-02-10', '2026-03-01')], '2026-06-01', { payerIds: ['iehp', 'healthnet'] });
    expect(report.payers.map((p) => p.payerId)).toEqual(['healthnet', 'iehp']);
    const iehp = report.payers[1];
    expect(iehp?.months).toEqual([]);
    expect(iehp?.denialReasons).toEqual([]);
    expect(iehp?.total).toMatchObject({ receiptMonth: 'all', claimsReceived: 0, cleanClaimsReceived: 0 });
    expect(iehp?.total.paid.within30).toEqual(window(30, 90, 0, 0, 0, null, null));
    expect(iehp?.total.open.every((b) => b.count === 0 && b.amount === '0.00')).toBe(true);
  });

  it('counts a rejected claim that was fixed and sent again in the month of its new receipt', () => {
    const events: ClaimEvent[] = [
      { claimId: 'R1', kind: 'submitted', date: '2026-01-02', details: { groupControlNumber: '1001' } },
      { claimId: 'R1', kind: 'claim_rejected', date: '2026-01-06', details: { interchangeControlNumber: '1', statusCodes: ['A7:164:IL'] } },
      { claimId: 'R1', kind: 'submitted', date: '2026-02-03', details: { groupControlNumber: '1004' } },
      { claimId: 'R1', kind: 'claim_accepted', date: '2026-02-05', details: { interchangeControlNumber: '2', statusCodes: ['A2:20'], receivedDate: '2026-02-04' } },
      {
        claimId: 'R1',
        kind: 'paid',
        date: '2026-02-27',
        amount: '165.00',
        details: {
          interchangeControlNumber: '3',
          traceNumber: 'T1',
          paymentDate: '2026-02-27',
          claimStatusCode: '1',
          charge: '165.00',
          reportedCharge: '165.00',
          paid: '165.00',
          receivedDate: '2026-02-04',
          adjustments: [],
          lineAdjustments: [],
          remarkCodes: [],
        },
      },
    ];
    const ours = { claimId: 'R1', payerId: 'healthnet', totalCharge: '165.00' };
    const beforeResubmission = timelinessReport([deriveClaimHistory(ours, events.slice(0, 2))], '2026-01-31');
    expect(month(beforeResubmission, '2026-01')).toMatchObject({ claimsReceived: 1, cleanClaimsReceived: 0 });
    expect(month(beforeResubmission, '2026-01').open.every((b) => b.count === 0)).toBe(true);

    const report = timelinessReport([deriveClaimHistory(ours, events)], '2026-06-01');
    expect(report.payers[0]?.months.map((m) => m.receiptMonth)).toEqual(['2026-02']);
    // received 02-04, paid 02-27: 23 days
    expect(month(report, '2026-02').paid.within30).toEqual(window(30, 90, 1, 0, 1, '100.0', true));
  });

  it('sums months into the payer total', () => {
    const report = timelinessReport([paidClaim('2026-01-10', '2026-01-20'), paidClaim('2026-02-10', '2026-04-01'), claim({ receiptDate: '2026-02-20' })], '2026-03-01');
    const total = report.payers[0]?.total;
    // Jan: 1 within 30. Feb: one paid on day 50 (late at 30, within 90); one unpaid 9 days old (censored at both).
    expect(total?.claimsReceived).toBe(3);
    expect(total?.paid).toEqual({
      within30: window(30, 90, 1, 1, 2, '50.0', false),
      within90: window(90, 99, 2, 1, 2, '100.0', true),
    });
  });
});

describe('claims with a payer date before the send date', () => {
  it('leaves them out of every rate and counts them per row and in the total', () => {
    // Received 2026-01-05, reported 2026-06-01: two paid on day 10; one "paid" on day 60 and one
    // unpaid, both with an impossible date; one not clean with an impossible date as well.
    const r = '2026-01-05';
    const claims = [
      paidClaim(r, '2026-01-15'),
      paidClaim(r, '2026-01-15'),
      paidClaim(r, '2026-03-06', { dateAnomaly: true }),
      claim({ receiptDate: r, dateAnomaly: true }),
      claim({ receiptDate: r, status: 'rejected', clean: false, dateAnomaly: true }),
      paidClaim('2026-02-02', '2026-02-10'),
    ];
    const report = timelinessReport(claims, '2026-06-01');
    const january = month(report, '2026-01');
    expect(january).toMatchObject({ claimsReceived: 5, cleanClaimsReceived: 4, dateAnomalies: 2 });
    // 2 of 2: neither late nor censored, the two with impossible dates are simply not there
    expect(january.paid).toEqual({ within30: window(30, 90, 2, 0, 2, '100.0', true), within90: window(90, 99, 2, 0, 2, '100.0', true) });
    expect(january.adjudicated.within30).toEqual(window(30, 90, 2, 0, 2, '100.0', true));
    // still received and still open money
    expect(january.open[3]).toEqual({ label: '90+', count: 1, amount: '165.00' });
    const total = report.payers[0]!.total;
    expect(total).toMatchObject({ claimsReceived: 6, cleanClaimsReceived: 5, dateAnomalies: 2 });
    expect(total.paid.within30).toEqual(window(30, 90, 3, 0, 3, '100.0', true));
    expect(month(report, '2026-02').dateAnomalies).toBe(0);
  });

  it('rates nothing when every clean claim of a month has one', () => {
    const row = month(timelinessReport([paidClaim('2026-01-05', '2026-01-06', { dateAnomaly: true })], '2026-06-01'), '2026-01');
    expect(row).toMatchObject({ cleanClaimsReceived: 1, dateAnomalies: 1 });
    expect(row.paid.within30).toEqual(window(30, 90, 0, 0, 0, null, null));
  });
});

describe('money per row', () => {
  it('sums billed, paid and the outstanding balance of open claims, per month and in total', () => {
    const claims = [
      paidClaim('2026-01-05', '2026-01-20', { charge: '330.00', paid: '330.00' }),
      paidClaim('2026-01-06', '2026-01-20', { status: 'partially_paid', charge: '165.00', paid: '100.10' }),
      claim({ receiptDate: '2026-01-07', charge: '99.99', status: 'accepted' }),
      claim({ receiptDate: '2026-01-08', status: 'denied', adjudicationDate: '2026-01-30' }),
      claim({ receiptDate: '2026-02-01', charge: '0.01' }),
    ];
    const report = timelinessReport(claims, '2026-03-01', { payerIds: ['iehp'] });
    expect(month(report, '2026-01').amounts).toEqual({ billed: '759.99', paid: '430.10', outstanding: '99.99' });
    expect(month(report, '2026-02').amounts).toEqual({ billed: '0.01', paid: '0.00', outstanding: '0.01' });
    expect(report.payers[0]!.total.amounts).toEqual({ billed: '760.00', paid: '430.10', outstanding: '100.00' });
    expect(report.payers[1]!.total.amounts).toEqual({ billed: '0.00', paid: '0.00', outstanding: '0.00' });
  });
});

describe('open claims by age', () => {
  it('buckets unpaid, unadjudicated claims by days since receipt, with the unpaid amount', () => {
    const today = '2026-05-15';
    const open = (age: number, charge = '165.00') => claim({ receiptDate: addDays(today, -age), charge, status: age % 2 === 0 ? 'submitted' : 'accepted' });
    const claims = [
      open(0),
      open(30, '330.00'),
      open(31),
      open(60),
      open(61),
      open(90, '100.25'),
      open(91),
      open(200, '0.10'),
      // not open: paid, denied, rejected
      paidClaim(addDays(today, -40), addDays(today, -5)),
      claim({ receiptDate: addDays(today, -40), status: 'denied', adjudicationDate: addDays(today, -20) }),
      claim({ receiptDate: addDays(today, -40), status: 'rejected', clean: false }),
    ];
    const total = timelinessReport(claims, today).payers[0]?.total;
    expect(total?.open).toEqual([
      { label: '0-30', count: 2, amount: '495.00' },
      { label: '31-60', count: 2, amount: '330.00' },
      { label: '61-90', count: 2, amount: '265.25' },
      { label: '90+', count: 2, amount: '165.10' },
    ]);
  });
});

describe('denial reasons', () => {
  it('ranks CARCs of denied claims by claims, then amount, with descriptions', () => {
    const denied = (reasons: Array<{ code: string; amount: string }>, payerId = 'healthnet') =>
      claim({ payerId, receiptDate: '2026-01-05', status: 'denied', adjudicationDate: '2026-01-20', denialReasons: reasons });
    const claims = [
      denied([{ code: '96', amount: '165.00' }]),
      denied([{ code: '96', amount: '165.00' }]),
      denied([{ code: '29', amount: '330.00' }]),
      denied([{ code: '29', amount: '165.00' }]),
      denied([{ code: '16', amount: '100.00' }, { code: '16', amount: '65.00' }]),
      denied([{ code: '16', amount: '165.00' }]),
      denied([{ code: '16', amount: '165.00' }, { code: 'ZZ9', amount: '1.00' }]),
      // reasons on a claim that is not denied are not denial reasons
      paidClaim('2026-01-05', '2026-01-20', { status: 'partially_paid', denialReasons: [{ code: '45', amount: '15.00' }] }),
      denied([{ code: '18', amount: '165.00' }], 'iehp'),
    ];
    const report = timelinessReport(claims, '2026-06-01', { describeReason: describeReasonCode });
    expect(report.payers[0]?.denialReasons).toEqual([
      { code: '16', description: describeReasonCode('16'), claims: 3, amount: '495.00' },
      { code: '29', description: describeReasonCode('29'), claims: 2, amount: '495.00' },
      { code: '96', description: describeReasonCode('96'), claims: 2, amount: '330.00' },
      { code: 'ZZ9', claims: 1, amount: '1.00' },
    ]);
    expect(report.payers[1]?.denialReasons).toEqual([{ code: '18', description: 'Exact duplicate of a claim or service already processed', claims: 1, amount: '165.00' }]);
  });
});

describe('input checks and scale', () => {
  it('refuses dates that are not calendar dates', () => {
    expect(() => timelinessReport([claim({ receiptDate: '2026-02-30' })], '2026-03-01')).toThrow(/C\d+: "2026-02-30" is not a calendar date/);
    expect(() => timelinessReport([], '03/01/2026')).toThrow(/today/);
  });

  it('reports on a million claims in one pass', () => {
    const today = '2026-12-31';
    const receipts = Array.from({ length: 365 }, (_, i) => addDays('2026-01-01', i));
    const payments = receipts.map((r) => addDays(r, 25));
    const payers = ['healthnet', 'iehp', 'lacare', 'molina'];
    const claims: TimelinessClaim[] = new Array(1_000_000);
    for (let i = 0; i < claims.length; i++) {
      const d = i % 365;
      const paid = i % 10 !== 0;
      claims[i] = {
        claimId: `C${i}`,
        payerId: payers[i % 4] ?? 'healthnet',
        receiptDate: receipts[d] ?? '2026-01-01',
        ...(paid ? { paymentDate: payments[d] ?? '2026-01-26', adjudicationDate: payments[d] ?? '2026-01-26' } : {}),
        clean: true,
        status: paid ? 'paid' : 'submitted',
        charge: '165.00',
        paid: paid ? '165.00' : '0.00',
      };
    }
    const started = performance.now();
    const report = timelinessReport(claims, today);
    const elapsed = performance.now() - started;
    expect(report.payers).toHaveLength(4);
    expect(report.payers.reduce((n, p) => n + p.total.claimsReceived, 0)).toBe(1_000_000);
    expect(elapsed).toBeLessThan(5_000);
  });
});
