// What the user use cases share: the views they answer with, the limits they keep, how an email
// is read, and how a session starts.

import { z } from 'zod';
import { ROLES, type Role } from '../api-keys.js';
import { AppError } from '../errors.js';
import type { Repositories } from '../../store/ports.js';
import type { StoredUser } from '../../store/user-store.js';
import { csrfOf, hashSecret, newToken } from './credentials.js';

export interface UserView {
  userId: string;
  /** the organization whose data the person works on */
  orgId: string;
  email: string;
  role: Role;
  createdAt: string;
  disabledAt?: string;
  lastSignInAt?: string;
}

export interface SignedIn {
  /** the cookie's value, shown once: only the hash of its secret is stored */
  session: string;
  /** derived from the session's secret: the same for the session's life, unknown without the cookie */
  csrf: string;
  user: UserView;
}

export interface ActiveSession {
  sessionId: string;
  csrf: string;
  user: UserView;
}

/** Who did it, for the audit trail: `cli`, or `user:<email>` of the person signed in. */
export interface ByWhom {
  actor?: string;
}

export const SESSION_IDLE_MINUTES = 30;
/** A session ends this long after sign-in however busy it has been. */
export const SESSION_MAX_HOURS = 12;
export const LINK_VALID_DAYS = 7;
/** last_seen_at is written at most this often per session, so checking a session stays a read. */
export const SESSION_TOUCH_SECONDS = 60;

export const MINUTE = 60_000;

const EMAIL = z.string().trim().toLowerCase().max(254).email();

/** The email trimmed and lower-cased, as it is stored; AppError invalid when it is not an email. */
export function normalEmail(email: unknown): string {
  const parsed = EMAIL.safeParse(email);
  if (!parsed.success) throw new AppError('invalid', 'the email address is not valid (it should look like name@example.org)');
  return parsed.data;
}

export function checkRole(role: unknown): Role {
  if (!ROLES.includes(role as Role)) throw new AppError('invalid', `the role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

export function userView(user: Omit<StoredUser, 'passwordHash'> & { passwordHash?: string }): UserView {
  return {
    userId: user.userId,
    orgId: user.orgId,
    email: user.email,
    role: user.role,
    createdAt: user.createdAt,
    ...(user.disabledAt ? { disabledAt: user.disabledAt } : {}),
    ...(user.lastSignInAt ? { lastSignInAt: user.lastSignInAt } : {}),
  };
}

export function actorOf(user: { email: string }): string {
  return `user:${user.email}`;
}

export function later(at: string, ms: number): string {
  return new Date(Date.parse(at) + ms).toISOString();
}

/**
 * Starts a session for the user inside the caller's write transaction: records the sign-in time
 * and the session, and answers with the cookie value and its CSRF token.
 */
export async function startSession(tx: Repositories, userId: string, at: string): Promise<SignedIn> {
  const token = newToken('ses');
  await tx.users.markSignedIn(userId, at);
  await tx.users.insertSession({ sessionId: token.id, userId, secretHash: hashSecret(token.secret), createdAt: at, lastSeenAt: at });
  const user = await tx.users.findUser(userId);
  return { session: token.token, csrf: csrfOf(token.secret), user: userView(user!) };
}
