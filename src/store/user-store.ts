// People's accounts for the browser workspace: users, their sessions, one-time sign-in links and
// failed sign-ins. A person is found by email, session or link wherever they work (sign-in comes
// before the organization is known); listing and disabling are one organization's. Tokens are never stored, only the SHA-256 of their secret; passwords only as a
// self-describing scrypt string. Times are ISO timestamps, compared as text.

import type { Role } from './key-store.js';
import { Repository } from './repository.js';

export interface StoredUser {
  userId: string;
  /** the organization the person works for: they see its data and no other's */
  orgId: string;
  /** trimmed and lower-cased */
  email: string;
  role: Role;
  /** `scrypt$N$r$p$<salt>$<hash>`; undefined until the first sign-in link is used */
  passwordHash?: string;
  createdAt: string;
  disabledAt?: string;
  lastSignInAt?: string;
}

export interface StoredSession {
  sessionId: string;
  userId: string;
  secretHash: string;
  createdAt: string;
  lastSeenAt: string;
  endedAt?: string;
}

export interface StoredLink {
  linkId: string;
  userId: string;
  secretHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
  replacedAt?: string;
}

interface UserRow {
  user_id: string;
  org_id: string;
  email: string;
  role: Role;
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
  last_sign_in_at: string | null;
}

const USER_COLUMNS = 'user_id, org_id, email, role, password_hash, created_at, disabled_at, last_sign_in_at';

function userOf(row: UserRow | undefined): StoredUser | undefined {
  if (!row) return undefined;
  return {
    userId: row.user_id,
    orgId: row.org_id,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash ?? undefined,
    createdAt: row.created_at,
    disabledAt: row.disabled_at ?? undefined,
    lastSignInAt: row.last_sign_in_at ?? undefined,
  };
}

export class UserStore extends Repository {
  async insertUser(user: Pick<StoredUser, 'userId' | 'email' | 'role' | 'createdAt'>): Promise<void> {
    await this.sql('INSERT INTO users (user_id, org_id, email, role, created_at) VALUES (?, @org, ?, ?, ?)').run(user.userId, user.email, user.role, user.createdAt);
  }

  async findUser(userId: string): Promise<StoredUser | undefined> {
    return userOf(await this.sql(`SELECT ${USER_COLUMNS} FROM users WHERE user_id = ?`).get(userId) as UserRow | undefined);
  }

  async findUserByEmail(email: string): Promise<StoredUser | undefined> {
    return userOf(await this.sql(`SELECT ${USER_COLUMNS} FROM users WHERE email = ?`).get(email) as UserRow | undefined);
  }

  /** Every user, oldest first, without their password hashes. */
  async listUsers(): Promise<Array<Omit<StoredUser, 'passwordHash'>>> {
    return (await this.sql(`SELECT ${USER_COLUMNS} FROM users WHERE org_id = @org ORDER BY created_at, email`).all() as UserRow[]).map((row) => {
      const { passwordHash: _hash, ...user } = userOf(row)!;
      return user;
    });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.sql('UPDATE users SET password_hash = ? WHERE user_id = ?').run(passwordHash, userId);
  }

  async markSignedIn(userId: string, at: string): Promise<void> {
    await this.sql('UPDATE users SET last_sign_in_at = ? WHERE user_id = ?').run(at, userId);
  }

  /** False when the user was already disabled. */
  async disableUser(userId: string, at: string): Promise<boolean> {
    return (await this.sql('UPDATE users SET disabled_at = ? WHERE org_id = @org AND user_id = ? AND disabled_at IS NULL').run(at, userId)).changes > 0;
  }

  async insertSession(session: Omit<StoredSession, 'endedAt'>): Promise<void> {
    await this.sql('INSERT INTO user_sessions (session_id, user_id, secret_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)').run(
      session.sessionId,
      session.userId,
      session.secretHash,
      session.createdAt,
      session.lastSeenAt,
    );
  }

