// Bearer-key authentication and role checks. finance reads; billing reads and works claims;
// admin does everything, including managing keys.

import type { MiddlewareHandler } from 'hono';
import { authenticate, type Role } from '../app/api-keys.js';
import type { AppContext } from '../app/context.js';

export type ApiEnv = { Variables: { role: Role; keyId: string } };

/**
 * The one /api route that answers without a key: a load balancer's or orchestrator's health probe
 * holds none, and the answer says nothing but that the service is up. HEAD is how some probe.
 */
export function isPublicRoute(method: string, path: string): boolean {
  return path === '/api/health' && (method === 'GET' || method === 'HEAD');
}

export function requireKey(ctx: AppContext): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const who = m ? await authenticate(ctx, m[1]!) : undefined;
    if (!who) return c.json({ error: 'a valid API key is required: send Authorization: Bearer <key>' }, 401);
    c.set('role', who.role);
    c.set('keyId', who.keyId);
    await next();
  };
}

/** Which roles may call a route: decided by method and path, so no route can be forgotten. */
export function allowedRoles(method: string, path: string): readonly Role[] {
  if (path.startsWith('/api/keys') || path.startsWith('/api/audit')) return ['admin'];
  if (method === 'GET' || method === 'HEAD') return ['admin', 'billing', 'finance'];
  return ['admin', 'billing'];
}

export function enforceRoles(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const role = c.get('role');
    if (!allowedRoles(c.req.method, c.req.path).includes(role)) return c.json({ error: `a ${role} key may not ${c.req.method} ${c.req.path}` }, 403);
    await next();
  };
}
