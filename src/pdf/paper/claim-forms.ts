// A paper claim form as a renderer of claims: the CMS-1500 and the UB-04 each say what they are
// (template, the pages one claim fills) and get the same two entry points, a stream and a buffer.

import type { Writable } from 'node:stream';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { type FormDocument, formPdfBuffer, writeFormPdf } from './form-pdf.js';
import type { FormLayout } from './form-layout.js';
import type { FormMode, FormPage, PrintOffset } from './form-page.js';

export interface ClaimFormInput {
  parties: SubmissionParties;
  /** An async iterable lets a large batch stream from the store without sitting in memory. */
  claims: Iterable<ClaimWithParties> | AsyncIterable<ClaimWithParties>;
}

export interface ClaimFormOptions {
  mode: FormMode;
  /** Printer alignment for print mode; form mode draws form and data together and ignores it. */
  offset?: PrintOffset;
  clock: SubmissionClock;
}

export interface ClaimFormSpec {
  /** CMS-1500, UB-04: in the document title and in errors */
  label: string;
  /** the form's edition, the document's subject */
  edition: string;
  layout(): FormLayout;
  /** the pages one claim fills; throws the form's error when the claim cannot go on it */
  pages(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): FormPage[];
}

export interface ClaimFormRenderer {
  /** Streams the forms into `out` (a file, an HTTP response) and resolves once it has finished. */
  write(input: ClaimFormInput, options: ClaimFormOptions, out: Writable): Promise<void>;
  render(input: ClaimFormInput, options: ClaimFormOptions): Promise<Buffer>;
}

export function claimFormRenderer(spec: ClaimFormSpec): ClaimFormRenderer {
  const document = (input: ClaimFormInput, clock: SubmissionClock): FormDocument => ({
    layout: spec.layout(),
    metadata: { title: `${spec.label} claims for ${input.parties.payer.name}`, author: input.parties.organization.name, subject: spec.edition },
    pages: pagesOf(spec, input, clock),
  });
  return {
    write: (input, options, out) => writeFormPdf(out, document(input, options.clock), options),
    render: (input, options) => formPdfBuffer(document(input, options.clock), options),
  };
}

/** Every page of every claim in order; a claim's pages are worked out as it comes. */
async function* pagesOf(spec: ClaimFormSpec, input: ClaimFormInput, clock: SubmissionClock): AsyncGenerator<FormPage> {
  let count = 0;
  for await (const item of input.claims) {
    count += 1;
    yield* spec.pages(input.parties, item, clock);
  }
  if (count === 0) throw new Error(`no claims to print on ${spec.label} forms`);
}
