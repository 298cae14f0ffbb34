// GET /api/audit: the audit trail, for admins.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { listAudit } from '../../app/audit.js';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';
import { errorResponses } from '../schemas.js';

const AuditEntrySchema = z
  .object({ at: z.string(), actor: z.string(), role: z.string().optional(), action: z.string(), target: z.string(), outcome: z.string() })
  .openapi('AuditEntry');

export function auditRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      summary: 'Who imported, exported, downloaded or ingested what, and when (admin)',
      security: [{ Bearer: [] }],
      request: {
        query: z.object({
          from: z.string().optional().openapi({ description: 'ISO timestamp, inclusive' }),
          to: z.string().optional().openapi({ description: 'ISO timestamp, exclusive' }),
          actor: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(1000),
        }),
      },
      responses: { 200: { content: { 'application/json': { schema: z.array(AuditEntrySchema) } }, description: 'Newest first' }, ...errorResponses },
    }),
    async (c) => c.json(await listAudit(c.var.ctx, c.req.valid('query')), 200),
  );
}
