// Paper claims (CMS-1500 and UB-04 PDFs) and DHCS invoices leave as batches, like an 837: the payer's
// format decisions are brought up to date, the claims going in this format are checked again on
// the day they leave, the ones that fail are held back and listed, and the rest become one file.
// Everything (decisions, invoice number, file bytes, claim status, 'batched' events) is one
// write transaction, so a failed export leaves nothing behind and uses no invoice number.

import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { toCents } from '../../domain/money.js';
import { buildInvoice, missingInvoiceFields } from '../../pdf/invoice.js';
import { invoiceCsv } from '../../pdf/invoice-csv.js';
import { renderInvoicePdf } from '../../pdf/invoice-pdf.js';
import type { InvoiceFileFormat, InvoiceRecord } from '../../store/document-store.js';
import type { StoredClaim } from '../../store/claim-store.js';
import type { Repositories } from '../../store/store.js';
import { hasErrors } from '../../validation/runner.js';
import { timestamp, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { groupByClaim, loadReadyClaims, nextBatchId, screenClaims, type ExportReport, type Screened } from '../exports/x12-batch.js';
import { BatchFileSink, storeBatchFile } from './batch-file.js';
import { paperFitIssues } from './paper-fit.js';
import { checkFormMode, paperForm, printOffsetFor, type FormMode, type PaperFormat, type PrintOffset } from './paper-forms.js';
import { formatLabel, invoiceMinimumIssues } from '../claims/format-choice.js';
import { applyFormatDecisions, type FormatDecision } from '../claims/formats.js';
import { checkPayerPeriod, loadParties, submissionClock, withMembers } from '../submission-parties.js';

export type DocumentFormat = PaperFormat | 'invoice';

interface DocumentRequest {
  payerId: string;
  period?: string;
  /**
   * Exactly these claims, whatever format was decided for them (they must be ready and belong
   * to the payer): how a biller prints an 837 payer's claims on paper.
   */
  claimIds?: string[];
}

export interface PaperExportRequest extends DocumentRequest {
  mode: FormMode;
  /** printer alignment in points, print mode only */
  offset?: PrintOffset;
}
export type Cms1500ExportRequest = PaperExportRequest;
export type Ub04ExportRequest = PaperExportRequest;

export interface InvoiceExportRequest extends DocumentRequest {
  /** which rendering goes into the batch file; the invoice keeps both */
  fileFormat: InvoiceFileFormat;
}

export interface DocumentExportReport extends ExportReport {
  /** the format decided for every unsent claim in scope, with the reason */
  decisions: FormatDecision[];
  invoice?: InvoiceRecord;
}

interface ProducedFile {
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  details: Record<string, unknown>;
  /** records that must follow the batch row (they reference it) */
  afterBatch?: () => Promise<void>;
}

interface Production {
  repos: Repositories;
  parties: SubmissionParties;
  claims: ClaimWithParties[];
  batchId: string;
  clock: SubmissionClock;
  at: string;
}

export function exportCms1500Batch(ctx: AppContext, request: Cms1500ExportRequest): Promise<DocumentExportReport> {
  return exportPaperBatch(ctx, 'cms1500', request);
}

export function exportUb04Batch(ctx: AppContext, request: Ub04ExportRequest): Promise<DocumentExportReport> {
  return exportPaperBatch(ctx, 'ub04', request);
}

/** One PDF of the payer's claims decided for this paper form (or the claims named), one form or more per claim. */
export async function exportPaperBatch(ctx: AppContext, format: PaperFormat, request: PaperExportRequest): Promise<DocumentExportReport> {
  checkFormMode(request.mode);
  const form = paperForm(format);
  return exportDocuments(ctx, request, format, async ({ repos, parties, claims, batchId, clock }) => {
    const sink = new BatchFileSink(repos.batches, batchId);
    const offset = printOffsetFor(request);
    await form.write({ parties, claims }, { mode: request.mode, offset, clock }, sink);
    return {
      fileName: `${batchId}-${request.payerId}-${form.fileSuffix}.pdf`,
      mediaType: 'application/pdf',
      bytes: sink.bytes,
      sha256: sink.sha256(),
      details: { mode: request.mode, ...(offset ? { offset } : {}) },
    };
  });
}

export function exportInvoiceBatch(ctx: AppContext, request: InvoiceExportRequest): Promise<DocumentExportReport> {
  if (request.fileFormat !== 'csv' && request.fileFormat !== 'pdf') return Promise.reject(new AppError('invalid', 'an invoice is delivered as csv or pdf'));
  return exportDocuments(ctx, request, 'invoice', async ({ repos, parties, claims, batchId, clock, at }) => {
    const number = await repos.documents.nextInvoiceNumber();
    const invoice = buildInvoice(parties, claims, number, clock.date);
    const csv = Buffer.from(invoiceCsv(invoice), 'utf8');
    const pdf = await renderInvoicePdf(invoice, { clock });
    const delivered = request.fileFormat === 'csv' ? csv : pdf;
    const stored = await storeBatchFile(repos.batches, batchId, delivered);
    return {
      fileName: `${number}-${request.payerId}.${request.fileFormat}`,
      mediaType: request.fileFormat === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf',
      ...stored,
      details: { invoiceNumber: number },
      afterBatch: () =>
        repos.documents.insertInvoice(
          {
            number,
            batchId,
            payerId: request.payerId,
            period: request.period,
            invoiceDate: invoice.date,
            lineCount: invoice.lines.length,
            memberCount: invoice.sections.length,
            totalChargeCents: toCents(invoice.total),
            deliveredAs: request.fileFormat,
            csv,
            pdf,
            createdAt: at,
          },
          claims.map((c) => c.claim.id),
        ),
    };
  });
}

function exportDocuments(ctx: AppContext, request: DocumentRequest, target: DocumentFormat, produce: (p: Production) => Promise<ProducedFile>): Promise<DocumentExportReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    await checkPayerPeriod(repos, { payerId: request.payerId, period: request.period });
    const at = timestamp(ctx);
    const clock = submissionClock(ctx);
    // The PDF renderers are asynchronous, so the transaction is held across awaits; the write
    // lock keeps every other writer of this process out until it commits or rolls back.
    const report = await ctx.store.withTransaction(async (): Promise<DocumentExportReport> => {
      const parties = await loadParties(repos, request.payerId);
      const decisions = await applyFormatDecisions(ctx, repos, { payerId: request.payerId, period: request.period, claimIds: request.claimIds });
      const claims = await withMembers(repos, await selectClaims(repos, request, target, decisions));
      const screened = await screenDocuments(ctx, repos, parties, claims, target, clock, at);
      if (screened.passing.length === 0) return { claimIds: [], held: screened.held, warnings: screened.warnings, decisions };

      const batchId = await nextBatchId(repos);
      const file = await produce({ repos, parties, claims: screened.passing, batchId, clock, at });
      const claimIds = screened.passing.map((c) => c.claim.id);
      await repos.batches.insert(
        {
          batchId,
          payerId: request.payerId,
          format: target,
          period: request.period,
          createdAt: at,
          transactionCount: 0,
          claimCount: claimIds.length,
          totalChargeCents: screened.passing.reduce((sum, c) => sum + toCents(c.claim.totalCharge), 0),
          fileName: file.fileName,
          mediaType: file.mediaType,
          bytes: file.bytes,
          sha256: file.sha256,
        },
        claimIds,
      );
      await file.afterBatch?.();
      await markBatched(repos, screened, target, { batchId, format: target, ...file.details }, clock, at);
      const invoice = await repos.documents.invoiceOfBatch(batchId);
      return { batch: (await repos.batches.get(batchId))!, claimIds, held: screened.held, warnings: screened.warnings, decisions, ...(invoice ? { invoice } : {}) };
    });
    ctx.logger.info('batch.exported', { batchId: report.batch?.batchId, payer: request.payerId, format: target, claims: report.claimIds.length, held: report.held.length, invoice: report.invoice?.number });
    return report;
  });
}

