// /api/batches: export a payer's ready claims as one file (837P/837I, CMS-1500 or UB-04 PDF, or
// DHCS invoice), list them, the file again (a paper batch in the other mode), and the day it was sent.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Readable } from 'node:stream';
import type { AppContext } from '../../app/context.js';
import { INVOICE_FILE_FORMATS } from '../../app/documents/invoices.js';
import { FORM_MODES, type PaperFormat } from '../../app/documents/paper-forms.js';
import { redrawPaperBatch } from '../../app/documents/redraw.js';
import { AppError } from '../../app/errors.js';
import { batchFile, listBatches, X12_EXPORT_FORMATS } from '../../app/exports/x12-batch.js';
import { exportAny } from '../../app/exports/any-export.js';
import { submitBatch } from '../../app/remittances/submit.js';
import { ClaimFormatSchema } from '../../domain/reference.js';
import type { ApiEnv } from '../auth.js';
import { conflict, DateSchema, errorResponses, IdParam, IssueSchema, MAX_OFFSET, notFound, offsetParam, PeriodSchema, StatusChangeSchema } from '../schemas.js';
import { InvoiceSchema } from './invoices.js';
import { PreferHeader, queuedResponse, queueJob, wantsJob } from './jobs.js';

export const BatchSchema = z
  .object({
    batchId: z.string(),
    payerId: z.string(),
    format: z.string(),
    period: z.string().optional(),
    createdAt: z.string(),
    submittedOn: z.string().optional(),
    interchangeControl: z.string().optional(),
    groupControl: z.string().optional(),
    firstTransactionControl: z.string().optional(),
    transactionCount: z.number().int(),
    senderId: z.string().optional(),
    claimCount: z.number().int(),
    totalCharge: z.string(),
    fileName: z.string(),
    mediaType: z.string(),
    bytes: z.number().int(),
    sha256: z.string(),
  })
  .openapi('Batch');

const HeldSchema = z.object({ claimId: z.string(), issues: z.array(IssueSchema) });

const exportScope = {
  payerId: z.string().min(1),
  period: PeriodSchema.optional(),
  claimIds: z.array(z.string()).max(100_000).optional(),
};

const X12ExportRequestSchema = z.object({ ...exportScope, format: z.enum(X12_EXPORT_FORMATS) }).strict().openapi('X12ExportRequest');

const offset = z.number().min(-MAX_OFFSET).max(MAX_OFFSET);

const FileQuery = z.object({
  mode: z
    .enum(FORM_MODES)
    .optional()
    .openapi({ param: { name: 'mode', in: 'query' }, description: 'CMS-1500 and UB-04 batches: its claims drawn again in this mode, instead of the file as issued (which stays kept)' }),
  offsetX: offsetParam('offsetX', 'with mode=print: points to the right (negative: left)'),
  offsetY: offsetParam('offsetY', 'with mode=print: points down (negative: up)'),
});

/** A paper form's export: the same fields for the CMS-1500 and the UB-04. */
const paperExportRequest = <F extends PaperFormat>(format: F) =>
  z
    .object({
      ...exportScope,
      format: z.literal(format),
      mode: z.enum(FORM_MODES).default('form').openapi({ description: 'form: the whole form on plain paper; print: the data only, for pre-printed forms' }),
      offsetX: offset.optional().openapi({ description: 'print mode: points to the right (negative: left)' }),
      offsetY: offset.optional().openapi({ description: 'print mode: points down (negative: up)' }),
    })
    .strict();

const Cms1500ExportRequestSchema = paperExportRequest('cms1500').openapi('Cms1500ExportRequest');
const Ub04ExportRequestSchema = paperExportRequest('ub04').openapi('Ub04ExportRequest');

const InvoiceExportRequestSchema = z
  .object({
    ...exportScope,
    format: z.literal('invoice'),
    invoiceFormat: z.enum(INVOICE_FILE_FORMATS).default('csv').openapi({ description: 'the rendering that goes into the batch file; the invoice keeps both' }),
  })
  .strict()
  .openapi('InvoiceExportRequest');

const ExportRequestSchema = z.discriminatedUnion('format', [X12ExportRequestSchema, Cms1500ExportRequestSchema, Ub04ExportRequestSchema, InvoiceExportRequestSchema]).openapi('ExportRequest');

const FormatDecisionSchema = z
  .object({
    claimId: z.string(),
    payerId: z.string(),
    period: z.string(),
    preferred: ClaimFormatSchema,
    format: ClaimFormatSchema,
    status: z.enum(['draft', 'ready']),
    reason: z.string().optional().openapi({ example: 'billing provider has no NPI' }),
    changed: z.boolean(),
  })
  .openapi('FormatDecision');

const ExportReportSchema = z
  .object({
    batch: BatchSchema.optional(),
    claimIds: z.array(z.string()),
    held: z.array(HeldSchema),
    warnings: z.array(IssueSchema),
    decisions: z.array(FormatDecisionSchema).optional().openapi({ description: 'CMS-1500, UB-04 and invoice exports: the format decided for each unsent claim in scope' }),
    invoice: InvoiceSchema.optional(),
  })
  .openapi('ExportReport');

