import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compactDate } from '../../../src/domain/calendar.js';
import { normalizeDiagnosis } from '../../../src/domain/identifiers.js';
import { build837i, render837i } from '../../../src/x12/write/837i.js';
import { CLOCK, CONTROL, claim, healthNet, line, parseWithX12Parser, sampleClaims, sampleMembers, sampleParties } from '../fixtures.js';
import { readClaims } from '../read-back.js';

const OPTIONS = { batchId: 'BATCH-I-1' };

describe('837I round trip through x12-parser', () => {
  it('carries every claim value the way the claims hold it', async () => {
    const input = sampleClaims();
    const segments = await parseWithX12Parser(render837i(sampleParties(), input, CLOCK, CONTROL, OPTIONS));
    expect(segments.find((s) => s.name === 'GS')!['8']).toBe('005010X223A2');
    expect(segments.find((s) => s.name === 'ST')).toMatchObject({ '1': '837', '2': '0007', '3': '005010X223A2' });
    const read = readClaims(segments);
    expect(read).toHaveLength(3);
    for (const { claim: c, member } of input) {
      const got = read.find((r) => r.id === c.id)!;
      expect(got.subscriber).toMatchObject({ last: member.last_name, first: member.first_name, id: member.member_cin });
      expect(new Decimal(got.total).equals(c.totalCharge)).toBe(true);
      expect(got.location).toEqual(['13', 'A', c.frequency]);
      expect(got.originalReference).toBe(c.originalReference);
      const dates = c.lines.map((l) => compactDate(l.serviceDate)).sort();
      expect(got.statementPeriod).toBe(`${dates[0]}-${dates.at(-1)}`);
      expect(got.cl1).toEqual(['', '', '01']);
      const [principal, ...others] = c.diagnoses.map(normalizeDiagnosis);
      expect(got.diagnoses).toEqual([['ABK', principal], ['APR', principal], ...others.map((dx) => ['ABF', dx])]);
      c.lines.forEach((l, i) => {
        const g = got.lines[i]!;
        expect(g).toMatchObject({ lx: String(i + 1), revenueCode: '0500', code: l.code, modifiers: l.modifiers, date: compactDate(l.serviceDate) });
        expect(new Decimal(g.charge).equals(l.charge)).toBe(true);
        expect(new Decimal(g.units).equals(l.units)).toBe(true);
      });
    }
  });

  it('writes the institutional claim segments of the brief', () => {
    const text = render837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, OPTIONS);
    expect(text).toContain(
      'CLM*C000001*498.75***13:A:1**A*Y*Y~DTP*434*RD8*20261003-20261024~CL1***01~HI*ABK:Z5900~HI*APR:Z5900~HI*ABF:I10*ABF:F329~' +
        'NM1*71*1*Okafor*Adaeze****XX*1543210987~PRV*AT*PXC*163W00000X~' +
        'LX*1~SV2*0500*HC:G9008:U1*247.5*UN*1.5~DTP*472*D8*20261003~' +
        'LX*2~SV2*0500*HC:G9012:U2:GQ*90*UN*0.75~DTP*472*D8*20261003~' +
        'LX*3~SV2*0500*HC:G9012:U2*120*UN*1~DTP*472*D8*20261010~' +
        'LX*4~SV2*0500*HC:G9008:U1:GQ*41.25*UN*0.25~DTP*472*D8*20261024~',
    );
    expect(text).toContain('CLM*C000003*165***13:A:7**A*Y*Y~DTP*434*RD8*20260912-20260912~CL1***01~REF*F8*HN2026090012345~HI*ABK:Z5900~');
  });

  it('can leave out the reason for visit', () => {
    const text = render837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, { ...OPTIONS, reasonForVisit: false });
    expect(text).not.toContain('APR');
  });

  it('sends an attending provider with the most lines among staff with an NPI, or name only when nobody has one', async () => {
    const garcia = sampleMembers().get('91234567A')!;
    const chwOnly = claim({
      id: 'C000010',
      memberCin: '91234567A',
      placeOfService: '12',
      diagnoses: ['Z59.00'],
      totalCharge: '240.00',
      lines: [
        line(1, { serviceDate: '2026-10-05', code: 'G9012', modifiers: ['U2'], units: '1', charge: '120.00', renderingStaffId: 'S002', placeOfService: '12', diagnosisPointers: [1] }),
        line(2, { serviceDate: '2026-10-06', code: 'G9012', modifiers: ['U2'], units: '1', charge: '120.00', renderingStaffId: 'S004', placeOfService: '12', diagnosisPointers: [1] }),
      ],
    });
    const mostLines = claim({
      id: 'C000011',
      memberCin: '91234567A',
      placeOfService: '12',
      diagnoses: ['Z59.00'],
      totalCharge: '495.00',
      lines: [
        line(1, { serviceDate: '2026-10-05', code: 'G9008', modifiers: ['U1'], units: '1', charge: '165.00', renderingStaffId: 'S001', placeOfService: '12', diagnosisPointers: [1] }),
        line(2, { serviceDate: '2026-10-06', code: 'G9008', modifiers: ['U1'], units: '1', charge: '165.00', renderingStaffId: 'S003', placeOfService: '12', diagnosisPointers: [1] }),
        line(3, { serviceDate: '2026-10-07', code: 'G9008', modifiers: ['U1'], units: '1', charge: '165.00', renderingStaffId: 'S003', placeOfService: '12', diagnosisPointers: [1] }),
      ],
    });
    const text = render837i(sampleParties(), [chwOnly, mostLines].map((c) => ({ claim: c, member: garcia })), CLOCK, CONTROL, OPTIONS);
    const read = readClaims(await parseWithX12Parser(text));
    expect(read.find((c) => c.id === 'C000010')!.attending).toEqual({ last: 'Reyes', first: 'Daniel' });
    expect(text).toContain('NM1*71*1*Reyes*Daniel~LX*1~');
    expect(read.find((c) => c.id === 'C000011')!.attending).toEqual({ last: 'Chen', first: 'Lily', npi: '1678901236', taxonomy: '1041C0700X' });
  });

  it('names the payer and the missing field when the payer has no institutional profile', () => {
    const parties = sampleParties(healthNet(false));
    expect(() => build837i(parties, sampleClaims(), CLOCK, CONTROL, OPTIONS)).toThrow(/payer "healthnet" \(Health Net of California\) has no institutional profile: set payer\.institutional\.revenueCode and payer\.institutional\.facilityTypeCode/);
  });

  it('puts more than twelve other diagnoses in a second ABF segment', () => {
    const garcia = sampleMembers().get('91234567A')!;
    const many = { ...sampleClaims()[0]!.claim, diagnoses: Array.from({ length: 20 }, (_, i) => `Z59.${String(i).padStart(2, '0')}`) };
    const text = render837i(sampleParties(), [{ claim: many, member: garcia }], CLOCK, CONTROL, OPTIONS);
    const abf = text.split('~').filter((s) => s.startsWith('HI*ABF'));
    expect(abf.map((s) => s.split('*').length - 1)).toEqual([12, 7]);
  });
});
