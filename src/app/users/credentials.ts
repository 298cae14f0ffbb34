// What proves who someone is: passwords, kept as scrypt strings that name their own parameters,
// and tokens (sessions, sign-in links) of the form "<prefix>_<12 hex id>_<secret>". A token's id
// finds its row; only the SHA-256 of its secret is stored and compared, in constant time. Its
// secret is 256 random bits, so a fast hash is enough; a password is guessable, so it is stretched.

import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../errors.js';

export const MIN_PASSWORD_LENGTH = 12;
/** scrypt takes any length, but a megabyte "password" is a way to make the server work, not a password. */
export const MAX_PASSWORD_LENGTH = 1024;

const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 64;
const SALT_BYTES = 16;
const MAXMEM = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }, bytes: number): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: MAXMEM };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, bytes, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Throws AppError invalid unless the password is long enough (counted in characters, not bytes). */
export function checkNewPassword(password: unknown): string {
  if (typeof password !== 'string') throw new AppError('invalid', 'a password is needed');
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new AppError('invalid', `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  if (length > MAX_PASSWORD_LENGTH) throw new AppError('invalid', `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`);
  return password;
}

/** `scrypt$16384$8$1$<salt b64>$<hash b64>`, with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, SCRYPT, KEY_BYTES);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

const STORED = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;

/** A hash of nothing anyone can type: compared against when the email is unknown, so it costs the same. */
const UNUSABLE = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${Buffer.alloc(SALT_BYTES).toString('base64')}$${Buffer.alloc(KEY_BYTES).toString('base64')}`;

/**
 * Whether `password` is the one `stored` was made from. Without a stored hash (unknown email, or
 * no password set yet) it still spends one scrypt and answers false, so the time taken does not
 * tell which emails exist.
 */
export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const m = STORED.exec(stored ?? '') ?? STORED.exec(UNUSABLE)!;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const salt = Buffer.from(m[4]!, 'base64');
  const expected = Buffer.from(m[5]!, 'base64');
  // Only parameters this code writes (or weaker ones) are honoured: a stored string cannot make
  // a sign-in allocate gigabytes.
  const sane = N >= 2 && N <= SCRYPT.N && (N & (N - 1)) === 0 && r >= 1 && r <= SCRYPT.r && p >= 1 && p <= SCRYPT.p && expected.length >= 16;
  const actual = await derive(password, salt, sane ? { N, r, p } : SCRYPT, sane ? expected.length : KEY_BYTES);
  const same = actual.length === expected.length && timingSafeEqual(actual, expected);
  return same && stored !== undefined && sane;
}

export interface Token {
  id: string;
  secret: string;
  /** what the person holds: `<prefix>_<id>_<secret>` */
  token: string;
}

export function newToken(prefix: 'ses' | 'lnk'): Token {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `${prefix}_${id}_${secret}` };
}

const TOKEN = { ses: /^ses_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/, lnk: /^lnk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/ } as const;

/** The id and secret of a token of this kind, or undefined when it is not one. */
export function parseToken(prefix: 'ses' | 'lnk', presented: unknown): { id: string; secret: string } | undefined {
  if (typeof presented !== 'string') return undefined;
  const m = TOKEN[prefix].exec(presented);
  return m ? { id: m[1]!, secret: m[2]! } : undefined;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Whether `secret` hashes to `storedHash`; compares in constant time, and costs the same without a stored hash. */
export function secretMatches(secret: string, storedHash: string | undefined): boolean {
  const expected = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  const actual = Buffer.from(hashSecret(secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && storedHash !== undefined;
}

/** The session's CSRF token: derived from its secret, so it is never stored and unknown without the cookie. */
export function csrfOf(sessionSecret: string): string {
  return createHmac('sha256', sessionSecret).update('csrf').digest('base64url');
}
