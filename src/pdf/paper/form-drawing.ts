// The empty form in drop-out red, recorded once as PDF operators (form-canvas.ts): everything a
// scanner is meant to ignore. The data layer on top is the same in both modes, so what is
// checked in print mode holds for form mode too.

import { FormCanvas, captionWidth, type CaptionFont } from './form-canvas.js';
import {
  type FormLayout,
  type LayoutRule,
  type LayoutText,
  baselineY,
  columnWidth,
  columnX,
  gridRectToPoints,
  lineHeight,
  lineY,
  serviceFieldLine,
} from './form-layout.js';

const HAIRLINE = 0.5;
const HEAVY = 1.2;
const LABEL_INSET = { x: 1.5, y: 1.2 };
const LABEL_SIZE = 5.5;
// A one-line cell (17a, 32a, 33b, ...) shares its print line with the data: a smaller label
// tucked into the top corner keeps clear of the data, for the eye and for text extraction.
const CELL_LABEL_INSET = { x: 1.5, y: 0.3 };
const CELL_LABEL_SIZE = 4.5;
const WRAPPED_LINE_GAP = -0.6;

const recorded = new WeakMap<FormLayout, string>();

/** The empty form's operators; they use the caption fonts under CAPTION_FONT_NAMES. */
export function emptyFormContent(layout: FormLayout): string {
  const known = recorded.get(layout);
  if (known !== undefined) return known;
  const canvas = new FormCanvas();
  drawShading(canvas, layout);
  drawOutlines(canvas, layout);
  drawServiceLineRules(canvas, layout);
  for (const rule of layout.rules) drawRule(canvas, layout, rule);
  drawCheckboxes(canvas, layout);
  drawLabels(canvas, layout);
  drawBrackets(canvas, layout);
  const content = canvas.content();
  recorded.set(layout, content);
  return content;
}

function drawShading(canvas: FormCanvas, layout: FormLayout): void {
  const shade = layout.colors.shade;
  for (const box of layout.boxes) {
    if (!box.shade) continue;
    const r = gridRectToPoints(layout, box.rect);
    canvas.fillRect(r.x, r.y, r.width, r.height, shade);
  }
  const { rule, shadeUpperRow } = layout.serviceLines;
  if (!shadeUpperRow) return;
  for (let i = 1; i <= layout.serviceLines.count; i++) {
    const line = serviceFieldLine(layout, i, 'upper');
    const r = gridRectToPoints(layout, { line, col: rule.col, lines: 1, cols: rule.cols });
    canvas.fillRect(r.x, r.y, r.width, r.height, shade);
  }
}

function drawOutlines(canvas: FormCanvas, layout: FormLayout): void {
  canvas.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
  for (const box of layout.boxes) {
    if (!box.outline) continue;
    const r = gridRectToPoints(layout, box.rect);
    canvas.strokeRect(r.x, r.y, r.width, r.height);
  }
  const frame = gridRectToPoints(layout, layout.frame);
  canvas.lineWidth(HEAVY).strokeRect(frame.x, frame.y, frame.width, frame.height);
}

function drawServiceLineRules(canvas: FormCanvas, layout: FormLayout): void {
  const { rule, number, linesPerService } = layout.serviceLines;
  const left = columnX(layout, rule.col);
  const right = left + rule.cols * columnWidth(layout);
  const color = layout.colors.dropOut;
  canvas.lineWidth(HAIRLINE).strokeColor(color);
  for (let i = 1; i <= layout.serviceLines.count; i++) {
    const top = lineY(layout, serviceFieldLine(layout, i, 'upper'));
    canvas.polyline([[left, top], [right, top]]);
    // Line numbers sit in the left margin, centred on the print lines of their service line.
    const middle = top + (linesPerService * lineHeight(layout)) / 2;
    canvas.caption(String(i), columnX(layout, number.col), middle - number.size / 2, { font: 'Helvetica-Bold', size: number.size, color });
    for (const text of layout.serviceLines.texts) {
      const line = serviceFieldLine(layout, i, text.row);
      const centredLine = line + (lineHeight(layout) - text.size) / 2 / lineHeight(layout);
      drawText(canvas, layout, { ...text, line: centredLine });
    }
  }
}

