// Export: the ready claims of one payer become one file. Every claim is validated again for the
// target format on the day it leaves; claims with errors are held back and listed, the rest go.
// The batch, its bytes, its control numbers and the claims' new status commit together or not
// at all, so a failed or killed export leaves nothing half-written and burns no control number.

import { createHash } from 'node:crypto';
import type { Claim, ValidationIssue } from '../../domain/claim.js';
import type { ClaimFormat } from '../../domain/reference.js';
import type { ClaimWithParties, InterchangeControl, SubmissionParties } from '../../domain/submission.js';
import { interchangeHeader837, planSets, X12RenderError } from '../../x12/write/837-common.js';
import { format837, type PartSpec } from '../../x12/write/837-parts.js';
import { interchangeClosing, interchangeOpening, transactionClosing, transactionOpening } from '../../x12/write/envelope.js';
import { checkedSegmentWriter } from '../../x12/write/segment-rules.js';
import type { WriterOptions } from '../../x12/write/writer.js';
import { runSlices } from '../compute-session.js';
import { createPartRenderer, planParts, type ExportPartSetup } from './x12-parts.js';
import { validateClaim, hasErrors } from '../../validation/runner.js';
import type { BatchRecord } from '../../store/batch-store.js';
import type { Repositories } from '../../store/store.js';
import type { ExportFacts, StoredClaim } from '../../store/claim-store.js';
import { AppError } from '../errors.js';
import { timestamp, today, type AppContext } from '../context.js';
import { loadParties, submissionClock, validationContextOn, withMembers } from '../submission-parties.js';
import { stampBase, validationStamp } from '../claims/validation-stamp.js';
import { groupBy } from '../../domain/grouping.js';
import { duplicateIndexFor } from '../claims/duplicates.js';

export const X12_EXPORT_FORMATS = ['837p', '837i'] as const;
export type X12ExportFormat = (typeof X12_EXPORT_FORMATS)[number];

export interface ExportRequest {
  payerId: string;
  format: X12ExportFormat;
  period?: string;
  /** export only these claims (they must be ready and belong to the payer) */
  claimIds?: string[];
  writer?: WriterOptions;
}

export interface HeldClaim {
  claimId: string;
  issues: ValidationIssue[];
}

export interface ExportReport {
  /** absent when every claim was held back */
  batch?: BatchRecord;
  claimIds: string[];
  held: HeldClaim[];
  warnings: ValidationIssue[];
}

const CHUNK_BYTES = 1024 * 1024;

/** Named claims for an export: each must exist, be the payer's, and be ready. */
export async function readyFacts(repos: Repositories, payerId: string, ids: readonly string[], details?: (id: string) => unknown): Promise<ExportFacts[]> {
  const found = new Map((await repos.claims.exportFacts(ids)).map((c) => [c.id, c]));
  const named = new Set<string>();
  return ids.map((id) => {
    if (named.has(id)) throw new AppError('invalid', `claim ${id} is named more than once; name each claim once`);
    named.add(id);
    const claim = found.get(id);
    if (!claim) throw new AppError('not_found', `claim ${id} does not exist`);
    if (claim.payerId !== payerId) throw new AppError('invalid', `claim ${id} belongs to payer ${claim.payerId}, not ${payerId}`);
    if (claim.status !== 'ready') throw new AppError('conflict', `claim ${id} is ${claim.status}; only ready claims can be exported`, details?.(id));
    return claim;
  });
}

/** The same claims loaded whole, for exports that keep them in memory. */
export async function loadReadyClaims(repos: Repositories, payerId: string, ids: readonly string[], details?: (id: string) => unknown): Promise<StoredClaim[]> {
  return repos.claims.loadMany((await readyFacts(repos, payerId, ids, details)).map((c) => c.id));
}

/** Batch ids come from their own sequence, taken inside the export's transaction. */
export async function nextBatchId(repos: Repositories): Promise<string> {
  return `B${String(await repos.batches.reserve('batch')).padStart(6, '0')}`;
}

export interface Screened {
  passing: ClaimWithParties[];
  held: HeldClaim[];
  warnings: ValidationIssue[];
}

