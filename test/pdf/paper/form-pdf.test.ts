// The paper-form engine's promises about the file itself: the empty form is drawn once per
// document however many pages there are, a page after the first costs little, the same claims
// and clock give the same bytes, and strings reach the page in the standard fonts' encoding.

import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { renderCms1500 } from '../../../src/pdf/cms1500.js';
import { pdfString, pdfNumber } from '../../../src/pdf/paper/pdf-operators.js';
import { wrapWords } from '../../../src/pdf/paper/form-canvas.js';
import { claims, clock, parties } from '../fixtures.js';
import { pageText, pdfPageCount, pdfWords } from '../pdf-text.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';

const copies = (n: number) => Array.from({ length: n }, (_, i) => claims[i % claims.length]!);
const count = (pdf: Buffer, text: string) => pdf.toString('latin1').split(text).length - 1;

/** Every deflated stream of the file, inflated: what a viewer executes. */
function streams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const found: string[] = [];
  for (const match of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    found.push(inflateSync(Buffer.from(match[1]!, 'latin1')).toString('latin1'));
  }
  return found;
}

describe('the paper-form engine', () => {
  it('draws the empty form once per document, and each page refers to it', async () => {
    const pdf = await renderCms1500({ parties, claims: copies(40) }, { mode: 'form', clock });
    expect(count(pdf, '/Subtype /Form')).toBe(1);
    const pageContents = streams(pdf).filter((s) => s.includes('/CO 10 Tf'));
    expect(pageContents).toHaveLength(40);
    for (const content of pageContents) expect(content).toContain('/FM Do');
    // The labels live in the form, not on the pages.
    expect(pageContents.some((c) => c.includes('INSURED'))).toBe(false);
  });

  it('keeps a form-mode page after the first under 4 KB, and print mode has no form at all', async () => {
    const one = await renderCms1500({ parties, claims: copies(1) }, { mode: 'form', clock });
    const many = await renderCms1500({ parties, claims: copies(201) }, { mode: 'form', clock });
    expect((many.length - one.length) / 200).toBeLessThan(4096);
    const print = await renderCms1500({ parties, claims: copies(3) }, { mode: 'print', clock });
    expect(count(print, '/Subtype /Form')).toBe(0);
  });

  it('writes a cross-reference table whose every offset starts its object', async () => {
    const pdf = await renderCms1500({ parties, claims: copies(7) }, { mode: 'form', clock });
    const raw = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
    const table = raw.slice(startxref);
    const [, first, size] = /^xref\n(\d+) (\d+)\n/.exec(table) ?? [];
    expect(Number(first)).toBe(0);
    const rows = table.split('\n').slice(2, 2 + Number(size));
    expect(rows[0]).toBe('0000000000 65535 f ');
    rows.slice(1).forEach((row, i) => {
      const offset = Number(row.slice(0, 10));
      expect(raw.slice(offset, offset + 20), `object ${i + 1}`).toMatch(new RegExp(`^${i + 1} 0 obj\n`));
    });
    expect(table).toMatch(new RegExp(`/Size ${size} /Root 1 0 R`));
    // Seven pages in the page tree, in order.
    expect(/\/Type \/Pages \/Count 7 /.test(raw)).toBe(true);
  });

  it('gives the same bytes for the same claims and clock', async () => {
    const first = await renderCms1500({ parties, claims: copies(5) }, { mode: 'form', clock });
    const second = await renderCms1500({ parties, claims: copies(5) }, { mode: 'form', clock });
    expect(second.equals(first)).toBe(true);
  });

  it.skipIf(lacks(PDFTOTEXT))('prints every page of a long document', async () => {
    const pdf = await renderCms1500({ parties, claims: copies(25) }, { mode: 'print', clock });
    expect(await pdfPageCount(pdf)).toBe(25);
    const pages = await pdfWords(pdf, 'long-print');
    expect(pageText(pages[24]!)).toContain('SIGNATURE');
  });
});

describe('PDF operators', () => {
  it('escapes what a literal string must escape and writes the encoding byte of accented letters', () => {
    expect(pdfString('A (B) C\\D')).toBe('(A \\(B\\) C\\\\D)');
    expect(pdfString('JOSÉ PEÑA')).toBe('(JOS\\311 PE\\321A)');
    expect(pdfString('– “X”')).toBe('(\\226 \\223X\\224)');
    expect(pdfString('李')).toBe('(?)');
  });

  it('writes numbers without exponents or negative zero', () => {
    expect(pdfNumber(0.0000001)).toBe('0');
    expect(pdfNumber(-0.0001)).toBe('0');
    expect(pdfNumber(7.2 * 3)).toBe('21.6');
  });

  it('breaks captions at spaces to fit a width', () => {
    const measure = (t: string) => t.length;
    expect(wrapWords('ONE TWO THREE FOUR', 9, measure)).toEqual(['ONE TWO', 'THREE', 'FOUR']);
    expect(wrapWords('UNBREAKABLEWORD X', 5, measure)).toEqual(['UNBREAKABLEWORD', 'X']);
  });
});
