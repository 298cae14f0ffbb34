// People's accounts for the browser workspace. An administrator creates a user (CLI or web) and
// hands over a one-time sign-in link (there is no mail server); the person opens
// /welcome/<link>, sets a password, and is signed in. Sessions end on sign-out, after
// SESSION_IDLE_MINUTES without a request, SESSION_MAX_HOURS after sign-in, or when the user is
// disabled or signed out everywhere. Tokens are "<ses|lnk>_<12 hex id>_<secret>": the id finds the
// row, only the SHA-256 of the secret is stored (credentials.ts). Every change is audited, never
// with a password or a token; logs carry user ids only.

import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit.js';
import { timestamp, withOrganization, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { Role } from '../api-keys.js';
import type { Repositories } from '../../store/ports.js';
import { actorOf, checkRole, later, LINK_VALID_DAYS, MINUTE, normalEmail, SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, SESSION_TOUCH_SECONDS, startSession, userView, type ActiveSession, type ByWhom, type SignedIn, type UserView } from './account.js';
import { checkNewPassword, csrfOf, hashPassword, hashSecret, newToken, parseToken, secretMatches } from './credentials.js';

export { SESSION_IDLE_MINUTES, SESSION_MAX_HOURS, LINK_VALID_DAYS, type ActiveSession, type ByWhom, type SignedIn, type UserView };
export { signIn, signInDelay, FAILURE_WINDOW_MINUTES, LOCK_AFTER_FAILURES, SLOW_AFTER_FAILURES, WRONG_CREDENTIALS, type SignInOptions } from './sign-in.js';
export { MIN_PASSWORD_LENGTH } from './credentials.js';

const DAY = 24 * 60 * MINUTE;
const BAD_LINK = 'this sign-in link does not work: it has been used, replaced by a newer one, or has expired; ask an administrator for a new one';

/** A new one-time link for the user, ending the user's earlier unused ones (inside the caller's transaction). */
/** The person if they work for the context's organization: another's people are not found. */
function ofThisOrganization<T extends { orgId: string }>(ctx: AppContext, user: T | undefined): T | undefined {
  return user && user.orgId === ctx.store.org ? user : undefined;
}

/** The context of the person's own organization, where what happens to their account is audited. */
function theirs(ctx: AppContext, user: { orgId: string }): AppContext {
  return withOrganization(ctx, user.orgId);
}

async function newLink(tx: Repositories, userId: string, at: string): Promise<string> {
  const token = newToken('lnk');
  await tx.users.replaceLinksOf(userId, at);
  await tx.users.insertLink({ linkId: token.id, userId, secretHash: hashSecret(token.secret), createdAt: at, expiresAt: later(at, LINK_VALID_DAYS * DAY) });
  return token.token;
}

/**
 * A new user, without a password yet, and the one-time link that lets them set one (a token, not
 * a URL: the page is /welcome/<link>). `by.actor` is who did it (default `cli`).
 */
export async function createUser(ctx: AppContext, input: { email: string; role: Role }, by: ByWhom = {}): Promise<{ user: UserView; link: string }> {
  const email = normalEmail(input.email);
  const role = checkRole(input.role);
  if (ctx.store.org === null) throw new AppError('invalid', 'a user works for an organization: name the organization');
  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const created = await ctx.store.withTransaction(async (tx) => {
      if (await tx.users.findUserByEmail(email)) throw new AppError('conflict', `a user with the email ${email} already exists`);
      const userId = randomBytes(6).toString('hex');
      await tx.users.insertUser({ userId, email, role, createdAt: at });
      return { user: userView((await tx.users.findUser(userId))!), link: await newLink(tx, userId, at) };
    });
    await recordAudit(ctx, { actor: by.actor ?? 'cli', role, action: 'users create', target: actorOf(created.user), outcome: `created ${role}` });
    ctx.logger.info('user.created', { userId: created.user.userId, role });
    return created;
  });
}

