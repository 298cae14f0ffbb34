// API keys: "ecm_<id>_<secret>". The id finds the row; the secret's SHA-256 is compared in
// constant time. Secrets are 256 random bits, so a fast hash is enough (no password stretching).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type Role } from '../store/key-store.js';
import { AppError } from './errors.js';
import { timestamp, type AppContext } from './context.js';

export { ROLES, type Role };

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface CreatedKey {
  keyId: string;
  role: Role;
  /** shown once; only its hash is stored */
  key: string;
}

export async function createApiKey(ctx: AppContext, role: Role, label?: string): Promise<CreatedKey> {
  if (!ROLES.includes(role)) throw new AppError('invalid', `role must be one of ${ROLES.join(', ')}`);
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await ctx.store.write.keys.insert({ keyId, role, secretHash: hashSecret(secret), label, createdAt: timestamp(ctx) });
  ctx.logger.info('key.created', { keyId, role });
  return { keyId, role, key: `ecm_${keyId}_${secret}` };
}

/** The role of a presented key, or undefined when it is unknown, malformed or revoked. */
export async function authenticate(ctx: AppContext, presented: string): Promise<{ keyId: string; role: Role } | undefined> {
  const m = /^ecm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented);
  if (!m) return undefined;
  const stored = await ctx.store.read.keys.find(m[1]!);
  const expected = Buffer.from(stored?.secretHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(m[2]!), 'hex');
  const same = timingSafeEqual(expected, actual);
  if (!stored || !same || stored.revokedAt) return undefined;
  return { keyId: stored.keyId, role: stored.role };
}

export async function listApiKeys(ctx: AppContext) {
  return ctx.store.read.keys.list();
}

export async function revokeApiKey(ctx: AppContext, keyId: string): Promise<void> {
  if (!(await ctx.store.write.keys.revoke(keyId, timestamp(ctx)))) throw new AppError('not_found', `key ${keyId} does not exist or is already revoked`);
}
