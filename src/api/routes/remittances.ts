// /api/remittances: payer files (999, 277CA, 835) in, the files received, and what matched no claim.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { ingestPayerFile } from '../../app/remittances/ingest.js';
import { listPayerFiles, listUnmatched } from '../../app/remittances/queries.js';
import type { ApiEnv } from '../auth.js';
import { PreferHeader, queuedResponse, queueJob, wantsJob, wholeBody } from './jobs.js';
import { formFile, mediaType } from '../uploads.js';
import { errorResponses, StatusChangeSchema } from '../schemas.js';

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

const IngestReportSchema = z
  .object({ file: PayerFileSchema, duplicate: z.boolean(), statusChanges: z.array(StatusChangeSchema), unmatched: z.array(UnmatchedSchema), unmatchedTruncated: z.boolean() })
  .openapi('IngestReport');

const ingestRoute = createRoute({
  method: 'post',
  path: '/api/remittances',
  summary: 'Ingest a payer file: 999, 277CA or 835',
  description:
    'The raw X12 file as the body (any content type, or multipart/form-data with a file field); the kind is read from its headers. The same file again (sender, ISA13 and bytes) changes nothing and answers 200 with duplicate: true. Items that match no claim are kept and listed. A file that cannot be read is refused (400, naming the segment) and nothing is written.',
  security: [{ Bearer: [] }],
  request: {
    query: z.object({ name: z.string().max(100).optional().openapi({ description: 'file name to show in lists' }) }),
    headers: PreferHeader,
    body: { required: true, content: { 'application/edi-x12': { schema: z.string() }, 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }) }) } } },
  },
  responses: {
    201: { content: { 'application/json': { schema: IngestReportSchema } }, description: 'Ingested' },
    200: { content: { 'application/json': { schema: IngestReportSchema } }, description: 'This file had been ingested before; nothing changed' },
    ...queuedResponse,
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
  if (mediaType(c) === 'multipart/form-data') {
    const file = await formFile(c);
    const name = displayName(file.name);
    return { stream: Readable.fromWeb(file.stream() as unknown as WebReadableStream<Uint8Array>), ...(name !== undefined ? { name } : {}) };
  }
  const body = c.req.raw.body;
  if (!body) throw new AppError('invalid', 'the body is empty: send the 999, 277CA or 835 file as the body');
  return { stream: Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>) };
}

export function remittanceRoutes(app: OpenAPIHono<ApiEnv>): void {
  // Documented from the route definition but routed by hand: the body is the raw file, streamed.
  app.openAPIRegistry.registerPath(ingestRoute);
  app.post('/api/remittances', async (c) => {
    if (wantsJob(c)) {
      const { bytes, name } = await wholeBody(c);
      const shown = displayName(c.req.query('name')) ?? displayName(name);
      return c.json(await queueJob(c, { kind: 'ingest', request: { source: `api:${c.get('actor')}${shown !== undefined ? `:${shown}` : ''}` } }, bytes), 202);
    }
    const { stream, name } = await payerFileBody(c);
    const shown = displayName(c.req.query('name')) ?? name;
    const report = await ingestPayerFile(c.var.ctx, stream, { source: `api:${c.get('actor')}${shown !== undefined ? `:${shown}` : ''}` });
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
    async (c) => c.json(await listPayerFiles(c.var.ctx), 200),
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
    async (c) => {
      const { file } = c.req.valid('query');
      return c.json(await listUnmatched(c.var.ctx, file !== undefined ? { fileId: file } : {}), 200);
    },
  );
}
