// /api/claims/{id}/proof: proof of timely filing for one claim, as JSON, one CSV row, or a
// one-page PDF, for a plan that says the claim arrived late.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { filingProof, filingProofCsv, filingProofPdf } from '../../app/claims/filing-proof.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses, IdParam, notFound } from '../schemas.js';

const ProofSchema = z
  .object({
    claimId: z.string(),
    payerId: z.string(),
    payerName: z.string(),
    charge: z.string(),
    firstServiceDate: z.string(),
    lastServiceDate: z.string(),
    timelyFilingDays: z.number().int(),
    filingDeadline: z.string(),
    submission: z.object({
      batchId: z.string(),
      fileName: z.string(),
      fileSha256: z.string(),
      senderId: z.string().optional(),
      interchangeControl: z.string().optional(),
      groupControl: z.string().optional(),
      transactionControl: z.string().optional(),
      submittedOn: z.string(),
      withinLimit: z.boolean(),
    }),
    fileAccepted: z.object({ date: z.string(), interchangeControl: z.string().optional(), groupControl: z.string().optional() }).optional(),
    claimAccepted: z.object({ date: z.string(), receivedDate: z.string().optional(), interchangeControl: z.string().optional(), payerClaimControlNumber: z.string().optional() }).optional(),
  })
  .openapi('FilingProof');

const ProofQuery = z.object({ format: z.enum(['json', 'csv', 'pdf']).optional().openapi({ description: 'also chosen by Accept: text/csv or application/pdf' }) });

export function filingProofRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/claims/{id}/proof',
      summary: 'Proof of timely filing of a claim',
      description: "The claim's last submission (batch, file, ISA13, GS06, ST02, the day it was sent, within or after the payer's filing limit) and the payer's 999 and 277CA acceptances with their dates and control numbers. A claim not yet sent has no proof: 400.",
      security: [{ Bearer: [] }],
      request: { params: IdParam, query: ProofQuery },
      responses: {
        200: { content: { 'application/json': { schema: ProofSchema }, 'text/csv': { schema: z.string() }, 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'The proof' },
        ...errorResponses,
        ...notFound,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const accept = c.req.header('accept') ?? '';
      const format = c.req.valid('query').format ?? (accept.includes('application/pdf') ? 'pdf' : accept.includes('text/csv') ? 'csv' : 'json');
      if (format === 'pdf') {
        const { pdf, fileName } = await filingProofPdf(c.var.ctx, id);
        return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${fileName}"` });
      }
      const proof = await filingProof(c.var.ctx, id);
      if (format === 'csv') return c.body(filingProofCsv(proof), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="proof-${id}.csv"` });
      return c.json(proof, 200);
    },
  );
}
