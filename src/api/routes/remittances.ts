// Payer responses (999, 277CA, 835), payments, claim timelines and timeliness metrics over HTTP.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { ingestPayerFile } from '../../app/remittances/ingest.js';
import { lateClaims, timelinessMetrics } from '../../app/reports/timeliness.js';
import { recordPayment } from '../../app/remittances/payments.js';
import { claimTimeline, listPayerFiles, listUnmatched } from '../../app/remittances/queries.js';
import { submitBatch } from '../../app/remittances/submit.js';
import { CLAIM_STATUSES } from '../../domain/claim.js';
import { timelinessCsv } from '../../metrics/timeliness-csv.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses, ErrorSchema, IdParam } from '../schemas.js';

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be written YYYY-MM-DD').openapi({ example: '2026-03-06' });
const AmountSchema = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'must be an amount such as 165.00').openapi({ example: '165.00' });

const DateFieldSchema = z.enum(['paymentDate', 'receivedDate', 'acceptedDate']);
const FileWarningSchema = z
  .object({ code: z.literal('date_before_submission'), claimId: z.string(), eventId: z.number().int().optional(), eventKind: z.string(), field: z.string(), date: z.string(), submittedDate: z.string(), message: z.string() })
  .openapi('PayerFileWarning');

const PayerFileSchema = z
  .object({
    fileId: z.number().int(),
    senderId: z.string(),
    interchangeControl: z.string(),
    sha256: z.string(),
    kinds: z.array(z.string()),
    fileDate: z.string().optional(),
    source: z.string(),
    bytes: z.number().int(),
    receivedAt: z.string(),
    events: z.number().int(),
    unmatched: z.number().int(),
    claimsUpdated: z.number().int(),
    warnings: z.array(FileWarningSchema).openapi({ description: 'payer dates before the claim was sent: the events are kept, the claims left out of the timeliness rates' }),
  })
  .openapi('PayerFile');

const UnmatchedSchema = z
  .object({
    itemId: z.number().int(),
    fileId: z.number().int(),
    source: z.string().openapi({ example: '835' }),
    claimId: z.string().optional(),
    payerClaimControlNumber: z.string().optional(),
    groupControlNumber: z.string().optional(),
    transactionControlNumber: z.string().optional(),
    reason: z.string().openapi({ example: 'no claim C009999' }),
    details: z.record(z.string(), z.unknown()),
    senderId: z.string(),
    interchangeControl: z.string(),
    receivedAt: z.string(),
  })
  .openapi('UnmatchedItem');

const StatusChangeSchema = z.object({ claimId: z.string(), from: z.enum(CLAIM_STATUSES), to: z.enum(CLAIM_STATUSES) });

const IngestReportSchema = z
  .object({ file: PayerFileSchema, duplicate: z.boolean(), statusChanges: z.array(StatusChangeSchema), unmatched: z.array(UnmatchedSchema), unmatchedTruncated: z.boolean() })
  .openapi('IngestReport');

const SubmitRequestSchema = z.object({ date: DateSchema.optional() }).strict().openapi('SubmitRequest');
const SubmitReportSchema = z
  .object({ batchId: z.string(), submittedOn: z.string(), claimIds: z.array(z.string()), alreadyRecorded: z.boolean(), statusChanges: z.array(StatusChangeSchema), warnings: z.array(z.string()) })
  .openapi('SubmitReport');

const PaymentRequestSchema = z
  .object({ claimId: z.string().min(1).max(40), date: DateSchema, amount: AmountSchema, reference: z.string().min(1).max(50).optional(), note: z.string().max(500).optional() })
  .strict()
  .openapi('PaymentRequest');
const PaymentReportSchema = z
  .object({ claimId: z.string(), eventId: z.number().int(), duplicate: z.boolean(), status: z.string().optional(), paid: z.string(), charge: z.string(), warnings: z.array(z.string()).optional() })
  .openapi('PaymentReport');

const HistorySchema = z
  .object({
    claimId: z.string(),
    payerId: z.string(),
    status: z.string().optional(),
    receiptDate: z.string().optional(),
    submittedDate: z.string().optional(),
    paymentDate: z.string().optional(),
    adjudicationDate: z.string().optional(),
    clean: z.boolean(),
    charge: z.string(),
    paid: z.string(),
    denialReasons: z.array(z.object({ group: z.string(), code: z.string(), amount: z.string() })),
    rejectionReasons: z.array(z.string()),
    submissions: z.number().int(),
    dateAnomalies: z.array(z.object({ eventId: z.number().int().optional(), kind: z.string(), field: DateFieldSchema, date: z.string(), submittedDate: z.string() })),
    dateAnomaly: z.boolean().openapi({ description: 'the latest attempt has a payer date before its send date: left out of the timeliness rates' }),
  })
  .openapi('ClaimHistory');

