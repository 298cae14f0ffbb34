import { Writable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimWithParties } from '../../src/domain/submission.js';
import { type FormLayout, boxById, gridRectToPoints } from '../../src/pdf/paper/form-layout.js';
import { FormError } from '../../src/pdf/paper/form-page.js';
import { Ub04Error, loadUb04Layout, renderUb04, ub04Pages, writeUb04 } from '../../src/pdf/ub04.js';
import { render837i } from '../../src/x12/write/837i.js';
import { parseWithX12Parser } from '../x12/fixtures.js';
import { readClaims } from '../x12/read-back.js';
import { lacks, PDFTOTEXT } from '../support/prerequisites.js';
import { COLUMN, LINE, describeToken, expectedTokens, wordAtCell } from './form-grid.js';
import { type PdfPage, pageText, pdfPageCount, pdfWords } from './pdf-text.js';
import { clock, oneLine, replacement, twentyThreeLines, twentyTwoLines, ub04Parties } from './ub04-fixtures.js';

const layout: FormLayout = loadUb04Layout();
const OFFSET = { x: 5.4, y: -3.6 };
const NO_OFFSET = { x: 0, y: 0 };
/** Half a character: a value is on its cell when it starts within this of the cell's left edge. */
const TOLERANCE = 3.6;

const claims = [oneLine, twentyTwoLines, twentyThreeLines, replacement];
/** Every page of the batch in order, and which claim and page of the claim it is. */
const pages = claims.flatMap((item) => ub04Pages(ub04Parties, item, clock).map((page, index, all) => ({ item, page, number: index + 1, of: all.length })));

/** The words whose left edge falls in columns [from, to) of a print line. */
function wordsIn(page: PdfPage, line: number, from: number, to: number, offset = OFFSET): string[] {
  const top = offset.y + (line - 1) * LINE;
  const left = offset.x + (from - 1) * COLUMN - TOLERANCE;
  const right = offset.x + (to - 1) * COLUMN - TOLERANCE;
  return page.words
    .filter((w) => w.yMin >= top - TOLERANCE && w.yMax <= top + LINE + TOLERANCE && w.xMin >= left && w.xMin < right)
    .sort((a, b) => a.xMin - b.xMin)
    .map((w) => w.text);
}

const fieldOf = (key: string) => layout.serviceLines.fields.find((f) => f.key === key) ?? layout.fields.find((f) => f.key === key)!;
/** The words printed in a field's columns (right-aligned ones included) on a print line. */
const read = (page: PdfPage, key: string, line: number, offset = OFFSET) => {
  const field = fieldOf(key);
  return wordsIn(page, line, field.col, field.col + field.width, offset).join(' ');
};
const LINE_23 = 41;

