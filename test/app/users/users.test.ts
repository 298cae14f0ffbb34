// People's accounts for the browser workspace, on a real database with a clock the test moves:
// one-time links that set a password, sign-in with one sentence for every wrong answer, sessions
// that end when idle, when old, on sign-out and when the user is disabled, failed sign-ins slowed
// down and then refused, and an audit trail (and logs) that never hold a password or a token.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspace, NOW, type Workspace } from '../../support/workspace.js';
import { storedCount } from '../../../bench/stored-rows.js';
import { listAudit } from '../../../src/app/audit.js';
import { AppError } from '../../../src/app/errors.js';
import {
  createUser,
  disableUser,
  issueSignInLink,
  linkIsValid,
  listUsers,
  redeemSignInLink,
  SESSION_IDLE_MINUTES,
  sessionOf,
  signIn,
  signInDelay,
  signOut,
  signOutEverywhere,
  type SignedIn,
} from '../../../src/app/users/users.js';

const PASSWORD = 'correct horse battery';
const WRONG = 'the email or password is not right';
const MINUTE = 60_000;

let ws: Workspace;
let at: number;
let logLines: string[];
let slept: number[];
const sleep = async (ms: number) => {
  slept.push(ms);
};

function move(minutes: number): void {
  at += minutes * MINUTE;
}

beforeEach(() => {
  logLines = [];
  const record = (level: string) => (event: string, fields?: Record<string, unknown>) => logLines.push(JSON.stringify({ level, event, ...fields }));
  ws = workspace({ logger: { info: record('info'), error: record('error') } });
  at = Date.parse(NOW);
  ws.ctx.clock = { now: () => new Date(at) };
  slept = [];
});
afterEach(async () => {
  await ws.ctx.writeLock.run(() => undefined);
  ws.dispose();
});

/** The AppError a promise rejects with. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A user who has set their password through their first link, and that first session. */
async function member(email = 'ann@example.org', role: 'admin' | 'billing' | 'finance' = 'billing'): Promise<SignedIn> {
  const { link } = await createUser(ws.ctx, { email, role });
  return redeemSignInLink(ws.ctx, link, PASSWORD);
}

/** The session's last_seen_at as stored. */
async function lastSeenOf(session: string): Promise<string | undefined> {
  return (await ws.ctx.store.read.users.findSession(session.slice(4, 16)))?.lastSeenAt;
}

