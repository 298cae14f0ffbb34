import { Writable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { compactDate } from '../../../src/domain/calendar.js';
import { normalizeDiagnosis } from '../../../src/domain/identifiers.js';
import type { ClaimWithParties } from '../../../src/domain/submission.js';
import { X12RenderError } from '../../../src/x12/write/837-common.js';
import { build837p, render837p } from '../../../src/x12/write/837p.js';
import { pipeX12, toX12String, writeX12, x12Readable } from '../../../src/x12/write/writer.js';
import { CLOCK, CONTROL, claim, garciaClaim, line, parseWithX12Parser, sampleClaims, sampleMembers, sampleParties } from '../fixtures.js';
import { readClaims } from '../read-back.js';

const OPTIONS = { batchId: 'BATCH-2026-11-A' };

function render(claims: ClaimWithParties[] = sampleClaims(), options: Parameters<typeof render837p>[4] = OPTIONS): string {
  return render837p(sampleParties(), claims, CLOCK, CONTROL, options);
}

describe('837P round trip through x12-parser', () => {
  it('carries every claim value the way the claims hold it', async () => {
    const input = sampleClaims();
    const segments = await parseWithX12Parser(render(input));
    const read = readClaims(segments);
    expect(read.map((c) => c.id).sort()).toEqual(['C000001', 'C000002', 'C000003']);
    for (const { claim: c, member } of input) {
      const got = read.find((r) => r.id === c.id)!;
      expect(got.subscriber).toMatchObject({ last: member.last_name, first: member.first_name, middle: member.middle_name ?? '', idQualifier: 'MI', id: member.member_cin, dob: compactDate(member.dob!), sex: member.sex });
      expect(got.payerId).toBe('HNMC1');
      expect(new Decimal(got.total).equals(c.totalCharge)).toBe(true);
      expect(got.location).toEqual([c.placeOfService, 'B', c.frequency]);
      expect(got.originalReference).toBe(c.originalReference);
      expect(got.diagnoses).toEqual(c.diagnoses.map((dx, i) => [i === 0 ? 'ABK' : 'ABF', normalizeDiagnosis(dx)]));
      expect(got.lines).toHaveLength(c.lines.length);
      c.lines.forEach((l, i) => {
        const g = got.lines[i]!;
        expect(g.lx).toBe(String(i + 1));
        expect(g.code).toBe(l.code);
        expect(g.modifiers).toEqual(l.modifiers);
        expect(new Decimal(g.charge).equals(l.charge)).toBe(true);
        expect(new Decimal(g.units).equals(l.units)).toBe(true);
        expect(g.placeOfService).toBe(l.placeOfService === c.placeOfService ? undefined : l.placeOfService);
        expect(g.pointers).toEqual(l.diagnosisPointers.map(String));
        expect(g.date).toBe(compactDate(l.serviceDate));
      });
    }
  });

  it('writes amounts and units as X12 R numbers, without superfluous zeros', () => {
    const text = render();
    expect(text).toContain('CLM*C000001*498.75***12:B:1*Y*A*Y*Y~');
    expect(text).toContain('SV1*HC:G9008:U1*247.5*UN*1.5***1:2~');
    expect(text).toContain('SV1*HC:G9012:U2:GQ*90*UN*0.75*10**1~');
    expect(text).toContain('SV1*HC:G9012:U2*120*UN*1***1~');
    expect(text).toContain('SV1*HC:G9008:U1:GQ*41.25*UN*0.25*10**3~');
    expect(text).toContain('HI*ABK:Z5900*ABF:I10*ABF:F329~');
    expect(text).toContain('CLM*C000003*165***12:B:7*Y*A*Y*Y~REF*F8*HN2026090012345~');
  });

  it('writes the header, submitter, receiver and billing provider of the brief', () => {
    const text = render();
    expect(text).toContain(
      [
        'BHT*0019*00*BATCH-2026-11-A*20261102*0915*CH~',
        'NM1*41*2*Bright Path Community Services*****46*BRIGHTPATH01~',
        'PER*IC*Billing Office*TE*9165550100*EM*billing@brightpath.example~',
        'NM1*40*2*Health Net of California*****46*HNMC1~',
        'HL*1**20*1~PRV*BI*PXC*251S00000X~',
        'NM1*85*2*Bright Path Community Services*****XX*1234567893~N3*1200 K Street Suite 400~N4*Sacramento*CA*958141234~REF*EI*941234567~',
        'HL*2*1*22*0~SBR*P*18*******MC~NM1*IL*1*Garcia*Maria*L***MI*91234567A~N3*455 Elm Ave~N4*Sacramento*CA*95822~DMG*D8*19580314*F~',
        'NM1*PR*2*Health Net of California*****PI*HNMC1~',
      ].join(''),
    );
  });

  it('numbers HL levels with correct parents and lets one member share a 2000B', async () => {
    const segments = await parseWithX12Parser(render());
    const hls = segments.filter((s) => s.name === 'HL').map((s) => [s['1'], s['2'], s['3'], s['4']]);
    expect(hls).toEqual([
      ['1', '', '20', '1'],
      ['2', '1', '22', '0'],
      ['3', '1', '22', '0'],
    ]);
    const read = readClaims(segments);
    expect(read.filter((c) => c.hl === '2').map((c) => c.id)).toEqual(['C000001', 'C000003']);
    expect(read.find((c) => c.id === 'C000002')!.hl).toBe('3');
  });

  it('names the rendering provider on the claim when one person with an NPI did every line, else per line', async () => {
    const read = readClaims(await parseWithX12Parser(render()));
    const garcia = read.find((c) => c.id === 'C000001')!;
    expect(garcia.renderingNpi).toBeUndefined();
    expect(garcia.lines.map((l) => l.renderingNpi)).toEqual(['1543210987', undefined, undefined, '1678901236']);
    const obrien = read.find((c) => c.id === 'C000002')!;
    expect(obrien.renderingNpi).toBe('1543210987');
    expect(obrien.lines.map((l) => l.renderingNpi)).toEqual([undefined]);
    expect(render()).toContain('NM1*82*1*Okafor*Adaeze****XX*1543210987~PRV*PE*PXC*163W00000X~LX*1~');
  });

  it('closes the envelope with the right counts and control numbers', async () => {
    const segments = await parseWithX12Parser(render());
    const [isa, gs, st] = segments;
    expect(isa).toMatchObject({ name: 'ISA', '6': 'BRIGHTPATH01', '8': 'HNMC1', '9': '261102', '10': '0915', '11': '^', '12': '00501', '13': '000001234', '15': 'T', '16': ':' });
    expect(gs).toMatchObject({ name: 'GS', '1': 'HC', '4': '20261102', '5': '0915', '6': '56', '8': '005010X222A1' });
    expect(st).toMatchObject({ name: 'ST', '1': '837', '2': '0007', '3': '005010X222A1' });
    const seIndex = segments.findIndex((s) => s.name === 'SE');
    expect(segments[seIndex]).toMatchObject({ '1': String(seIndex - 2 + 1), '2': '0007' });
    expect(segments.at(-2)).toMatchObject({ name: 'GE', '1': '1', '2': '56' });
    expect(segments.at(-1)).toMatchObject({ name: 'IEA', '1': '1', '2': '000001234' });
  });

  it('starts a new ST/SE in the same GS past the claims-per-transaction limit', async () => {
    const segments = await parseWithX12Parser(render(sampleClaims(), { ...OPTIONS, maxClaimsPerTransaction: 2 }));
    const sts = segments.filter((s) => s.name === 'ST').map((s) => s['2']);
    expect(sts).toEqual(['0007', '0008']);
    expect(segments.filter((s) => s.name === 'GS')).toHaveLength(1);
    expect(segments.at(-2)).toMatchObject({ name: 'GE', '1': '2', '2': '56' });
    let start = -1;
    segments.forEach((s, i) => {
      if (s.name === 'ST') start = i;
      if (s.name === 'SE') expect(s['1']).toBe(String(i - start + 1));
    });
    // HL ids restart in each transaction set, and each set repeats the header loops.
    const hl01 = segments.filter((s) => s.name === 'HL' || s.name === 'ST').map((s) => (s.name === 'ST' ? 'ST' : s['1']));
    expect(hl01).toEqual(['ST', '1', '2', 'ST', '1', '2']);
    expect(segments.filter((s) => s.name === 'BHT')).toHaveLength(2);
  });

  it('streams segment by segment to a callback, a Readable or a Writable, with the same text', async () => {
    const built = build837p(sampleParties(), sampleClaims(), CLOCK, CONTROL, OPTIONS);
    const whole = toX12String(built);
    expect(whole).toBe(render());
    const pieces: string[] = [];
    writeX12(built, (s) => pieces.push(s));
    expect(pieces.length).toBe(whole.split('~').length - 1);
    expect(pieces.join('')).toBe(whole);
    let fromReadable = '';
    for await (const chunk of x12Readable(built, { newline: true })) fromReadable += String(chunk);
    expect(fromReadable).toBe(whole.replaceAll('~', '~\n'));
    const written: string[] = [];
    await pipeX12(built, new Writable({ write: (chunk: Buffer, _enc, done) => (written.push(chunk.toString('ascii')), done()) }));
    expect(written.join('')).toBe(whole);
  });

  it('refuses input it cannot express, naming the claim and the field', () => {
    const members = sampleMembers();
    const garcia = members.get('91234567A')!;
    const parties = sampleParties();
    const otherPayer = { claim: { ...garciaClaim(), payerId: 'iehp' }, member: garcia };
    expect(() => build837p(parties, [otherPayer], CLOCK, CONTROL, OPTIONS)).toThrow(/C000001 is for payer "iehp"/);
    const unknownStaff = claim({ id: 'C9', memberCin: '91234567A', placeOfService: '12', diagnoses: ['Z5900'], totalCharge: '1', lines: [line(1, { serviceDate: '2026-10-01', code: 'G9008', modifiers: [], units: '1', charge: '1', renderingStaffId: 'S999', placeOfService: '12', diagnosisPointers: [1] })] });
    expect(() => build837p(parties, [{ claim: unknownStaff, member: garcia }], CLOCK, CONTROL, OPTIONS)).toThrow(X12RenderError);
    const tooMany = { ...garciaClaim(), diagnoses: Array.from({ length: 13 }, (_, i) => `Z59${String(i).padStart(2, '0')}`) };
    expect(() => build837p(parties, [{ claim: tooMany, member: garcia }], CLOCK, CONTROL, OPTIONS)).toThrow(/13 diagnoses; the 837P allows 12/);
    expect(() => build837p(parties, [], CLOCK, CONTROL, OPTIONS)).toThrow(/no claims/);
    // Control numbers and the clock are checked before the first segment, not mid-stream.
    expect(() => build837p(parties, sampleClaims(), CLOCK, { ...CONTROL, transaction: 999_999_999 }, { ...OPTIONS, maxClaimsPerTransaction: 1 })).toThrow(/last transaction set control number/);
    expect(() => build837p(parties, sampleClaims(), { date: '2026-02-30', time: '0915' }, CONTROL, OPTIONS)).toThrow(/not a calendar date/);
    expect(() => build837p(parties, sampleClaims(), { date: '2026-02-03', time: '2460' }, CONTROL, OPTIONS)).toThrow(/not a 24-hour time/);
  });
});
