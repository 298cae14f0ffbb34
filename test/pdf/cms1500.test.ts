import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimWithParties } from '../../src/domain/submission.js';
import { type Cms1500Layout, boxById, gridRectToPoints, loadCms1500Layout } from '../../src/pdf/cms1500-layout.js';
import { Cms1500Error, type Cms1500Page, cms1500Page, fitToField, renderCms1500, writeCms1500 } from '../../src/pdf/cms1500.js';
import { claims, clock, maria, mariaClaim, mariaLines, parties, thomasReplacement } from './fixtures.js';
import { type PdfPage, pageText, pdfPageCount, pdfWords } from './pdf-text.js';
import { lacks, PDFTOTEXT } from '../support/prerequisites.js';
import { COLUMN, describeToken, expectedTokens, wordAtCell } from './form-grid.js';

const layout: Cms1500Layout = loadCms1500Layout();
const OFFSET = { x: 5.4, y: -3.6 };
const TOLERANCE = 0.6;

const pages = claims.map((item) => cms1500Page(parties, item, clock));

describe('CMS-1500 field values', () => {
  const [garcia, obrien] = pages as [Cms1500Page, Cms1500Page];

  it('fills the member, payer and provider boxes the way NUCC describes them', () => {
    const f = garcia.fields;
    expect(['carrier.line1', 'carrier.line2', 'carrier.line3', 'carrier.line4'].map((k) => f.get(k))).toEqual([
      'HEALTH NET OF CALIFORNIA',
      'PO BOX 10439',
      'VAN NUYS CA 91410-0439',
      undefined,
    ]);
    expect(f.get('1.medicaid')).toBe('X');
    expect(f.get('1a.insuredId')).toBe('91234567A');
    expect(f.get('2.patientName')).toBe('GARCIA, MARIA, L');
    expect([f.get('3.birthMonth'), f.get('3.birthDay'), f.get('3.birthYear')]).toEqual(['03', '14', '1958']);
    expect(f.get('3.female')).toBe('X');
    expect(f.get('3.male')).toBeUndefined();
    expect(f.get('5.street')).toBe('455 ELM AVE');
    expect(f.get('5.phoneArea')).toBe('916');
    expect(f.get('5.phoneNumber')).toBe('5550111');
    expect(f.get('6.self')).toBe('X');
    expect([f.get('10a.no'), f.get('10b.no'), f.get('10c.no'), f.get('11d.no')]).toEqual(['X', 'X', 'X', 'X']);
    expect(f.get('11.policyGroup')).toBe('HN00012345');
    expect(f.get('12.signed')).toBe('SIGNATURE ON FILE');
    expect(f.get('13.signed')).toBe('SIGNATURE ON FILE');
    expect(f.get('25.taxId')).toBe('941234567');
    expect(f.get('25.ein')).toBe('X');
    expect(f.get('25.ssn')).toBeUndefined();
    expect(f.get('26.accountNumber')).toBe('C000001');
    expect(f.get('27.yes')).toBe('X');
    expect(f.get('31.date')).toBe('11 02 26');
    expect(f.get('32a.npi')).toBe('1234567893');
    expect(f.get('33a.npi')).toBe('1234567893');
    expect(f.get('33b.otherId')).toBe('ZZ251S00000X');
    expect([f.get('33.phoneArea'), f.get('33.phoneNumber')]).toEqual(['916', '5550100']);
    expect(f.get('33.cityStateZip')).toBe('SACRAMENTO CA 95814-1234');
  });

  it('writes ICD-10 indicator 0 and the diagnoses without dots', () => {
    const f = garcia.fields;
    expect(f.get('21.icdIndicator')).toBe('0');
    expect(['A', 'B', 'C', 'D', 'E'].map((letter) => f.get(`21.${letter}`))).toEqual(['Z5900', 'I10', 'Z7689', 'F329', undefined]);
  });

  it('totals its own lines in box 28', () => {
    expect(garcia.fields.get('28.dollars')).toBe('498');
    expect(garcia.fields.get('28.cents')).toBe('75');
    expect(obrien.fields.get('28.dollars')).toBe('330');
    expect(obrien.fields.get('28.cents')).toBe('00');
  });

  it('fills the service lines: dates, POS, code, modifiers, pointers, charges, fractional units', () => {
    const rows = garcia.lines.map((l) => [
      l.get('24A.fromMonth'), l.get('24A.fromDay'), l.get('24A.fromYear'), l.get('24B.placeOfService'), l.get('24D.procedure'),
      l.get('24D.modifier1'), l.get('24D.modifier2'), l.get('24E.diagnosisPointer'), l.get('24F.dollars'), l.get('24F.cents'), l.get('24G.units'),
    ]);
    expect(rows).toEqual([
      ['10', '03', '26', '12', 'G9008', 'U1', undefined, 'AB', '247', '50', '1.5'],
      ['10', '03', '26', '10', 'G9012', 'U2', 'GQ', 'A', '90', '00', '0.75'],
      ['10', '10', '26', '12', 'G9012', 'U2', undefined, 'C', '120', '00', '1'],
      ['10', '24', '26', '10', 'G9008', 'U1', 'GQ', 'D', '41', '25', '0.25'],
    ]);
  });

  it("puts the rendering staff's NPI in 24J, or the billing NPI when the staff member has none", () => {
    expect(garcia.lines.map((l) => l.get('24J.npi'))).toEqual(['1543210987', '1234567893', '1234567893', '1678901236']);
    // The shaded half carries the taxonomy qualifier and code of whoever 24J names.
    expect(garcia.lines.map((l) => `${l.get('24I.qualifier')} ${l.get('24J.otherId')}`)).toEqual([
      'ZZ 163W00000X',
      'ZZ 251S00000X',
      'ZZ 251S00000X',
      'ZZ 1041C0700X',
    ]);
  });

  it('fills box 22 for a replacement with the resubmission code and the original reference', () => {
    expect(obrien.fields.get('22.resubmissionCode')).toBe('7');
    expect(obrien.fields.get('22.originalReference')).toBe('HN2026100012345');
    expect(garcia.fields.get('22.resubmissionCode')).toBeUndefined();
    expect(obrien.fields.get('2.patientName')).toBe("O'BRIEN-NGUYEN, THOMAS");
    expect(obrien.fields.get('3.male')).toBe('X');
  });

  it('keeps the street when a shelter name and a street do not fit box 5 together', () => {
    expect(obrien.fields.get('5.street')).toBe('1400 N A ST');
    expect(obrien.fields.get('5.phoneArea')).toBeUndefined();
  });

  it('refuses a claim that came with another member or belongs to another payer', () => {
    expect(() => cms1500Page(parties, { claim: mariaClaim, member: claims[1]!.member }, clock)).toThrow(/is for member 91234567A but came with member 92345678B/);
    expect(() => cms1500Page(parties, { claim: { ...mariaClaim, payerId: 'iehp' }, member: maria }, clock)).toThrow(/is for payer iehp/);
  });

  it('refuses a void or replacement without the original reference', () => {
    const { originalReference: _dropped, ...withoutReference } = thomasReplacement;
    expect(() => cms1500Page(parties, { claim: { ...withoutReference, frequency: '8' }, member: claims[1]!.member }, clock)).toThrow(
      /frequency 8 claim without the payer's original reference/,
    );
  });
});

