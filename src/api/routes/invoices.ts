// /api/invoices: the DHCS minimum-data invoices issued, and either rendering of one as issued.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppContext } from '../../app/context.js';
import { INVOICE_FILE_FORMATS, invoiceFile, listInvoices, showInvoice, type InvoiceFileFormat } from '../../app/documents/invoices.js';
import { AppError } from '../../app/errors.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses, notFound } from '../schemas.js';

export const InvoiceSchema = z
  .object({
    number: z.string().openapi({ example: 'INV-000001' }),
    batchId: z.string(),
    payerId: z.string(),
    period: z.string().optional().openapi({ description: 'the period the export was limited to, if it was' }),
    billingPeriod: z.string().openapi({ description: 'the billing months of its claims', example: '2026-09 to 2026-10' }),
    invoiceDate: z.string().openapi({ example: '2026-11-25' }),
    claimCount: z.number().int(),
    lineCount: z.number().int(),
    memberCount: z.number().int(),
    totalCharge: z.string().openapi({ example: '260.50' }),
    deliveredAs: z.enum(INVOICE_FILE_FORMATS),
    csvSha256: z.string(),
    pdfSha256: z.string(),
    createdAt: z.string(),
  })
  .openapi('Invoice');

const InvoiceNumberParam = z.object({ id: z.string().min(1).max(40).openapi({ param: { name: 'id', in: 'path' }, example: 'INV-000001' }) });

const listRoute = createRoute({
  method: 'get',
  path: '/api/invoices',
  summary: 'Invoices issued, by number',
  security: [{ Bearer: [] }],
  request: { query: z.object({ payer: z.string().optional() }) },
  responses: { 200: { content: { 'application/json': { schema: z.array(InvoiceSchema) } }, description: 'Invoices' }, ...errorResponses },
});

const showRoute = createRoute({
  method: 'get',
  path: '/api/invoices/{id}',
  summary: 'One invoice with its claim ids',
  security: [{ Bearer: [] }],
  request: { params: InvoiceNumberParam },
  responses: { 200: { content: { 'application/json': { schema: InvoiceSchema.extend({ claimIds: z.array(z.string()) }) } }, description: 'The invoice' }, ...errorResponses, ...notFound },
});

const fileRoute = (format: InvoiceFileFormat, mediaType: string) =>
  createRoute({
    method: 'get',
    path: `/api/invoices/{id}.${format}`,
    summary: `The invoice as ${format.toUpperCase()}, exactly as it was issued`,
    description: 'Both renderings are made and kept when the invoice is issued, whichever one went into the batch file: either is the same invoice, number and data.',
    security: [{ Bearer: [] }],
    request: { params: InvoiceNumberParam },
    responses: { 200: { content: { [mediaType]: { schema: z.string().openapi(format === 'pdf' ? { format: 'binary' } : {}) } }, description: 'The invoice' }, ...errorResponses, ...notFound },
  });

async function sendInvoiceFile(ctx: AppContext, c: Context<ApiEnv>, format: InvoiceFileFormat): Promise<Response> {
  const name = c.req.param('file') ?? '';
  const parsed = InvoiceNumberParam.safeParse({ id: name.slice(0, -(format.length + 1)) });
  if (!parsed.success) throw new AppError('invalid', 'the invoice number is not valid');
  const file = await invoiceFile(ctx, parsed.data.id, format);
  return c.body(new Uint8Array(file.content), 200, {
    'content-type': file.mediaType,
    'content-length': String(file.content.length),
    'content-disposition': `attachment; filename="${file.fileName}"`,
    etag: `"${file.sha256}"`,
  });
}

export function invoiceRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(listRoute, async (c) => c.json(await listInvoices(c.var.ctx, c.req.valid('query').payer), 200));

  // The number and the extension share one path segment, which OpenAPI path templates express
  // ({id}.csv) but Hono's parameters do not: documented from the route definitions, routed by a
  // pattern, and registered before /api/invoices/{id} so that route never sees a file name.
  for (const format of INVOICE_FILE_FORMATS) {
    const mediaType = format === 'csv' ? 'text/csv' : 'application/pdf';
    app.openAPIRegistry.registerPath(fileRoute(format, mediaType));
    app.get(`/api/invoices/:file{.+\\.${format}}`, (c) => sendInvoiceFile(c.var.ctx, c, format));
  }

  app.openapi(showRoute, async (c) => c.json(await showInvoice(c.var.ctx, c.req.valid('param').id), 200));
}
