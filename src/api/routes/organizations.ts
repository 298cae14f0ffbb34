// /api/organizations: the platform's routes. A platform key creates organizations and gives each
// its first keys and people; it reads none of their data (auth.ts lets it call nothing else).

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { createApiKey } from '../../app/api-keys.js';
import { createOrganization, listOrganizations, organizationContext } from '../../app/organizations/organizations.js';
import { createUser } from '../../app/users/users.js';
import { ORG_ID_RULE } from '../../domain/reference.js';
import type { ApiEnv } from '../auth.js';
import { CreatedKeySchema, errorResponses, KeyCreateSchema } from '../schemas.js';

const OrganizationSchema = z
  .object({ id: z.string(), name: z.string().optional(), npi: z.string().optional(), tin: z.string().optional() })
  .openapi('OrganizationSummary', { description: 'name, NPI and TIN appear once the organization file is imported' });
// Made from the API's own zod (which knows .openapi) whatever was imported first.
const OrgIdParam = z.string().regex(ORG_ID_RULE.pattern, ORG_ID_RULE.message);
const OrgParam = z.object({ id: OrgIdParam.openapi({ param: { name: 'id', in: 'path' } }) });
const UserCreateSchema = z.object({ email: z.string().email(), role: z.enum(['admin', 'billing', 'finance']) }).strict().openapi('OrganizationUserCreate');
const CreatedUserSchema = z
  .object({ userId: z.string(), orgId: z.string(), email: z.string(), role: z.string(), link: z.string().openapi({ description: 'one-time sign-in link token: the person opens /welcome/<link>' }) })
  .openapi('CreatedOrganizationUser');

export function organizationRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/organizations',
      summary: 'The organizations of this deployment (platform keys only)',
      security: [{ Bearer: [] }],
      responses: { 200: { content: { 'application/json': { schema: z.array(OrganizationSchema) } }, description: 'Organizations' }, ...errorResponses },
    }),
    async (c) => c.json(await listOrganizations(c.var.ctx), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/organizations',
      summary: 'Create an organization (platform keys only)',
      security: [{ Bearer: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: z.object({ id: OrgIdParam }).strict().openapi('OrganizationCreate') } } } },
      responses: { 201: { content: { 'application/json': { schema: OrganizationSchema } }, description: 'Created' }, ...errorResponses },
    }),
    async (c) => c.json(await createOrganization(c.var.ctx, c.req.valid('json').id), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/organizations/{id}/keys',
      summary: "Create a key of an organization (platform keys only): its first admin key, typically",
      security: [{ Bearer: [] }],
      request: { params: OrgParam, body: { required: true, content: { 'application/json': { schema: KeyCreateSchema } } } },
      responses: { 201: { content: { 'application/json': { schema: CreatedKeySchema } }, description: 'The new key, shown once' }, ...errorResponses },
    }),
    async (c) => {
      const org = await organizationContext(c.var.ctx, c.req.valid('param').id);
      const body = c.req.valid('json');
      return c.json(await org.writeLock.run(() => createApiKey(org, body.role, body.label)), 201);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/organizations/{id}/users',
      summary: 'Create a person of an organization (platform keys only), with a one-time sign-in link',
      security: [{ Bearer: [] }],
      request: { params: OrgParam, body: { required: true, content: { 'application/json': { schema: UserCreateSchema } } } },
      responses: { 201: { content: { 'application/json': { schema: CreatedUserSchema } }, description: 'The person and their link' }, ...errorResponses },
    }),
    async (c) => {
      const org = await organizationContext(c.var.ctx, c.req.valid('param').id);
      const created = await createUser(org, c.req.valid('json'), { actor: c.get('actor') });
      return c.json({ userId: created.user.userId, orgId: created.user.orgId, email: created.user.email, role: created.user.role, link: created.link }, 201);
    },
  );
}