describe.skipIf(lacks(PDFTOTEXT))('UB-04 print mode', () => {
  let pdf: Buffer;
  let readBack: PdfPage[];

  beforeAll(async () => {
    pdf = await renderUb04({ parties: ub04Parties, claims }, { mode: 'print', offset: OFFSET, clock });
    readBack = await pdfWords(pdf, 'ub04-batch-print');
  });

  it('prints a page for every 22 lines of each claim: 1, 22, 23 and 2 lines give 1 + 1 + 2 + 1 pages', async () => {
    expect(await pdfPageCount(pdf)).toBe(5);
    expect(readBack).toHaveLength(pages.length);
    expect(pages.map((p) => `${p.item.claim.id} ${p.number}/${p.of}`)).toEqual(['C000101 1/1', 'C000102 1/1', 'C000103 1/2', 'C000103 2/2', 'C000104 1/1']);
  });

  it('puts every value on its line and column of the 10 cpi x 6 lpi grid, shifted by the offset', () => {
    pages.forEach(({ page }, index) => {
      const missing = expectedTokens(layout, page).filter((token) => !wordAtCell(readBack[index]!.words, token, OFFSET, TOLERANCE)).map(describeToken);
      expect(missing, `page ${index + 1}`).toEqual([]);
    });
  });

  it('prints only the data: no labels, no stray text', () => {
    pages.forEach(({ page }, index) => {
      const tokens = expectedTokens(layout, page);
      const words = readBack[index]!.words;
      expect(words.filter((w) => !tokens.some((t) => t.text === w.text)).map((w) => w.text)).toEqual([]);
      expect(words).toHaveLength(tokens.length);
    });
    expect(pageText(readBack[0]!)).not.toContain('PATIENT');
  });

  it('numbers the pages of each claim on line 23 and dates every page', () => {
    const got = readBack.map((page) => `PAGE ${read(page, 'line23.page', LINE_23)} OF ${read(page, 'line23.pageCount', LINE_23)} ${read(page, 'line23.creationDate', LINE_23)}`);
    expect(got).toEqual(['PAGE 1 OF 1 110226', 'PAGE 1 OF 1 110226', 'PAGE 1 OF 2 110226', 'PAGE 2 OF 2 110226', 'PAGE 1 OF 1 110226']);
  });

  it('prints the totals line (0001 and the total charges) on the last page of each claim only', () => {
    const totals = readBack.map((page) => [read(page, 'line23.revenueCode', LINE_23), read(page, 'line23.totalDollars', LINE_23), read(page, 'line23.totalCents', LINE_23)].join(' ').trim());
    const expected = pages.map(({ item, number, of }) => (number === of ? `0001 ${item.claim.totalCharge.replace('.', ' ')}` : ''));
    expect(totals).toEqual(expected);
  });

  it('carries the revenue codes, HCPCS, modifiers, units and charges of the 837I of the same claims', async () => {
    const x12 = render837i(ub04Parties, claims, clock, { interchange: 1, group: 1, transaction: 1 }, { batchId: 'UB04-TEST' });
    const fromX12 = readClaims(await parseWithX12Parser(x12));
    for (const sent of fromX12) {
      const claimPages = pages.map((p, index) => ({ ...p, readBack: readBack[index]! })).filter((p) => p.item.claim.id === sent.id);
      const printed = claimPages.flatMap(({ page, readBack: words }) =>
        page.lines.map((_, i) => {
          const line = layout.serviceLines.firstLine + i;
          const dollars = read(words, 'fl47.dollars', line);
          return { revenueCode: read(words, 'fl42.revenueCode', line), hcpcs: read(words, 'fl44.hcpcs', line), units: read(words, 'fl46.units', line), charge: `${dollars}.${read(words, 'fl47.cents', line)}` };
        }),
      );
      expect(printed, sent.id).toHaveLength(sent.lines.length);
      sent.lines.forEach((l, i) => {
        const p = printed[i]!;
        expect(p.revenueCode, `${sent.id} line ${i + 1}`).toBe(l.revenueCode);
        expect(p.hcpcs, `${sent.id} line ${i + 1}`).toBe([l.code, ...l.modifiers].join(''));
        expect(new Decimal(p.units).equals(l.units), `${sent.id} line ${i + 1} units`).toBe(true);
        expect(new Decimal(p.charge).equals(l.charge), `${sent.id} line ${i + 1} charge`).toBe(true);
      });
      const first = claimPages[0]!.readBack;
      const last = claimPages.at(-1)!.readBack;
      expect(new Decimal(`${read(last, 'line23.totalDollars', LINE_23)}.${read(last, 'line23.totalCents', LINE_23)}`).equals(sent.total)).toBe(true);
      const [facility, , frequency] = sent.location;
      expect(read(first, 'fl4.typeOfBill', 3)).toBe(`0${facility}${frequency}`);
      expect(read(first, 'fl60.insuredIdA', 47)).toBe(sent.subscriber.id);
      expect(read(first, 'fl51.healthPlanIdA', 43)).toBe(sent.payerId);
      expect(read(first, 'fl67.principal', 54)).toBe(sent.diagnoses[0]![1]);
      expect(read(first, 'fl64.documentControlA', 51)).toBe(sent.originalReference ?? '');
      expect(read(first, 'fl76.npi', 57)).toBe(sent.attending?.npi ?? '');
    }
  });

  it('prints at 10 characters per inch: a word of n characters spans n cells', () => {
    const word = readBack[0]!.words.find((w) => w.text === 'SACRAMENTO');
    expect(word).toBeDefined();
    // The last glyph is 6 pt wide, the cells before it 7.2 pt each.
    expect(word!.xMax - word!.xMin).toBeCloseTo(9 * COLUMN + 6, 1);
  });
});

