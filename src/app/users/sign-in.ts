// Signing in with an email and a password, slowed down for an email that keeps failing.
// Failures are counted per email (known or not) over FAILURE_WINDOW_MINUTES: from the third on,
// each further attempt waits signInDelay(failures) before it is answered, and after the tenth
// the email is refused, even with the right password, until the count falls below ten again.
// An unknown email and a wrong password get the same sentence after the same work (one scrypt).

import { setTimeout as wait } from 'node:timers/promises';
import { recordAudit } from '../audit.js';
import { timestamp, withOrganization, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { actorOf, MINUTE, normalEmail, startSession, type SignedIn } from './account.js';
import { verifyPassword } from './credentials.js';

export const FAILURE_WINDOW_MINUTES = 15;
/** Failures within the window after which each further attempt is slowed down. */
export const SLOW_AFTER_FAILURES = 3;
/** Failures within the window after which the email is refused for the rest of it. */
export const LOCK_AFTER_FAILURES = 10;
const MAX_DELAY_MS = 8_000;

export const WRONG_CREDENTIALS = 'the email or password is not right';

export interface SignInOptions {
  /** how the wait before answering is spent (tests pass one that only records it) */
  sleep?: (ms: number) => Promise<void>;
}

/** The wait, in milliseconds, before answering an attempt made after `failures` recent failures: 0, then 1 s, 2 s, 4 s, 8 s at most. */
export function signInDelay(failures: number): number {
  if (failures < SLOW_AFTER_FAILURES) return 0;
  return Math.min(1000 * 2 ** (failures - SLOW_AFTER_FAILURES), MAX_DELAY_MS);
}

export async function signIn(ctx: AppContext, credentials: { email: string; password: string }, options: SignInOptions = {}): Promise<SignedIn> {
  const email = normalEmail(credentials.email);
  const password = typeof credentials.password === 'string' ? credentials.password : '';
  const actor = actorOf({ email });
  const windowStart = new Date(ctx.clock.now().getTime() - FAILURE_WINDOW_MINUTES * MINUTE).toISOString();
  const failures = await ctx.store.read.users.failuresAfter(email, windowStart);

  if (failures.length >= LOCK_AFTER_FAILURES) {
    // Refused attempts are not failures: they do not push the end of the lock further out.
    const until = new Date(Date.parse(failures[failures.length - LOCK_AFTER_FAILURES]!) + FAILURE_WINDOW_MINUTES * MINUTE);
    await ctx.writeLock.run(() => recordAudit(ctx, { actor, action: 'sign-in refused', target: actor, outcome: `locked: ${failures.length} failures in ${FAILURE_WINDOW_MINUTES} minutes` }));
    ctx.logger.info('user.sign_in_locked', { failures: failures.length });
    throw new AppError('unauthorized', `too many failed sign-ins for this email; try again after ${until.toISOString().slice(11, 16)} UTC`);
  }

  const delay = signInDelay(failures.length);
  if (delay > 0) await (options.sleep ?? ((ms: number) => wait(ms)))(delay);

  const user = await ctx.store.read.users.findUserByEmail(email);
  const right = await verifyPassword(password, user?.passwordHash);
  if (!right || !user) {
    await ctx.writeLock.run(async () => {
      const at = timestamp(ctx);
      await ctx.store.withTransaction((tx) => tx.users.recordFailure(email, at, windowStart));
      await recordAudit(user ? withOrganization(ctx, user.orgId) : ctx, { actor, role: user?.role, action: 'sign-in failed', target: actor, outcome: `failure ${failures.length + 1} in ${FAILURE_WINDOW_MINUTES} minutes` });
    });
    ctx.logger.info('user.sign_in_failed', { userId: user?.userId, failures: failures.length + 1 });
    throw new AppError('unauthorized', WRONG_CREDENTIALS);
  }

  return ctx.writeLock.run(async () => {
    const at = timestamp(ctx);
    const signedIn = await ctx.store.withTransaction(async (tx) => {
      const current = await tx.users.findUser(user.userId);
      if (!current || current.disabledAt) return undefined;
      await tx.users.clearFailures(email);
      return startSession(tx, user.userId, at);
    });
    if (!signedIn) {
      await recordAudit(withOrganization(ctx, user.orgId), { actor, role: user.role, action: 'sign-in refused', target: actor, outcome: 'user disabled' });
      ctx.logger.info('user.sign_in_disabled', { userId: user.userId });
      throw new AppError('unauthorized', 'this account is disabled; ask an administrator');
    }
    await recordAudit(withOrganization(ctx, user.orgId), { actor, role: user.role, action: 'sign-in', target: actor, outcome: 'ok' });
    ctx.logger.info('user.signed_in', { userId: user.userId });
    return signedIn;
  });
}
