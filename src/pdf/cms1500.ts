// CMS-1500 (02/12) paper claims: one page per claim, either the whole form (form mode, for
// plain paper) or only the data on the 10 cpi / 6 lpi grid (print mode, for pre-printed red
// forms, with an offset to line up a particular printer). The drawing is the paper-form engine's
// (paper/form-pdf.ts); this file says what goes on a CMS-1500.

import type { Writable } from 'node:stream';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import { loadCms1500Layout } from './cms1500-layout.js';
import { cms1500Page } from './cms1500-values.js';
import { type FormDocument, formPdfBuffer, writeFormPdf } from './paper/form-pdf.js';
import { type FormMode, type FormPage, type PrintOffset } from './paper/form-page.js';

export { Cms1500Error, cms1500Page } from './cms1500-values.js';
export type { Cms1500Page, FieldValues } from './cms1500-values.js';
export { fitName, type NameFit } from './cms1500-names.js';
export { fitToField } from './paper/form-pdf.js';
export type { PrintOffset } from './paper/form-page.js';

export type Cms1500Mode = FormMode;

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

export async function renderCms1500(input: Cms1500Input, options: Cms1500Options): Promise<Buffer> {
  return formPdfBuffer(document(input, options.clock), options);
}

/** Streams the forms into `out` (a file, an HTTP response) and resolves once it has finished. */
export async function writeCms1500(input: Cms1500Input, options: Cms1500Options, out: Writable): Promise<void> {
  await writeFormPdf(out, document(input, options.clock), options);
}

function document(input: Cms1500Input, clock: SubmissionClock): FormDocument {
  return {
    layout: loadCms1500Layout(),
    metadata: {
      title: `CMS-1500 claims for ${input.parties.payer.name}`,
      author: input.parties.organization.name,
      subject: 'CMS-1500 (02/12)',
    },
    pages: pages(input, clock),
  };
}

async function* pages(input: Cms1500Input, clock: SubmissionClock): AsyncGenerator<FormPage> {
  let count = 0;
  for await (const item of input.claims) {
    count += 1;
    yield cms1500Page(input.parties, item, clock);
  }
  if (count === 0) throw new Error('no claims to print on CMS-1500 forms');
}
