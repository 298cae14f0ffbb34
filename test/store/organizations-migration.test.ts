// Migration 13 gives every row an organization. A single-organization store made before it must
// come out as organization `default`, every row kept, and work as before: its claims found, its
// numbering continued, its keys and people still who they were.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createContext, fixedClock } from '../../src/app/context.js';
import { authenticate } from '../../src/app/api-keys.js';
import { listOrganizations } from '../../src/app/organizations/organizations.js';
import { storeAtVersion } from '../support/old-store.js';
import { allBytes } from '../support/bytes.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const KEY_SECRET = 'a'.repeat(43);
// sha256 of KEY_SECRET, as api-keys.ts stores it
const KEY_HASH = '66d34fba71f8f450f7e45598853e53bfc23bbd129027cbb131a2f4ffd7878cd0';

function storeBeforeMigration13(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'ecm.db');
  const db = storeAtVersion(path, 12);
  db.exec(`
    INSERT INTO organization (id, data, updated_at) VALUES (1, '{"name":"Riverbend","npi":"1234567893","tin":"123456789"}', 'at');
    INSERT INTO payers (payer_id, data, row_hash, updated_at) VALUES ('healthnet', '{"id":"healthnet"}', 'h', 'at');
    INSERT INTO staff (staff_id, role, data, row_hash, updated_at) VALUES ('S001', 'lead_care_manager', '{}', 'h', 'at');
    INSERT INTO members (member_cin, payer_id, data, row_hash, updated_at) VALUES ('91234567A', 'healthnet', '{}', 'h', 'at');
    INSERT INTO imports (import_id, kind, source, started_at) VALUES (1, 'services', 'services.csv', 'at');
    INSERT INTO services (service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, import_id, updated_at)
      VALUES ('SL-1', '91234567A', 'healthnet', 'S001', '2026-10-03', 60, 'G9008', 'U1', '{}', 'h', 1, 'at');
    INSERT INTO claims (claim_id, claim_key, member_cin, payer_id, period, format, status, frequency, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at, lines)
      VALUES ('C000001', 'k1', '91234567A', 'healthnet', '2026-10', '837p', 'submitted', '1', '12', '["Z59.00"]', 0, 16575, 'at', 'at', '[]');
    INSERT INTO claim_line_services (claim_id, line_number, service_id) VALUES ('C000001', 1, 'SL-1');
    INSERT INTO claim_issues (claim_id, code, severity, message, service_ids) VALUES ('C000001', 'W1', 'warning', 'a warning', '["SL-1"]');
    INSERT INTO sequences (name, value) VALUES ('claim', 1), ('batch', 1), ('interchange', 7);
    INSERT INTO batches (batch_id, payer_id, format, created_at, submitted_on, claim_count, total_charge_cents, file_name, media_type, bytes, sha256)
      VALUES ('B000001', 'healthnet', '837p', 'at', '2026-11-01', 1, 16575, 'B000001.x12', 'application/edi-x12', 3, 'x');
    INSERT INTO batch_claims (batch_id, claim_id) VALUES ('B000001', 'C000001');
    INSERT INTO batch_file_chunks (batch_id, seq, content) VALUES ('B000001', 0, X'495341');
    INSERT INTO claim_events (claim_id, kind, event_date, details, recorded_at) VALUES ('C000001', 'submitted', '2026-11-01', '{}', 'at');
    INSERT INTO api_keys (key_id, role, secret_hash, created_at) VALUES ('0123456789ab', 'admin', '${KEY_HASH}', 'at');
    INSERT INTO users (user_id, email, role, created_at) VALUES ('u1', 'pat@example.org', 'billing', 'at');
    INSERT INTO audit_log (at, actor, action, target, outcome) VALUES ('at', 'cli:me', 'import services', 'services.csv', 'exit 0');
  `);
  db.close();
  return path;
}

function counts(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migrations', 'organization', 'organizations')").pluck().all() as string[];
  const out = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number]));
  db.close();
  return out;
}

describe('migration 13: organizations', () => {
  it('makes an existing database organization "default", keeping every row and every number', async () => {
    const path = storeBeforeMigration13();
    const before = counts(path);
    const ctx = createContext({ dbPath: path, clock: fixedClock('2026-12-01T00:00:00Z') });
    try {
      expect(ctx.store.org).toBe('default');
      // Tables later migrations add start empty.
      expect(counts(path)).toEqual({ ...before, jobs: 0, provider_adjustments: 0 });
      const db = new Database(path, { readonly: true });
      // A person's sessions, links and failed sign-ins are theirs (through users.org_id) or an
      // email's; every other table names its organization on each row.
      for (const table of Object.keys(before).filter((t) => !['user_sessions', 'sign_in_links', 'sign_in_failures'].includes(t))) {
        const orgs = db.prepare(`SELECT DISTINCT org_id FROM ${table}`).pluck().all();
        expect(orgs, table).toEqual(before[table]! > 0 ? ['default'] : []);
      }
      db.close();
      expect(await listOrganizations(ctx)).toEqual([{ id: 'default', name: 'Riverbend', npi: '1234567893', tin: '123456789' }]);
      const claim = await ctx.store.read.claims.get('C000001');
      expect(claim?.lines.length ?? -1).toBe(0);
      expect(claim?.issues.map((i) => i.code)).toEqual(['W1']);
      expect(await ctx.store.read.batches.claimIds('B000001')).toEqual(['C000001']);
      expect((await allBytes(ctx.store.read.batches.chunks('B000001'))).toString()).toBe('ISA');
      // Numbering goes on where it stopped.
      expect(await ctx.store.withTransaction((tx) => tx.claims.nextClaimId())).toBe('C000002');
      expect(await ctx.store.withTransaction((tx) => tx.batches.reserve('interchange'))).toBe(8);
      expect((await ctx.store.read.users.findUserByEmail('pat@example.org'))?.orgId).toBe('default');
      expect(await authenticate(ctx, `ecm_0123456789ab_${KEY_SECRET}`)).toEqual({ keyId: '0123456789ab', role: 'admin', orgId: 'default' });
      expect((await ctx.store.read.audit.list({})).map((e) => e.action)).toEqual(['import services']);
    } finally {
      ctx.store.close();
    }
  });

  it('leaves a database with nothing in it without organizations', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-'));
    dirs.push(dir);
    const ctx = createContext({ dbPath: join(dir, 'ecm.db') });
    try {
      expect(ctx.store.org).toBe('default');
      const db = new Database(join(dir, 'ecm.db'), { readonly: true });
      expect(db.prepare('SELECT COUNT(*) FROM organizations').pluck().get()).toBe(0);
      db.close();
    } finally {
      ctx.store.close();
    }
  });
});
