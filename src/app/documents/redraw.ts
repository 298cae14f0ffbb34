// A paper batch (CMS-1500 or UB-04) drawn again in a mode of the biller's choosing: exported on
// plain paper (form mode) and needed on pre-printed red forms (print mode, with a printer's
// offset), or the other way round. The bytes kept with the batch stay the document that was
// issued; this is a new rendering of the same claims, stored nowhere, and the claims' status does
// not change.

import { PassThrough } from 'node:stream';
import type { ValidationIssue } from '../../domain/claim.js';
import type { BatchRecord } from '../../store/batch-store.js';
import { fixedClock, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { paperFitIssues } from './paper-fit.js';
import { checkFormMode, isPaperFormat, paperForm, printOffsetFor, type FormMode, type PaperFormat, type PrintOffset } from './paper-forms.js';
import { loadParties, submissionClock, withMembers } from '../submission-parties.js';

export interface PaperRedraw {
  batch: BatchRecord;
  format: PaperFormat;
  mode: FormMode;
  offset?: PrintOffset;
  claimCount: number;
  fileName: string;
  /** the PDF as it is drawn; read it to the end */
  chunks: AsyncIterable<Buffer>;
}

export interface RedrawOptions {
  mode: FormMode;
  /** printer alignment in points, print mode only */
  offset?: PrintOffset;
}

/** Any paper batch, CMS-1500 or UB-04, in the mode asked for. */
export async function redrawPaperBatch(ctx: AppContext, batchId: string, options: RedrawOptions): Promise<PaperRedraw> {
  checkFormMode(options.mode);
  const repos = ctx.store.read;
  const batch = await repos.batches.get(batchId);
  if (!batch) throw new AppError('not_found', `batch ${batchId} does not exist`);
  if (!isPaperFormat(batch.format)) {
    throw new AppError('invalid', `batch ${batchId} holds ${batch.format}, not paper claim forms: only a CMS-1500 batch or a UB-04 batch can be drawn in another mode`);
  }
  const form = paperForm(batch.format);

  const parties = await loadParties(repos, batch.payerId);
  // Claim-id order: the export's order too, unless its claims were named in another order.
  const claims = await withMembers(repos, await repos.claims.loadMany(await repos.batches.claimIds(batchId)));
  // The date the batch left on, not today's: the signature dates and the PDF's dates then match
  // the issued forms, and the same claims in the same mode draw the issued bytes again.
  const clock = submissionClock({ ...ctx, clock: fixedClock(batch.createdAt) });
  // The member file or organization may have changed since; a claim that no longer fits the form
  // is reported up front rather than ending the PDF half-way.
  const unfit: ValidationIssue[] = claims.flatMap((item) => paperFitIssues(form, parties, item, clock).filter((i) => i.severity === 'error'));
  if (unfit.length > 0) {
    const claimCount = new Set(unfit.map((i) => i.claimId)).size;
    throw new AppError('conflict', `batch ${batchId} cannot be drawn again: ${claimCount} of its claims no longer fit the ${form.label}`, { issues: unfit });
  }

  const offset = printOffsetFor(options);
  const out = new PassThrough();
  form.write({ parties, claims }, { mode: options.mode, offset, clock }, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  ctx.logger.info('batch.redrawn', { batchId, format: form.format, mode: options.mode, claims: claims.length });
  return {
    batch,
    format: form.format,
    mode: options.mode,
    ...(offset ? { offset } : {}),
    claimCount: claims.length,
    fileName: `${batchId}-${batch.payerId}-${form.fileSuffix}-${options.mode}.pdf`,
    chunks: out,
  };
}