const TimelineSchema = z
  .object({
    claimId: z.string(),
    payerId: z.string(),
    status: z.string(),
    totalCharge: z.string(),
    history: HistorySchema,
    events: z.array(
      z.object({
        eventId: z.number().int(),
        kind: z.string().openapi({ example: 'paid' }),
        date: z.string(),
        amount: z.string().optional(),
        details: z.record(z.string(), z.unknown()),
        source: z.string().optional(),
        recordedAt: z.string(),
        warnings: z.array(z.string()).optional(),
      }),
    ),
  })
  .openapi('ClaimTimeline');

const WindowSchema = z
  .object({
    days: z.number().int(),
    targetPercent: z.number(),
    within: z.number().int(),
    censored: z.number().int().openapi({ description: 'clean claims received fewer than `days` ago and not yet paid: left out of the rate' }),
    denominator: z.number().int(),
    rate: z.string().nullable().openapi({ example: '93.3' }),
    targetMet: z.boolean().nullable(),
  })
  .openapi('TimelinessWindow');
const WindowPairSchema = z.object({ within30: WindowSchema, within90: WindowSchema });
const TimelinessRowSchema = z
  .object({
    payerId: z.string(),
    receiptMonth: z.string().openapi({ example: '2026-10' }),
    claimsReceived: z.number().int(),
    cleanClaimsReceived: z.number().int(),
    dateAnomalies: z.number().int().openapi({ description: 'clean claims left out of every rate: a payer date before the claim was sent' }),
    paid: WindowPairSchema,
    adjudicated: WindowPairSchema,
    open: z.array(z.object({ label: z.enum(['0-30', '31-60', '61-90', '90+']), count: z.number().int(), amount: z.string() })),
    amounts: z
      .object({ billed: z.string(), paid: z.string(), outstanding: z.string() })
      .openapi({ description: 'dollars over the claims received in the row: charges, payments net of reversals, unpaid balance of the claims not yet paid or denied' }),
  })
  .openapi('TimelinessRow');
const TimelinessSchema = z
  .object({
    asOf: z.string(),
    filter: z.object({ payerId: z.string().optional(), from: z.string().optional(), to: z.string().optional() }),
    payerNames: z.record(z.string(), z.string()),
    payers: z.array(
      z.object({
        payerId: z.string(),
        months: z.array(TimelinessRowSchema),
        total: TimelinessRowSchema,
        denialReasons: z.array(z.object({ code: z.string(), description: z.string().optional(), claims: z.number().int(), amount: z.string() })),
      }),
    ),
  })
  .openapi('TimelinessReport');

const MetricsQuery = z.object({
  payer: z.string().optional(),
  from: z.string().optional().openapi({ description: 'first receipt date (YYYY-MM-DD) or month (YYYY-MM)' }),
  to: z.string().optional().openapi({ description: 'last receipt date (YYYY-MM-DD) or month (YYYY-MM)' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv is also chosen by Accept: text/csv' }),
});

const LateClaimSchema = z
  .object({ claimId: z.string(), payerId: z.string(), status: z.string(), receiptDate: z.string(), daysSinceReceipt: z.number().int(), charge: z.string(), paid: z.string(), unpaid: z.string() })
  .openapi('LateClaim');

const notFound = { 404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Not found' } };
const conflict = { 409: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Conflicts with what is recorded' } };

const ingestRoute = createRoute({
  method: 'post',
  path: '/api/remittances',
  summary: 'Ingest a payer file: 999, 277CA or 835',
  description:
    'The raw X12 file as the body (any content type, or multipart/form-data with a file field); the kind is read from its headers. The same file again (sender, ISA13 and bytes) changes nothing and answers 200 with duplicate: true. Items that match no claim are kept and listed. A file that cannot be read is refused (400, naming the segment) and nothing is written.',
  security: [{ Bearer: [] }],
  request: {
    query: z.object({ name: z.string().max(100).optional().openapi({ description: 'file name to show in lists' }) }),
    body: { required: true, content: { 'application/edi-x12': { schema: z.string() }, 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } },
  },
  responses: {
    201: { content: { 'application/json': { schema: IngestReportSchema } }, description: 'Ingested' },
    200: { content: { 'application/json': { schema: IngestReportSchema } }, description: 'This file had been ingested before; nothing changed' },
    ...errorResponses,
  },
});

/** A name to show in lists: the last path part, in characters that need no escaping. */
function displayName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return clean === '' ? undefined : clean;
}

async function payerFileBody(c: Context<ApiEnv>): Promise<{ stream: Readable; name?: string }> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) throw new AppError('invalid', 'send the file in a form field named "file"');
    const name = displayName(file.name);
    return { stream: Readable.fromWeb(file.stream() as unknown as WebReadableStream<Uint8Array>), ...(name !== undefined ? { name } : {}) };
  }
  const body = c.req.raw.body;
  if (!body) throw new AppError('invalid', 'the body is empty: send the 999, 277CA or 835 file as the body');
  return { stream: Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>) };
}

