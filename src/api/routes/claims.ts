// /api/claims: build a period, list, show one with its lines, source rows and issues; validate
// without exporting; corrections; one claim on a CMS-1500 or a UB-04; a claim's timeline of payer events.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { buildClaims } from '../../app/claims/build.js';
import { listClaims, showClaim } from '../../app/claims/claim-queries.js';
import { correctClaim } from '../../app/claims/correct.js';
import { validateClaims } from '../../app/claims/validate.js';
import type { AppContext } from '../../app/context.js';
import { claimPaperPdf } from '../../app/documents/claim-pdf.js';
import { FORM_MODES, PAPER_FORMATS, paperForm, type PaperFormat } from '../../app/documents/paper-forms.js';
import { claimTimeline } from '../../app/remittances/queries.js';
import { ClaimFormatSchema } from '../../domain/reference.js';
import type { ApiEnv } from '../auth.js';
import { PreferHeader, queuedResponse, queueJob, wantsJob } from './jobs.js';
import { BuildReportSchema, BuildRequestSchema, ClaimDetailSchema, ClaimListQuery, ClaimSummarySchema, DateFieldSchema, errorResponses, ErrorSchema, IdParam, IssueSchema, notFound, offsetParam, PeriodSchema } from '../schemas.js';

const ValidateRequestSchema = z.object({ payerId: z.string().optional(), period: PeriodSchema.optional(), format: ClaimFormatSchema.optional() }).strict().openapi('ValidateRequest');
const ValidationReportSchema = z
  .object({
    claims: z.array(z.object({ claimId: z.string(), format: ClaimFormatSchema, status: z.enum(['draft', 'ready']), issues: z.array(IssueSchema) })),
    counts: z.object({ claims: z.number(), ready: z.number(), draft: z.number(), errors: z.number(), warnings: z.number() }),
  })
  .openapi('ValidationReport');

const CorrectionSchema = z.object({ kind: z.enum(['replace', 'void']), payerClaimNumber: z.string().min(1).max(50) }).strict().openapi('CorrectionRequest');

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

const buildRoute = createRoute({
  method: 'post',
  path: '/api/claims/build',
  summary: 'Build claims from the service log',
  description: "Replaces the scope's draft and ready claims; claims that have been batched or sent are never touched, and their rows are never billed again.",
  security: [{ Bearer: [] }],
  request: { headers: PreferHeader, body: { required: false, content: { 'application/json': { schema: BuildRequestSchema } } } },
  responses: { 200: { content: { 'application/json': { schema: BuildReportSchema } }, description: 'What was built and what could not be billed' }, ...queuedResponse, ...errorResponses },
});

const listClaimsRoute = createRoute({
  method: 'get',
  path: '/api/claims',
  summary: 'List claims',
  security: [{ Bearer: [] }],
  request: { query: ClaimListQuery },
  responses: { 200: { content: { 'application/json': { schema: z.array(ClaimSummarySchema) } }, description: 'Claims in id order' }, ...errorResponses },
});

const showClaimRoute = createRoute({
  method: 'get',
  path: '/api/claims/{id}',
  summary: 'One claim with lines, source rows and issues',
  security: [{ Bearer: [] }],
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: ClaimDetailSchema } }, description: 'The claim' },
    ...errorResponses,
    ...notFound,
  },
});

const PAPER_FORM_EDITIONS: Record<PaperFormat, string> = { cms1500: 'CMS-1500 (02/12)', ub04: 'UB-04 (CMS-1450)' };

