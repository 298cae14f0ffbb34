// The Hono application: auth on /api (all but /api/health), one error shape ({error, details})
// with the right status, never a stack trace to the client, and the OpenAPI document generated
// from the route schemas.

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { randomUUID } from 'node:crypto';
import { AppError, describeStoreFailure, type AppErrorKind } from '../app/errors.js';
import { withOrganization, type AppContext } from '../app/context.js';
import { isAudited, recordAudit } from '../app/audit.js';
import { enforceRoles, requireKey, type ApiEnv } from './auth.js';
import { docsPage } from './docs-page.js';
import { auditRoutes } from './routes/audit.js';
import { batchRoutes } from './routes/batches.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { invoiceRoutes } from './routes/invoices.js';
import { metricsRoutes } from './routes/metrics.js';
import { interestRoutes } from './routes/interest.js';
import { filingProofRoutes } from './routes/filing-proof.js';
import { paymentRoutes } from './routes/payments.js';
import { remittanceRoutes } from './routes/remittances.js';
import { claimRoutes } from './routes/claims.js';
import { importRoutes } from './routes/imports.js';
import { keyRoutes } from './routes/keys.js';
import { workspaceRoutes } from './routes/workspace.js';
import { sendPageRoutes } from './routes/pages-send.js';
import { claimPageRoutes } from './routes/pages-claims.js';
import { filePageRoutes } from './routes/pages-files.js';
import { settingsPageRoutes } from './routes/pages-settings.js';
import { auditPagePosts } from './routes/page-session.js';
import { organizationRoutes } from './routes/organizations.js';
import { jobRoutes } from './routes/jobs.js';

const STATUS: Record<AppErrorKind, ContentfulStatusCode> = { invalid: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, too_large: 413 };

const HEALTHY = { status: 'ok' } as const;

/** The same answer as /health, under /api for proxies that forward only /api; no key needed. */
const apiHealthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Whether the service is up (no API key needed)',
  security: [],
  responses: { 200: { content: { 'application/json': { schema: z.object({ status: z.literal('ok') }).openapi('Health') } }, description: 'The service is up' } },
});

export interface ApiOptions {
  /** largest upload accepted, in bytes */
  maxUploadBytes?: number;
}

export function createApi(ctx: AppContext, options: ApiOptions = {}): OpenAPIHono<ApiEnv> {
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
        return c.json({ error: `the request is not valid: ${details.map((d) => (d.field ? `${d.field} ${d.message}` : d.message)).join('; ')}`, details }, 400);
      }
      return undefined;
    },
  });

  app.use('*', secureHeaders());
  // Until a key or a session says whose request it is, it sees no organization's data.
  const platform = withOrganization(ctx, null);
  app.use('*', async (c, next) => {
    c.set('ctx', platform);
    await next();
  });
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    // Paths carry claim and import ids only; query strings and bodies are never logged.
    // A sign-in link is a secret until it is used: its token never reaches a log line.
    const path = c.req.path.replace(/^\/welcome\/.*/, '/welcome/[link]');
    ctx.logger.info('http', { method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });
  app.use('/api/*', bodyLimit({ maxSize: options.maxUploadBytes ?? 200 * 1024 * 1024, onError: (c) => c.json({ error: 'the upload is larger than this service accepts' }, 413) }));
  app.use('/api/*', requireKey(ctx));
  app.use('/api/*', enforceRoles());
  app.use('/api/*', async (c, next) => {
    await next();
    if (isAudited(c.req.method, c.req.path)) {
      const entry = { actor: c.get('actor'), role: c.get('role'), action: c.req.method, target: c.req.path, outcome: String(c.res.status) };
      await ctx.writeLock.run(() => recordAudit(c.var.ctx, entry));
    }
  });

  // What people do in the workspace is audited as the API's writes are: uploads, builds, exports,
  // sends and payer files (Settings and the sign-in pages record their own, with what changed).
  for (const path of ['/upload/*', '/send/*', '/payer-files']) app.use(path, auditPagePosts(ctx));

  app.openAPIRegistry.registerComponent('securitySchemes', 'Bearer', { type: 'http', scheme: 'bearer', description: 'An API key from `ecm-claims keys create`' });

  app.get('/health', (c) => c.json(HEALTHY));
  app.openapi(apiHealthRoute, (c) => c.json(HEALTHY, 200));
  // One file per URL prefix.
  importRoutes(app);
  claimRoutes(app);
  batchRoutes(app);
  invoiceRoutes(app);
  remittanceRoutes(app);
  paymentRoutes(app);
  metricsRoutes(app);
  interestRoutes(app);
  filingProofRoutes(app);
  keyRoutes(app);
  auditRoutes(app);
  dashboardRoutes(app);
  workspaceRoutes(app);
  sendPageRoutes(app);
  claimPageRoutes(app);
  filePageRoutes(app);
  settingsPageRoutes(app);
  organizationRoutes(app);
  jobRoutes(app);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'ecm-claims', version: '0.1.0', description: 'ECM service time to claims for Medi-Cal managed care plans.' },
  });
  app.get('/docs', (c) => c.html(docsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 'ecm-claims', version: '0.1.0' } }))));

  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.onError((thrown, c) => {
    const err = describeStoreFailure(thrown) ?? thrown;
    if (err instanceof AppError) return c.json({ error: err.message, details: err.details ?? null }, STATUS[err.kind]);
    const status = (err as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return c.json({ error: err.message }, status as ContentfulStatusCode);
    const incident = randomUUID();
    // The error's message may quote data; log its kind and code only.
    ctx.logger.error('http.error', { incident, name: err.name, code: (err as { code?: string }).code, path: c.req.path });
    return c.json({ error: `the service failed to handle this request (incident ${incident})` }, 500);
  });
  return app;
}
