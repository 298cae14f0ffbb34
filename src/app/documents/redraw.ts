// A CMS-1500 batch drawn again in a mode of the biller's choosing: exported on plain paper (form
// mode) and needed on pre-printed red forms (print mode, with a printer's offset), or the other
// way round. The bytes kept with the batch stay the document that was issued; this is a new
// rendering of the same claims, stored nowhere, and the claims' status does not change.

import { PassThrough } from 'node:stream';
import type { ValidationIssue } from '../../domain/claim.js';
import { writeCms1500, type Cms1500Mode, type PrintOffset } from '../../pdf/cms1500.js';
import type { BatchRecord } from '../../store/batch-store.js';
import { fixedClock, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { CMS1500_MODES } from './document-batch.js';
import { cms1500FitIssues } from './cms1500-fit.js';
import { loadParties, submissionClock, withMembers } from '../submission-parties.js';

export interface Cms1500Redraw {
  batch: BatchRecord;
  mode: Cms1500Mode;
  offset?: PrintOffset;
  claimCount: number;
  fileName: string;
  /** the PDF as it is drawn; read it to the end */
  chunks: AsyncIterable<Buffer>;
}

export async function redrawCms1500Batch(ctx: AppContext, batchId: string, options: { mode: Cms1500Mode; offset?: PrintOffset }): Promise<Cms1500Redraw> {
  if (!CMS1500_MODES.includes(options.mode)) throw new AppError('invalid', `mode must be one of ${CMS1500_MODES.join(', ')}`);
  const repos = ctx.store.read;
  const batch = await repos.batches.get(batchId);
  if (!batch) throw new AppError('not_found', `batch ${batchId} does not exist`);
  if (batch.format !== 'cms1500') throw new AppError('invalid', `batch ${batchId} holds ${batch.format}, not CMS-1500 forms: only a CMS-1500 batch can be drawn in another mode`);

  const parties = await loadParties(repos, batch.payerId);
  // Claim-id order: the export's order too, unless its claims were named in another order.
  const claims = await withMembers(repos, await repos.claims.loadMany(await repos.batches.claimIds(batchId)));
  // The date the batch left on, not today's: box 31 and the PDF's dates then match the issued
  // forms, and the same claims in the same mode draw the issued bytes again.
  const clock = submissionClock({ ...ctx, clock: fixedClock(batch.createdAt) });
  // The member file or organization may have changed since; a claim that no longer fits the form
  // is reported up front rather than ending the PDF half-way.
  const unfit: ValidationIssue[] = claims.flatMap((item) => cms1500FitIssues(parties, item, clock).filter((i) => i.severity === 'error'));
  if (unfit.length > 0) {
    const claimCount = new Set(unfit.map((i) => i.claimId)).size;
    throw new AppError('conflict', `batch ${batchId} cannot be drawn again: ${claimCount} of its claims no longer fit the CMS-1500`, { issues: unfit });
  }

  const offset = options.mode === 'print' ? options.offset : undefined;
  const out = new PassThrough();
  writeCms1500({ parties, claims }, { mode: options.mode, offset, clock }, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  ctx.logger.info('batch.redrawn', { batchId, mode: options.mode, claims: claims.length });
  return {
    batch,
    mode: options.mode,
    ...(offset ? { offset } : {}),
    claimCount: claims.length,
    fileName: `${batchId}-${batch.payerId}-cms1500-${options.mode}.pdf`,
    chunks: out,
  };
}
