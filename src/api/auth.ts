// Who is calling /api, and what their role lets them do. Machines send an API key (Bearer);
// people in the browser workspace carry a session cookie, and every request of theirs that
// changes something must also carry the session's CSRF token in x-csrf-token, which a page of
// another site cannot read. finance reads; billing reads and works claims; admin does
// everything, including managing keys.

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { timingSafeEqual } from 'node:crypto';
import { authenticate, PLATFORM_ROLE, type KeyRole } from '../app/api-keys.js';
import { withOrganization, type AppContext } from '../app/context.js';
import { sessionOf, type ActiveSession } from '../app/users/users.js';

export type ApiEnv = {
  Variables: {
    /**
     * The context the request works in: its key's or person's organization (so a handler cannot
     * reach another's rows), the platform's (no organization's data) until someone is known.
     */
    ctx: AppContext;
    role: KeyRole;
    /** who acts, for the audit trail and import sources: key:<id> or user:<id> */
    actor: string;
    /** the signed-in person, for pages; absent for API keys */
    session?: ActiveSession;
  };
};

export const SESSION_COOKIE = 'ecm_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The one /api route that answers without a key: a load balancer's or orchestrator's health probe
 * holds none, and the answer says nothing but that the service is up. HEAD is how some probe.
 */
export function isPublicRoute(method: string, path: string): boolean {
  return path === '/api/health' && (method === 'GET' || method === 'HEAD');
}

const reads = (method: string) => method === 'GET' || method === 'HEAD';

/** The session a request's cookie names, if it is still active. */
export async function sessionOfRequest(ctx: AppContext, c: Context): Promise<ActiveSession | undefined> {
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? sessionOf(ctx, cookie) : undefined;
}

/** Whether a presented token is the expected one, compared in constant time. */
export function sameToken(expected: string | undefined, presented: unknown): boolean {
  if (expected === undefined || expected === '' || typeof presented !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether a presented CSRF token is the session's. */
export function csrfMatches(session: ActiveSession, presented: string | undefined): boolean {
  return sameToken(session.csrf, presented);
}

export function requireKey(ctx: AppContext): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const header = c.req.header('authorization');
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const who = m ? await authenticate(ctx, m[1]!) : undefined;
      if (!who) return c.json({ error: 'a valid API key is required: send Authorization: Bearer <key>' }, 401);
      c.set('role', who.role);
      c.set('actor', `key:${who.keyId}`);
      c.set('ctx', withOrganization(ctx, who.orgId ?? null));
      return next();
    }
    const session = await sessionOfRequest(ctx, c);
    if (!session) return c.json({ error: 'sign in, or send an API key: Authorization: Bearer <key>' }, 401);
    if (!reads(c.req.method) && !csrfMatches(session, c.req.header(CSRF_HEADER))) {
      return c.json({ error: `this request changes data and did not carry the session's CSRF token (${CSRF_HEADER}); reload the page and try again` }, 403);
    }
    c.set('role', session.user.role);
    c.set('actor', `user:${session.user.userId}`);
    c.set('session', session);
    c.set('ctx', withOrganization(ctx, session.user.orgId));
    return next();
  };
}

/**
 * Which roles may call a route: decided by method and path, so no route can be forgotten. The
 * platform role manages organizations and nothing else: it reads no organization's data.
 */
export function allowedRoles(method: string, path: string): readonly KeyRole[] {
  if (path.startsWith('/api/organizations')) return [PLATFORM_ROLE];
  if (path.startsWith('/api/keys') || path.startsWith('/api/audit')) return ['admin'];
  if (reads(method)) return ['admin', 'billing', 'finance'];
  return ['admin', 'billing'];
}

export function enforceRoles(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (isPublicRoute(c.req.method, c.req.path)) return next();
    const role = c.get('role');
    if (!allowedRoles(c.req.method, c.req.path).includes(role)) return c.json({ error: `a ${role} ${c.get('session') ? 'user' : 'key'} may not ${c.req.method} ${c.req.path}` }, 403);
    await next();
  };
}
