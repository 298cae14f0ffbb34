// CMS-1500 (02/12) paper claims: one page per claim, either the whole form (form mode, for
// plain paper) or only the data on the 10 cpi / 6 lpi grid (print mode, for pre-printed red
// forms, with an offset to line up a particular printer).

import type { Writable } from 'node:stream';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import {
  type Cms1500Layout,
  type LayoutField,
  type LayoutLineField,
  baselineY,
  columnWidth,
  columnX,
  loadCms1500Layout,
  serviceFieldLine,
} from './cms1500-layout.js';
import { drawCms1500Form } from './cms1500-form.js';
import { fitName } from './cms1500-names.js';
import { Cms1500Error, type Cms1500Page, cms1500Page } from './cms1500-values.js';
import { type PdfDoc, pdfBuffer, writePdf } from './pdf-output.js';

export { Cms1500Error, cms1500Page } from './cms1500-values.js';
export type { Cms1500Page, FieldValues } from './cms1500-values.js';
export { fitName, type NameFit } from './cms1500-names.js';

export type Cms1500Mode = 'form' | 'print';

export interface PrintOffset {
  /** points to the right (negative: left) */
  x: number;
  /** points down (negative: up) */
  y: number;
}

export interface Cms1500Options {
  mode: Cms1500Mode;
  /** Printer alignment for print mode; form mode draws form and data together and ignores it. */
  offset?: PrintOffset;
  clock: SubmissionClock;
}

export interface Cms1500Input {
  parties: SubmissionParties;
  /** An async iterable lets a large batch stream from the store without sitting in memory. */
  claims: Iterable<ClaimWithParties> | AsyncIterable<ClaimWithParties>;
}

const DATA_FONT = 'Courier';
const DATA_SIZE = 10;
const NO_OFFSET: PrintOffset = { x: 0, y: 0 };

export async function renderCms1500(input: Cms1500Input, options: Cms1500Options): Promise<Buffer> {
  return pdfBuffer(options.clock, metadata(input), (doc, waitForRoom) => drawClaims(doc, input, options, waitForRoom));
}

/** Streams the forms into `out` (a file, an HTTP response) and resolves once it has finished. */
export async function writeCms1500(input: Cms1500Input, options: Cms1500Options, out: Writable): Promise<void> {
  await writePdf(out, options.clock, metadata(input), (doc, waitForRoom) => drawClaims(doc, input, options, waitForRoom));
}

function metadata(input: Cms1500Input) {
  return {
    title: `CMS-1500 claims for ${input.parties.payer.name}`,
    author: input.parties.organization.name,
    subject: 'CMS-1500 (02/12)',
  };
}

async function drawClaims(doc: PdfDoc, input: Cms1500Input, options: Cms1500Options, waitForRoom: () => Promise<void>): Promise<void> {
  const layout = loadCms1500Layout();
  const origin = options.mode === 'print' ? (options.offset ?? NO_OFFSET) : NO_OFFSET;
  let pages = 0;
  for await (const item of input.claims) {
    const page = cms1500Page(input.parties, item, options.clock);
    doc.addPage({ size: [layout.page.width, layout.page.height], margin: 0 });
    if (options.mode === 'form') drawCms1500Form(doc, layout);
    drawData(doc, layout, page, origin);
    pages += 1;
    await waitForRoom();
  }
  if (pages === 0) throw new Error('no claims to print on CMS-1500 forms');
}

function drawData(doc: PdfDoc, layout: Cms1500Layout, page: Cms1500Page, origin: PrintOffset): void {
  doc.font(DATA_FONT).fontSize(DATA_SIZE).fillColor('#000000');
  // Courier's advance is 0.6 em (12 cpi at 10 pt); the extra spacing puts every character on its 10 cpi cell.
  const characterSpacing = columnWidth(layout) - doc.widthOfString('0');

  const fieldsByKey = new Map<string, LayoutField>(layout.fields.map((f) => [f.key, f]));
  for (const [key, value] of page.fields) {
    const field = fieldsByKey.get(key);
    if (!field) throw new Cms1500Error(page.claimId, `has a value for ${key}, which templates/cms1500.json does not place`);
    drawValue(doc, layout, page.claimId, field, field.line, value, origin, characterSpacing);
  }

  const lineFields = new Map<string, LayoutLineField>(layout.serviceLines.fields.map((f) => [f.key, f]));
  page.lines.forEach((values, index) => {
    for (const [key, value] of values) {
      const field = lineFields.get(key);
      if (!field) throw new Cms1500Error(page.claimId, `has a service line value for ${key}, which templates/cms1500.json does not place`);
      const line = serviceFieldLine(layout, index + 1, field.row);
      drawValue(doc, layout, page.claimId, field, line, value, origin, characterSpacing);
    }
  });
}

function drawValue(
  doc: PdfDoc,
  layout: Cms1500Layout,
  claimId: string,
  field: LayoutField | LayoutLineField,
  line: number,
  value: string,
  origin: PrintOffset,
  characterSpacing: number,
): void {
  const text = fitToField(claimId, field, value);
  if (text === '') return;
  const col = field.align === 'right' ? field.col + field.width - text.length : field.col;
  doc.text(text, origin.x + columnX(layout, col), origin.y + baselineY(layout, line), {
    lineBreak: false,
    baseline: 'alphabetic',
    characterSpacing,
  });
}

/** The characters a field can print, or an error where shortening would change the meaning. */
export function fitToField(claimId: string, field: Pick<LayoutField, 'key' | 'box' | 'width' | 'overflow'>, value: string): string {
  if (value.length <= field.width) return value;
  if (field.overflow === 'error') {
    throw new Cms1500Error(claimId, `box ${field.box} (${field.key}) holds ${field.width} characters but "${value}" has ${value.length}`);
  }
  if (field.overflow === 'abbreviate') {
    const fit = fitName(value, field.width);
    // Printing part of a word would break the rule that keeps the name readable: refuse instead.
    if (!fit) throw new Cms1500Error(claimId, `box ${field.box} (${field.key}) holds ${field.width} characters but the name's first word is longer`);
    return fit.text;
  }
  const cut = value.slice(0, field.width);
  // Cut at the last whole word when there is one, so a name is shortened rather than mangled.
  const lastSpace = cut.lastIndexOf(' ');
  const wordCut = value.charAt(field.width) === ' ' ? cut : lastSpace > field.width / 2 ? cut.slice(0, lastSpace) : cut;
  return wordCut.replace(/[\s,]+$/, '');
}