  async findSession(sessionId: string): Promise<StoredSession | undefined> {
    const row = await this.sql('SELECT session_id, user_id, secret_hash, created_at, last_seen_at, ended_at FROM user_sessions WHERE session_id = ?').get(sessionId) as
      | { session_id: string; user_id: string; secret_hash: string; created_at: string; last_seen_at: string; ended_at: string | null }
      | undefined;
    if (!row) return undefined;
    return { sessionId: row.session_id, userId: row.user_id, secretHash: row.secret_hash, createdAt: row.created_at, lastSeenAt: row.last_seen_at, endedAt: row.ended_at ?? undefined };
  }

  /** Moves last_seen_at forward (never back) on a session still open. */
  async touchSession(sessionId: string, at: string): Promise<void> {
    await this.sql('UPDATE user_sessions SET last_seen_at = ? WHERE session_id = ? AND ended_at IS NULL AND last_seen_at < ?').run(at, sessionId, at);
  }

  /** False when the session was unknown or had already ended. */
  async endSession(sessionId: string, at: string): Promise<boolean> {
    return (await this.sql('UPDATE user_sessions SET ended_at = ? WHERE session_id = ? AND ended_at IS NULL').run(at, sessionId)).changes > 0;
  }

  /** Ends every open session of the user (but `keep`, if given); how many it ended. */
  async endSessionsOf(userId: string, at: string, keep?: string): Promise<number> {
    return (await this.sql('UPDATE user_sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL AND session_id IS DISTINCT FROM ?').run(at, userId, keep ?? null)).changes;
  }

  async insertLink(link: Omit<StoredLink, 'usedAt' | 'replacedAt'>): Promise<void> {
    await this.sql('INSERT INTO sign_in_links (link_id, user_id, secret_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)').run(link.linkId, link.userId, link.secretHash, link.createdAt, link.expiresAt);
  }

  async findLink(linkId: string): Promise<StoredLink | undefined> {
    const row = await this.sql('SELECT link_id, user_id, secret_hash, created_at, expires_at, used_at, replaced_at FROM sign_in_links WHERE link_id = ?').get(linkId) as
      | { link_id: string; user_id: string; secret_hash: string; created_at: string; expires_at: string; used_at: string | null; replaced_at: string | null }
      | undefined;
    if (!row) return undefined;
    return { linkId: row.link_id, userId: row.user_id, secretHash: row.secret_hash, createdAt: row.created_at, expiresAt: row.expires_at, usedAt: row.used_at ?? undefined, replacedAt: row.replaced_at ?? undefined };
  }

  /** Marks the link used if it is still open and not expired at `at`; false when it was not. */
  async useLink(linkId: string, at: string): Promise<boolean> {
    return (await this.sql('UPDATE sign_in_links SET used_at = ? WHERE link_id = ? AND used_at IS NULL AND replaced_at IS NULL AND expires_at > ?').run(at, linkId, at)).changes > 0;
  }

  /** Ends every unused link of the user (a newer one replaces them, or the user is disabled). */
  async replaceLinksOf(userId: string, at: string): Promise<number> {
    return (await this.sql('UPDATE sign_in_links SET replaced_at = ? WHERE user_id = ? AND used_at IS NULL AND replaced_at IS NULL').run(at, userId)).changes;
  }

  /** Records a failed sign-in and forgets every failure older than `forgetBefore`. */
  async recordFailure(email: string, at: string, forgetBefore: string): Promise<void> {
    await this.sql('DELETE FROM sign_in_failures WHERE at < ?').run(forgetBefore);
    await this.sql('INSERT INTO sign_in_failures (email, at) VALUES (?, ?)').run(email, at);
  }

  /** The times of the email's failed sign-ins later than `after`, oldest first. */
  async failuresAfter(email: string, after: string): Promise<string[]> {
    return await this.sql('SELECT at FROM sign_in_failures WHERE email = ? AND at > ? ORDER BY at, failure_id').pluck().all(email, after) as string[];
  }

  async clearFailures(email: string): Promise<void> {
    await this.sql('DELETE FROM sign_in_failures WHERE email = ?').run(email);
  }
}
