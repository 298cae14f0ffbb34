// UB-04 (CMS-1450) paper claims, the paper twin of the 837I: a claim fills as many pages as its
// service lines need (22 a page), either on the whole form (form mode, for plain paper) or as
// data alone on the 10 cpi / 6 lpi grid (print mode, for pre-printed red forms, with an offset
// to line up a particular printer). The drawing is the paper-form engine's (paper/form-pdf.ts);
// what goes in each form locator is ub04-values.ts.

import type { Writable } from 'node:stream';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import { type FormDocument, formPdfBuffer, writeFormPdf } from './paper/form-pdf.js';
import type { FormMode, FormPage, PrintOffset } from './paper/form-page.js';
import { loadUb04Layout, Ub04Error, ub04Pages } from './ub04-values.js';

export { UB04_LINES_PER_PAGE, UB04_MAX_DIAGNOSES, UB04_TEMPLATE, Ub04Error, loadUb04Layout, ub04Pages } from './ub04-values.js';
export type { FieldValues } from './ub04-values.js';
export { fitToField } from './paper/form-pdf.js';
export type { FormPage, PrintOffset } from './paper/form-page.js';

export type Ub04Mode = FormMode;

export interface Ub04Options {
  mode: FormMode;
  /** Printer alignment for print mode; form mode draws form and data together and ignores it. */
  offset?: PrintOffset;
  clock: SubmissionClock;
}

export interface Ub04Input {
  parties: SubmissionParties;
  /** An async iterable lets a large batch stream from the store without sitting in memory. */
  claims: Iterable<ClaimWithParties> | AsyncIterable<ClaimWithParties>;
}

export async function renderUb04(input: Ub04Input, options: Ub04Options): Promise<Buffer> {
  return formPdfBuffer(document(input, options.clock), options);
}

/** Streams the forms into `out` (a file, an HTTP response) and resolves once it has finished. */
export async function writeUb04(input: Ub04Input, options: Ub04Options, out: Writable): Promise<void> {
  await writeFormPdf(out, document(input, options.clock), options);
}

function document(input: Ub04Input, clock: SubmissionClock): FormDocument {
  return {
    layout: loadUb04Layout(),
    metadata: {
      title: `UB-04 claims for ${input.parties.payer.name}`,
      author: input.parties.organization.name,
      subject: 'UB-04 (CMS-1450)',
    },
    pages: pages(input, clock),
  };
}

/** Every page of every claim in order; a claim's pages are worked out as it comes. */
async function* pages(input: Ub04Input, clock: SubmissionClock): AsyncGenerator<FormPage> {
  let count = 0;
  for await (const item of input.claims) {
    count += 1;
    yield* ub04Pages(input.parties, item, clock);
  }
  if (count === 0) throw new Ub04Error('', 'no claims to print on UB-04 forms');
}
