// API keys: only a hash of the secret is stored; the key is shown once, when created. A key is
// found by its id wherever it belongs (a request names no organization before its key is read);
// listing and revoking are one organization's. A platform key belongs to no organization: it
// manages organizations and sees none of their data.

import { Repository } from './repository.js';

export const ROLES = ['admin', 'billing', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** Above admin: creates organizations and their first users and keys, and reads no claim data. */
export const PLATFORM_ROLE = 'platform';
export type KeyRole = Role | typeof PLATFORM_ROLE;
export const KEY_ROLES = [...ROLES, PLATFORM_ROLE] as const;

export interface StoredKey {
  keyId: string;
  /** the organization the key works for; undefined for a platform key */
  orgId?: string;
  role: KeyRole;
  secretHash: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

interface KeyRow {
  key_id: string;
  org_id: string | null;
  role: KeyRole;
  secret_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

function keyOf(row: KeyRow): StoredKey {
  return {
    keyId: row.key_id,
    ...(row.org_id !== null ? { orgId: row.org_id } : {}),
    role: row.role,
    secretHash: row.secret_hash,
    label: row.label ?? undefined,
    createdAt: row.created_at,
    revokedAt: row.revoked_at ?? undefined,
  };
}

export class KeyStore extends Repository {
  /** A key of this repository's organization (a platform key when it has none). */
  async insert(key: Omit<StoredKey, 'revokedAt' | 'orgId'>): Promise<void> {
    await this.sql('INSERT INTO api_keys (key_id, org_id, role, secret_hash, label, created_at) VALUES (?, @org, ?, ?, ?, ?)').run(key.keyId, key.role, key.secretHash, key.label ?? null, key.createdAt);
  }

  async find(keyId: string): Promise<StoredKey | undefined> {
    const row = await this.sql('SELECT * FROM api_keys WHERE key_id = ?').get(keyId) as KeyRow | undefined;
    return row ? keyOf(row) : undefined;
  }

  async list(): Promise<Array<Omit<StoredKey, 'secretHash'>>> {
    return (await this.sql('SELECT * FROM api_keys WHERE org_id IS NOT DISTINCT FROM @org ORDER BY created_at, key_id').all() as KeyRow[]).map((row) => {
      const { secretHash: _hash, ...rest } = keyOf(row);
      return rest;
    });
  }

  async revoke(keyId: string, at: string): Promise<boolean> {
    return (await this.sql('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND org_id IS NOT DISTINCT FROM @org AND revoked_at IS NULL').run(at, keyId)).changes > 0;
  }
}
