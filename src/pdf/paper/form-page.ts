// What a paper claim form receives for one page: text keyed by the field keys of its template,
// kept apart from drawing so the values can be checked (and tested) without a PDF, and so print
// and form mode are guaranteed to carry the same data.

export type FieldValues = ReadonlyMap<string, string>;

export interface FormPage {
  claimId: string;
  fields: FieldValues;
  /** one map per service line on this page, top to bottom */
  lines: readonly FieldValues[];
}

/** form: the whole red form under the data (plain paper); print: data only, for pre-printed forms */
export type FormMode = 'form' | 'print';

export const FORM_MODES = ['form', 'print'] as const satisfies readonly FormMode[];

export interface PrintOffset {
  /** points to the right (negative: left) */
  x: number;
  /** points down (negative: up) */
  y: number;
}

/** A claim that cannot be put on the form as it is; the message names boxes and lengths, not values. */
export class FormError extends Error {
  readonly claimId: string;
  constructor(claimId: string, message: string) {
    super(`claim ${claimId}: ${message}`);
    this.name = 'FormError';
    this.claimId = claimId;
  }
}
