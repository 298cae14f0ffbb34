// /api/payments: a payment received without an 835 (invoices, paper checks).

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import { recordPayment } from '../../app/remittances/payments.js';
import type { ApiEnv } from '../auth.js';
import { AmountSchema, conflict, DateSchema, errorResponses, notFound } from '../schemas.js';

const PaymentRequestSchema = z
  .object({ claimId: z.string().min(1).max(40), date: DateSchema, amount: AmountSchema, reference: z.string().min(1).max(50).optional(), note: z.string().max(500).optional() })
  .strict()
  .openapi('PaymentRequest');
const PaymentReportSchema = z
  .object({ claimId: z.string(), eventId: z.number().int(), duplicate: z.boolean(), status: z.string().optional(), paid: z.string(), charge: z.string(), warnings: z.array(z.string()).optional() })
  .openapi('PaymentReport');

export function paymentRoutes(app: OpenAPIHono<ApiEnv>): void {
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
      const report = await recordPayment(c.var.ctx, c.req.valid('json'));
      return c.json(report, report.duplicate ? 200 : 201);
    },
  );
}