describe.skipIf(lacks(PDFTOTEXT))('CMS-1500 print mode', () => {
  let pdf: Buffer;
  let read: PdfPage[];

  beforeAll(async () => {
    pdf = await renderCms1500({ parties, claims }, { mode: 'print', offset: OFFSET, clock });
    read = await pdfWords(pdf, 'cms1500-print');
  });

  it('prints one page per claim', async () => {
    expect(await pdfPageCount(pdf)).toBe(claims.length);
    expect(read).toHaveLength(claims.length);
  });

  it('puts every value on its line and column of the 10 cpi x 6 lpi grid, shifted by the offset', () => {
    pages.forEach((page, index) => {
      const words = read[index]!.words;
      const missing = expectedTokens(layout, page)
        .filter((token) => !wordAtCell(words, token, OFFSET, TOLERANCE))
        .map(describeToken);
      expect(missing, `page ${index + 1}`).toEqual([]);
    });
  });

  it('prints only the data: no labels, no stray text', () => {
    pages.forEach((page, index) => {
      const tokens = expectedTokens(layout, page);
      const words = read[index]!.words;
      const stray = words.filter((w) => !tokens.some((t) => t.text === w.text)).map((w) => w.text);
      expect(stray).toEqual([]);
      expect(words).toHaveLength(tokens.length);
    });
    expect(pageText(read[0]!)).not.toContain('PATIENT');
  });

  it('prints at 10 characters per inch: a word of n characters spans n cells', () => {
    const name = read[0]!.words.find((w) => w.text === 'HEALTH');
    expect(name).toBeDefined();
    // The last glyph is 6 pt wide, the cells before it 7.2 pt each.
    expect(name!.xMax - name!.xMin).toBeCloseTo(5 * COLUMN + 6, 1);
  });

  it('shows box 22 on the replacement claim only', () => {
    const box = gridRectToPoints(layout, boxById(layout, '22').rect);
    const inBox22 = (page: PdfPage) =>
      page.words.filter((w) => w.xMin >= box.x + OFFSET.x && w.xMax <= box.x + box.width + OFFSET.x && w.yMin >= box.y + OFFSET.y && w.yMax <= box.y + box.height + OFFSET.y).map((w) => w.text);
    expect(inBox22(read[0]!)).toEqual([]);
    expect(inBox22(read[1]!)).toEqual(['7', 'HN2026100012345']);
  });
});