describe('user accounts', () => {
  it('creates a user with a trimmed, lower-cased email and a one-time link, and refuses a duplicate or bad input', async () => {
    const { user, link } = await createUser(ws.ctx, { email: '  Ann@Example.ORG ', role: 'billing' });
    expect(user).toEqual({ userId: expect.stringMatching(/^[0-9a-f]{12}$/), orgId: 'default', email: 'ann@example.org', role: 'billing', createdAt: NOW.replace('Z', '.000Z') });
    expect(link).toMatch(/^lnk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(await listUsers(ws.ctx)).toEqual([user]);

    const duplicate = await failure(createUser(ws.ctx, { email: 'ANN@example.org', role: 'admin' }));
    expect(duplicate.kind).toBe('conflict');
    expect(duplicate.message).toBe('a user with the email ann@example.org already exists');
    expect((await failure(createUser(ws.ctx, { email: 'not an email', role: 'admin' }))).kind).toBe('invalid');
    expect((await failure(createUser(ws.ctx, { email: 'bob@example.org', role: 'root' as 'admin' }))).kind).toBe('invalid');
    expect(await listUsers(ws.ctx)).toHaveLength(1);
  });

  it('sets the password through the link, which works once, then signs in with it', async () => {
    const { user, link } = await createUser(ws.ctx, { email: 'ann@example.org', role: 'finance' });
    expect(await linkIsValid(ws.ctx, link)).toEqual(user);
    expect(await linkIsValid(ws.ctx, 'lnk_000000000000_' + 'A'.repeat(43))).toBeUndefined();
    expect(await linkIsValid(ws.ctx, link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A'))).toBeUndefined();

    const short = await failure(redeemSignInLink(ws.ctx, link, 'short pass'));
    expect(short.kind).toBe('invalid');
    expect(short.message).toMatch(/at least 12 characters/);
    expect(await linkIsValid(ws.ctx, link)).toBeDefined();

    const first = await redeemSignInLink(ws.ctx, link, PASSWORD);
    expect(first.session).toMatch(/^ses_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(first.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.user).toEqual({ ...user, lastSignInAt: user.createdAt });
    expect(await sessionOf(ws.ctx, first.session)).toEqual({ sessionId: first.session.slice(4, 16), csrf: first.csrf, user: first.user });

    expect(await linkIsValid(ws.ctx, link)).toBeUndefined();
    expect((await failure(redeemSignInLink(ws.ctx, link, 'another long password'))).kind).toBe('unauthorized');

    const stored = (await ws.ctx.store.read.users.findUserByEmail('ann@example.org'))?.passwordHash;
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);

    move(5);
    const second = await signIn(ws.ctx, { email: ' ANN@example.org', password: PASSWORD });
    expect(second.user.lastSignInAt).toBe(new Date(at).toISOString());
    expect(second.session).not.toBe(first.session);
    expect(second.csrf).not.toBe(first.csrf);
    expect((await sessionOf(ws.ctx, second.session))?.user.email).toBe('ann@example.org');
  });

  it('says the same sentence for an unknown email, a wrong password and a user without a password', async () => {
    await member();
    await createUser(ws.ctx, { email: 'new@example.org', role: 'billing' });
    for (const credentials of [
      { email: 'ann@example.org', password: 'not the password' },
      { email: 'nobody@example.org', password: PASSWORD },
      { email: 'new@example.org', password: PASSWORD },
    ]) {
      const err = await failure(signIn(ws.ctx, credentials));
      expect([err.kind, err.message]).toEqual(['unauthorized', WRONG]);
    }
  });

  it('lets a link expire after 7 days, and a new link replaces the earlier unused one', async () => {
    const { link } = await createUser(ws.ctx, { email: 'ann@example.org', role: 'billing' });
    move(7 * 24 * 60 - 1);
    expect(await linkIsValid(ws.ctx, link)).toBeDefined();
    move(2);
    expect(await linkIsValid(ws.ctx, link)).toBeUndefined();
    expect((await failure(redeemSignInLink(ws.ctx, link, PASSWORD))).kind).toBe('unauthorized');

    const again = await issueSignInLink(ws.ctx, 'Ann@example.org');
    const newest = await issueSignInLink(ws.ctx, 'ann@example.org');
    expect(await linkIsValid(ws.ctx, again.link)).toBeUndefined();
    expect((await linkIsValid(ws.ctx, newest.link))?.email).toBe('ann@example.org');
    expect((await failure(issueSignInLink(ws.ctx, 'nobody@example.org'))).kind).toBe('not_found');
  });

  it('lets only one of two pages sending the same link at once set the password', async () => {
    const { link } = await createUser(ws.ctx, { email: 'ann@example.org', role: 'billing' });
    const results = await Promise.allSettled([redeemSignInLink(ws.ctx, link, 'the first password'), redeemSignInLink(ws.ctx, link, 'the second password')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await storedCount(ws, 'SELECT COUNT(*) FROM user_sessions')).toBe(1);
  });

  it('a link used to reset the password ends the sessions signed in with the old one', async () => {
    const first = await member();
    const { link } = await issueSignInLink(ws.ctx, 'ann@example.org');
    const reset = await redeemSignInLink(ws.ctx, link, 'a brand new password');
    expect(await sessionOf(ws.ctx, first.session)).toBeUndefined();
    expect(await sessionOf(ws.ctx, reset.session)).toBeDefined();
    expect((await failure(signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD }))).message).toBe(WRONG);
    await signIn(ws.ctx, { email: 'ann@example.org', password: 'a brand new password' });
  });
});

describe('sessions', () => {
  it(`end after ${SESSION_IDLE_MINUTES} idle minutes; use keeps them alive, writing last_seen_at at most once a minute`, async () => {
    const { session, csrf } = await member();
    // sessionOf queues its write on the write lock: what ran before this has run.
    const lastSeen = async () => {
      await ws.ctx.writeLock.run(() => undefined);
      return lastSeenOf(session);
    };
    move(SESSION_IDLE_MINUTES - 1);
    expect((await sessionOf(ws.ctx, session))?.csrf).toBe(csrf);
    const touched = await lastSeen();
    expect(touched).toBe(new Date(at).toISOString());
    at += 30_000;
    expect(await sessionOf(ws.ctx, session)).toBeDefined();
    expect(await lastSeen()).toBe(touched);
    move(SESSION_IDLE_MINUTES - 1);
    expect(await sessionOf(ws.ctx, session)).toBeDefined();
    move(SESSION_IDLE_MINUTES + 1);
    expect(await sessionOf(ws.ctx, session)).toBeUndefined();
  });

  it('are answered while a long write holds the lock; the last_seen_at write waits for it', async () => {
    const { session } = await member();
    const before = await lastSeenOf(session);
    let release!: () => void;
    const held = ws.ctx.writeLock.run(() => new Promise<void>((resolve) => (release = resolve)));
    move(5);
    expect(await sessionOf(ws.ctx, session)).toBeDefined();
    expect(await lastSeenOf(session)).toBe(before);
    release();
    await held;
    await ws.ctx.writeLock.run(() => undefined);
    expect(await lastSeenOf(session)).toBe(new Date(at).toISOString());
  });

  it('end 12 hours after sign-in however busy', async () => {
    const { session } = await member();
    for (let minutes = 20; minutes <= 12 * 60; minutes += 20) {
      move(20);
      expect(await sessionOf(ws.ctx, session), `${minutes} minutes`).toBeDefined();
      await ws.ctx.writeLock.run(() => undefined);
    }
    move(1);
    expect(await sessionOf(ws.ctx, session)).toBeUndefined();
  });

  it('end on sign-out, and all of them on sign-out everywhere', async () => {
    const first = await member();
    const second = await signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD });
    const third = await signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD });
    await signOut(ws.ctx, first.session);
    expect(await sessionOf(ws.ctx, first.session)).toBeUndefined();
    expect(await sessionOf(ws.ctx, second.session)).toBeDefined();
    await signOut(ws.ctx, first.session);
    await signOut(ws.ctx, 'garbage');
    await signOut(ws.ctx, second.session.slice(0, -1) + (second.session.endsWith('A') ? 'B' : 'A'));
    expect(await sessionOf(ws.ctx, second.session)).toBeDefined();

    expect(await signOutEverywhere(ws.ctx, first.user.userId)).toBe(2);
    expect(await sessionOf(ws.ctx, second.session)).toBeUndefined();
    expect(await sessionOf(ws.ctx, third.session)).toBeUndefined();
    expect(await signOutEverywhere(ws.ctx, first.user.userId)).toBe(0);
    expect((await failure(signOutEverywhere(ws.ctx, 'nobody'))).kind).toBe('not_found');
    expect(await sessionOf(ws.ctx, 'ses_000000000000_' + 'A'.repeat(43))).toBeUndefined();
  });

  it('end when the user is disabled, who then cannot sign in or be given a link', async () => {
    const { session, user } = await member();
    const other = await member('bob@example.org');
    const pending = await createUser(ws.ctx, { email: 'cy@example.org', role: 'admin' });
    move(1);
    const disabled = await disableUser(ws.ctx, 'ANN@example.org');
    expect(disabled).toEqual({ ...user, disabledAt: new Date(at).toISOString() });
    expect(await sessionOf(ws.ctx, session)).toBeUndefined();
    expect(await sessionOf(ws.ctx, other.session)).toBeDefined();
    const refused = await failure(signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD }));
    expect([refused.kind, refused.message]).toEqual(['unauthorized', 'this account is disabled; ask an administrator']);
    expect((await failure(issueSignInLink(ws.ctx, 'ann@example.org'))).kind).toBe('conflict');
    expect((await failure(disableUser(ws.ctx, 'nobody@example.org'))).kind).toBe('not_found');

    await disableUser(ws.ctx, 'cy@example.org');
    expect(await linkIsValid(ws.ctx, pending.link)).toBeUndefined();
    expect((await listUsers(ws.ctx)).map((u) => [u.email, u.disabledAt !== undefined])).toEqual([
      ['ann@example.org', true],
      ['bob@example.org', false],
      ['cy@example.org', true],
    ]);
  });
});

