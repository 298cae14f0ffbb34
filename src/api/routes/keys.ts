// API key management for admins; the first admin key comes from `ecm-claims keys create`.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createApiKey, listApiKeys, revokeApiKey } from '../../app/api-keys.js';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';
import { CreatedKeySchema, errorResponses, KeyCreateSchema, KeySchema } from '../schemas.js';

const keyIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/).openapi({ param: { name: 'id', in: 'path' } }) });

export function keyRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/keys',
      summary: 'Create an API key (shown once)',
      security: [{ Bearer: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: KeyCreateSchema } } } },
      responses: { 201: { content: { 'application/json': { schema: CreatedKeySchema } }, description: 'The new key' }, ...errorResponses },
    }),
    // Behind the write lock: an import, build or export holds its transaction open across
    // awaits, and a key written meanwhile would join (and share the fate of) that transaction.
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await c.var.ctx.writeLock.run(() => createApiKey(c.var.ctx, body.role, body.label)), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/keys',
      summary: 'List API keys (never their secrets)',
      security: [{ Bearer: [] }],
      responses: { 200: { content: { 'application/json': { schema: z.array(KeySchema) } }, description: 'Keys' }, ...errorResponses },
    }),
    async (c) => c.json(await listApiKeys(c.var.ctx), 200),
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/keys/{id}',
      summary: 'Revoke an API key',
      security: [{ Bearer: [] }],
      request: { params: keyIdParam },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await c.var.ctx.writeLock.run(() => revokeApiKey(c.var.ctx, id));
      return c.body(null, 204);
    },
  );
}