/** One claim on a paper form: /api/claims/{id}/cms1500.pdf and /api/claims/{id}/ub04.pdf. */
const claimPdfRoute = (format: PaperFormat) => {
  const label = paperForm(format).label;
  return createRoute({
    method: 'get',
    path: `/api/claims/{id}/${format}.pdf`,
    summary: `One claim on a ${PAPER_FORM_EDITIONS[format]} form`,
    description: `form mode draws the whole form with the data (plain paper); print mode draws only the data, for pre-printed red forms, moved by offsetX/offsetY points to line up a printer. A claim with errors for the ${label} is refused (409) with its issues.`,
    security: [{ Bearer: [] }],
    request: {
      params: IdParam,
      query: z.object({
        mode: z.enum(FORM_MODES).default('form').openapi({ param: { name: 'mode', in: 'query' } }),
        offsetX: offsetParam('offsetX', 'points to the right (negative: left), print mode only'),
        offsetY: offsetParam('offsetY', 'points down (negative: up), print mode only'),
      }),
    },
    responses: {
      200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: format === 'ub04' ? 'The form: one page, more for a claim with more lines than a page holds' : 'The form, one page' },
      ...errorResponses,
      ...notFound,
      409: { content: { 'application/json': { schema: ErrorSchema } }, description: `The claim cannot go out on a ${label}; details.issues says why` },
    },
  });
};

export function claimRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(buildRoute, async (c) => {
    const type = c.req.header('content-type') ?? '';
    const body = type.includes('json') ? c.req.valid('json') : {};
    const filter = { ...(body.payerId ? { payerId: body.payerId } : {}), ...(body.period ? { period: body.period } : {}) };
    if (wantsJob(c)) return c.json(await queueJob(c, { kind: 'build', request: filter }), 202);
    return c.json(await buildClaims(c.var.ctx, filter), 200);
  });
  app.openapi(listClaimsRoute, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listClaims(c.var.ctx, { payerId: q.payer, period: q.period, status: q.status, limit: q.limit, offset: q.offset }), 200);
  });
  app.openapi(showClaimRoute, async (c) => {
    const claim = await showClaim(c.var.ctx, c.req.valid('param').id);
    return c.json({ ...claim, sourceRows: claim.sourceRows.map((r) => ({ ...r })) }, 200);
  });
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/claims/validate',
      summary: 'Validate unsent claims without exporting',
      security: [{ Bearer: [] }],
      request: { body: { required: false, content: { 'application/json': { schema: ValidateRequestSchema } } } },
      responses: { 200: { content: { 'application/json': { schema: ValidationReportSchema } }, description: 'Findings per claim' }, ...errorResponses, ...notFound },
    }),
    async (c) => {
      const body = (c.req.header('content-type') ?? '').includes('json') ? c.req.valid('json') : {};
      return c.json(await validateClaims(c.var.ctx, body), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/claims/{id}/corrections',
      summary: 'Replace (frequency 7) or void (8) a claim the payer has received',
      security: [{ Bearer: [] }],
      request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: CorrectionSchema } } } },
      responses: { 201: { content: { 'application/json': { schema: ClaimDetailSchema } }, description: 'The correction claim' }, ...errorResponses, ...notFound },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const created = await correctClaim(c.var.ctx, { claimId: c.req.valid('param').id, ...body });
      return c.json(await showClaim(c.var.ctx, created.id), 201);
    },
  );
  for (const format of PAPER_FORMATS) {
    app.openapi(claimPdfRoute(format), async (c) => {
      const { id } = c.req.valid('param');
      const { mode, offsetX, offsetY } = c.req.valid('query');
      const offset = offsetX !== undefined || offsetY !== undefined ? { x: offsetX ?? 0, y: offsetY ?? 0 } : undefined;
      const { fileName, pdf } = await claimPaperPdf(c.var.ctx, format, id, { mode, offset });
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-length': String(pdf.length),
        'content-disposition': `inline; filename="${fileName}"`,
      });
    });
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/claims/{id}/timeline',
      summary: "A claim's events, in the order they were learned, and what they add up to",
      security: [{ Bearer: [] }],
      request: { params: IdParam },
      responses: { 200: { content: { 'application/json': { schema: TimelineSchema } }, description: 'The timeline' }, ...errorResponses, ...notFound },
    }),
    async (c) => c.json(await claimTimeline(c.var.ctx, c.req.valid('param').id), 200),
  );
}