describe('failed sign-ins', () => {
  it('wait 0, 0, 0, then 1 s, 2 s, 4 s and at most 8 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 9, 20].map(signInDelay)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000, 8000, 8000]);
  });

  it('are slowed down from the 4th attempt and refused after 10 failures in 15 minutes, even with the right password', async () => {
    await member();
    const attempt = (password: string) => signIn(ws.ctx, { email: 'ann@example.org', password }, { sleep });
    for (let i = 1; i <= 10; i++) {
      expect((await failure(attempt(`wrong guess ${i}`))).message).toBe(WRONG);
      if (i === 1) move(1);
    }
    expect(slept).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000]);

    slept = [];
    const locked = await failure(attempt(PASSWORD));
    expect([locked.kind, locked.message]).toEqual(['unauthorized', 'too many failed sign-ins for this email; try again after 18:15 UTC']);
    expect(slept).toEqual([]);
    // Refused attempts do not count: the lock ends 15 minutes after the first of the ten.
    move(13);
    expect((await failure(attempt(PASSWORD))).message).toMatch(/^too many failed sign-ins/);
    move(1);
    // Nine failures remain in the window: slowed down, but let in.
    await attempt(PASSWORD);
    expect(slept).toEqual([8000]);

    // A success clears the count.
    slept = [];
    for (let i = 0; i < 4; i++) await failure(attempt('wrong again'));
    expect(slept).toEqual([1000]);
  });

  it('count per email, whether or not a user has it, and forget failures older than 15 minutes', async () => {
    await member();
    for (let i = 0; i < 10; i++) await failure(signIn(ws.ctx, { email: 'ghost@example.org', password: 'whatever it is' }, { sleep }));
    expect((await failure(signIn(ws.ctx, { email: 'ghost@example.org', password: 'x' }, { sleep }))).message).toMatch(/^too many failed sign-ins/);
    slept = [];
    await signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD }, { sleep });
    expect(slept).toEqual([]);
    move(16);
    await failure(signIn(ws.ctx, { email: 'ghost@example.org', password: 'x' }, { sleep }));
    expect(slept).toEqual([]);
    expect(await storedCount(ws, 'SELECT COUNT(*) FROM sign_in_failures')).toBe(1);
  });
});

