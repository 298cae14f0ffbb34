// The store's ports for who may do what, and who did: organizations, API keys, people and their
// sessions, the audit trail. Split from ports.ts to keep each file readable; ports.ts re-exports
// them, and the same rules hold (promises, record types declared beside their SQL).

import type { AuditEntry } from './audit-store.js';
import type { StoredKey } from './key-store.js';
import type { OrganizationRecord } from './organization-store.js';
import type { StoredLink, StoredSession, StoredUser } from './user-store.js';

export interface AuditRepository {
  record(entry: AuditEntry): Promise<void>;
  list(filter: {
    from?: string;
    to?: string;
    actor?: string;
    limit?: number;
  }): Promise<AuditEntry[]>;
}

export interface OrganizationRepository {
  list(): Promise<OrganizationRecord[]>;
  find(orgId: string): Promise<OrganizationRecord | undefined>;
  create(orgId: string, at: string): Promise<boolean>;
}

export interface KeyRepository {
  insert(key: Omit<StoredKey, 'revokedAt' | 'orgId'>): Promise<void>;
  find(keyId: string): Promise<StoredKey | undefined>;
  list(): Promise<Array<Omit<StoredKey, 'secretHash'>>>;
  revoke(keyId: string, at: string): Promise<boolean>;
}

/** People's accounts for the browser workspace (user-store.ts): tokens only as hashes of their secret. */
export interface UserRepository {
  insertUser(user: Pick<StoredUser, 'userId' | 'email' | 'role' | 'createdAt'>): Promise<void>;
  findUser(userId: string): Promise<StoredUser | undefined>;
  /** by the trimmed, lower-cased email */
  findUserByEmail(email: string): Promise<StoredUser | undefined>;
  listUsers(): Promise<Array<Omit<StoredUser, 'passwordHash'>>>;
  setPassword(userId: string, passwordHash: string): Promise<void>;
  markSignedIn(userId: string, at: string): Promise<void>;
  disableUser(userId: string, at: string): Promise<boolean>;
  insertSession(session: Omit<StoredSession, 'endedAt'>): Promise<void>;
  findSession(sessionId: string): Promise<StoredSession | undefined>;
  touchSession(sessionId: string, at: string): Promise<void>;
  endSession(sessionId: string, at: string): Promise<boolean>;
  /** Ends the user's open sessions but `keep`; how many it ended. */
  endSessionsOf(userId: string, at: string, keep?: string): Promise<number>;
  insertLink(link: Omit<StoredLink, 'usedAt' | 'replacedAt'>): Promise<void>;
  findLink(linkId: string): Promise<StoredLink | undefined>;
  /** Uses the link if it is open and unexpired at `at`, once: false for the second caller. */
  useLink(linkId: string, at: string): Promise<boolean>;
  replaceLinksOf(userId: string, at: string): Promise<number>;
  recordFailure(email: string, at: string, forgetBefore: string): Promise<void>;
  /** the times of the email's failed sign-ins later than `after`, oldest first */
  failuresAfter(email: string, after: string): Promise<string[]>;
  clearFailures(email: string): Promise<void>;
}
