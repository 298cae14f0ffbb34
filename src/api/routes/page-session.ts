// The session a workspace page needs: a signed-out visitor is sent to sign in (and back here
// afterwards), a person whose role may not see the page is told so with a 403.

import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { recordAudit } from '../../app/audit.js';
import { html } from 'hono/html';
import type { Role } from '../../app/api-keys.js';
import { withOrganization, type AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';
import type { ActiveSession } from '../../app/users/users.js';
import { page, PAGE_CSP, type Markup, type PageUser } from '../../web/pages/layout.js';
import { csrfMatches, sessionOfRequest } from '../auth.js';

/** A workspace form without a file: a few fields, so anything large is not one of ours. */
export const formBodyLimit = (): MiddlewareHandler => bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text('the form is larger than this page sends', 413) });

export function pageUser(session: ActiveSession): PageUser {
  return { email: session.user.email, role: session.user.role, csrf: session.csrf };
}

export function renderPage(c: Context, markup: Markup, status: 200 | 400 | 401 | 403 | 404 | 409 = 200) {
  c.header('content-security-policy', PAGE_CSP);
  c.header('cache-control', 'no-store');
  return c.html(markup, status);
}

/**
 * The session, or the response to send instead (a redirect to sign in, or a refusal). From here
 * on the request works for the person's organization (c.var.ctx).
 */
export async function pageSession(ctx: AppContext, c: Context<ApiEnv>, roles: readonly Role[] = ['admin', 'billing', 'finance']): Promise<ActiveSession | Response> {
  const session = await sessionOfRequest(ctx, c);
  if (session) c.set('ctx', withOrganization(ctx, session.user.orgId));
  const here = new URL(c.req.url);
  if (!session) return c.redirect(`/signin?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
  if (!roles.includes(session.user.role)) {
    return renderPage(c, page({ title: 'Not for your role', user: pageUser(session), body: html`<section class="card narrow"><h1>Not for your role</h1><p>A ${session.user.role} user may not use this page. Ask an administrator if you need to.</p></section>` }), 403);
  }
  return session;
}

/** A form posted from a workspace page: the session's CSRF token must come with it. */
export function formTokenOk(session: ActiveSession, form: Record<string, unknown>): boolean {
  return csrfMatches(session, typeof form.csrf === 'string' ? form.csrf : undefined);
}

/** Records every POST of a workspace page with who made it and how it ended. */
export function auditPagePosts(ctx: AppContext): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'POST') return;
    const session = await sessionOfRequest(ctx, c);
    const entry = { actor: session ? `user:${session.user.email}` : 'anonymous', role: session?.user.role, action: 'POST', target: c.req.path, outcome: String(c.res.status) };
    await ctx.writeLock.run(() => recordAudit(withOrganization(ctx, session?.user.orgId ?? null), entry));
  };
}
