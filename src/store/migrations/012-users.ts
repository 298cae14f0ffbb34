// People who sign in to the browser workspace: their accounts, their sessions, the one-time links
// that let them set a password, and the failed sign-ins that slow an attacker down.
// - users: one row a person; the email is stored trimmed and lower-cased, so UNIQUE is enough.
//   password_hash is a self-describing scrypt string, NULL until the first link is used.
// - user_sessions and sign_in_links: the id is the token's visible part; only the SHA-256 of its
//   secret is kept. A session ends (ended_at) on sign-out, sign-out everywhere, a new password or
//   disabling; a link ends when it is used (used_at) or a newer one replaces it (replaced_at).
// - sign_in_failures: one row per failed attempt, by email, including emails no user has; rows
//   older than the counting window are pruned as new ones arrive.

import type { Migration } from './migration.js';

export const USERS_SQL = `
CREATE TABLE users (
  user_id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,
  password_hash TEXT,
  created_at TEXT NOT NULL,
  disabled_at TEXT,
  last_sign_in_at TEXT
);

CREATE TABLE user_sessions (
  session_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  ended_at TEXT
);
CREATE INDEX user_sessions_by_user ON user_sessions (user_id, ended_at);

CREATE TABLE sign_in_links (
  link_id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users (user_id),
  secret_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  replaced_at TEXT
);
CREATE INDEX sign_in_links_by_user ON sign_in_links (user_id, used_at, replaced_at);

CREATE TABLE sign_in_failures (
  failure_id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email, at);
CREATE INDEX sign_in_failures_by_time ON sign_in_failures (at);
`;

export const migration: Migration = { version: 12, name: 'user accounts, sessions, sign-in links and failures', sql: USERS_SQL };