function drawRule(canvas: FormCanvas, layout: FormLayout, rule: LayoutRule): void {
  const [fromLine, fromCol] = rule.from;
  const [toLine, toCol] = rule.to;
  canvas.save().strokeColor(layout.colors.dropOut).lineWidth(rule.style === 'heavy' ? HEAVY : HAIRLINE);
  if (rule.style === 'dotted') canvas.dash(1, 1.5);
  canvas.polyline([[columnX(layout, fromCol), lineY(layout, fromLine)], [columnX(layout, toCol), lineY(layout, toLine)]]).restore();
}

/** A square around the character cell where the renderer prints its X. */
function drawCheckboxes(canvas: FormCanvas, layout: FormLayout): void {
  const side = columnWidth(layout) + 0.6;
  canvas.lineWidth(HAIRLINE).strokeColor(layout.colors.dropOut);
  for (const field of layout.fields) {
    if (field.kind !== 'checkbox') continue;
    // Courier's X is centred in the first 6 pt of its 7.2 pt cell.
    const x = columnX(layout, field.col) + 3 - side / 2;
    const y = baselineY(layout, field.line) - side + 1.4;
    canvas.strokeRect(x, y, side, side);
  }
}

function drawLabels(canvas: FormCanvas, layout: FormLayout): void {
  const color = layout.colors.dropOut;
  for (const box of layout.boxes) {
    if (box.label) {
      const r = gridRectToPoints(layout, box.rect);
      const oneLine = box.rect.lines <= 1;
      const inset = oneLine ? CELL_LABEL_INSET : LABEL_INSET;
      canvas.caption(box.label, r.x + inset.x, r.y + inset.y, { font: 'Helvetica', size: box.labelSize ?? (oneLine ? CELL_LABEL_SIZE : LABEL_SIZE), color });
    }
    for (const text of box.texts) drawText(canvas, layout, text);
  }
  for (const text of layout.texts) drawText(canvas, layout, text);
}

function drawText(canvas: FormCanvas, layout: FormLayout, text: LayoutText): void {
  const options = { font: (text.bold ? 'Helvetica-Bold' : 'Helvetica') as CaptionFont, size: text.size, color: layout.colors.dropOut };
  const x = columnX(layout, text.col);
  const y = lineY(layout, text.line);
  const width = text.cols === undefined ? undefined : text.cols * columnWidth(layout);
  if (text.wrap && width !== undefined) {
    canvas.wrappedCaption(text.text, x, y, width, text.align, WRAPPED_LINE_GAP, options);
    return;
  }
  // A single-line caption is aligned within its width by measuring it.
  const measured = width === undefined ? 0 : captionWidth(options.font, options.size, text.text);
  let left = x;
  if (width !== undefined && text.align === 'center') left = x + (width - measured) / 2;
  if (width !== undefined && text.align === 'right') left = x + width - measured;
  canvas.caption(text.text, left, y, options);
}

/** The margin brackets ("CARRIER", "PATIENT AND INSURED INFORMATION", ...) read downwards. */
function drawBrackets(canvas: FormCanvas, layout: FormLayout): void {
  const tick = 3;
  const size = 5.5;
  const color = layout.colors.dropOut;
  for (const bracket of layout.brackets) {
    const x = columnX(layout, bracket.col);
    const top = lineY(layout, bracket.fromLine) + 2;
    const bottom = lineY(layout, bracket.toLine) - 2;
    canvas.lineWidth(HAIRLINE).strokeColor(color);
    canvas.polyline([[x - tick, top], [x, top], [x, bottom], [x - tick, bottom]]);
    const width = captionWidth('Helvetica-Bold', size, bracket.text);
    const middle = (top + bottom) / 2;
    canvas.save().rotateQuarter(x, middle);
    canvas.fillRect(x - width / 2 - 2, middle - size / 2, width + 4, size, '#FFFFFF');
    canvas.caption(bracket.text, x - width / 2, middle - size / 2, { font: 'Helvetica-Bold', size, color });
    canvas.restore();
  }
}
