// The invoice as a PDF a person reads and signs: letterhead (with the issue date, service period
// and payment terms), payer, one block per member with its service table, totals, certification
// and a signature and date line. Layout values are in templates/invoice.json.

import type { Writable } from 'node:stream';
import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';
import type { SubmissionClock } from '../domain/submission.js';
import { type Invoice, type InvoiceLine, type InvoiceMemberSection, memberName } from './invoice.js';
import { addressLines, moneyDisplay, periodDisplay, phoneDisplay, tinDisplay, usDate } from './invoice-text.js';
import { type PdfDoc, pdfBuffer, writePdf } from './pdf-output.js';

export { moneyDisplay, usDate } from './invoice-text.js';

const COLUMN_KEYS = ['serviceDate', 'code', 'modifiers', 'units', 'rate', 'charge'] as const;
type ColumnKey = (typeof COLUMN_KEYS)[number];

const InvoiceLayoutSchema = z
  .object({
    notes: z.array(z.string()).default([]),
    page: z.object({ width: z.number().positive(), height: z.number().positive(), margin: z.number().nonnegative() }),
    colors: z.object({ text: z.string(), muted: z.string(), rule: z.string(), band: z.string() }),
    title: z.string(),
    subtitle: z.string(),
    columns: z.array(
      z.object({ key: z.enum(COLUMN_KEYS), header: z.string(), width: z.number().positive(), align: z.enum(['left', 'right']) }),
    ),
    certification: z.string(),
    signature: z.object({ signature: z.string(), date: z.string(), name: z.string() }),
  })
  .refine(
    (layout) => Math.abs(layout.columns.reduce((sum, c) => sum + c.width, 0) - (layout.page.width - 2 * layout.page.margin)) < 0.5,
    'the service table columns must fill the width between the margins',
  );
type InvoiceLayout = z.infer<typeof InvoiceLayoutSchema>;

let cachedLayout: InvoiceLayout | undefined;

function loadInvoiceLayout(): InvoiceLayout {
  cachedLayout ??= readDataFile('templates/invoice.json', InvoiceLayoutSchema);
  return cachedLayout;
}

export interface InvoicePdfOptions {
  clock: SubmissionClock;
}

export async function renderInvoicePdf(invoice: Invoice, options: InvoicePdfOptions): Promise<Buffer> {
  return pdfBuffer(options.clock, metadata(invoice), async (doc) => drawInvoice(doc, invoice, loadInvoiceLayout()));
}

export async function writeInvoicePdf(invoice: Invoice, options: InvoicePdfOptions, out: Writable): Promise<void> {
  await writePdf(out, options.clock, metadata(invoice), async (doc) => drawInvoice(doc, invoice, loadInvoiceLayout()));
}

function metadata(invoice: Invoice) {
  return { title: `Invoice ${invoice.number}`, author: invoice.provider.name, subject: `ECM services invoice for ${invoice.payer.name}` };
}

const BODY = 9;
const SMALL = 8;
const ROW_HEIGHT = 15;
const FOOTER_SPACE = 30;
const SIGNATURE_BLOCK = 150;
/** where the payment terms start across the page, beside the payer */
const TERMS_FROM = 0.42;

/** The page being drawn and how far down it is filled. */
class InvoicePages {
  y = 0;
  private pageNumber = 0;

  constructor(
    private readonly doc: PdfDoc,
    readonly layout: InvoiceLayout,
    private readonly invoice: Invoice,
  ) {}

  get left(): number {
    return this.layout.page.margin;
  }

  get right(): number {
    return this.layout.page.width - this.layout.page.margin;
  }

  private get bottom(): number {
    return this.layout.page.height - this.layout.page.margin - FOOTER_SPACE;
  }

  newPage(): void {
    const { page, colors } = this.layout;
    this.doc.addPage({ size: [page.width, page.height], margin: 0 });
    this.pageNumber += 1;
    this.y = page.margin;
    const footer = `Invoice ${this.invoice.number}  |  ${this.invoice.provider.name}  |  Page ${this.pageNumber}`;
    write(this.doc, footer, this.left, page.height - page.margin, { size: SMALL - 1, color: colors.muted });
  }

  /** Starts a new page unless `height` more points fit on this one; true when it did. */
  ensureRoom(height: number): boolean {
    if (this.y + height <= this.bottom) return false;
    this.newPage();
    return true;
  }
}

async function drawInvoice(doc: PdfDoc, invoice: Invoice, layout: InvoiceLayout): Promise<void> {
  const pages = new InvoicePages(doc, layout, invoice);
  pages.newPage();
  drawLetterhead(doc, pages, invoice);
  drawPayer(doc, pages, invoice);
  for (const section of invoice.sections) drawSection(doc, pages, section);
  drawTotals(doc, pages, invoice);
  drawSignature(doc, pages);
}