describe.skipIf(lacks(PDFTOTEXT))('UB-04 form mode', () => {
  let pdf: Buffer;
  let readBack: PdfPage[];

  beforeAll(async () => {
    // The offset is for aligning pre-printed forms; form mode draws both layers and ignores it.
    pdf = await renderUb04({ parties: ub04Parties, claims }, { mode: 'form', offset: OFFSET, clock });
    readBack = await pdfWords(pdf, 'ub04-batch-form');
  });

  it('draws a form for every page', async () => {
    expect(await pdfPageCount(pdf)).toBe(pages.length);
  });

  it('puts every value on its grid cell and inside its box', () => {
    pages.forEach(({ page }, index) => {
      const words = readBack[index]!.words;
      const misplaced = expectedTokens(layout, page).filter((token) => {
        const word = wordAtCell(words, token, NO_OFFSET, TOLERANCE);
        if (!word) return true;
        const r = gridRectToPoints(layout, boxById(layout, token.box).rect);
        return !(word.xMin >= r.x - 0.6 && word.xMax <= r.x + r.width + 0.6 && word.yMin >= r.y - TOLERANCE && word.yMax <= r.y + r.height + TOLERANCE);
      });
      expect(misplaced.map(describeToken), `page ${index + 1}`).toEqual([]);
    });
  });

  it('reads PAGE n OF m on line 23 of each page', () => {
    readBack.forEach((page, index) => {
      const { number, of } = pages[index]!;
      expect(wordsIn(page, LINE_23, 8, 20, NO_OFFSET), `page ${index + 1}`).toEqual(['PAGE', String(number), 'OF', String(of)]);
    });
  });

  it('draws the form itself: the form locators with their labels', () => {
    const text = pageText(readBack[0]!);
    for (const phrase of ['3a PAT. CNTL #', '4 TYPE OF BILL', '5 FED. TAX NO.', '8 PATIENT NAME', '42 REV. CD.', '43 DESCRIPTION', '47 TOTAL CHARGES', '50 PAYER NAME', '60 INSURED\'S UNIQUE ID', '64 DOCUMENT CONTROL NUMBER', '76 ATTENDING', '80 REMARKS', 'CREATION DATE', 'TOTALS', 'UB-04 CMS-1450']) {
      expect(text).toContain(phrase);
    }
  });
});

describe.skipIf(lacks(PDFTOTEXT))('UB-04 rendering rules', () => {
  it('writes the 23-line claim in both modes (PDF_PREVIEW_DIR keeps them as ub04-form.pdf and ub04-print.pdf)', async () => {
    const form = await pdfWords(await renderUb04({ parties: ub04Parties, claims: [twentyThreeLines] }, { mode: 'form', clock }), 'ub04-form');
    const print = await pdfWords(await renderUb04({ parties: ub04Parties, claims: [twentyThreeLines] }, { mode: 'print', clock }), 'ub04-print');
    expect([form.length, print.length]).toEqual([2, 2]);
  });

  it('gives the same bytes for the same input and clock', async () => {
    const first = await renderUb04({ parties: ub04Parties, claims }, { mode: 'form', clock });
    const second = await renderUb04({ parties: ub04Parties, claims }, { mode: 'form', clock });
    expect(first.equals(second)).toBe(true);
    const later = await renderUb04({ parties: ub04Parties, claims }, { mode: 'form', clock: { ...clock, time: '0931' } });
    expect(later.equals(first)).toBe(false);
  });

  it('refuses to shorten an identifier that does not fit its form locator', async () => {
    const longId: ClaimWithParties = { ...oneLine, claim: { ...oneLine.claim, id: 'C-2026-10-SIERRAOAK-000001' } };
    await expect(renderUb04({ parties: ub04Parties, claims: [longId] }, { mode: 'print', clock })).rejects.toThrow(FormError);
    await expect(renderUb04({ parties: ub04Parties, claims: [longId] }, { mode: 'print', clock })).rejects.toThrow(/\(fl3a.patientControl\) holds 22 characters/);
  });

  it('refuses a claim the form cannot take with the UB-04 error', async () => {
    await expect(renderUb04({ parties: ub04Parties, claims: [{ ...oneLine, claim: { ...oneLine.claim, lines: [] } }] }, { mode: 'print', clock })).rejects.toThrow(Ub04Error);
  });

  it('streams many claims to a slow writer, their pages in order', async () => {
    async function* manyClaims(): AsyncGenerator<ClaimWithParties> {
      for (let i = 1; i <= 30; i++) yield { ...twentyThreeLines, claim: { ...twentyThreeLines.claim, id: `C${String(i).padStart(6, '0')}` } };
    }
    const chunks: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        setImmediate(callback);
      },
    });
    await writeUb04({ parties: ub04Parties, claims: manyClaims() }, { mode: 'print', clock }, slow);
    expect(await pdfPageCount(Buffer.concat(chunks))).toBe(60);
  });

  it('refuses an empty batch', async () => {
    await expect(renderUb04({ parties: ub04Parties, claims: [] }, { mode: 'form', clock })).rejects.toThrow(/^no claims to print on UB-04 forms$/);
  });
});
