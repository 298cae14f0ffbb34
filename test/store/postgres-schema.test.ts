// The PostgreSQL schema against the SQLite engine's, on a private PostgreSQL server: the same
// tables, columns, indexes and views (with the same figures), the organizations walled off from
// each other by row-level security.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/schema.js';
import { CROSS_ORGANIZATION_TABLES } from '../../src/store/postgres/schema-security.js';
import { Store } from '../../src/store/store.js';
import { underCi } from '../support/prerequisites.js';
import { freshDatabase, postgresUnavailable, startTestPostgres, type TestPostgres } from '../support/postgres.js';
import setupPostgres from '../support/postgres-global.js';

const unavailable = postgresUnavailable();
if (unavailable) {
  if (underCi()) throw new Error(`CI=true and ${unavailable}`);
  console.warn(`skipped: the PostgreSQL schema tests; ${unavailable}`);
}

/** Columns PostgreSQL has for its own reasons: ordering without rowids. */
const PG_ONLY_COLUMNS = new Set(['seq']);
const VIEWS = ['v_claim_timeliness', 'v_timeliness_monthly', 'v_denial_reasons'];
const APP_ROLE = 'ecm_app';

interface SqliteSchema {
  /** table name → column names, in order */
  tables: Map<string, string[]>;
  views: Map<string, string[]>;
  indexes: string[];
}

type Row = Record<string, unknown>;

let cluster: TestPostgres;
let admin: pg.Client;
let dbUrl: string;
let appUrl: string;
let sqliteDir: string;
let sqlite: Store;
let reference: SqliteSchema;

