// The paper claim forms, each described once: the CMS-1500 (02/12), the professional claim on
// paper, and the UB-04 (CMS-1450), the paper twin of the 837I. Export, redraw, the fit check and
// one claim's PDF take a form's descriptor and run the same code for either.

import type { Writable } from 'node:stream';
import { CLAIM_FORMAT_LABELS } from '../../domain/reference.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { Cms1500Error, cms1500Page, renderCms1500, writeCms1500 } from '../../pdf/cms1500.js';
import { CMS1500_TEMPLATE, loadCms1500Layout } from '../../pdf/cms1500-layout.js';
import type { ClaimFormInput, ClaimFormOptions } from '../../pdf/paper/claim-forms.js';
import type { FormLayout } from '../../pdf/paper/form-layout.js';
import { FORM_MODES, type FormError, type FormMode, type FormPage, type PrintOffset } from '../../pdf/paper/form-page.js';
import { renderUb04, Ub04Error, ub04Pages, writeUb04 } from '../../pdf/ub04.js';
import { loadUb04Layout, UB04_TEMPLATE } from '../../pdf/ub04-values.js';
import { AppError } from '../errors.js';

export { FORM_MODES, type FormMode, type PrintOffset };

export const PAPER_FORMATS = ['cms1500', 'ub04'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const CMS1500_LAYOUT = 'CMS1500_LAYOUT';
export const CMS1500_NAME_SHORTENED = 'CMS1500_NAME_SHORTENED';
export const UB04_LAYOUT = 'UB04_LAYOUT';
export const UB04_NAME_SHORTENED = 'UB04_NAME_SHORTENED';


export interface PaperForm {
  format: PaperFormat;
  /** how billers write it: CMS-1500, UB-04 */
  label: string;
  /** what a place on the form is called in messages: "box" 24A on the CMS-1500, "FL" 42 on the UB-04 */
  place: string;
  /** the template file, named when a value has no place on it */
  template: string;
  layout(): FormLayout;
  /** the pages one claim fills; throws the form's error when the claim cannot go on the form */
  pages(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): FormPage[];
  /** streams the forms into `out` and resolves once it has finished */
  write(input: ClaimFormInput, options: ClaimFormOptions, out: Writable): Promise<void>;
  render(input: ClaimFormInput, options: ClaimFormOptions): Promise<Buffer>;
  /** the error the form's renderer throws for a claim it cannot put on the form */
  error: abstract new (...args: never[]) => FormError;
  /** finding codes: a value that does not fit (error), a name shortened to fit (warning) */
  layoutCode: string;
  nameShortenedCode: string;
  /** batch files are named <batch>-<payer>-<suffix>.pdf */
  fileSuffix: string;
}

export const PAPER_FORMS: Readonly<Record<PaperFormat, PaperForm>> = {
  cms1500: {
    format: 'cms1500',
    label: CLAIM_FORMAT_LABELS.cms1500,
    place: 'box',
    template: CMS1500_TEMPLATE,
    layout: loadCms1500Layout,
    // One form per claim: claim assembly keeps a CMS-1500 claim to six lines.
    pages: (parties, item, clock) => [cms1500Page(parties, item, clock)],
    write: writeCms1500,
    render: renderCms1500,
    error: Cms1500Error,
    layoutCode: CMS1500_LAYOUT,
    nameShortenedCode: CMS1500_NAME_SHORTENED,
    fileSuffix: 'cms1500',
  },
  ub04: {
    format: 'ub04',
    label: CLAIM_FORMAT_LABELS.ub04,
    place: 'FL',
    template: UB04_TEMPLATE,
    layout: loadUb04Layout,
    // A claim with more lines than a page holds continues on further pages.
    pages: ub04Pages,
    write: writeUb04,
    render: renderUb04,
    error: Ub04Error,
    layoutCode: UB04_LAYOUT,
    nameShortenedCode: UB04_NAME_SHORTENED,
    fileSuffix: 'ub04',
  },
};

export function isPaperFormat(format: string): format is PaperFormat {
  return (PAPER_FORMATS as readonly string[]).includes(format);
}

export function paperForm(format: PaperFormat): PaperForm {
  return PAPER_FORMS[format];
}

/** A mode the caller typed, refused before anything is read or written. */
export function checkFormMode(mode: FormMode): void {
  if (!FORM_MODES.includes(mode)) throw new AppError('invalid', `mode must be one of ${FORM_MODES.join(', ')}`);
}

/** Form mode draws form and data together; an offset only lines data up with pre-printed forms. */
export function printOffsetFor(options: { mode: FormMode; offset?: PrintOffset }): PrintOffset | undefined {
  return options.mode === 'print' ? options.offset : undefined;
}

/** "box 24A", "FL 42": a layout's box id as the form's readers call it. */
export function placeName(form: PaperForm, box: string): string {
  return box.toUpperCase().startsWith(form.place.toUpperCase()) ? box : `${form.place} ${box}`;
}