export function remittanceRoutes(app: OpenAPIHono<ApiEnv>, ctx: AppContext): void {
  // Documented from the route definition but routed by hand: the body is the raw file, streamed.
  app.openAPIRegistry.registerPath(ingestRoute);
  app.post('/api/remittances', async (c) => {
    const { stream, name } = await payerFileBody(c);
    const shown = displayName(c.req.query('name')) ?? name;
    const report = await ingestPayerFile(ctx, stream, { source: `api:${c.get('keyId')}${shown !== undefined ? `:${shown}` : ''}` });
    return c.json(report, report.duplicate ? 200 : 201);
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/remittances',
      summary: 'Payer files received, newest first',
      security: [{ Bearer: [] }],
      responses: { 200: { content: { 'application/json': { schema: z.array(PayerFileSchema) } }, description: 'Payer files' }, ...errorResponses },
    }),
    (c) => c.json(listPayerFiles(ctx), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/remittances/unmatched',
      summary: 'Items of payer files that matched no claim',
      description: 'A 999 for a group we did not send, a 277CA or 835 claim we do not know, an 835 claim with no payment outcome. They are kept for billing staff to resolve, never dropped.',
      security: [{ Bearer: [] }],
      request: { query: z.object({ file: z.coerce.number().int().positive().optional() }) },
      responses: { 200: { content: { 'application/json': { schema: z.array(UnmatchedSchema) } }, description: 'Unmatched items in file order' }, ...errorResponses },
    }),
    (c) => {
      const { file } = c.req.valid('query');
      return c.json(listUnmatched(ctx, file !== undefined ? { fileId: file } : {}), 200);
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
      return c.json(await submitBatch(ctx, c.req.valid('param').id, body.date), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/payments',
      summary: 'Record a payment received without an 835 (invoices, paper checks)',
      description: 'The date is the check or EFT date. The same payment again (claim, date, amount, reference) is recorded once and answers 200 with duplicate: true.',
      security: [{ Bearer: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: PaymentRequestSchema } } } },
      responses: {
        201: { content: { 'application/json': { schema: PaymentReportSchema } }, description: 'Recorded' },
        200: { content: { 'application/json': { schema: PaymentReportSchema } }, description: 'Already recorded' },
        ...errorResponses,
        ...notFound,
        ...conflict,
      },
    }),
    async (c) => {
      const report = await recordPayment(ctx, c.req.valid('json'));
      return c.json(report, report.duplicate ? 200 : 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/claims/{id}/timeline',
      summary: "A claim's events, in the order they were learned, and what they add up to",
      security: [{ Bearer: [] }],
      request: { params: IdParam },
      responses: { 200: { content: { 'application/json': { schema: TimelineSchema } }, description: 'The timeline' }, ...errorResponses, ...notFound },
    }),
    (c) => c.json(claimTimeline(ctx, c.req.valid('param').id), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/metrics/timeliness',
      summary: 'Clean-claim payment timeliness per payer and receipt month',
      description:
        'Per payer and month of receipt: clean claims, paid (and adjudicated) within 30 and 90 days against the 90% and 99% targets, claims too recent to judge (censored), open claims by age, and denial reasons ranked. JSON, or CSV with Accept: text/csv or format=csv.',
      security: [{ Bearer: [] }],
      request: { query: MetricsQuery },
      responses: {
        200: { content: { 'application/json': { schema: TimelinessSchema }, 'text/csv': { schema: z.string() } }, description: 'The report' },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const report = await timelinessMetrics(ctx, { ...(q.payer !== undefined ? { payerId: q.payer } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) });
      if (wantsCsv(q.format, c.req.header('accept'))) {
        return c.body(timelinessCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="timeliness-${report.asOf}.csv"` });
      }
      return c.json(report, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/metrics/late-claims',
      summary: 'Clean claims that have waited 30 days or more for payment',
      security: [{ Bearer: [] }],
      request: { query: MetricsQuery.omit({ format: true }) },
      responses: { 200: { content: { 'application/json': { schema: z.array(LateClaimSchema) } }, description: 'Oldest first' }, ...errorResponses, ...notFound },
    }),
    (c) => {
      const q = c.req.valid('query');
      return c.json(lateClaims(ctx, { ...(q.payer !== undefined ? { payerId: q.payer } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) }), 200);
    },
  );
}

function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (accept ?? '').split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === 'text/csv');
}
