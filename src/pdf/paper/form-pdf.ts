// A paper claim form as a PDF, any template: the empty form is one form XObject per document
// that every page of form mode draws with a single operator, and the data is written as text
// operators on the template's 10 cpi / 6 lpi grid in Courier, whose every substitute keeps its
// widths, so print mode lands on the same cells on every printer and viewer. A string that
// repeats (a date, a code, SIGNATURE ON FILE) is encoded once per document. Pages stream to the
// output with back-pressure and leave nothing behind (pdf-file.ts), so memory stays flat however
// many pages there are.

import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { SubmissionClock } from '../../domain/submission.js';
import { fitName } from '../cms1500-names.js';
import { CAPTION_FONT_NAMES, type CaptionFont } from './form-canvas.js';
import { emptyFormContent } from './form-drawing.js';
import { type FormLayout, type LayoutField, type LayoutLineField, baselineY, columnWidth, columnX, serviceFieldLine } from './form-layout.js';
import { FormError, type FormMode, type FormPage, type PrintOffset } from './form-page.js';
import type { PdfMetadata } from '../pdf-output.js';
import { PdfFileWriter } from './pdf-file.js';
import { pdfNumber, pdfString } from './pdf-operators.js';

export interface FormDocument {
  layout: FormLayout;
  metadata: PdfMetadata;
  /** every page of every claim, in order */
  pages: Iterable<FormPage> | AsyncIterable<FormPage>;
}

export interface FormPdfOptions {
  mode: FormMode;
  /** printer alignment for print mode; form mode draws form and data together and ignores it */
  offset?: PrintOffset;
  clock: SubmissionClock;
}

const DATA_FONT = 'Courier';
const DATA_FONT_NAME = 'CO';
const DATA_SIZE = 10;
/** Courier's advance, 0.6 em: 6 pt at 10 pt, where the grid's cell is 7.2 pt. */
const COURIER_ADVANCE = 0.6;
const FORM_NAME = 'FM';
const NO_OFFSET: PrintOffset = { x: 0, y: 0 };
/** Distinct strings kept encoded per document; past this the cache starts again. */
const ENCODED_LIMIT = 50_000;

/**
 * Streams the pages into `out` and resolves when `out` has finished. If a page fails, `out` is
 * destroyed and that failure is what the caller sees.
 */
export async function writeFormPdf(out: Writable, document: FormDocument, options: FormPdfOptions): Promise<void> {
  const closed = finished(out);
  // A failed output is reported through the write that meets it; this copy only waits.
  closed.catch(() => undefined);
  try {
    await writePages(new PdfFileWriter(out, document.layout.page, closed), document, options);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    out.destroy(failure);
    await closed.catch(() => undefined);
    throw failure;
  }
  await closed;
}

export async function formPdfBuffer(document: FormDocument, options: FormPdfOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writeFormPdf(sink, document, options);
  return Buffer.concat(chunks);
}

async function writePages(file: PdfFileWriter, document: FormDocument, options: FormPdfOptions): Promise<void> {
  const { layout } = document;
  await file.begin();
  const courier = await file.shared(standardFont(DATA_FONT));
  const xobjects: Record<string, number> = {};
  if (options.mode === 'form') {
    const fonts: string[] = [];
    for (const [font, name] of Object.entries(CAPTION_FONT_NAMES) as [CaptionFont, string][]) fonts.push(`/${name} ${await file.shared(standardFont(font))} 0 R`);
    const form = `/Type /XObject /Subtype /Form /FormType 1 /BBox [0 0 ${layout.page.width} ${layout.page.height}] /Resources << /ProcSet [/PDF /Text] /Font << ${fonts.join(' ')} >> >>`;
    xobjects[FORM_NAME] = await file.shared(form, emptyFormContent(layout));
  }
  await file.resources({ [DATA_FONT_NAME]: courier }, xobjects);
  const data = new DataLayer(layout, options.mode === 'print' ? (options.offset ?? NO_OFFSET) : NO_OFFSET);
  // Page space as pdfkit sets it up, which the recorded form and the data layer are written in:
  // origin at the top-left, y growing downwards.
  const opening = `1 0 0 -1 0 ${layout.page.height} cm${options.mode === 'form' ? `\nq /${FORM_NAME} Do Q` : ''}\n`;
  for await (const page of document.pages) await file.page(opening + data.content(page));
  await file.end(options.clock, document.metadata);
}

