// A paper claim form's layout (templates/cms1500.json, templates/ub04.json) is data, so that a
// form revision or a payer-specific alignment is a data edit. This module validates a template
// once and turns grid positions into page points; the renderers and the tests share these
// conversions.

import { z } from 'zod';
import { readDataFile } from '../../codesets/index.js';

const GridRectSchema = z.object({
  line: z.number(),
  col: z.number(),
  lines: z.number().positive(),
  cols: z.number().positive(),
});
export type GridRect = z.infer<typeof GridRectSchema>;

const LayoutTextSchema = z.object({
  text: z.string().min(1),
  line: z.number(),
  col: z.number(),
  size: z.number().positive().default(5.5),
  bold: z.boolean().default(false),
  align: z.enum(['left', 'center', 'right']).default('left'),
  /** width available to center, right-align or wrap the text */
  cols: z.number().positive().optional(),
  wrap: z.boolean().default(false),
});
export type LayoutText = z.infer<typeof LayoutTextSchema>;

const BoxSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  /** for a label that would not otherwise fit its box */
  labelSize: z.number().positive().optional(),
  rect: GridRectSchema,
  outline: z.boolean().default(true),
  shade: z.boolean().default(false),
  texts: z.array(LayoutTextSchema).default([]),
});
export type LayoutBox = z.infer<typeof BoxSchema>;

const FieldShape = {
  key: z.string().min(1),
  box: z.string().min(1),
  col: z.number().int().min(1),
  width: z.number().int().positive(),
  kind: z.enum(['text', 'checkbox']).default('text'),
  align: z.enum(['left', 'right']).default('left'),
  overflow: z.enum(['error', 'truncate', 'abbreviate']).default('error'),
};

const FieldSchema = z.object({ ...FieldShape, line: z.number().int().min(1) });
export type LayoutField = z.infer<typeof FieldSchema>;

/** Which print line of a service line a field sits on: the CMS-1500 gives each service two. */
const ServiceRowSchema = z.enum(['upper', 'lower']);
export type ServiceRow = z.infer<typeof ServiceRowSchema>;

const LineFieldSchema = z.object({ ...FieldShape, row: ServiceRowSchema.default('upper') });
export type LayoutLineField = z.infer<typeof LineFieldSchema>;

const RuleSchema = z.object({
  from: z.tuple([z.number(), z.number()]),
  to: z.tuple([z.number(), z.number()]),
  style: z.enum(['solid', 'dotted', 'heavy']),
});
export type LayoutRule = z.infer<typeof RuleSchema>;

const LayoutSchema = z.object({
  form: z.string(),
  notes: z.array(z.string()).default([]),
  page: z.object({ width: z.number().positive(), height: z.number().positive() }),
  grid: z.object({
    charactersPerInch: z.number().positive(),
    linesPerInch: z.number().positive(),
    baselineFromLineTop: z.number().positive(),
  }),
  colors: z.object({ dropOut: z.string(), shade: z.string() }),
  frame: GridRectSchema,
  boxes: z.array(BoxSchema),
  texts: z.array(LayoutTextSchema).default([]),
  brackets: z.array(z.object({ text: z.string(), col: z.number(), fromLine: z.number(), toLine: z.number() })).default([]),
  rules: z.array(RuleSchema).default([]),
  fields: z.array(FieldSchema),
  serviceLines: z.object({
    count: z.number().int().positive(),
    firstLine: z.number().int().min(1),
    linesPerService: z.union([z.literal(1), z.literal(2)]),
    /** the CMS-1500 shades the upper line of every service line for supplemental data */
    shadeUpperRow: z.boolean().default(false),
    rule: z.object({ col: z.number(), cols: z.number().positive() }),
    number: z.object({ col: z.number(), size: z.number().positive() }),
    texts: z.array(LayoutTextSchema.omit({ line: true }).extend({ row: ServiceRowSchema.default('upper') })).default([]),
    fields: z.array(LineFieldSchema),
  }),
});
export type FormLayout = z.infer<typeof LayoutSchema>;

/** A rectangle in PDF points, origin at the top-left of the page (pdfkit's convention). */
export interface PointRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const cache = new Map<string, FormLayout>();

/** A template under templates/, validated once per process. */
export function loadFormLayout(file: string): FormLayout {
  const known = cache.get(file);
  if (known) return known;
  const layout = readDataFile(file, LayoutSchema);
  checkReferences(file, layout);
  if (layout.serviceLines.fields.some((f) => f.row === 'lower') && layout.serviceLines.linesPerService === 1) {
    throw new Error(`${file}: a service line of one print line has no lower row`);
  }
  cache.set(file, layout);
  return layout;
}

// A field that names a missing box, or a duplicated key, would put data on the form
// where nobody can see which box it belongs to; fail when the template is loaded instead.
function checkReferences(file: string, layout: FormLayout): void {
  const boxIds = new Set<string>();
  for (const box of layout.boxes) {
    if (boxIds.has(box.id)) throw new Error(`${file}: box ${box.id} is defined twice`);
    boxIds.add(box.id);
  }
  const keys = new Set<string>();
  for (const field of [...layout.fields, ...layout.serviceLines.fields]) {
    if (keys.has(field.key)) throw new Error(`${file}: field ${field.key} is defined twice`);
    keys.add(field.key);
    if (!boxIds.has(field.box)) throw new Error(`${file}: field ${field.key} names unknown box ${field.box}`);
  }
}

export function columnWidth(layout: FormLayout): number {
  return 72 / layout.grid.charactersPerInch;
}

export function lineHeight(layout: FormLayout): number {
  return 72 / layout.grid.linesPerInch;
}

/** x of the left edge of a (possibly fractional) grid column. */
export function columnX(layout: FormLayout, col: number): number {
  return (col - 1) * columnWidth(layout);
}

/** y of the top edge of a (possibly fractional) grid line. */
export function lineY(layout: FormLayout, line: number): number {
  return (line - 1) * lineHeight(layout);
}

export function baselineY(layout: FormLayout, line: number): number {
  return lineY(layout, line) + layout.grid.baselineFromLineTop;
}

export function gridRectToPoints(layout: FormLayout, rect: GridRect): PointRect {
  return {
    x: columnX(layout, rect.col),
    y: lineY(layout, rect.line),
    width: rect.cols * columnWidth(layout),
    height: rect.lines * lineHeight(layout),
  };
}

/** The width of a field, for values that shorten themselves to fit (a street, a name). */
export function fieldWidth(layout: FormLayout, key: string): number {
  const field = layout.fields.find((f) => f.key === key);
  if (!field) throw new Error(`${layout.form} layout has no field ${key}`);
  return field.width;
}

export function boxById(layout: FormLayout, id: string): LayoutBox {
  const box = layout.boxes.find((b) => b.id === id);
  if (!box) throw new Error(`${layout.form} layout has no box ${id}`);
  return box;
}

/** The grid line a service-line field sits on, for service line 1..count. */
export function serviceFieldLine(layout: FormLayout, serviceIndex: number, row: ServiceRow): number {
  const top = layout.serviceLines.firstLine + (serviceIndex - 1) * layout.serviceLines.linesPerService;
  return row === 'upper' ? top : top + 1;
}
