// Draws the empty CMS-1500 in drop-out red for form mode: everything a scanner is meant to
// ignore. The data layer on top is the same in both modes, so what is checked in print mode
// holds for form mode too.

import {
  type Cms1500Layout,
  type LayoutRule,
  type LayoutText,
  columnWidth,
  columnX,
  gridRectToPoints,
  lineHeight,
  lineY,
  baselineY,
  serviceFieldLine,
} from './cms1500-layout.js';
import type { PdfDoc } from './pdf-output.js';

const HAIRLINE = 0.5;
const HEAVY = 1.2;
const LABEL_INSET = { x: 1.5, y: 1.2 };
const LABEL_SIZE = 5.5;
// A one-line cell (17a, 32a, 33b, ...) shares its print line with the data: a smaller label
// tucked into the top corner keeps clear of the data, for the eye and for text extraction.
const CELL_LABEL_INSET = { x: 1.5, y: 0.3 };
const CELL_LABEL_SIZE = 4.5;

export function drawCms1500Form(doc: PdfDoc, layout: Cms1500Layout): void {
  doc.save();
  drawShading(doc, layout);
  drawOutlines(doc, layout);
  drawServiceLineRules(doc, layout);
  for (const rule of layout.rules) drawRule(doc, layout, rule);
  drawCheckboxes(doc, layout);
  drawLabels(doc, layout);
  drawBrackets(doc, layout);
  doc.restore();
}

function drawShading(doc: PdfDoc, layout: Cms1500Layout): void {
  const shade = layout.colors.shade;
  for (const box of layout.boxes) {
    if (!box.shade) continue;
    const r = gridRectToPoints(layout, box.rect);
    doc.rect(r.x, r.y, r.width, r.height).fill(shade);
  }
  const { rule } = layout.serviceLines;
  for (let i = 1; i <= layout.serviceLines.count; i++) {
    const line = serviceFieldLine(layout, i, 'upper');
    const r = gridRectToPoints(layout, { line, col: rule.col, lines: 1, cols: rule.cols });
    doc.rect(r.x, r.y, r.width, r.height).fill(shade);
  }
}

function drawOutlines(doc: PdfDoc, layout: Cms1500Layout): void {
  doc.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
  for (const box of layout.boxes) {
    if (!box.outline) continue;
    const r = gridRectToPoints(layout, box.rect);
    doc.rect(r.x, r.y, r.width, r.height).stroke();
  }
  const frame = gridRectToPoints(layout, layout.frame);
  doc.lineWidth(HEAVY).rect(frame.x, frame.y, frame.width, frame.height).stroke();
}

function drawServiceLineRules(doc: PdfDoc, layout: Cms1500Layout): void {
  const { rule, number } = layout.serviceLines;
  const left = columnX(layout, rule.col);
  const right = left + rule.cols * columnWidth(layout);
  doc.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
  for (let i = 1; i <= layout.serviceLines.count; i++) {
    const top = lineY(layout, serviceFieldLine(layout, i, 'upper'));
    doc.moveTo(left, top).lineTo(right, top).stroke();
    // Line numbers sit in the left margin, centred on the two print lines of their service line.
    const middle = top + lineHeight(layout);
    doc
      .font('Helvetica-Bold')
      .fontSize(number.size)
      .fillColor(layout.colors.dropOut)
      .text(String(i), columnX(layout, number.col), middle - number.size / 2, { lineBreak: false });
    for (const text of layout.serviceLines.texts) {
      const line = serviceFieldLine(layout, i, text.row);
      const centredLine = line + (lineHeight(layout) - text.size) / 2 / lineHeight(layout);
      drawText(doc, layout, { ...text, line: centredLine });
    }
  }
}

function drawRule(doc: PdfDoc, layout: Cms1500Layout, rule: LayoutRule): void {
  const [fromLine, fromCol] = rule.from;
  const [toLine, toCol] = rule.to;
  doc.save();
  doc.strokeColor(layout.colors.dropOut).lineWidth(rule.style === 'heavy' ? HEAVY : HAIRLINE);
  if (rule.style === 'dotted') doc.dash(1, { space: 1.5 });
  doc.moveTo(columnX(layout, fromCol), lineY(layout, fromLine)).lineTo(columnX(layout, toCol), lineY(layout, toLine)).stroke();
  doc.restore();
}

/** A square around the character cell where the renderer prints its X. */
function drawCheckboxes(doc: PdfDoc, layout: Cms1500Layout): void {
  const cell = columnWidth(layout);
  const side = cell + 0.6;
  doc.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
  for (const field of layout.fields) {
    if (field.kind !== 'checkbox') continue;
    // Courier's X is centred in the first 6 pt of its 7.2 pt cell.
    const x = columnX(layout, field.col) + 3 - side / 2;
    const y = baselineY(layout, field.line) - side + 1.4;
    doc.rect(x, y, side, side).stroke();
  }
}

function drawLabels(doc: PdfDoc, layout: Cms1500Layout): void {
  for (const box of layout.boxes) {
    if (box.label) {
      const r = gridRectToPoints(layout, box.rect);
      const oneLine = box.rect.lines <= 1;
      const inset = oneLine ? CELL_LABEL_INSET : LABEL_INSET;
      doc
        .font('Helvetica')
        .fontSize(box.labelSize ?? (oneLine ? CELL_LABEL_SIZE : LABEL_SIZE))
        .fillColor(layout.colors.dropOut)
        .text(box.label, r.x + inset.x, r.y + inset.y, { lineBreak: false });
    }
    for (const text of box.texts) drawText(doc, layout, text);
  }
  for (const text of layout.texts) drawText(doc, layout, text);
}

function drawText(doc: PdfDoc, layout: Cms1500Layout, text: LayoutText): void {
  doc
    .font(text.bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(text.size)
    .fillColor(layout.colors.dropOut);
  const x = columnX(layout, text.col);
  const y = lineY(layout, text.line);
  const width = text.cols === undefined ? undefined : text.cols * columnWidth(layout);
  if (text.wrap && width !== undefined) {
    doc.text(text.text, x, y, { width, align: text.align, lineGap: -0.6 });
    return;
  }
  // pdfkit aligns only wrapped text, so single-line captions are placed by measuring them.
  const measured = doc.widthOfString(text.text);
  let left = x;
  if (width !== undefined && text.align === 'center') left = x + (width - measured) / 2;
  if (width !== undefined && text.align === 'right') left = x + width - measured;
  doc.text(text.text, left, y, { lineBreak: false });
}

/** The margin brackets ("CARRIER", "PATIENT AND INSURED INFORMATION", ...) read downwards. */
function drawBrackets(doc: PdfDoc, layout: Cms1500Layout): void {
  const tick = 3;
  const size = 5.5;
  for (const bracket of layout.brackets) {
    const x = columnX(layout, bracket.col);
    const top = lineY(layout, bracket.fromLine) + 2;
    const bottom = lineY(layout, bracket.toLine) - 2;
    doc.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
    doc.moveTo(x - tick, top).lineTo(x, top).lineTo(x, bottom).lineTo(x - tick, bottom).stroke();
    doc.font('Helvetica-Bold').fontSize(size);
    const width = doc.widthOfString(bracket.text);
    const middle = (top + bottom) / 2;
    doc.save();
    doc.rotate(90, { origin: [x, middle] });
    doc.rect(x - width / 2 - 2, middle - size / 2, width + 4, size).fill('#FFFFFF');
    doc.fillColor(layout.colors.dropOut).text(bracket.text, x - width / 2, middle - size / 2, { lineBreak: false });
    doc.restore();
  }
}
