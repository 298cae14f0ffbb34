import { describe, expect, it } from 'vitest';
import { describeReasonCode } from '../../src/metrics/reason-codes.js';
import { TIMELINESS_CSV_COLUMNS, denialReasonsCsv, timelinessCsv } from '../../src/metrics/timeliness-csv.js';
import { timelinessReport, type TimelinessClaim } from '../../src/metrics/timeliness.js';

const base = { payerId: 'healthnet', clean: true, charge: '165.00' };
const claims: TimelinessClaim[] = [
  { ...base, claimId: 'C1', receiptDate: '2026-01-05', paymentDate: '2026-01-25', adjudicationDate: '2026-01-25', status: 'paid', paid: '165.00' },
  { ...base, claimId: 'C2', receiptDate: '2026-01-05', status: 'submitted', paid: '0.00' },
  { ...base, claimId: 'C3', receiptDate: '2026-02-20', status: 'accepted', paid: '0.00' },
  { ...base, claimId: 'C4', receiptDate: '2026-02-01', adjudicationDate: '2026-02-11', status: 'denied', clean: false, paid: '0.00', denialReasons: [{ code: '16', amount: '165.00' }] },
];

describe('timeliness CSV', () => {
  const report = timelinessReport(claims, '2026-03-01', { payerIds: ['iehp'], describeReason: describeReasonCode });

  it('writes one row per payer and month, then the payer total', () => {
    const lines = timelinessCsv(report).split('\r\n');
    expect(lines[0]).toBe(TIMELINESS_CSV_COLUMNS.join(','));
    // columns added after the first release go last, so positions of the older ones hold
    expect(lines[0]).toMatch(/,open_over_90_count,open_over_90_amount,date_anomalies,billed,paid,outstanding$/);
    // Jan: C1 paid on day 20; C2 unpaid, 55 days old (late at 30, censored at 90, open 31-60)
    expect(lines[1]).toBe('healthnet,2026-01,2,2,1,0,2,50.0,no,1,1,1,100.0,yes,1,0,2,50.0,no,1,1,1,100.0,yes,0,0.00,1,165.00,0,0.00,0,0.00,0,330.00,165.00,165.00');
    // Feb: C3 9 days old (censored at both, open 0-30); C4 denied for missing information, not clean
    expect(lines[2]).toBe('healthnet,2026-02,2,1,0,1,0,,,0,1,0,,,0,1,0,,,0,1,0,,,1,165.00,0,0.00,0,0.00,0,0.00,0,330.00,0.00,165.00');
    expect(lines[3]).toBe('healthnet,all,4,3,1,1,2,50.0,no,1,2,1,100.0,yes,1,1,2,50.0,no,1,2,1,100.0,yes,1,165.00,1,165.00,0,0.00,0,0.00,0,660.00,165.00,330.00');
    expect(lines[4]).toBe('iehp,all,0,0,0,0,0,,,0,0,0,,,0,0,0,,,0,0,0,,,0,0.00,0,0.00,0,0.00,0,0.00,0,0.00,0.00,0.00');
    expect(lines[5]).toBe('');
    expect(lines).toHaveLength(6);
  });

  it('writes ranked denial reasons, quoting text with commas', () => {
    const withComma = timelinessReport(claims, '2026-03-01', { describeReason: () => 'Lacks information, or has errors' });
    expect(denialReasonsCsv(withComma)).toBe('payer_id,rank,carc,description,claims,amount\r\nhealthnet,1,16,"Lacks information, or has errors",1,165.00\r\n');
  });

  it('counts the claims left out for a payer date before the send date', () => {
    const anomalous = timelinessReport([{ ...claims[0]!, dateAnomaly: true }, claims[1]!], '2026-03-01');
    const cells = timelinessCsv(anomalous).split('\r\n')[1]!.split(',');
    const at = (column: string) => cells[TIMELINESS_CSV_COLUMNS.indexOf(column as (typeof TIMELINESS_CSV_COLUMNS)[number])];
    expect([at('clean_claims_received'), at('date_anomalies'), at('paid_denominator_30'), at('paid_within_30')]).toEqual(['2', '1', '1', '0']);
  });

  it('keeps a spreadsheet from running a payer id as a formula', () => {
    const hostile = timelinessReport([{ ...claims[0]!, payerId: '=HYPERLINK("x")' }], '2026-03-01');
    expect(timelinessCsv(hostile).split('\r\n')[1]?.startsWith(`"'=HYPERLINK(""x"")",2026-01`)).toBe(true);
  });
});
