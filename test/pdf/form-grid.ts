// Where a paper form's values should be read back: every word of every filled field, at its grid
// cell (line, column), and the word pdftotext found there. Shared by the CMS-1500 and UB-04 tests.

import { type FormLayout, type LayoutField, type LayoutLineField, serviceFieldLine } from '../../src/pdf/paper/form-layout.js';
import { fitToField } from '../../src/pdf/paper/form-pdf.js';
import type { FormPage } from '../../src/pdf/paper/form-page.js';
import type { PdfWord } from './pdf-text.js';

export const COLUMN = 7.2;
export const LINE = 12;

export interface Token {
  key: string;
  box: string;
  text: string;
  line: number;
  col: number;
}

/** The words of one value as the renderer places them: right-aligned fields end on their last column. */
export function tokensOf(claimId: string, field: LayoutField | LayoutLineField, line: number, value: string): Token[] {
  const text = fitToField(claimId, field, value);
  const start = field.align === 'right' ? field.col + field.width - text.length : field.col;
  const tokens: Token[] = [];
  let index = 0;
  for (const part of text.split(' ')) {
    if (part !== '') tokens.push({ key: field.key, box: field.box, text: part, line, col: start + index });
    index += part.length + 1;
  }
  return tokens;
}

export function expectedTokens(layout: FormLayout, page: FormPage): Token[] {
  const tokens: Token[] = [];
  for (const field of layout.fields) {
    const value = page.fields.get(field.key);
    if (value) tokens.push(...tokensOf(page.claimId, field, field.line, value));
  }
  page.lines.forEach((values, index) => {
    for (const field of layout.serviceLines.fields) {
      const value = values.get(field.key);
      if (value) tokens.push(...tokensOf(page.claimId, field, serviceFieldLine(layout, index + 1, field.row), value));
    }
  });
  return tokens;
}

/** The word printed at a grid cell: left edge within `tolerance` of the column, glyphs inside the line's 12 pt band. */
export function wordAtCell(words: PdfWord[], token: Pick<Token, 'text' | 'line' | 'col'>, offset: { x: number; y: number }, tolerance: number): PdfWord | undefined {
  const x = offset.x + (token.col - 1) * COLUMN;
  const top = offset.y + (token.line - 1) * LINE;
  return words.find((w) => w.text === token.text && Math.abs(w.xMin - x) <= tolerance && w.yMin >= top - tolerance && w.yMax <= top + LINE + tolerance);
}

export const describeToken = (token: Token) => `${token.key} "${token.text}" at line ${token.line} col ${token.col}`;
