// The Settings page: every role reads the organization and the payer profiles; admin and billing
// change a payer's format preference and unit policy (validated whole with PayerSchema and stored
// through the payers import, so the change is audited and versioned like any import); an admin
// manages people and API keys. Every form is answered on the same page with what happened or why
// it could not.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { z } from 'zod';
import { createApiKey, listApiKeys, revokeApiKey, ROLES, type Role } from '../../app/api-keys.js';
import { recordAudit } from '../../app/audit.js';
import { decideClaimFormats } from '../../app/claims/formats.js';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { importDocument } from '../../app/imports/import-file.js';
import { createUser, disableUser, issueSignInLink, LINK_VALID_DAYS, listUsers, signOutEverywhere, type ActiveSession } from '../../app/users/users.js';
import { CLAIM_FORMAT_LABELS, PayerSchema, type Payer } from '../../domain/reference.js';
import { tableQuery } from '../../web/pages/kit.js';
import type { Markup } from '../../web/pages/layout.js';
import { settingsPage, unitPolicy } from '../../web/pages/settings.js';
import type { ApiEnv } from '../auth.js';
import { formBodyLimit, formTokenOk, pageSession, pageUser, renderPage } from './page-session.js';

const PAYER_EDITORS = ['admin', 'billing'] as const;
const ADMIN = ['admin'] as const;
const EXPIRED = "The form had expired: it did not carry this session's token. Try again.";
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

type Status = 200 | 400 | 403 | 404 | 409;
type Outcome = { result?: Markup; error?: string };

const statusOf = (err: AppError): Status => (err.kind === 'not_found' ? 404 : err.kind === 'conflict' ? 409 : err.kind === 'forbidden' ? 403 : 400);

export function settingsPageRoutes(app: OpenAPIHono<ApiEnv>): void {
  const small = formBodyLimit();

  app.get('/settings', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    return showSettings(c.var.ctx, c, session);
  });

  /** The common frame of every form: the role, the token, and AppErrors said on the page. */
  const answer = (roles: readonly Role[], work: (c: Context, session: ActiveSession, form: Record<string, unknown>) => Promise<Markup>) => async (c: Context) => {
    const session = await pageSession(c.var.ctx, c, roles);
    if (session instanceof Response) return session;
    const form = await c.req.parseBody();
    if (!formTokenOk(session, form)) return showSettings(c.var.ctx, c, session, { error: EXPIRED }, 403);
    try {
      return showSettings(c.var.ctx, c, session, { result: await work(c, session, form) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return showSettings(c.var.ctx, c, session, { error: err.message }, statusOf(err));
    }
  };

  app.post('/settings/payers/:id', small, answer(PAYER_EDITORS, (c, session, form) => savePayer(c.var.ctx, session, c.req.param('id') ?? '', form)));
  app.post('/settings/users/:action{create|link|signout|disable}', small, answer(ADMIN, (c, session, form) => people(c.var.ctx, c, session, c.req.param('action') ?? '', form)));
  app.post('/settings/keys/:action{create|revoke}', small, answer(ADMIN, (c, session, form) => keys(c.var.ctx, session, c.req.param('action') ?? '', form)));
}

/** A number typed in a form, or the text itself when it is not one (so the schema says what is wrong). */
function numberOf(value: unknown): unknown {
  const typed = text(value);
  return typed !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed;
}

const FIELD_NAMES: Record<string, string> = {
  'formats.preferred': 'The preferred format',
  'formats.fallback': 'The fallback format',
  'units.minutesPerUnit': 'Minutes per unit',
  'units.increment': 'The unit increment',
  'units.rounding': 'The rounding',
};

/** A zod issue in a biller's words: which field, and what it must be. */
export function plainIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  const field = FIELD_NAMES[path] ?? (path ? `The field ${path}` : 'The profile');
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? `${field} must be a whole number.` : issue.expected === 'number' ? `${field} must be a number.` : `${field} is missing or not a ${issue.expected}.`;
    case 'too_small':
      return issue.origin === 'number' ? `${field} must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}.` : `${field} is too short.`;
    case 'too_big':
      return issue.origin === 'number' ? `${field} must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}.` : `${field} is too long.`;
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map(String).join(', ')}.`;
    default:
      return `${field}: ${issue.message}.`;
  }
}

async function savePayer(ctx: AppContext, session: ActiveSession, payerId: string, form: Record<string, unknown>): Promise<Markup> {
  const stored = await ctx.store.read.reference.getPayer(payerId);
  if (!stored) throw new AppError('not_found', `payer ${payerId} does not exist`);
  const fallback = text(form.fallback);
  const { fallback: _old, ...formats } = stored.formats;
  const changed = {
    ...stored,
    formats: { ...formats, preferred: text(form.preferred), ...(fallback && fallback !== 'none' ? { fallback } : {}) },
    units: { minutesPerUnit: numberOf(form.minutesPerUnit), increment: numberOf(form.increment), rounding: text(form.rounding) },
  };
  const parsed = PayerSchema.safeParse(changed);
  if (!parsed.success) throw new AppError('invalid', `${payerId} was not saved. ${parsed.error.issues.map(plainIssue).join(' ')}`);
  const payer: Payer = parsed.data;
  const report = await importDocument(ctx, 'payers', [payer], `web:user:${session.user.userId}`);
  if (report.counts.rejected > 0) throw new AppError('invalid', `${payerId} was not saved: ${report.issues.map((i) => i.message).join('; ')}`);
  // the import keeps the version; the trail says who changed the profile from this page
  await audit(ctx, session, 'settings payer', `payer:${payer.id}`, `import ${report.importId}: ${report.counts.updated > 0 ? 'updated' : 'unchanged'}`);
  const formatsChanged = stored.formats.preferred !== payer.formats.preferred || stored.formats.fallback !== payer.formats.fallback;
  const unitsChanged = unitPolicy(stored) !== unitPolicy(payer);
  const saved = html`<p class="notice">Saved ${payer.name} (${payer.id}): prefers ${CLAIM_FORMAT_LABELS[payer.formats.preferred]}, fallback ${payer.formats.fallback ? CLAIM_FORMAT_LABELS[payer.formats.fallback] : 'none'}; ${unitPolicy(payer)}. ${report.counts.updated > 0 ? `Recorded as import ${report.importId}.` : 'Nothing had changed.'}</p>`;
  if (!formatsChanged && !unitsChanged) return saved;
  return html`${saved}
