import { describe, expect, it } from 'vitest';
import { assembleClaims, type CodedService } from '../../src/billing/claim-assembly.js';
import { feeScheduleEntryOn } from '../../src/billing/fee-schedule.js';
import { codesets } from '../../src/codesets/index.js';
import { PayerSchema, type ClaimFormat, type Payer } from '../../src/domain/reference.js';
import { addDays } from '../../src/domain/calendar.js';

function payer(format: ClaimFormat, overrides: Partial<Payer> = {}): Payer {
  return PayerSchema.parse({
    id: 'p1',
    name: 'Plan One',
    ediPayerId: 'P1',
    formats: { preferred: format },
    interchange: { senderQualifier: 'ZZ', senderId: 'ME', receiverQualifier: 'ZZ', receiverId: 'P1' },
    units: { minutesPerUnit: 60, increment: 0.25, rounding: 'nearest' },
    defaultDiagnosis: 'Z7689',
    feeSchedule: [
      { code: 'G9008', modifiers: ['U1'], rate: '165.00', effective: '2026-01-01' },
      { code: 'G9008', modifiers: ['U1'], rate: '171.10', effective: '2026-10-15' },
      { code: 'G9008', modifiers: ['U8'], rate: '110.00', effective: '2026-01-01', end: '2026-10-09' },
    ],
    ...overrides,
  });
}

let seq = 0;
function row(date: string, minutes: number, extra: Partial<CodedService> = {}): CodedService {
  seq++;
  return {
    serviceId: `R${seq}`,
    memberCin: '91234567A',
    serviceDate: date,
    minutes,
    staffId: 'S1',
    activity: 'ecm',
    modality: 'in_person',
    placeOfService: '12',
    diagnoses: [],
    payerId: 'p1',
    code: 'G9008',
    modifiers: ['U1'],
    ...extra,
  };
}

const members = new Map([['91234567A', { member_cin: '91234567A' }]]);

function assemble(format: ClaimFormat, services: CodedService[], p = payer(format)) {
  return assembleClaims({ services, payers: new Map([['p1', p]]), members, limits: codesets().limits });
}

/** n lines on distinct days and staff in one month */
function manyLines(n: number): CodedService[] {
  return Array.from({ length: n }, (_, i) => row(addDays('2026-10-01', i % 28), 60, { staffId: `S${Math.floor(i / 28)}` }));
}

describe('claim assembly', () => {
  it('sums minutes before rounding and keeps every source row on the line', () => {
    const result = assemble('837p', [row('2026-10-03', 10), row('2026-10-03', 10)]);
    // 10 + 10 = 20 minutes -> 0.25 unit; rounding each row first would give 0 + 0
    expect(result.claims).toHaveLength(1);
    const line = result.claims[0]!.lines[0]!;
    expect(line.units).toBe('0.25');
    expect(line.minutes).toBe(20);
    expect(line.serviceIds).toHaveLength(2);
  });

  it.each([
    ['837p', 50, 120, [50, 50, 20]],
    ['837i', 999, 1000, [999, 1]],
    ['cms1500', 6, 13, [6, 6, 1]],
    ['invoice', null, 120, [120]],
  ] as const)('splits %s claims at %s lines', (format, _limit, count, sizes) => {
    const result = assemble(format, manyLines(count));
    expect(result.claims.map((c) => c.lines.length)).toEqual(sizes);
    // every line lands on exactly one claim and the split claims keep distinct keys
    expect(new Set(result.claims.map((c) => c.key)).size).toBe(sizes.length);
    expect(result.claims.flatMap((c) => c.lines).length).toBe(count);
    for (const c of result.claims) expect(c.lines.map((l) => l.lineNumber)).toEqual(c.lines.map((_, i) => i + 1));
  });

  it('prices each line with the rate in effect on its date of service', () => {
    const result = assemble('837p', [row('2026-10-14', 60), row('2026-10-15', 60), row('2026-09-30', 60)]);
    const byDate = new Map(result.claims.flatMap((c) => c.lines).map((l) => [l.serviceDate, l.rate]));
    expect(byDate.get('2026-09-30')).toBe('165.00');
    expect(byDate.get('2026-10-14')).toBe('165.00');
    expect(byDate.get('2026-10-15')).toBe('171.10');
  });

  it('treats an ended fee-schedule entry as absent and reports the line', () => {
    const p = payer('837p');
    expect(feeScheduleEntryOn(p, 'G9008', ['U8'], '2026-10-09')?.rate).toBe('110.00');
    expect(feeScheduleEntryOn(p, 'G9008', ['U8'], '2026-10-10')).toBeUndefined();
    expect(feeScheduleEntryOn(p, 'G9008', ['U1'], '2025-12-31')).toBeUndefined();
    const result = assemble('837p', [row('2026-10-10', 60, { activity: 'outreach', modifiers: ['U8'] })]);
    const issue = result.claims[0]!.issues.find((i) => i.code === 'FEE_SCHEDULE_MISSING');
    expect(issue?.severity).toBe('error');
    expect(issue?.serviceIds).toEqual([result.claims[0]!.lines[0]!.serviceIds[0]]);
  });

  it('keeps totals exact in decimal', () => {
    const p = payer('837p', {
      feeSchedule: [{ code: 'G9008', modifiers: ['U1'], rate: '0.10', effective: '2026-01-01' }],
      units: { minutesPerUnit: 60, increment: 0.25, rounding: 'nearest' },
    });
    // 30 lines of 0.25 unit x 0.10 = 0.025 -> 0.03 each (half-up to the cent); 45 min lines 0.075 -> 0.08
    const services = Array.from({ length: 28 }, (_, i) => row(addDays('2026-10-01', i), 15)).concat(row('2026-10-01', 45, { staffId: 'S9' }));
    const claim = assemble('invoice', services, p).claims[0]!;
    expect(claim.lines.filter((l) => l.charge === '0.03')).toHaveLength(28);
    expect(claim.lines.find((l) => l.units === '0.75')?.charge).toBe('0.08');
    expect(claim.totalCharge).toBe('0.92');
  });

  it('reports a line that rounds to zero instead of dropping it silently', () => {
    const result = assemble('837p', [row('2026-10-03', 5)]);
    expect(result.claims).toHaveLength(0);
    expect(result.issues[0]).toMatchObject({ code: 'LINE_ROUNDS_TO_ZERO', severity: 'warning' });
    expect(result.issues[0]!.message).toContain('5 minutes');
  });

  it('uses the payer default diagnosis for lines without one and records that it did', () => {
    const result = assemble('837p', [row('2026-10-03', 60), row('2026-10-04', 60, { diagnoses: ['Z59.00'] })]);
    const claim = result.claims[0]!;
    expect(claim.diagnoses).toEqual(['Z7689', 'Z5900']);
    expect(claim.defaultDiagnosisUsed).toBe(true);
    expect(claim.lines.map((l) => l.diagnosisPointers)).toEqual([[1], [2]]);
  });

  it('starts a new claim when a claim would carry more than 12 diagnoses', () => {
    const dx = ['Z5900', 'Z5901', 'Z5902', 'Z5941', 'Z5948', 'Z5986', 'Z5987', 'Z5989', 'Z600', 'Z602', 'Z604', 'Z608', 'Z609'];
    const services = dx.map((d, i) => row(addDays('2026-10-01', i), 60, { diagnoses: [d] }));
    const result = assemble('837p', services);
    expect(result.claims.map((c) => c.diagnoses.length)).toEqual([12, 1]);
  });
});
