// API keys: only a hash of the secret is stored; the key is shown once, when created.

import type { SqliteDatabase } from './database.js';
import { Repository } from './repository.js';

export const ROLES = ['admin', 'billing', 'finance'] as const;
export type Role = (typeof ROLES)[number];

export interface StoredKey {
  keyId: string;
  role: Role;
  secretHash: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export class KeyStore extends Repository {


  insert(key: Omit<StoredKey, 'revokedAt'>): void {
    this.sql('INSERT INTO api_keys (key_id, role, secret_hash, label, created_at) VALUES (?, ?, ?, ?, ?)').run(key.keyId, key.role, key.secretHash, key.label ?? null, key.createdAt);
  }

  find(keyId: string): StoredKey | undefined {
    const row = this.sql('SELECT key_id, role, secret_hash, label, created_at, revoked_at FROM api_keys WHERE key_id = ?').get(keyId) as
      | { key_id: string; role: Role; secret_hash: string; label: string | null; created_at: string; revoked_at: string | null }
      | undefined;
    if (!row) return undefined;
    return { keyId: row.key_id, role: row.role, secretHash: row.secret_hash, label: row.label ?? undefined, createdAt: row.created_at, revokedAt: row.revoked_at ?? undefined };
  }

  list(): Array<Omit<StoredKey, 'secretHash'>> {
    return (this.sql('SELECT key_id FROM api_keys ORDER BY created_at, key_id').pluck().all() as string[]).map((id) => {
      const { secretHash: _hash, ...rest } = this.find(id)!;
      return rest;
    });
  }

  revoke(keyId: string, at: string): boolean {
    return this.sql('UPDATE api_keys SET revoked_at = ? WHERE key_id = ? AND revoked_at IS NULL').run(at, keyId).changes > 0;
  }
}
