// /api/metrics: clean-claim payment timeliness per payer and receipt month, and the late claims.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import { lateClaims, timelinessMetrics } from '../../app/reports/timeliness.js';
import { timelinessCsv } from '../../metrics/timeliness-csv.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses, notFound } from '../schemas.js';

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

export function metricsRoutes(app: OpenAPIHono<ApiEnv>): void {
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
      const report = await timelinessMetrics(c.var.ctx, reportFilter(q));
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
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await lateClaims(c.var.ctx, reportFilter(q)), 200);
    },
  );
}

/** A report's query (payer, from, to) as the app's filter, with the parts that were given. */
export function reportFilter(q: { payer?: string | undefined; from?: string | undefined; to?: string | undefined }): { payerId?: string; from?: string; to?: string } {
  return { ...(q.payer !== undefined ? { payerId: q.payer } : {}), ...(q.from !== undefined ? { from: q.from } : {}), ...(q.to !== undefined ? { to: q.to } : {}) };
}

export function wantsCsv(format: 'json' | 'csv' | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'csv';
  return (accept ?? '').split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === 'text/csv');
}