const SubmitRequestSchema = z.object({ date: DateSchema.optional() }).strict().openapi('SubmitRequest');
const SubmitReportSchema = z
  .object({ batchId: z.string(), submittedOn: z.string(), claimIds: z.array(z.string()), alreadyRecorded: z.boolean(), statusChanges: z.array(StatusChangeSchema), warnings: z.array(z.string()) })
  .openapi('SubmitReport');

export function batchRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/batches',
      summary: "Export a payer's ready claims as one file",
      description:
        'Claims with errors for the target format are held back and listed. 837p/837i: the rest go into one interchange with fresh control numbers. cms1500: one PDF, a form per claim, of the claims whose decided format is cms1500 (or the claimIds named). ub04: the same on UB-04 forms (a claim with more lines than a page holds continues on further pages). invoice: one DHCS minimum-data invoice with a fresh invoice number, its lines grouped by member, of the claims whose decided format is invoice (or the claimIds named); the response lists the format decided for each claim and why.',
      security: [{ Bearer: [] }],
      request: { headers: PreferHeader, body: { required: true, content: { 'application/json': { schema: ExportRequestSchema } } } },
      responses: { 201: { content: { 'application/json': { schema: ExportReportSchema } }, description: 'The batch (absent when every claim was held)' }, ...queuedResponse, ...errorResponses, ...notFound },
    }),
    async (c) => (wantsJob(c) ? c.json(await queueJob(c, { kind: 'export', request: c.req.valid('json') }), 202) : c.json(await exportAny(c.var.ctx, c.req.valid('json')), 201)),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches',
      summary: 'List batches',
      security: [{ Bearer: [] }],
      request: { query: z.object({ payer: z.string().optional() }) },
      responses: { 200: { content: { 'application/json': { schema: z.array(BatchSchema) } }, description: 'Batches' }, ...errorResponses },
    }),
    async (c) => c.json(await listBatches(c.var.ctx, c.req.valid('query').payer), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{id}',
      summary: 'One batch with its claim ids',
      security: [{ Bearer: [] }],
      request: { params: IdParam },
      responses: { 200: { content: { 'application/json': { schema: BatchSchema.extend({ claimIds: z.array(z.string()) }) } }, description: 'The batch' }, ...errorResponses, ...notFound },
    }),
    async (c) => {
      const { batch } = await batchFile(c.var.ctx, c.req.valid('param').id);
      return c.json({ ...batch, claimIds: await c.var.ctx.store.read.batches.claimIds(batch.batchId) }, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/batches/{id}/file',
      summary: 'The exact bytes of the exported file, again',
      description: 'With mode, a CMS-1500 or UB-04 batch is drawn again in that mode (form: plain paper; print: pre-printed forms, with offsetX/offsetY): the same claims and data, dated as the batch; the issued file stays as it was.',
      security: [{ Bearer: [] }],
      request: { params: IdParam, query: FileQuery },
      responses: {
        200: { content: { 'application/edi-x12': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The file' },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const { mode, offsetX, offsetY } = c.req.valid('query');
      const printOffset = offsetX !== undefined || offsetY !== undefined ? { x: offsetX ?? 0, y: offsetY ?? 0 } : undefined;
      if (printOffset && mode !== 'print') throw new AppError('invalid', 'offsetX and offsetY line data up with pre-printed forms: use them with mode=print');
      if (mode) {
        const drawing = await redrawPaperBatch(c.var.ctx, c.req.valid('param').id, { mode, offset: printOffset });
        // Drawn as it is sent, so its length is not known up front.
        const pdf = Readable.toWeb(Readable.from(drawing.chunks)) as unknown as ReadableStream<Uint8Array>;
        return c.body(pdf, 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${drawing.fileName}"` });
      }
      const { batch, chunks } = await batchFile(c.var.ctx, c.req.valid('param').id);
      const body = Readable.toWeb(Readable.from(chunks)) as unknown as ReadableStream<Uint8Array>;
      return c.body(body, 200, {
        'content-type': batch.mediaType,
        'content-length': String(batch.bytes),
        'content-disposition': `attachment; filename="${batch.fileName}"`,
        etag: `"${batch.sha256}"`,
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/batches/{id}/submitted',
      summary: 'Record that a batch was sent to the payer',
      description: 'Adds a submitted event (with the date, default today) to every claim of the batch. The date is the receipt date when the payer sends none. Recording the same date again changes nothing; another date is a conflict.',
      security: [{ Bearer: [] }],
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: SubmitRequestSchema } } } },
      responses: { 200: { content: { 'application/json': { schema: SubmitReportSchema } }, description: 'Recorded' }, ...errorResponses, ...notFound, ...conflict },
    }),
    async (c) => {
      const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      return c.json(await submitBatch(c.var.ctx, c.req.valid('param').id, body.date), 200);
    },
  );
}