export interface ScreenOptions {
  /** findings beyond the validation rules (e.g. whether a claim fits the paper form) */
  extraIssues?: (item: ClaimWithParties, issues: readonly ValidationIssue[]) => ValidationIssue[];
  /** whether a held claim goes back to draft with its findings */
  demote: (item: ClaimWithParties) => boolean;
}

function stillValid(claim: Claim & { validatedFor?: string }, stamp: string): boolean {
  return claim.status === 'ready' && claim.validatedFor === stamp;
}

/** Validation for the target format, on the day the file leaves: who goes, who is held back. */
export async function screenClaims(ctx: AppContext, repos: Repositories, parties: SubmissionParties, claims: readonly ClaimWithParties[], format: ClaimFormat, at: string, options: ScreenOptions): Promise<Screened> {
  const screened: Screened = { passing: [], held: [], warnings: [] };
  // A ready claim validated for this format under the same facts keeps its findings (warnings);
  // the others are validated now, against an index of the dates they cover.
  const stamp = validationStamp(format, await stampBase(ctx, repos));
  const stale = claims.filter((item) => !stillValid(item.claim, stamp));
  const duplicates = await duplicateIndexFor(repos.claims, stale.map((c) => c.claim));
  for (const item of claims) {
    // The index is loaded, so the context is built from it at once (validationContextOn).
    let issues = stillValid(item.claim, stamp) ? item.claim.issues : validateClaim(item, validationContextOn(today(ctx), parties, format, item.claim, duplicates));
    if (options.extraIssues) issues = [...issues, ...options.extraIssues(item, issues)];
    if (!hasErrors(issues)) {
      screened.passing.push(item);
      screened.warnings.push(...issues);
      continue;
    }
    screened.held.push({ claimId: item.claim.id, issues });
    if (options.demote(item)) {
      await repos.claims.replaceIssues(item.claim.id, issues);
      await repos.claims.setStatus(item.claim.id, 'draft', at);
    }
  }
  return screened;
}

interface ExportScreen {
  passing: ExportFacts[];
  held: HeldClaim[];
  warnings: ValidationIssue[];
  /** claims validated again here that passed, with the number of findings they had on record */
  revalidated: Map<string, number>;
}

/**
 * The 837 export's screening. A claim whose validation stamp still holds passes without being
 * loaded (its warnings are read from the store); the others are loaded and validated now, and
 * those with errors in their own format go back to draft.
 */
async function screenForExport(ctx: AppContext, repos: Repositories, parties: SubmissionParties, facts: readonly ExportFacts[], format: ClaimFormat, at: string): Promise<ExportScreen> {
  const stamp = validationStamp(format, await stampBase(ctx, repos));
  const stamped = new Set(facts.filter((c) => c.validatedFor === stamp).map((c) => c.id));
  const stale = facts.filter((c) => !stamped.has(c.id)).map((c) => c.id);
  // A claim decided for another format that fails this one is held back but stays ready for its
  // own format, as document exports and validate leave it; only a failure in its own format is
  // something to fix, and sends it back to draft with the findings.
  const checked = stale.length > 0 ? await screenClaims(ctx, repos, parties, await withMembers(repos, await repos.claims.loadMany(stale)), format, at, { demote: (item) => item.claim.format === format }) : undefined;
  const revalidated = new Map((checked?.passing ?? []).map((item) => [item.claim.id, item.claim.issues.length]));
  const onRecord = await repos.claims.issuesOf([...stamped]);
  const found = groupByClaim(checked?.warnings ?? []);
  const passing = facts.filter((c) => stamped.has(c.id) || revalidated.has(c.id));
  return { passing, held: checked?.held ?? [], warnings: passing.flatMap((c) => onRecord.get(c.id) ?? found.get(c.id) ?? []), revalidated };
}

/** Findings by the claim they are on. */
export function groupByClaim(issues: readonly ValidationIssue[]): Map<string, ValidationIssue[]> {
  return groupBy(
    issues.filter((issue) => issue.claimId),
    (issue) => issue.claimId!,
  );
}

/**
 * The batch's bytes, cut into chunks of about a megabyte as they are written, and their hash.
 * Writing stays synchronous, as rendering is; cut chunks are stored in order by store().
 */