function drawLetterhead(doc: PdfDoc, pages: InvoicePages, invoice: Invoice): void {
  const { colors, title } = pages.layout;
  const provider = invoice.provider;
  const top = pages.y;
  let y = top;
  write(doc, provider.name, pages.left, y, { size: 15, bold: true });
  y += 20;
  for (const line of addressLines(provider.address)) {
    write(doc, line, pages.left, y, { size: BODY });
    y += 12;
  }
  write(doc, `Phone ${phoneDisplay(provider.phone)}`, pages.left, y, { size: BODY });
  y += 12;
  if (provider.npi) {
    write(doc, `NPI ${provider.npi}`, pages.left, y, { size: BODY });
    y += 12;
  }
  write(doc, `TIN ${tinDisplay(provider.tin)}`, pages.left, y, { size: BODY });
  y += 12;

  const boxWidth = 190;
  const boxLeft = pages.right - boxWidth;
  write(doc, title, boxLeft, top, { size: 20, bold: true, width: boxWidth, align: 'right' });
  labelledValue(doc, colors, 'Invoice no.', invoice.number, boxLeft, top + 30, boxWidth);
  labelledValue(doc, colors, 'Date issued', usDate(invoice.date), boxLeft, top + 44, boxWidth);
  labelledValue(doc, colors, 'Service period', periodDisplay(invoice.servicePeriod), boxLeft, top + 58, boxWidth);
  labelledValue(doc, colors, 'Amount due', `$${moneyDisplay(invoice.total)}`, boxLeft, top + 72, boxWidth);

  pages.y = Math.max(y, top + 86) + 8;
  rule(doc, pages.left, pages.right, pages.y, colors.rule, 1);
  pages.y += 14;
}

function drawPayer(doc: PdfDoc, pages: InvoicePages, invoice: Invoice): void {
  const { colors, subtitle } = pages.layout;
  const termsBottom = drawPaymentTerms(doc, pages, invoice.paymentTerms);
  write(doc, 'BILL TO', pages.left, pages.y, { size: SMALL - 1, bold: true, color: colors.muted });
  pages.y += 11;
  write(doc, invoice.payer.name, pages.left, pages.y, { size: 10, bold: true });
  pages.y += 13;
  for (const line of invoice.payer.address ? addressLines(invoice.payer.address) : []) {
    write(doc, line, pages.left, pages.y, { size: BODY });
    pages.y += 12;
  }
  pages.y = Math.max(pages.y, termsBottom) + 10;
  write(doc, subtitle, pages.left, pages.y, { size: BODY, bold: true });
  pages.y += 18;
}

/**
 * Beside the payer, where the plan's reader looks for what is owed and when; returns how far
 * down it reaches. The one wrapped text of the invoice: this high on the first page it cannot
 * reach the bottom margin, where pdfkit would start a page of its own.
 */
function drawPaymentTerms(doc: PdfDoc, pages: InvoicePages, terms: string): number {
  const left = pages.left + TERMS_FROM * (pages.right - pages.left);
  const width = pages.right - left;
  write(doc, 'PAYMENT TERMS', left, pages.y, { size: SMALL - 1, bold: true, color: pages.layout.colors.muted });
  doc.font('Helvetica').fontSize(SMALL).fillColor(pages.layout.colors.text);
  doc.text(terms, left, pages.y + 11, { width, lineGap: 0.5 });
  return pages.y + 11 + doc.heightOfString(terms, { width, lineGap: 0.5 });
}

function drawSection(doc: PdfDoc, pages: InvoicePages, section: InvoiceMemberSection): void {
  // A member heading is never left alone at the foot of a page.
  pages.ensureRoom(34 + 2 * ROW_HEIGHT);
  drawMemberBand(doc, pages, section, false);
  drawTableHeader(doc, pages);
  for (const line of section.lines) {
    if (pages.ensureRoom(ROW_HEIGHT)) {
      drawMemberBand(doc, pages, section, true);
      drawTableHeader(doc, pages);
    }
    drawRow(doc, pages, line);
  }
  pages.ensureRoom(ROW_HEIGHT + 10);
  const subtotalColumns = columnLefts(pages);
  const charge = subtotalColumns.get('charge');
  const rate = subtotalColumns.get('rate');
  if (charge && rate) {
    rule(doc, rate.left, pages.right, pages.y, pages.layout.colors.rule, 0.5);
    write(doc, 'Member subtotal', rate.left, pages.y + 4, { size: BODY, bold: true, width: rate.width, align: 'right' });
    write(doc, moneyDisplay(section.subtotal), charge.left, pages.y + 4, { size: BODY, bold: true, width: charge.width, align: 'right' });
  }
  pages.y += ROW_HEIGHT + 12;
}

function drawMemberBand(doc: PdfDoc, pages: InvoicePages, section: InvoiceMemberSection, continued: boolean): void {
  const { colors } = pages.layout;
  const member = section.member;
  doc.rect(pages.left, pages.y, pages.right - pages.left, 30).fill(colors.band);
  write(doc, `${memberName(member)}${continued ? ' (continued)' : ''}`, pages.left + 6, pages.y + 4, { size: 10, bold: true });
  const details = [
    `CIN ${member.cin}`,
    member.planMemberId ? `Plan member ID ${member.planMemberId}` : undefined,
    `Date of birth ${member.dob ? usDate(member.dob) : 'not on file'}`,
  ].filter((part): part is string => part !== undefined);
  write(doc, details.join('     '), pages.left + 6, pages.y + 17, { size: SMALL });
  pages.y += 34;
}