describe.skipIf(lacks(PDFTOTEXT))('CMS-1500 form mode', () => {
  let pdf: Buffer;
  let read: PdfPage[];

  beforeAll(async () => {
    // The offset is for aligning pre-printed forms; form mode draws both layers and ignores it.
    pdf = await renderCms1500({ parties, claims }, { mode: 'form', offset: OFFSET, clock });
    read = await pdfWords(pdf, 'cms1500-form');
  });

  it('draws one form per claim', async () => {
    expect(await pdfPageCount(pdf)).toBe(claims.length);
  });

  it('puts every value inside its box', () => {
    pages.forEach((page, index) => {
      const words = read[index]!.words;
      const outside = expectedTokens(layout, page).filter((token) => {
        const word = wordAtCell(words, token, { x: 0, y: 0 }, TOLERANCE);
        if (!word) return true;
        const r = gridRectToPoints(layout, boxById(layout, token.box).rect);
        return !(word.xMin >= r.x - TOLERANCE && word.xMax <= r.x + r.width + TOLERANCE && word.yMin >= r.y - TOLERANCE && word.yMax <= r.y + r.height + TOLERANCE);
      });
      expect(outside.map(describeToken), `page ${index + 1}`).toEqual([]);
    });
  });

  it('draws the form itself: title, box labels and the 24 column heads', () => {
    const text = pageText(read[0]!);
    for (const phrase of [
      'HEALTH INSURANCE CLAIM FORM',
      "2. PATIENT'S NAME",
      '1a. INSURED\'S I.D. NUMBER',
      '21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY',
      '22. RESUBMISSION CODE',
      'RENDERING',
      '25. FEDERAL TAX I.D. NUMBER',
      '33. BILLING PROVIDER INFO & PH #',
      'PLEASE PRINT OR TYPE',
    ]) {
      expect(text).toContain(phrase);
    }
  });
});

describe.skipIf(lacks(PDFTOTEXT))('CMS-1500 rendering rules', () => {
  it('gives the same bytes for the same input and clock', async () => {
    const first = await renderCms1500({ parties, claims }, { mode: 'form', clock });
    const second = await renderCms1500({ parties, claims }, { mode: 'form', clock });
    expect(first.equals(second)).toBe(true);
    const later = await renderCms1500({ parties, claims }, { mode: 'form', clock: { ...clock, time: '0931' } });
    expect(later.equals(first)).toBe(false);
  });

  it('refuses a claim with more than six lines', async () => {
    const seven = [...mariaLines, ...mariaLines.slice(0, 3)].map((line, i) => ({ ...line, lineNumber: i + 1 }));
    const tooLong: ClaimWithParties = { claim: { ...mariaClaim, id: 'C000099', lines: seven }, member: maria };
    await expect(renderCms1500({ parties, claims: [tooLong] }, { mode: 'print', clock })).rejects.toThrow(Cms1500Error);
    await expect(renderCms1500({ parties, claims: [tooLong] }, { mode: 'print', clock })).rejects.toThrow(
      /claim C000099: has 7 service lines but a CMS-1500 holds 6/,
    );
  });

  it('refuses to shorten an identifier that does not fit its box', async () => {
    const longId: ClaimWithParties = { claim: { ...mariaClaim, id: 'C-2026-10-HEALTHNET-0001' }, member: maria };
    await expect(renderCms1500({ parties, claims: [longId] }, { mode: 'print', clock })).rejects.toThrow(/box 26 \(26.accountNumber\) holds 15 characters/);
  });

  it('shortens a long name at a word boundary instead', () => {
    const field = { key: '11c.planName', box: '11c', width: 28, overflow: 'truncate' as const };
    expect(fitToField('C1', field, 'BRIGHT PATH COMMUNITY SERVICES')).toBe('BRIGHT PATH COMMUNITY');
  });

  it('streams many forms to a slow writer, one page each', async () => {
    async function* manyClaims(): AsyncGenerator<ClaimWithParties> {
      for (let i = 1; i <= 60; i++) yield { claim: { ...mariaClaim, id: `C${String(i).padStart(6, '0')}` }, member: maria };
    }
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setImmediate(callback);
      },
    });
    await writeCms1500({ parties, claims: manyClaims() }, { mode: 'print', clock }, slow);
    expect(await pdfPageCount(Buffer.concat(chunks))).toBe(60);
  });

  it('refuses an empty batch', async () => {
    await expect(renderCms1500({ parties, claims: [] }, { mode: 'form', clock })).rejects.toThrow(/no claims/);
  });
});