class BatchFileWriter {
  private readonly hash = createHash('sha256');
  private text = '';
  private seq = 0;
  private readonly cut: Buffer[] = [];
  bytes = 0;
  sha256 = '';

  constructor(
    private readonly repos: Repositories,
    private readonly batchId: string,
  ) {}

  /** whether chunks are waiting for store() */
  get pending(): boolean {
    return this.cut.length > 0;
  }

  write(text: string): void {
    this.text += text;
    if (this.text.length >= CHUNK_BYTES) this.cutChunk();
  }

  async store(): Promise<void> {
    for (const chunk of this.cut) await this.repos.batches.appendChunk(this.batchId, this.seq++, chunk);
    this.cut.length = 0;
  }

  async close(): Promise<void> {
    this.cutChunk();
    await this.store();
    this.sha256 = this.hash.digest('hex');
  }

  private cutChunk(): void {
    if (this.text.length === 0) return;
    const chunk = Buffer.from(this.text, 'latin1');
    this.text = '';
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.cut.push(chunk);
  }
}

/** Below this many claims a worker thread (about 0.1 s to start) costs more than it saves. */
const THREAD_FROM_CLAIMS = 4000;

function renderable<T>(make: () => T): T {
  try {
    return make();
  } catch (err) {
    if (err instanceof X12RenderError) throw new AppError('invalid', err.message, { field: err.field, claimId: err.claimId });
    throw err;
  }
}

/**
 * Writes the interchange: the envelope here, the transaction sets' bodies in parts rendered on
 * both threads (export-parts.ts) and joined in order. Every segment passes the final element
 * check as it is written; returns what that check found.
 */
async function writeInterchange(
  ctx: AppContext,
  repos: Repositories,
  spec: PartSpec,
  control: InterchangeControl,
  sets: ReadonlyArray<ReadonlyArray<ReadonlyArray<ExportFacts>>>,
  file: BatchFileWriter,
  emit: (text: string, claims: number) => void,
): Promise<ValidationIssue[]> {
  const format = renderable(() => format837(spec.format, spec.parties, { batchId: spec.batchId, ...spec.writer }));
  const header = interchangeHeader837(format, spec.parties, spec.clock, control, spec.writer, sets.length);
  const envelope = checkedSegmentWriter({ ...spec.writer, format: spec.format });
  const issues: ValidationIssue[] = [];
  for (const seg of interchangeOpening(header)) emit(envelope.text(seg), 0);
  const parts = planParts(sets);
  const setup: ExportPartSetup = { ...spec, dbPath: ctx.store.path, org: ctx.store.org };
  const claims = sets.reduce((n, set) => n + set.reduce((m, group) => m + group.length, 0), 0);
  let segments = 0;
  await runSlices(
    'render-837-parts',
    setup,
    parts.length,
    (i) => {
      const { groups, firstHl, header: opensSet } = parts[i]!;
      return { groups, firstHl, header: opensSet };
    },
    async (output, i) => {
      if ('failure' in output) throw new AppError('invalid', output.failure.message, { field: output.failure.field, claimId: output.failure.claimId });
      const part = parts[i]!;
      if (part.header) {
        emit(envelope.text(transactionOpening(header, part.set, { id: '837', implementationReference: format.version })), 0);
        segments = 1;
      }
      emit(output.part.text, output.part.claims);
      segments += output.part.segments;
      issues.push(...output.part.issues);
      if (part.last) emit(envelope.text(transactionClosing(header, part.set, segments + 1)), 0);
      // What the part filled is stored before the next part is joined.
      if (file.pending) await file.store();
    },
    // An in-memory database cannot be read from another connection.
    { thread: ctx.store.path !== ':memory:' && claims >= THREAD_FROM_CLAIMS, local: createPartRenderer(setup, repos) },
  );
  for (const seg of interchangeClosing(header, sets.length)) emit(envelope.text(seg), 0);
  return [...issues, ...envelope.finish()];
}

