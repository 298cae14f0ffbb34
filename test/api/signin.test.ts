// People in the browser: a one-time link to set a password, sign-in with a form token, a session
// cookie that is HttpOnly and SameSite, the API read with the session and written only with its
// CSRF token and the role's rights, idle expiry, and signing out here or everywhere. A real
// server on a loopback port, a real SQLite file, a clock the test moves.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createContext, type AppContext } from '../../src/app/context.js';
import { jsonLogger } from '../../src/app/logger.js';
import { createUser, SESSION_IDLE_MINUTES } from '../../src/app/users/users.js';

let dir: string;
let ctx: AppContext;
let server: RunningServer;
let at = new Date('2026-12-07T17:00:00Z');
const PASSWORD = 'correct horse battery';
const logLines: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-signin-'));
  ctx = createContext({ dbPath: join(dir, 'ecm.db'), clock: { now: () => at }, logger: jsonLogger((line) => logLines.push(line)) });
  server = await startServer({ ctx, port: 0, host: '127.0.0.1', quiet: true });
});
afterAll(async () => {
  await server?.close();
  ctx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const url = (path: string) => `${server.url}${path}`;
const cookiesOf = (res: Response) => res.headers.getSetCookie();
const cookieValue = (res: Response, name: string) => cookiesOf(res).find((c) => c.startsWith(`${name}=`))?.split(';')[0]?.slice(name.length + 1);
const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

/** What a browser does with a page that holds a form: keep its cookie and read the form token. */
async function formOf(path: string, cookie = ''): Promise<{ cookie: string; csrf: string; html: string; status: number }> {
  const res = await fetch(url(path), { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const html = await res.text();
  const form = cookieValue(res, 'ecm_form');
  return { cookie: form ? `ecm_form=${form}` : cookie, csrf: hidden(html, 'csrf') ?? '', html, status: res.status };
}

function post(path: string, fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) {
  return fetch(url(path), { method: 'POST', body: new URLSearchParams(fields), headers: { cookie, ...headers }, redirect: 'manual' });
}

async function signedIn(email: string, password = PASSWORD): Promise<{ cookie: string; csrf: string }> {
  const form = await formOf('/signin');
  const res = await post('/signin', { csrf: form.csrf, email, password, next: '/account' }, form.cookie);
  expect(res.status).toBe(303);
  const cookie = `ecm_session=${cookieValue(res, 'ecm_session')}`;
  const account = await (await fetch(url('/account'), { headers: { cookie } })).text();
  return { cookie, csrf: hidden(account, 'csrf') ?? '' };
}

async function newUser(email: string, role: 'admin' | 'billing' | 'finance'): Promise<void> {
  const { link } = await createUser(ctx, { email, role });
  const form = await formOf(`/welcome/${link}`);
  expect(form.html).toContain(email);
  const res = await post(`/welcome/${link}`, { csrf: form.csrf, password: PASSWORD }, form.cookie);
  expect(res.status).toBe(303);
  expect(cookieValue(res, 'ecm_session')).toBeTruthy();
}

describe('signing in to the workspace', () => {
  beforeAll(async () => {
    await newUser('clerk@riverbend.example', 'billing');
    await newUser('finance@riverbend.example', 'finance');
  });

  it('sends a signed-out visitor to sign in, and a signed-in one on', async () => {
    const home = await fetch(url('/'), { redirect: 'manual' });
    expect([home.status, home.headers.get('location')]).toEqual([303, '/signin']);
    const account = await fetch(url('/account'), { redirect: 'manual' });
    expect(account.headers.get('location')).toBe('/signin?next=/account');
    const board = await fetch(url('/dashboard'), { redirect: 'manual' });
    expect(board.headers.get('location')).toBe('/signin?next=%2Fdashboard');
    const { cookie } = await signedIn('clerk@riverbend.example');
    const again = await fetch(url('/'), { headers: { cookie }, redirect: 'manual' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('<h1>Today</h1>');
    const dashboard = await (await fetch(url('/dashboard'), { headers: { cookie } })).text();
    expect(dashboard).toContain('<nav class="workspace" aria-label="Workspace">');
    expect(dashboard).toContain('clerk@riverbend.example');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure behind TLS', async () => {
    const form = await formOf('/signin');
    const plain = await post('/signin', { csrf: form.csrf, email: 'clerk@riverbend.example', password: PASSWORD, next: '/' }, form.cookie);
    const session = cookiesOf(plain).find((c) => c.startsWith('ecm_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);
    const tls = await post('/signin', { csrf: form.csrf, email: 'clerk@riverbend.example', password: PASSWORD, next: '/' }, form.cookie, { 'x-forwarded-proto': 'https' });
    expect(cookiesOf(tls).find((c) => c.startsWith('ecm_session='))).toMatch(/Secure/);
  });

  it('refuses a sign-in form posted without its token, and says the same for any wrong sign-in', async () => {
    const form = await formOf('/signin');
    const forged = await post('/signin', { email: 'clerk@riverbend.example', password: PASSWORD }, '');
    expect(forged.status).toBe(403);
    expect(cookieValue(forged, 'ecm_session')).toBeUndefined();
    const wrong = await post('/signin', { csrf: form.csrf, email: 'clerk@riverbend.example', password: 'not the password' }, form.cookie);
    const unknown = await post('/signin', { csrf: form.csrf, email: 'nobody@riverbend.example', password: PASSWORD }, form.cookie);
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toContain('the email or password is not right');
    expect(b).toContain('the email or password is not right');
    expect(cookieValue(wrong, 'ecm_session')).toBeUndefined();
  });

  it('goes only to a path on this site after signing in', async () => {
    const form = await formOf('/signin?next=//evil.example/x');
    expect(hidden(form.html, 'next')).toBe('/');
    const res = await post('/signin', { csrf: form.csrf, email: 'clerk@riverbend.example', password: PASSWORD, next: 'https://evil.example/' }, form.cookie);
    expect(res.headers.get('location')).toBe('/');
  });

  it('reads the API with the session, and writes only with its CSRF token and the role\'s rights', async () => {
    const clerk = await signedIn('clerk@riverbend.example');
    expect((await fetch(url('/api/claims'), { headers: { cookie: clerk.cookie } })).status).toBe(200);
    const body = JSON.stringify({ period: '2026-11' });
    const json = { 'content-type': 'application/json' };
    const noToken = await fetch(url('/api/claims/build'), { method: 'POST', body, headers: { ...json, cookie: clerk.cookie } });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error).toMatch(/CSRF/);
    const withToken = await fetch(url('/api/claims/build'), { method: 'POST', body, headers: { ...json, cookie: clerk.cookie, 'x-csrf-token': clerk.csrf } });
    expect(withToken.status).not.toBe(403);
    expect(withToken.status).not.toBe(401);

    const finance = await signedIn('finance@riverbend.example');
    const refused = await fetch(url('/api/claims/build'), { method: 'POST', body, headers: { ...json, cookie: finance.cookie, 'x-csrf-token': finance.csrf } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/a finance user may not POST/);
    expect((await fetch(url('/api/metrics/timeliness'), { headers: { cookie: finance.cookie } })).status).toBe(200);
  });

  it(`ends a session left idle for more than ${SESSION_IDLE_MINUTES} minutes`, async () => {
    const { cookie } = await signedIn('clerk@riverbend.example');
    at = new Date(at.getTime() + (SESSION_IDLE_MINUTES - 1) * 60_000);
    expect((await fetch(url('/api/claims'), { headers: { cookie } })).status).toBe(200);
    at = new Date(at.getTime() + (SESSION_IDLE_MINUTES + 1) * 60_000);
    expect((await fetch(url('/api/claims'), { headers: { cookie } })).status).toBe(401);
    expect((await fetch(url('/'), { headers: { cookie }, redirect: 'manual' })).headers.get('location')).toBe('/signin');
  });

  it('signs out here with the form token, or everywhere at once', async () => {
    const one = await signedIn('clerk@riverbend.example');
    const forged = await post('/signout', {}, one.cookie);
    expect(forged.status).toBe(403);
    expect((await fetch(url('/api/claims'), { headers: { cookie: one.cookie } })).status).toBe(200);
    const out = await post('/signout', { csrf: one.csrf }, one.cookie);
    expect(out.headers.get('location')).toBe('/signin?signedout=1');
    expect(cookiesOf(out).some((c) => c.startsWith('ecm_session=;'))).toBe(true);
    expect((await fetch(url('/api/claims'), { headers: { cookie: one.cookie } })).status).toBe(401);

    const laptop = await signedIn('clerk@riverbend.example');
    const tablet = await signedIn('clerk@riverbend.example');
    await post('/signout/everywhere', { csrf: tablet.csrf }, tablet.cookie);
    for (const s of [laptop, tablet]) expect((await fetch(url('/api/claims'), { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('takes a one-time link once, and never writes it or a password to the log', async () => {
    const { link } = await createUser(ctx, { email: 'peer@riverbend.example', role: 'billing' });
    const form = await formOf(`/welcome/${link}`);
    const short = await post(`/welcome/${link}`, { csrf: form.csrf, password: 'short' }, form.cookie);
    expect(short.status).toBe(400);
    expect(await short.text()).toMatch(/12 characters/);
    expect((await post(`/welcome/${link}`, { csrf: form.csrf, password: PASSWORD }, form.cookie)).status).toBe(303);
    const used = await formOf(`/welcome/${link}`);
    expect(used.status).toBe(400);
    expect(used.html).toMatch(/cannot be used/);
    const log = logLines.join('\n');
    expect(log).toContain('/welcome/[link]');
    expect(log).not.toContain(link.split('_').at(-1)!);
    expect(log).not.toContain(PASSWORD);
  });

  it('serves its pages with no inline script or style, under a strict policy', async () => {
    const res = await fetch(url('/signin'));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    const html = await res.text();
    // One script, from this origin, and nothing inline.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/workspace.js" defer>']);
    expect(html).not.toMatch(/<style|style="|on(click|load|submit)=/i);
    expect((await fetch(url('/workspace.js'))).headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
