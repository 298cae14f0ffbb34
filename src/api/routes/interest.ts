// /api/metrics/interest: the late-payment interest California law made each plan owe on clean
// claims paid late, what the plan paid of it, and what it still owes, per claim and per payer and
// month of payment.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { interestCsv, interestReport } from '../../app/reports/interest.js';
import { interestLetter } from '../../app/reports/interest-letter.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses, notFound } from '../schemas.js';
import { reportFilter, wantsCsv } from './metrics.js';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM')
  .optional();

const InterestQuery = z.object({
  payer: z.string().optional(),
  from: month.openapi({ description: 'first month of payment (YYYY-MM)' }),
  to: month.openapi({ description: 'last month of payment (YYYY-MM)' }),
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv is also chosen by Accept: text/csv' }),
});

const FiguresSchema = z.object({
  claims: z.number().int(),
  principal: z.string(),
  interestOwed: z.string(),
  penalty: z.string(),
  interestPaid: z.string(),
  interestPaidWithoutClaim: z.string().openapi({ description: 'interest (835 PLB L6) the plan paid for the payer and month without naming a claim' }),
  stillOwed: z.string(),
});

const InterestRowSchema = z
  .object({
    claimId: z.string(),
    payerId: z.string(),
    receivedDate: z.string(),
    deadline: z.string().openapi({ description: 'the last day the plan could pay without owing interest' }),
    paidDate: z.string(),
    daysLate: z.number().int(),
    principal: z.string().openapi({ description: 'the money paid after the deadline' }),
    interestOwed: z.string(),
    penalty: z.string().openapi({ description: 'owed when the plan paid no interest with the claim' }),
    interestPaid: z.string(),
    stillOwed: z.string(),
    rule: z.string().openapi({ description: 'the id of the prompt-pay rule in force when the plan received the claim' }),
  })
  .openapi('InterestOwed');

const InterestReportSchema = z
  .object({
    asOf: z.string(),
    rows: z.array(InterestRowSchema),
    byPayerMonth: z.array(FiguresSchema.extend({ payerId: z.string(), month: z.string() })),
    totals: FiguresSchema,
    rules: z.array(z.object({ id: z.string(), name: z.string(), source: z.string() })),
  })
  .openapi('InterestReport');

export function interestRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/metrics/interest',
      summary: 'Late-payment interest the plans still owe',
      description:
        'Every clean claim paid after its prompt-pay deadline (30 calendar days for claims received from 2026; 45 or 30 working days before), with the interest and penalty owed, the interest paid (835 AMT*I, PLB L6) and the difference; per payer and month of payment, and in all. JSON, or CSV of the claims with Accept: text/csv or format=csv.',
      security: [{ Bearer: [] }],
      request: { query: InterestQuery },
      responses: {
        200: { content: { 'application/json': { schema: InterestReportSchema }, 'text/csv': { schema: z.string() } }, description: 'The report' },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const report = await interestReport(c.var.ctx, reportFilter(q));
      if (wantsCsv(q.format, c.req.header('accept'))) {
        return c.body(interestCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="interest-${report.asOf}.csv"` });
      }
      return c.json(report, 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/metrics/interest/letter',
      summary: "A plan's late-payment interest letter (PDF)",
      description: 'The letter to one plan, to send with a provider dispute: the clean claims it paid late with their dates and amounts, the interest and penalties owed, paid and still owed, and the rules with their sources. Claims are named by claim number only.',
      security: [{ Bearer: [] }],
      request: { query: InterestQuery.omit({ format: true, payer: true }).extend({ payer: z.string().min(1) }) },
      responses: { 200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The letter' }, ...errorResponses, ...notFound },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const letter = await interestLetter(c.var.ctx, { ...reportFilter(q), payerId: q.payer });
      return c.body(new Uint8Array(letter.pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${letter.fileName}"` });
    },
  );
}