function readSqliteSchema(store: Store): SqliteSchema {
  const db = store.sqlite.write;
  const objects = db.prepare("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").all() as { type: string; name: string }[];
  const columns = (name: string): string[] => (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((c) => c.name);
  const tables = new Map<string, string[]>();
  const views = new Map<string, string[]>();
  const indexes: string[] = [];
  for (const o of objects) {
    if (o.type === 'table' && o.name !== 'schema_migrations') tables.set(o.name, columns(o.name));
    if (o.type === 'view') views.set(o.name, columns(o.name));
    if (o.type === 'index') indexes.push(o.name);
  }
  return { tables, views, indexes };
}

async function rows(client: pg.Client, sql: string, params: unknown[] = []): Promise<Row[]> {
  return (await client.query(sql, params)).rows as Row[];
}

/** Runs `work` in one transaction that works for `org`, as the service will. */
async function asOrg<T>(client: pg.Client, org: string, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.org', $1, true)", [org]);
    const out = await work();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe.skipIf(unavailable !== undefined)('the PostgreSQL schema', () => {
  beforeAll(async () => {
    sqliteDir = mkdtempSync(join(tmpdir(), 'ecm-pgschema-'));
    sqlite = new Store(join(sqliteDir, 'ecm.db'));
    reference = readSqliteSchema(sqlite);

    cluster = await startTestPostgres();
    dbUrl = await freshDatabase(cluster.url);
    admin = await connect(dbUrl);
    await admin.query('BEGIN');
    for (const m of POSTGRES_MIGRATIONS) await admin.query(m.sql);
    await admin.query('COMMIT');

    // the service's role: it owns nothing and is no superuser, so row-level security binds it
    await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${APP_ROLE}' NOSUPERUSER NOBYPASSRLS;
      END IF;
    END $$`);
    await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`);
    await admin.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`);
    const url = new URL(dbUrl);
    url.username = APP_ROLE;
    url.password = APP_ROLE;
    appUrl = url.toString();
  });

  afterAll(async () => {
    await admin?.end();
    if (dbUrl) {
      // a cluster given by ECM_TEST_PG_URL outlives the run: leave it as it was
      const client = await connect(cluster.url);
      await client.query(`DROP DATABASE ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
      await client.end();
    }
    await cluster?.stop();
    sqlite?.close();
    if (sqliteDir) rmSync(sqliteDir, { recursive: true, force: true });
  });

  it('numbers its migrations from 1, in order', () => {
    expect(POSTGRES_MIGRATIONS.map((m) => m.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
  });

  it('has every SQLite table with the same columns, and no schema_migrations', async () => {
    const found = await rows(admin, "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE') ORDER BY table_name, ordinal_position");
    const pgTables = new Map<string, string[]>();
    for (const r of found) {
      const table = String(r.table_name);
      pgTables.set(table, [...(pgTables.get(table) ?? []), String(r.column_name)]);
    }
    expect([...pgTables.keys()].sort()).toEqual([...reference.tables.keys()].sort());
    for (const [table, columns] of reference.tables) {
      const pgColumns = pgTables.get(table)?.filter((c) => columns.includes(c) || !PG_ONLY_COLUMNS.has(c));
      expect({ table, columns: pgColumns }).toEqual({ table, columns });
    }
  });

  it('has every SQLite index, under the same name', async () => {
    const names = (await rows(admin, "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).map((r) => String(r.indexname));
    expect(names).toEqual(expect.arrayContaining(reference.indexes));
  });

  it('has the three views with the SQLite columns, empty on an empty store', async () => {
    expect([...reference.views.keys()].sort()).toEqual([...VIEWS].sort());
    for (const view of VIEWS) {
      const result = await admin.query(`SELECT * FROM ${view}`);
      expect({ view, columns: result.fields.map((f) => f.name), rows: result.rowCount }).toEqual({ view, columns: reference.views.get(view), rows: 0 });
    }
  });

  it('puts every table with a NOT NULL org_id, and audit_log, behind forced row-level security', async () => {
    const scoped = (await rows(admin, "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'org_id' AND is_nullable = 'NO' ORDER BY table_name")).map((r) => String(r.table_name));
    const expected = [...scoped.filter((t) => !CROSS_ORGANIZATION_TABLES.includes(t)), 'audit_log'].sort();
    const secured = (await rows(admin, "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity ORDER BY c.relname")).map((r) => String(r.relname));
    expect(secured.sort()).toEqual(expected);
    const policies = (await rows(admin, "SELECT tablename FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename")).map((r) => String(r.tablename));
    expect(policies.sort()).toEqual(expected);
  });

  it('shows an organization only its own rows, and refuses rows written for another', async () => {
    const app = await connect(appUrl);
    try {
      const role = await rows(app, 'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
      expect(role).toEqual([{ rolsuper: false, rolbypassrls: false }]);

      await asOrg(app, 'a', () => app.query("INSERT INTO payers (org_id, payer_id, data, row_hash, updated_at) VALUES ('a', 'healthnet', '{}', 'h', 'at')"));
      const payers = (org: string): Promise<number> => asOrg(app, org, async () => Number((await rows(app, 'SELECT count(*) AS n FROM payers'))[0]?.n));
      expect(await payers('b')).toBe(0);
      expect(await payers('')).toBe(0);
      expect(await payers('a')).toBe(1);

      // the views read as the caller: the payer's 'all' row is its organization's alone
      const monthly = (org: string): Promise<number> => asOrg(app, org, async () => Number((await rows(app, 'SELECT count(*) AS n FROM v_timeliness_monthly'))[0]?.n));
      expect(await monthly('b')).toBe(0);
      expect(await monthly('a')).toBe(1);

      await expect(asOrg(app, 'b', () => app.query("INSERT INTO payers (org_id, payer_id, data, row_hash, updated_at) VALUES ('a', 'molina', '{}', 'h', 'at')"))).rejects.toThrow(/row-level security/);
      await expect(asOrg(app, 'a', () => app.query("UPDATE payers SET org_id = 'b' WHERE payer_id = 'healthnet'"))).rejects.toThrow(/row-level security/);

      // the platform's audit entries are its own; an organization's are that organization's
      await asOrg(app, '', () => app.query("INSERT INTO audit_log (org_id, at, actor, action, target, outcome) VALUES (NULL, 'at', 'root', 'create', 'org:a', 'ok')"));
      await asOrg(app, 'a', () => app.query("INSERT INTO audit_log (org_id, at, actor, action, target, outcome) VALUES ('a', 'at', 'u1', 'build', 'claims', 'ok')"));
      const audit = (org: string): Promise<Row[]> => asOrg(app, org, () => rows(app, 'SELECT org_id, actor FROM audit_log ORDER BY audit_id'));
      expect(await audit('')).toEqual([{ org_id: null, actor: 'root' }]);
      expect(await audit('a')).toEqual([{ org_id: 'a', actor: 'u1' }]);
      expect(await audit('b')).toEqual([]);
      await expect(asOrg(app, 'a', () => app.query("INSERT INTO audit_log (org_id, at, actor, action, target, outcome) VALUES (NULL, 'at', 'u1', 'x', 'y', 'ok')"))).rejects.toThrow(/row-level security/);
    } finally {
      await app.end();
    }
  });

  it('gives the same figures as the SQLite views for the same claims', async () => {
    const fixture = timelinessFixture();
    sqlite.sqlite.write.exec(fixture);
    await admin.query(fixture);
    const orderings: Record<string, string> = {
      v_claim_timeliness: 'org_id, claim_id',
      v_timeliness_monthly: 'org_id, payer_id, receipt_month',
      v_denial_reasons: 'org_id, payer_id, reason_code',
    };
    for (const view of VIEWS) {
      const query = `SELECT * FROM ${view} WHERE org_id = 'f' ORDER BY ${orderings[view]}`;
      const fromSqlite = (sqlite.sqlite.write.prepare(query).all() as Row[]).map(asText);
      const fromPostgres = (await rows(admin, query)).map(asText);
      expect(fromPostgres.length).toBeGreaterThan(1);
      expect({ view, rows: fromPostgres }).toEqual({ view, rows: fromSqlite });
    }
  });
});

describe.skipIf(unavailable !== undefined)('the shared test cluster', () => {
  it('is started for the run, handed to the tests as pgUrl, and gone after teardown', async () => {
    const provided = new Map<string, unknown>();
    const project = { provide: (key: string, value: unknown) => provided.set(key, value) } as unknown as TestProject;
    const teardown = await setupPostgres(project);
    const url = provided.get('pgUrl');
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const name = `ecm_named_${process.pid}`;
    const named = await freshDatabase(String(url), name);
    expect(new URL(named).pathname).toBe(`/${name}`);
    await expect(freshDatabase(String(url), 'no; DROP')).rejects.toThrow(/not a safe database name/);
    const client = await connect(named);
    expect((await rows(client, 'SELECT current_database() AS db'))[0]?.db).toBe(name);
    await client.end();
    const cleanup = await connect(String(url));
    await cleanup.query(`DROP DATABASE ${name}`);
    await cleanup.end();
    await teardown();
    await expect(connect(String(url))).rejects.toThrow();
  });
});

/** Every value as text (PostgreSQL returns BIGINT as a string, SQLite as a number). */
function asText(row: Row): Record<string, string | null> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? null : String(v)]));
}

/**
 * Claims of org 'f' in every state the views tell apart: clean or not, dates sound or not, paid,
 * denied or waiting, each in and out of its 30- and 90-day windows, over three months and two
 * payers (a third has no claims); valid SQL for both engines.
 */
function timelinessFixture(): string {
  const statuses = ['submitted', 'accepted', 'paid', 'denied', 'rejected', null];
  const asOfDay = 20_500;
  const sql: string[] = [
    "INSERT INTO payers (org_id, payer_id, data, row_hash, updated_at) VALUES ('f', 'p1', '{}', 'h', 'at'), ('f', 'p2', '{}', 'h', 'at'), ('f', 'p3', '{}', 'h', 'at');",
    "INSERT INTO members (org_id, member_cin, payer_id, data, row_hash, updated_at) VALUES ('f', 'M1', 'p1', '{}', 'h', 'at');",
    `INSERT INTO timeliness_as_of (org_id, as_of, as_of_day) VALUES ('f', '2026-02-17', ${asOfDay});`,
  ];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(seed / 65_536) % n; // the low bits of this generator repeat too soon
  };
  const nullable = (v: number): string => (next(5) === 0 ? 'NULL' : String(v));
  for (let i = 0; i < 160; i++) {
    const id = `C${String(i).padStart(3, '0')}`;
    const payer = i % 3 === 0 ? 'p2' : 'p1';
    const status = statuses[next(statuses.length)] ?? null;
    const receiptDay = next(7) === 0 ? null : asOfDay - next(120);
    const month = receiptDay === null ? 'NULL' : `'2025-${String(9 + Math.floor((asOfDay - receiptDay) / 30)).padStart(2, '0')}'`;
    // p2 pays quickly, so its rates reach their targets
    const within = payer === 'p2' ? 25 : 120;
    const paymentDay = receiptDay === null ? 'NULL' : nullable(receiptDay + next(within));
    const adjudicatedDay = receiptDay === null ? 'NULL' : nullable(receiptDay + next(within));
    const charge = 1000 + next(50_000);
    const paid = next(3) === 0 ? 0 : next(charge);
    const q = (v: string | null): string => (v === null ? 'NULL' : `'${v}'`);
    sql.push(
      `INSERT INTO claims (org_id, claim_id, claim_key, member_cin, payer_id, period, format, status, frequency, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at) VALUES ('f', '${id}', 'k-${id}', 'M1', '${payer}', '2025-10', '837p', 'submitted', '1', '12', '[]', 0, ${charge}, 'at', 'at');`,
      `INSERT INTO claim_timeliness (org_id, claim_id, payer_id, status, clean, receipt_date, receipt_month, receipt_day, payment_day, adjudicated_day, charge_cents, paid_cents, submissions, last_event_id, date_anomaly) VALUES ('f', '${id}', '${payer}', ${q(status)}, ${next(4) === 0 ? 0 : 1}, 'r', ${month}, ${receiptDay ?? 'NULL'}, ${paymentDay}, ${adjudicatedDay}, ${charge}, ${paid}, 1, 1, ${next(8) === 0 ? 1 : 0});`,
    );
    if (status === 'denied') {
      for (const reason of ['CO-16', 'CO-97', 'PR-1'].slice(0, 1 + next(3))) {
        sql.push(`INSERT INTO claim_denial_reasons (org_id, claim_id, adjustment_group, reason_code, amount_cents) VALUES ('f', '${id}', 'CO', '${reason}', ${next(charge)});`);
      }
    }
  }
  return sql.join('\n');
}