describe('the audit trail and the logs', () => {
  it('record every sign-in, failure, sign-out, creation, link and disable, without a password or a token', async () => {
    const { link } = await createUser(ws.ctx, { email: 'ann@example.org', role: 'billing' }, { actor: 'user:boss@example.org' });
    const secrets: string[] = [PASSWORD, link, link.slice(17)];
    const first = await redeemSignInLink(ws.ctx, link, PASSWORD);
    await failure(signIn(ws.ctx, { email: 'ann@example.org', password: 'a wrong password' }));
    await failure(signIn(ws.ctx, { email: 'nobody@example.org', password: 'a wrong password' }));
    const second = await signIn(ws.ctx, { email: 'ann@example.org', password: PASSWORD });
    await sessionOf(ws.ctx, second.session);
    await signOut(ws.ctx, first.session);
    await signOutEverywhere(ws.ctx, second.user.userId);
    const again = await issueSignInLink(ws.ctx, 'ann@example.org');
    await disableUser(ws.ctx, 'ann@example.org');
    secrets.push('a wrong password', again.link, again.link.slice(17));
    for (const s of [first, second]) secrets.push(s.session, s.session.slice(17), s.csrf);

    const entries = (await listAudit(ws.ctx, {})).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.target])).toEqual([
      ['user:boss@example.org', 'users create', 'user:ann@example.org'],
      ['user:ann@example.org', 'password set', 'user:ann@example.org'],
      ['user:ann@example.org', 'sign-in', 'user:ann@example.org'],
      ['user:ann@example.org', 'sign-in failed', 'user:ann@example.org'],
      ['user:nobody@example.org', 'sign-in failed', 'user:nobody@example.org'],
      ['user:ann@example.org', 'sign-in', 'user:ann@example.org'],
      ['user:ann@example.org', 'sign-out', 'user:ann@example.org'],
      ['user:ann@example.org', 'sign-out everywhere', 'user:ann@example.org'],
      ['cli', 'users link', 'user:ann@example.org'],
      ['cli', 'users disable', 'user:ann@example.org'],
    ]);
    expect(entries.find((e) => e.action === 'sign-out everywhere')?.outcome).toBe('1 session ended');

    const audit = JSON.stringify(entries);
    const logs = logLines.join('\n');
    for (const secret of secrets) {
      expect(audit).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
    expect(logs).toContain(second.user.userId);
    expect(logs).not.toContain('ann@example.org');
  });
});
