// API keys: "ecm_<id>_<secret>". The id finds the row; the secret's SHA-256 is compared in
// constant time. Secrets are 256 random bits, so a fast hash is enough (no password stretching).

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { KEY_ROLES, PLATFORM_ROLE, ROLES, type KeyRole, type Role } from '../store/key-store.js';
import { AppError } from './errors.js';
import { timestamp, type AppContext } from './context.js';

export { KEY_ROLES, PLATFORM_ROLE, ROLES, type KeyRole, type Role };

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export interface CreatedKey {
  keyId: string;
  role: KeyRole;
  /** the organization it works for; none for a platform key */
  org?: string;
  /** shown once; only its hash is stored */
  key: string;
}

/**
 * A key for the context's organization, or, in the platform's context, a platform key: a key
 * always works for exactly the organization it was made in.
 */
export async function createApiKey(ctx: AppContext, role: KeyRole, label?: string): Promise<CreatedKey> {
  const org = ctx.store.org;
  if (org === null && role !== PLATFORM_ROLE) throw new AppError('invalid', 'a key with an organization role is made for an organization: name it');
  if (org !== null && !ROLES.includes(role as Role)) throw new AppError('invalid', `role must be one of ${ROLES.join(', ')}`);
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  await ctx.store.write.keys.insert({ keyId, role, secretHash: hashSecret(secret), label, createdAt: timestamp(ctx) });
  ctx.logger.info('key.created', { keyId, role, org: org ?? 'platform' });
  return { keyId, role, ...(org !== null ? { org } : {}), key: `ecm_${keyId}_${secret}` };
}

/** Who a presented key is (its role and organization), or undefined when it is unknown, malformed or revoked. */
export async function authenticate(ctx: AppContext, presented: string): Promise<{ keyId: string; role: KeyRole; orgId?: string } | undefined> {
  const m = /^ecm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(presented);
  if (!m) return undefined;
  const stored = await ctx.store.read.keys.find(m[1]!);
  const expected = Buffer.from(stored?.secretHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(m[2]!), 'hex');
  const same = timingSafeEqual(expected, actual);
  if (!stored || !same || stored.revokedAt) return undefined;
  return { keyId: stored.keyId, role: stored.role, ...(stored.orgId !== undefined ? { orgId: stored.orgId } : {}) };
}

export async function listApiKeys(ctx: AppContext) {
  return ctx.store.read.keys.list();
}

export async function revokeApiKey(ctx: AppContext, keyId: string): Promise<void> {
  if (!(await ctx.store.write.keys.revoke(keyId, timestamp(ctx)))) throw new AppError('not_found', `key ${keyId} does not exist or is already revoked`);
}
