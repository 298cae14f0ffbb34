// Records the drawing of an empty form as PDF operators, once per process: the form is the same
// on every page, so the paper renderers place it as one form XObject that each page refers to.
// Captions use the standard Helvetica faces; their widths come from pdfkit's font metrics.

import PDFDocument from 'pdfkit';
import { pdfNumber, pdfString, rgb, textAt } from './pdf-operators.js';

export type CaptionFont = 'Helvetica' | 'Helvetica-Bold';

/** Resource names the recorded operators use for the caption fonts. */
export const CAPTION_FONT_NAMES: Record<CaptionFont, string> = { Helvetica: 'HV', 'Helvetica-Bold': 'HB' };

// Helvetica's ascender (both weights) and its line height with the font's gap, per 1,000 units
// of size, from the Adobe metrics: what pdfkit uses to place the top of a line of text.
const ASCENDER = 718;
const LINE_HEIGHT = 1156;

let metrics: PDFKit.PDFDocument | undefined;

/** The width of a caption in points. */
export function captionWidth(font: CaptionFont, size: number, text: string): number {
  metrics ??= new PDFDocument({ autoFirstPage: false });
  return metrics.font(font).fontSize(size).widthOfString(text);
}

export interface CaptionOptions {
  font: CaptionFont;
  size: number;
  color: string;
}

export class FormCanvas {
  private readonly ops: string[] = [];

  save(): this {
    this.ops.push('q');
    return this;
  }

  restore(): this {
    this.ops.push('Q');
    return this;
  }

  lineWidth(width: number): this {
    this.ops.push(`${pdfNumber(width)} w`);
    return this;
  }

  strokeColor(hex: string): this {
    this.ops.push(`${rgb(hex)} RG`);
    return this;
  }

  dash(on: number, off: number): this {
    this.ops.push(`[${pdfNumber(on)} ${pdfNumber(off)}] 0 d`);
    return this;
  }

  fillRect(x: number, y: number, width: number, height: number, hex: string): this {
    this.ops.push(`${rgb(hex)} rg ${this.re(x, y, width, height)} f`);
    return this;
  }

  strokeRect(x: number, y: number, width: number, height: number): this {
    this.ops.push(`${this.re(x, y, width, height)} S`);
    return this;
  }

  /** A stroked path through the points. */
  polyline(points: readonly (readonly [number, number])[]): this {
    const path = points.map(([x, y], i) => `${pdfNumber(x)} ${pdfNumber(y)} ${i === 0 ? 'm' : 'l'}`);
    this.ops.push(`${path.join(' ')} S`);
    return this;
  }

  /** Turns what follows by a quarter turn clockwise about (x, y), as pdfkit's rotate(90) does. */
  rotateQuarter(x: number, y: number): this {
    // [cos sin -sin cos] for 90 degrees in a y-down space, moved so (x, y) stays put.
    this.ops.push(`0 1 -1 0 ${pdfNumber(x + y)} ${pdfNumber(y - x)} cm`);
    return this;
  }

  /** One line of text whose top is at y (pdfkit's convention), starting at x. */
  caption(text: string, x: number, y: number, options: CaptionOptions): this {
    const baseline = y + (ASCENDER / 1000) * options.size;
    this.ops.push(`BT /${CAPTION_FONT_NAMES[options.font]} ${pdfNumber(options.size)} Tf ${rgb(options.color)} rg ${textAt(x, baseline)} ${pdfString(text)} Tj ET`);
    return this;
  }

  /** Text broken at spaces to fit `width`, each line aligned within it. */
  wrappedCaption(text: string, x: number, y: number, width: number, align: 'left' | 'center' | 'right', lineGap: number, options: CaptionOptions): this {
    const lineHeight = (LINE_HEIGHT / 1000) * options.size + lineGap;
    wrapWords(text, width, (t) => captionWidth(options.font, options.size, t)).forEach((line, i) => {
      const measured = captionWidth(options.font, options.size, line);
      const left = align === 'center' ? x + (width - measured) / 2 : align === 'right' ? x + width - measured : x;
      this.caption(line, left, y + i * lineHeight, options);
    });
    return this;
  }

  content(): string {
    return this.ops.join('\n');
  }

  private re(x: number, y: number, width: number, height: number): string {
    return `${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re`;
  }
}

/** Greedy line breaking at spaces; a word wider than the line stands on a line of its own. */
export function wrapWords(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && measure(candidate) > width) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