/** A new one-time link for the user (a forgotten password, a lost link); the user's earlier unused links stop working. */
export async function issueSignInLink(ctx: AppContext, email: string, by: ByWhom = {}): Promise<{ user: UserView; link: string }> {
  const address = normalEmail(email);
  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const issued = await ctx.store.withTransaction(async (tx) => {
      const user = ofThisOrganization(ctx, await tx.users.findUserByEmail(address));
      if (!user) throw new AppError('not_found', `there is no user with the email ${address}`);
      if (user.disabledAt) throw new AppError('conflict', `the user ${address} is disabled; a disabled user cannot be given a sign-in link`);
      return { user: userView(user), link: await newLink(tx, user.userId, at) };
    });
    await recordAudit(ctx, { actor: by.actor ?? 'cli', role: issued.user.role, action: 'users link', target: actorOf(issued.user), outcome: `link valid for ${LINK_VALID_DAYS} days` });
    ctx.logger.info('user.link_issued', { userId: issued.user.userId });
    return issued;
  });
}

/** The link's stored row and user when the link is open: unused, not replaced, unexpired, its user not disabled. */
async function openLink(ctx: AppContext, repos: Repositories, link: unknown) {
  const parsed = parseToken('lnk', link);
  if (!parsed) return undefined;
  const stored = await repos.users.findLink(parsed.id);
  if (!secretMatches(parsed.secret, stored?.secretHash) || !stored) return undefined;
  const user = await repos.users.findUser(stored.userId);
  if (!user) return undefined;
  const open = !stored.usedAt && !stored.replacedAt && stored.expiresAt > timestamp(ctx) && !user.disabledAt;
  return { stored, user, open };
}

/** The user a link would sign in, for the page that asks for the new password; undefined when it does not work. */
export async function linkIsValid(ctx: AppContext, link: string): Promise<UserView | undefined> {
  const found = await openLink(ctx, ctx.store.read, link);
  return found?.open ? userView(found.user) : undefined;
}

/**
 * Sets the user's password from a one-time link, uses the link up, ends the user's other
 * sessions and starts a new one. AppError invalid for a short password (the link still works),
 * unauthorized for a link that does not work.
 */
export async function redeemSignInLink(ctx: AppContext, link: string, password: string): Promise<SignedIn> {
  checkNewPassword(password);
  const before = await openLink(ctx, ctx.store.read, link);
  if (!before?.open) {
    if (before) await ctx.writeLock.run(() => recordAudit(theirs(ctx, before.user), { actor: actorOf(before.user), role: before.user.role, action: 'sign-in link refused', target: actorOf(before.user), outcome: 'link used, replaced or expired' }));
    throw new AppError('unauthorized', BAD_LINK);
  }
  const passwordHash = await hashPassword(password);
  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const signedIn = await ctx.store.withTransaction(async (tx) => {
      // Checked again under the lock: of two pages sending the same link, one wins.
      const found = await openLink(ctx, tx, link);
      if (!found?.open || !(await tx.users.useLink(found.stored.linkId, at))) throw new AppError('unauthorized', BAD_LINK);
      await tx.users.setPassword(found.user.userId, passwordHash);
      await tx.users.endSessionsOf(found.user.userId, at);
      await tx.users.clearFailures(found.user.email);
      return startSession(tx, found.user.userId, at);
    });
    const actor = actorOf(signedIn.user);
    await recordAudit(theirs(ctx, signedIn.user), { actor, role: signedIn.user.role, action: 'password set', target: actor, outcome: 'ok (sign-in link used)' });
    await recordAudit(theirs(ctx, signedIn.user), { actor, role: signedIn.user.role, action: 'sign-in', target: actor, outcome: 'ok (sign-in link)' });
    ctx.logger.info('user.password_set', { userId: signedIn.user.userId });
    return signedIn;
  });
}

/**
 * The session a cookie holds, while it lasts: undefined when it is unknown, signed out, its user
 * disabled, idle longer than SESSION_IDLE_MINUTES or older than SESSION_MAX_HOURS. A session in
 * use has its last_seen_at moved forward, at most once every SESSION_TOUCH_SECONDS, by a write
 * queued on the write lock (the answer does not wait for it).
 */