${formatsChanged ? await redecide(ctx, payer) : ''}
${unitsChanged ? html`<p>Claims already built keep their units until their month is built again (<code>claims build</code>); new builds use the new unit policy.</p>` : ''}`;
}

/** Unsent claims of the payer take the new format preference now, as `claims formats` would. */
async function redecide(ctx: AppContext, payer: Payer): Promise<Markup> {
  try {
    const { counts } = await decideClaimFormats(ctx, { payerId: payer.id });
    if (counts.claims === 0) return html`<p>${payer.name} has no unsent claims: the next build uses the new format preference.</p>`;
    return html`<p>The ${counts.claims} unsent ${counts.claims === 1 ? 'claim' : 'claims'} of ${payer.name} had their format decided again: ${counts.changed} changed, ${counts.ready} ready, ${counts.held} held. Claims already sent keep their format.</p>`;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return html`<p class="error">The unsent claims keep their format until the next <code>claims build</code> or <code>claims formats</code>: ${err.message}</p>`;
  }
}

function welcome(c: Context, email: string, link: string): Markup {
  const url = new URL(`/welcome/${link}`, c.req.url).href;
  return html`<p class="notice">Sign-in link for ${email}:</p>
<p><code>${url}</code></p>
<p>Hand it over to ${email}. It works once, for ${LINK_VALID_DAYS} days, and is shown only now; earlier links of this person no longer work.</p>`;
}

async function people(ctx: AppContext, c: Context, session: ActiveSession, action: string, form: Record<string, unknown>): Promise<Markup> {
  const by = { actor: `user:${session.user.email}` };
  const email = text(form.email);
  if (!email) throw new AppError('invalid', 'give the email of the person');
  if (action === 'create') {
    const role = text(form.role) as Role;
    if (!ROLES.includes(role)) throw new AppError('invalid', `the role must be one of ${ROLES.join(', ')}`);
    const { user, link } = await createUser(ctx, { email, role }, by);
    return html`<p>Added ${user.email} as ${user.role}.</p>${welcome(c, user.email, link)}`;
  }
  if (action === 'link') {
    const { user, link } = await issueSignInLink(ctx, email, by);
    return welcome(c, user.email, link);
  }
  if (action === 'disable') {
    const user = await disableUser(ctx, email, by);
    return html`<p class="notice">${user.email} is disabled: their sessions ended and their sign-in links no longer work.</p>`;
  }
  const user = (await listUsers(ctx)).find((u) => u.email === email.toLowerCase());
  if (!user) throw new AppError('not_found', `there is no user with the email ${email}`);
  const ended = await signOutEverywhere(ctx, user.userId, by);
  return html`<p class="notice">${user.email} is signed out everywhere: ${ended} ${ended === 1 ? 'session' : 'sessions'} ended.</p>`;
}

/** Key and payer changes made here (not under /api, so not in the API's own audit lines). */
function audit(ctx: AppContext, session: ActiveSession, action: string, target: string, outcome: string): Promise<void> {
  return ctx.writeLock.run(() => recordAudit(ctx, { actor: `user:${session.user.email}`, role: session.user.role, action, target, outcome }));
}

async function keys(ctx: AppContext, session: ActiveSession, action: string, form: Record<string, unknown>): Promise<Markup> {
  if (action === 'revoke') {
    const keyId = text(form.keyId);
    await revokeApiKey(ctx, keyId);
    await audit(ctx, session, 'keys revoke', `key:${keyId}`, 'revoked');
    return html`<p class="notice">Key ${keyId} is revoked: requests with it are refused from now on.</p>`;
  }
  const role = text(form.role) as Role;
  if (!ROLES.includes(role)) throw new AppError('invalid', `the role must be one of ${ROLES.join(', ')}`);
  const label = text(form.label).slice(0, 80);
  const created = await createApiKey(ctx, role, label || undefined);
  await audit(ctx, session, 'keys create', `key:${created.keyId}`, `created ${created.role}`);
  return html`<p class="notice">Made key ${created.keyId} for the role ${created.role}${label ? ` (${label})` : ''}:</p>
<p><code>${created.key}</code></p>
<p>Copy it now: it is shown only this once; only its hash is kept.</p>`;
}

async function showSettings(ctx: AppContext, c: Context, session: ActiveSession, outcome: Outcome = {}, status: Status = 200) {
  const repos = ctx.store.read;
  const [organization, payers] = await Promise.all([repos.reference.getOrganization(), repos.reference.listPayers()]);
  const admin = session.user.role === 'admin';
  const people = admin ? { users: await listUsers(ctx), keys: await listApiKeys(ctx) } : undefined;
  const query = (k: string) => c.req.query(k);
  return renderPage(
    c,
    settingsPage({
      user: pageUser(session),
      ...(organization ? { organization } : {}),
      payers,
      canEditPayers: (PAYER_EDITORS as readonly string[]).includes(session.user.role),
      ...(people ? { people } : {}),
      ...outcome,
      tables: { payers: tableQuery(query, 'payers'), users: tableQuery(query, 'users'), keys: tableQuery(query, 'keys') },
    }),
    status,
  );
}