async function selectClaims(repos: Repositories, request: DocumentRequest, target: DocumentFormat, decisions: readonly FormatDecision[]): Promise<StoredClaim[]> {
  if (request.claimIds) return loadReadyClaims(repos, request.payerId, request.claimIds, (id) => ({ decisions: decisions.filter((d) => d.claimId === id) }));
  const ids = await repos.claims.ids({ payerId: request.payerId, period: request.period, status: 'ready' });
  const claims = (await repos.claims.loadMany(ids)).filter((c) => c.format === target);
  if (claims.length === 0) {
    const scope = request.period ? ` for ${request.period}` : '';
    const others = [...new Set(decisions.filter((d) => d.status === 'ready').map((d) => formatLabel(d.format)))];
    const hint = others.length > 0 ? ` (its ready claims go as ${others.join(', ')}; name claims to send them as ${formatLabel(target)} anyway)` : '';
    throw new AppError('invalid', `payer ${request.payerId} has no ready claims${scope} to send as ${formatLabel(target)}${hint}`, { decisions });
  }
  return claims;
}

/** Validation for the document's format on the day it leaves, and for a paper form whether it fits. */
function screenDocuments(ctx: AppContext, repos: Repositories, parties: SubmissionParties, claims: readonly ClaimWithParties[], target: DocumentFormat, clock: SubmissionClock, at: string): Promise<Screened> {
  return screenClaims(ctx, repos, parties, claims, target, at, {
    extraIssues: (item, issues) =>
      target === 'invoice'
        ? invoiceMinimumIssues(item.claim, missingInvoiceFields(parties, item))
        : hasErrors(issues)
          ? []
          : paperFitIssues(paperForm(target), parties, item, clock),
    // A claim asked for in another format than its own stays as it is: it is still good for its own.
    demote: (item) => item.claim.format === target,
  });
}

async function markBatched(repos: Repositories, screened: Screened, target: DocumentFormat, details: Record<string, unknown>, clock: SubmissionClock, at: string): Promise<void> {
  const warningsOf = groupByClaim(screened.warnings);
  for (const item of screened.passing) {
    const claim = item.claim;
    if (claim.format !== target) await repos.claims.setFormat(claim.id, target, `${formatLabel(target)} requested at export (decided ${formatLabel(claim.format)})`, at);
    await repos.claims.setStatus(claim.id, 'batched', at);
    await repos.claims.replaceIssues(claim.id, warningsOf.get(claim.id) ?? []);
    await repos.events.append({ claimId: claim.id, kind: 'batched', date: clock.date, details, recordedAt: at });
  }
}