export function exportX12Batch(ctx: AppContext, request: ExportRequest, onProgress?: (claims: number) => void): Promise<ExportReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    const clock = submissionClock(ctx);
    const report = await ctx.store.withTransaction(async (): Promise<ExportReport> => {
      const parties = await loadParties(repos, request.payerId);
      const { separators, newline } = parties.payer.interchange;
      const writer: WriterOptions = { separators, newline, ...request.writer };
      const facts = request.claimIds ? await readyFacts(repos, request.payerId, request.claimIds) : await repos.claims.readyFacts({ payerId: request.payerId, period: request.period });
      if (facts.length === 0) throw new AppError('invalid', `payer ${request.payerId} has no ready claims${request.period ? ` for ${request.period}` : ''} to export`);
      const screened = await screenForExport(ctx, repos, parties, facts, request.format, at);
      // Nothing can go: keep the findings on the claims and say so; no control number is used.
      if (screened.passing.length === 0) return { claimIds: [], held: screened.held, warnings: screened.warnings };

      const sender = `${parties.payer.interchange.senderQualifier}:${parties.payer.interchange.senderId}`;
      const sets = planSets(screened.passing, (c) => c.memberCin);
      const control: InterchangeControl = {
        interchange: await repos.batches.reserve(`isa:${sender}`),
        group: await repos.batches.reserve(`gs:${sender}`),
        transaction: await repos.batches.reserve(`st:${sender}`, sets.length),
      };
      if (control.interchange > 999_999_999) throw new AppError('conflict', `sender ${sender} has used every interchange control number`);
      const batchId = await nextBatchId(repos);
      const file = new BatchFileWriter(repos, batchId);
      let claimsWritten = 0;
      const issues = await writeInterchange(ctx, repos, { format: request.format, parties, clock, batchId, writer }, control, sets, file, (text, claims) => {
        file.write(text);
        if (claims > 0) onProgress?.((claimsWritten += claims));
      });
      await file.close();
      const finalErrors = issues.filter((i) => i.severity === 'error');
      if (finalErrors.length > 0) throw new AppError('invalid', `the ${request.format.toUpperCase()} failed its final check; nothing was exported`, { issues: finalErrors });
      const transactions = sets.length;
      const { bytes, sha256 } = file;

      const claimIds = screened.passing.map((c) => c.id);
      const totalChargeCents = screened.passing.reduce((sum, c) => sum + c.totalChargeCents, 0);
      await repos.batches.insert(
        {
          batchId,
          payerId: request.payerId,
          format: request.format,
          period: request.period,
          createdAt: at,
          interchangeControl: String(control.interchange).padStart(9, '0'),
          groupControl: String(control.group),
          firstTransactionControl: String(control.transaction).padStart(4, '0'),
          transactionCount: transactions,
          senderId: sender,
          claimCount: claimIds.length,
          totalChargeCents,
          fileName: `${batchId}-${request.payerId}-${request.format}.x12`,
          mediaType: 'application/edi-x12',
          bytes,
          sha256,
        },
        claimIds,
      );
      const warningsOf = groupByClaim(screened.warnings);
      await repos.claims.setStatusOfBatch(batchId, 'batched', at);
      for (const id of claimIds) {
        // A claim validated again here keeps today's findings; a stamped one already has them.
        const before = screened.revalidated.get(id);
        const now = warningsOf.get(id) ?? [];
        if (before !== undefined && (now.length > 0 || before > 0)) await repos.claims.replaceIssues(id, now);
      }
      await repos.events.appendMany(claimIds.map((id) => ({ claimId: id, kind: 'batched', date: clock.date, details: { batchId, interchangeControl: control.interchange }, recordedAt: at })));
      onProgress?.(claimIds.length);
      return { batch: (await repos.batches.get(batchId))!, claimIds, held: screened.held, warnings: screened.warnings };
    });
    ctx.logger.info('batch.exported', { batchId: report.batch?.batchId, payer: request.payerId, format: request.format, claims: report.claimIds.length, held: report.held.length });
    return report;
  });
}

export async function batchFile(ctx: AppContext, batchId: string): Promise<{ batch: BatchRecord; chunks: AsyncIterable<Buffer> }> {
  const batch = await ctx.store.read.batches.get(batchId);
  if (!batch) throw new AppError('not_found', `batch ${batchId} does not exist`);
  return { batch, chunks: ctx.store.read.batches.chunks(batchId) };
}

export function listBatches(ctx: AppContext, payerId?: string): Promise<BatchRecord[]> {
  return ctx.store.read.batches.list({ payerId });
}
