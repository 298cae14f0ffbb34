// Claims: build a period, list, and show one with its lines, source rows and issues.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { buildClaims } from '../../app/claims/build.js';
import { listClaims, showClaim } from '../../app/claims/claim-queries.js';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';
import { BuildReportSchema, BuildRequestSchema, ClaimDetailSchema, ClaimListQuery, ClaimSummarySchema, errorResponses, ErrorSchema, IdParam } from '../schemas.js';

const buildRoute = createRoute({
  method: 'post',
  path: '/api/claims/build',
  summary: 'Build claims from the service log',
  description: "Replaces the scope's draft and ready claims; claims that have been batched or sent are never touched, and their rows are never billed again.",
  security: [{ Bearer: [] }],
  request: { body: { required: false, content: { 'application/json': { schema: BuildRequestSchema } } } },
  responses: { 200: { content: { 'application/json': { schema: BuildReportSchema } }, description: 'What was built and what could not be billed' }, ...errorResponses },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/claims',
  summary: 'List claims',
  security: [{ Bearer: [] }],
  request: { query: ClaimListQuery },
  responses: { 200: { content: { 'application/json': { schema: z.array(ClaimSummarySchema) } }, description: 'Claims in id order' }, ...errorResponses },
});

const showRoute = createRoute({
  method: 'get',
  path: '/api/claims/{id}',
  summary: 'One claim with lines, source rows and issues',
  security: [{ Bearer: [] }],
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: ClaimDetailSchema } }, description: 'The claim' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'No such claim' },
    ...errorResponses,
  },
});

export function claimRoutes(app: OpenAPIHono<ApiEnv>, ctx: AppContext): void {
  app.openapi(buildRoute, async (c) => {
    const type = c.req.header('content-type') ?? '';
    const body = type.includes('json') ? c.req.valid('json') : {};
    return c.json(await buildClaims(ctx, { payerId: body.payerId, period: body.period }), 200);
  });
  app.openapi(listRoute, (c) => {
    const q = c.req.valid('query');
    return c.json(listClaims(ctx, { payerId: q.payer, period: q.period, status: q.status, limit: q.limit, offset: q.offset }), 200);
  });
  app.openapi(showRoute, (c) => {
    const claim = showClaim(ctx, c.req.valid('param').id);
    return c.json({ ...claim, sourceRows: claim.sourceRows.map((r) => ({ ...r })) }, 200);
  });
}