export async function sessionOf(ctx: AppContext, session: string): Promise<ActiveSession | undefined> {
  const parsed = parseToken('ses', session);
  if (!parsed) return undefined;
  const stored = await ctx.store.read.users.findSession(parsed.id);
  if (!secretMatches(parsed.secret, stored?.secretHash) || !stored || stored.endedAt) return undefined;
  const now = ctx.clock.now().getTime();
  const idle = now - Date.parse(stored.lastSeenAt);
  if (idle > SESSION_IDLE_MINUTES * MINUTE || now - Date.parse(stored.createdAt) > SESSION_MAX_HOURS * 60 * MINUTE) return undefined;
  const user = await ctx.store.read.users.findUser(stored.userId);
  if (!user || user.disabledAt) return undefined;
  if (idle >= SESSION_TOUCH_SECONDS * 1000) {
    // Queued, not awaited: a long import may hold the write lock, and a page must not wait for it.
    const at = timestamp(ctx);
    ctx.writeLock
      .run(() => ctx.store.withTransaction((tx) => tx.users.touchSession(stored.sessionId, at)))
      .catch((err: unknown) => ctx.logger.error('user.session_touch_failed', { userId: stored.userId, code: (err as { code?: string }).code }));
  }
  return { sessionId: stored.sessionId, csrf: csrfOf(parsed.secret), user: userView(user) };
}

/** Ends the session the cookie holds; nothing happens for one that is unknown or already ended. */
export async function signOut(ctx: AppContext, session: string): Promise<void> {
  const parsed = parseToken('ses', session);
  if (!parsed) return;
  const stored = await ctx.store.read.users.findSession(parsed.id);
  if (!secretMatches(parsed.secret, stored?.secretHash) || !stored || stored.endedAt) return;
  const user = await ctx.store.read.users.findUser(stored.userId);
  await ctx.writeLock.run(async () => {
    const ended = await ctx.store.withTransaction((tx) => tx.users.endSession(stored.sessionId, timestamp(ctx)));
    if (ended && user) await recordAudit(theirs(ctx, user), { actor: actorOf(user), role: user.role, action: 'sign-out', target: actorOf(user), outcome: 'ok' });
  });
  ctx.logger.info('user.signed_out', { userId: stored.userId });
}

/** Ends every session of the user; how many were open. `by.actor` defaults to the user themselves. */
export async function signOutEverywhere(ctx: AppContext, userId: string, by: ByWhom = {}): Promise<number> {
  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const { user, ended } = await ctx.store.withTransaction(async (tx) => {
      const found = ofThisOrganization(ctx, await tx.users.findUser(userId));
      if (!found) throw new AppError('not_found', `there is no user ${userId}`);
      return { user: found, ended: await tx.users.endSessionsOf(userId, at) };
    });
    await recordAudit(ctx, { actor: by.actor ?? actorOf(user), role: user.role, action: 'sign-out everywhere', target: actorOf(user), outcome: `${ended} ${ended === 1 ? 'session' : 'sessions'} ended` });
    ctx.logger.info('user.signed_out_everywhere', { userId, sessions: ended });
    return ended;
  });
}

export async function listUsers(ctx: AppContext): Promise<UserView[]> {
  return (await ctx.store.read.users.listUsers()).map(userView);
}

/** Disables the user: their sessions end and their unused links stop working. Disabling twice is not an error. */
export async function disableUser(ctx: AppContext, email: string, by: ByWhom = {}): Promise<UserView> {
  const address = normalEmail(email);
  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const { user, ended } = await ctx.store.withTransaction(async (tx) => {
      const found = ofThisOrganization(ctx, await tx.users.findUserByEmail(address));
      if (!found) throw new AppError('not_found', `there is no user with the email ${address}`);
      await tx.users.disableUser(found.userId, at);
      await tx.users.replaceLinksOf(found.userId, at);
      const sessions = await tx.users.endSessionsOf(found.userId, at);
      return { user: userView((await tx.users.findUser(found.userId))!), ended: sessions };
    });
    await recordAudit(ctx, { actor: by.actor ?? 'cli', role: user.role, action: 'users disable', target: actorOf(user), outcome: `disabled; ${ended} ${ended === 1 ? 'session' : 'sessions'} ended` });
    ctx.logger.info('user.disabled', { userId: user.userId, sessions: ended });
    return user;
  });
}