function standardFont(name: string): string {
  return `/Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding`;
}

/** Turns a page's values into text operators, every value on its grid cell. */
class DataLayer {
  private readonly fields: Map<string, LayoutField>;
  private readonly lineFields: Map<string, LayoutLineField>;
  private readonly opening: string;
  private encoded = new Map<string, string>();

  constructor(
    private readonly layout: FormLayout,
    private readonly origin: PrintOffset,
  ) {
    this.fields = new Map(layout.fields.map((f) => [f.key, f]));
    this.lineFields = new Map(layout.serviceLines.fields.map((f) => [f.key, f]));
    // Character spacing puts every Courier character on its cell of the grid.
    const spacing = columnWidth(layout) - COURIER_ADVANCE * DATA_SIZE;
    this.opening = `BT /${DATA_FONT_NAME} ${DATA_SIZE} Tf ${pdfNumber(spacing)} Tc 0 g`;
  }

  content(page: FormPage): string {
    const parts = [this.opening];
    for (const [key, value] of page.fields) {
      const field = this.fields.get(key);
      if (!field) throw new FormError(page.claimId, `has a value for ${key}, which ${this.layout.form} does not place`);
      this.place(parts, page.claimId, field, field.line, value);
    }
    page.lines.forEach((values, index) => {
      for (const [key, value] of values) {
        const field = this.lineFields.get(key);
        if (!field) throw new FormError(page.claimId, `has a service line value for ${key}, which ${this.layout.form} does not place`);
        this.place(parts, page.claimId, field, serviceFieldLine(this.layout, index + 1, field.row), value);
      }
    });
    parts.push('ET');
    return parts.join('\n');
  }

  private place(parts: string[], claimId: string, field: LayoutField | LayoutLineField, line: number, value: string): void {
    const text = fitToField(claimId, field, value);
    if (text === '') return;
    const col = field.align === 'right' ? field.col + field.width - text.length : field.col;
    const x = this.origin.x + columnX(this.layout, col);
    const y = this.origin.y + baselineY(this.layout, line);
    parts.push(`1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(y)} Tm ${this.encode(text)} Tj`);
  }

  private encode(text: string): string {
    let literal = this.encoded.get(text);
    if (literal === undefined) {
      if (this.encoded.size >= ENCODED_LIMIT) this.encoded = new Map();
      literal = pdfString(text);
      this.encoded.set(text, literal);
    }
    return literal;
  }
}

/** The characters a field can print, or an error where shortening would change the meaning. */
export function fitToField(claimId: string, field: Pick<LayoutField, 'key' | 'box' | 'width' | 'overflow'>, value: string): string {
  if (value.length <= field.width) return value;
  if (field.overflow === 'error') {
    throw new FormError(claimId, `box ${field.box} (${field.key}) holds ${field.width} characters but "${value}" has ${value.length}`);
  }
  if (field.overflow === 'abbreviate') {
    const fit = fitName(value, field.width);
    // Printing part of a word would break the rule that keeps the name readable: refuse instead.
    if (!fit) throw new FormError(claimId, `box ${field.box} (${field.key}) holds ${field.width} characters but the name's first word is longer`);
    return fit.text;
  }
  const cut = value.slice(0, field.width);
  // Cut at the last whole word when there is one, so a name is shortened rather than mangled.
  const lastSpace = cut.lastIndexOf(' ');
  const wordCut = value.charAt(field.width) === ' ' ? cut : lastSpace > field.width / 2 ? cut.slice(0, lastSpace) : cut;
  return wordCut.replace(/[\s,]+$/, '');
}
