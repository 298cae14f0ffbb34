// Recording that a batch left for the payer (uploaded to the clearinghouse, mailed): a
// 'submitted' event on each of its claims, dated, with the control numbers a 999 will echo.
// The date is when the payer's clock starts when no later date stamp arrives, so it is checked:
// not before the batch existed, not in the future, and not changed once recorded. Payer answers
// read before the send date was entered are judged against it now: one dated before it (most
// often a send date entered wrong) is reported back, as an ingest reports it.

import { calendarDateOf, isCalendarDate } from '../../domain/calendar.js';
import type { BatchDetails } from '../../remit/claim-events.js';
import type { BatchRecord } from '../../store/batch-store.js';
import { timestamp, today, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { controlKey } from './transaction-sets.js';
import { transactionSetsOfBatch } from './claim-lookup.js';
import { describeDateAnomaly } from '../../remit/date-anomalies.js';
import { refreshDerived, type StatusChange } from './derived.js';
import { catchUpTimeliness } from '../reports/timeliness-cache.js';

export interface SubmitReport {
  batchId: string;
  submittedOn: string;
  claimIds: string[];
  /** true when the batch had already been recorded as sent on this date; nothing changed */
  alreadyRecorded: boolean;
  statusChanges: StatusChange[];
  /** payer dates already on file that fall before this send date (claim id and both dates) */
  warnings: string[];
}

export async function submitBatch(ctx: AppContext, batchId: string, date?: string): Promise<SubmitReport> {
  const on = date ?? today(ctx);
  if (!isCalendarDate(on)) throw new AppError('invalid', `the submission date "${on}" is not a date (YYYY-MM-DD)`);
  if (on > today(ctx)) throw new AppError('invalid', `the submission date ${on} is in the future`);
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    const report = await ctx.store.withTransaction(async (): Promise<SubmitReport> => {
      const batch = await repos.batches.get(batchId);
      if (batch === undefined) throw new AppError('not_found', `batch ${batchId} does not exist`);
      const claimIds = await repos.batches.claimIds(batchId);
      if (batch.submittedOn !== undefined) {
        if (batch.submittedOn === on) return { batchId, submittedOn: on, claimIds, alreadyRecorded: true, statusChanges: [], warnings: [] };
        throw new AppError('conflict', `batch ${batchId} was recorded as sent on ${batch.submittedOn}; a batch is sent once (export the claims again to send them again)`);
      }
      const created = calendarDateOf(new Date(batch.createdAt));
      if (on < created) throw new AppError('invalid', `batch ${batchId} was created on ${created}; it cannot have been sent on ${on}`);
      for (const [claimId, details] of await submissionDetails(ctx, batch)) {
        await repos.events.append({ claimId, kind: 'submitted', date: on, details: { ...details }, source: `batch:${batchId}`, recordedAt: at });
      }
      await repos.batches.markSubmitted(batchId, on);
      const warnings: string[] = [];
      const statusChanges = await refreshDerived(repos, claimIds, at, {
        inspect: (history) => {
          for (const anomaly of history.dateAnomalies) if (anomaly.submittedDate === on) warnings.push(describeDateAnomaly(history.claimId, anomaly));
        },
      });
      await catchUpTimeliness(repos, today(ctx), at);
      return { batchId, submittedOn: on, claimIds, alreadyRecorded: false, statusChanges, warnings };
    });
    ctx.logger.info('batch.submitted', { batchId, on, claims: report.claimIds.length, alreadyRecorded: report.alreadyRecorded, warnings: report.warnings.length });
    return report;
  });
}

/** Each claim of the batch with the GS06 and ST02 it went out under. */
async function submissionDetails(ctx: AppContext, batch: BatchRecord): Promise<Array<[string, BatchDetails]>> {
  const repos = ctx.store.write;
  const sets = await transactionSetsOfBatch(repos, {
    batchId: batch.batchId,
    payerId: batch.payerId,
    groupControl: batch.groupControl ?? '',
    ...(batch.firstTransactionControl !== undefined ? { firstTransactionControl: batch.firstTransactionControl } : {}),
    transactionCount: batch.transactionCount,
  });
  const out: Array<[string, BatchDetails]> = [];
  for (const [set, claimIds] of sets) {
    for (const claimId of claimIds) {
      const details: BatchDetails = { batchId: batch.batchId };
      if (set !== '') details.transactionControlNumber = controlKey(set);
      if (batch.groupControl !== undefined) details.groupControlNumber = batch.groupControl;
      out.push([claimId, details]);
    }
  }
  return out;
}
