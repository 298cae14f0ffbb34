// The browser workspace's own routes: sign in, set a password from a one-time link, sign out
// (here or everywhere), and `/`, which sends a signed-out visitor to sign in. Session cookies are
// HttpOnly, SameSite=Lax, Secure when the request came over TLS, and hold nothing but a random
// token; the server ends a session after SESSION_IDLE_MINUTES without a request.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import { withOrganization, type AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { linkIsValid, redeemSignInLink, signIn, signOut, signOutEverywhere, type SignedIn } from '../../app/users/users.js';
import { accountPage } from '../../web/pages/account.js';
import { linkUsedPage, signInPage, welcomePage } from '../../web/pages/signin.js';
import { csrfMatches, sameToken, sessionOfRequest, SESSION_COOKIE, type ApiEnv } from '../auth.js';
import { formBodyLimit, renderPage } from './page-session.js';

/** The cookie that pairs a signed-out form with the page that showed it (double submit). */
const FORM_COOKIE = 'ecm_form';

const overTls = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/** The form token of this browser, set with the page on first sight. */
function formToken(c: Context): string {
  const known = getCookie(c, FORM_COOKIE);
  if (known && /^[A-Za-z0-9_-]{43}$/.test(known)) return known;
  const token = randomBytes(32).toString('base64url');
  setCookie(c, FORM_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: overTls(c) });
  return token;
}

function formTokenMatches(c: Context, presented: unknown): boolean {
  return sameToken(getCookie(c, FORM_COOKIE), presented);
}

/** A path on this site to go to after signing in; anything else goes to the start page. */
function localPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

function startSession(c: Context, signedIn: SignedIn) {
  setCookie(c, SESSION_COOKIE, signedIn.session, { httpOnly: true, sameSite: 'Lax', path: '/', secure: overTls(c) });
}

const refused = (c: Context) => renderPage(c, signInPage({ csrf: formToken(c), next: '/', error: 'The form had expired. Sign in again.' }), 403);

export function workspaceRoutes(app: OpenAPIHono<ApiEnv>): void {
  const small = formBodyLimit();

  app.get('/signin', async (c) => {
    if (await sessionOfRequest(c.var.ctx, c)) return c.redirect(localPath(c.req.query('next')), 303);
    const notice = c.req.query('signedout') === '1' ? 'You are signed out.' : undefined;
    return renderPage(c, signInPage({ csrf: formToken(c), next: localPath(c.req.query('next')), ...(notice ? { notice } : {}) }));
  });

  app.post('/signin', small, async (c) => {
    const form = await c.req.parseBody();
    if (!formTokenMatches(c, form.csrf)) return refused(c);
    const email = typeof form.email === 'string' ? form.email : '';
    const next = localPath(form.next);
    try {
      startSession(c, await signIn(c.var.ctx, { email, password: typeof form.password === 'string' ? form.password : '' }));
    } catch (err) {
      if (!(err instanceof AppError) || (err.kind !== 'unauthorized' && err.kind !== 'invalid')) throw err;
      return renderPage(c, signInPage({ csrf: formToken(c), next, email, error: err.message }), 401);
    }
    return c.redirect(next, 303);
  });

  app.get('/welcome/:token', async (c) => {
    const user = await linkIsValid(c.var.ctx, c.req.param('token'));
    if (!user) return renderPage(c, linkUsedPage(), 400);
    return renderPage(c, welcomePage({ csrf: formToken(c), email: user.email }));
  });

  app.post('/welcome/:token', small, async (c) => {
    const token = c.req.param('token');
    const form = await c.req.parseBody();
    if (!formTokenMatches(c, form.csrf)) return refused(c);
    const user = await linkIsValid(c.var.ctx, token);
    if (!user) return renderPage(c, linkUsedPage(), 400);
    try {
      startSession(c, await redeemSignInLink(c.var.ctx, token, typeof form.password === 'string' ? form.password : ''));
    } catch (err) {
      if (!(err instanceof AppError) || err.kind !== 'invalid') throw err;
      return renderPage(c, welcomePage({ csrf: formToken(c), email: user.email, error: err.message }), 400);
    }
    return c.redirect('/', 303);
  });

  app.get('/account', async (c) => {
    const session = await sessionOfRequest(c.var.ctx, c);
    if (!session) return c.redirect('/signin?next=/account', 303);
    return renderPage(c, accountPage({ email: session.user.email, role: session.user.role, csrf: session.csrf }));
  });

  app.post('/signout', small, async (c) => signOutRoute(c.var.ctx, c, false));
  app.post('/signout/everywhere', small, async (c) => signOutRoute(c.var.ctx, c, true));
}

async function signOutRoute(ctx: AppContext, c: Context, everywhere: boolean) {
  const session = await sessionOfRequest(ctx, c);
  if (!session) return c.redirect('/signin', 303);
  const form = await c.req.parseBody();
  if (!csrfMatches(session, typeof form.csrf === 'string' ? form.csrf : undefined)) return refused(c);
  if (everywhere) await signOutEverywhere(withOrganization(ctx, session.user.orgId), session.user.userId);
  else await signOut(ctx, getCookie(c, SESSION_COOKIE) ?? '');
  deleteCookie(c, SESSION_COOKIE, { path: '/' });
  return c.redirect('/signin?signedout=1', 303);
}