function drawTableHeader(doc: PdfDoc, pages: InvoicePages): void {
  for (const [key, column] of columnLefts(pages)) {
    const spec = pages.layout.columns.find((c) => c.key === key);
    if (!spec) continue;
    write(doc, spec.header, column.left + 2, pages.y, { size: SMALL, bold: true, width: column.width - 4, align: spec.align, color: pages.layout.colors.muted });
  }
  pages.y += 11;
  rule(doc, pages.left, pages.right, pages.y, pages.layout.colors.rule, 0.75);
  pages.y += 4;
}

function drawRow(doc: PdfDoc, pages: InvoicePages, line: InvoiceLine): void {
  for (const [key, column] of columnLefts(pages)) {
    const spec = pages.layout.columns.find((c) => c.key === key);
    if (!spec) continue;
    write(doc, cellText(key, line), column.left + 2, pages.y + 2, { size: BODY, width: column.width - 4, align: spec.align });
  }
  pages.y += ROW_HEIGHT;
}

function cellText(key: ColumnKey, line: InvoiceLine): string {
  switch (key) {
    case 'serviceDate':
      return usDate(line.serviceDate);
    case 'code':
      return line.code;
    case 'modifiers':
      return line.modifiers.join(' ');
    case 'units':
      return line.units;
    case 'rate':
      return moneyDisplay(line.rate);
    case 'charge':
      return moneyDisplay(line.charge);
  }
}

function columnLefts(pages: InvoicePages): Map<ColumnKey, { left: number; width: number }> {
  const result = new Map<ColumnKey, { left: number; width: number }>();
  let left = pages.left;
  for (const column of pages.layout.columns) {
    result.set(column.key, { left, width: column.width });
    left += column.width;
  }
  return result;
}

function drawTotals(doc: PdfDoc, pages: InvoicePages, invoice: Invoice): void {
  pages.ensureRoom(44);
  const width = 240;
  const left = pages.right - width;
  rule(doc, left, pages.right, pages.y, pages.layout.colors.text, 1);
  pages.y += 6;
  labelledValue(doc, pages.layout.colors, 'Service lines', String(invoice.lines.length), left, pages.y, width);
  pages.y += 14;
  labelledValue(doc, pages.layout.colors, 'Members', String(invoice.sections.length), left, pages.y, width);
  pages.y += 16;
  write(doc, 'Invoice total', left, pages.y, { size: 11, bold: true });
  write(doc, `$${moneyDisplay(invoice.total)}`, left, pages.y, { size: 11, bold: true, width, align: 'right' });
  pages.y += 30;
}

function drawSignature(doc: PdfDoc, pages: InvoicePages): void {
  const { layout } = pages;
  pages.ensureRoom(SIGNATURE_BLOCK);
  const width = pages.right - pages.left;
  doc.font('Helvetica').fontSize(BODY).fillColor(layout.colors.text);
  const height = doc.heightOfString(layout.certification, { width });
  doc.text(layout.certification, pages.left, pages.y, { width });
  pages.y += height + 44;

  const signatureRight = pages.left + width * 0.62;
  const dateLeft = signatureRight + 24;
  rule(doc, pages.left, signatureRight, pages.y, layout.colors.text, 0.75);
  rule(doc, dateLeft, pages.right, pages.y, layout.colors.text, 0.75);
  write(doc, layout.signature.signature, pages.left, pages.y + 4, { size: SMALL, color: layout.colors.muted });
  write(doc, layout.signature.date, dateLeft, pages.y + 4, { size: SMALL, color: layout.colors.muted });
  pages.y += 40;
  rule(doc, pages.left, signatureRight, pages.y, layout.colors.text, 0.75);
  write(doc, layout.signature.name, pages.left, pages.y + 4, { size: SMALL, color: layout.colors.muted });
  pages.y += 20;
}

interface WriteOptions {
  size: number;
  bold?: boolean;
  color?: string;
  width?: number;
  align?: 'left' | 'right';
}

// Every text is placed on one line at a measured position: pdfkit's own wrapping would add
// pages by itself when text reaches the bottom margin, which this layout manages instead.
function write(doc: PdfDoc, text: string, x: number, y: number, options: WriteOptions): void {
  doc
    .font(options.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(options.size)
    .fillColor(options.color ?? '#1A1A1A');
  const measured = doc.widthOfString(text);
  const left = options.align === 'right' && options.width !== undefined ? x + options.width - measured : x;
  doc.text(text, left, y, { lineBreak: false });
}

function labelledValue(doc: PdfDoc, colors: InvoiceLayout['colors'], label: string, value: string, left: number, y: number, width: number): void {
  write(doc, label, left, y, { size: BODY, color: colors.muted });
  write(doc, value, left, y, { size: BODY, bold: true, width, align: 'right', color: colors.text });
}

function rule(doc: PdfDoc, from: number, to: number, y: number, color: string, weight: number): void {
  doc.save().lineWidth(weight).strokeColor(color).moveTo(from, y).lineTo(to, y).stroke().restore();
}
