// Copies one organization of a SQLite file into one organization of a PostgreSQL database, in a
// single PostgreSQL transaction: the counts and totals of every table are compared before it
// commits, so a copy is whole or not there at all. The source is never written to: it is read
// through a backup taken into a temporary file, which is brought up to this release's schema if
// it is older, and removed afterwards.

import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type SqliteDatabase } from '../database.js';
import { migratePostgres } from '../postgres/pg-migrate.js';
import { COPY_PLAN, type CopiedTable } from './copy-plan.js';

export interface CopiedCounts {
  table: string;
  rows: number;
  /** each compared sum, e.g. total_charge_cents, the same in source and target */
  totals: Record<string, number>;
}

export interface CopyReport {
  fromOrg: string;
  toOrg: string;
  tables: CopiedCounts[];
}

/** A copy that cannot go ahead, or whose result did not match: nothing was committed. */
export class CopyRefused extends Error {}

/** PostgreSQL binds at most 65,535 values to a statement. */
const MAX_VALUES = 60_000;

function columnsOf(db: SqliteDatabase, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name).filter((c) => c !== 'org_id');
}

function sourceCounts(db: SqliteDatabase, t: CopiedTable, org: string): CopiedCounts {
  const sums = (t.totals ?? []).map((expr) => `COALESCE(SUM(${expr}), 0)`);
  const row = db.prepare(`SELECT COUNT(*)${sums.map((s) => `, ${s}`).join('')} FROM ${t.table} WHERE org_id = ?`).raw(true).get(org) as number[];
  return { table: t.table, rows: row[0]!, totals: Object.fromEntries((t.totals ?? []).map((expr, i) => [expr, Number(row[i + 1])])) };
}

async function targetCounts(client: pg.PoolClient, t: CopiedTable, org: string): Promise<CopiedCounts> {
  const sums = (t.totals ?? []).map((expr) => `COALESCE(SUM(${expr}), 0)`);
  const row = (await client.query({ text: `SELECT COUNT(*)${sums.map((s) => `, ${s}`).join('')} FROM ${t.table} WHERE org_id = $1`, values: [org], rowMode: 'array' })).rows[0] as unknown[];
  return { table: t.table, rows: Number(row[0]), totals: Object.fromEntries((t.totals ?? []).map((expr, i) => [expr, Number(row[i + 1])])) };
}

/** `count` new ids from the identity column's sequence, so no other organization's ids are taken. */
async function newIds(client: pg.PoolClient, table: string, column: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const result = await client.query({ text: `SELECT nextval(pg_get_serial_sequence($1, $2)) FROM generate_series(1, $3)`, values: [table, column, count], rowMode: 'array' });
  return (result.rows as unknown[][]).map((r) => Number(r[0]));
}

async function copyTable(source: SqliteDatabase, client: pg.PoolClient, t: CopiedTable, from: string, to: string, renumbered: Map<string, Map<number, number>>): Promise<void> {
  const columns = columnsOf(source, t.table);
  const ids = new Map<number, number>();
  if (t.id) {
    const old = source.prepare(`SELECT ${t.id} FROM ${t.table} WHERE org_id = ? ORDER BY ${t.id}`).pluck().all(from) as number[];
    const fresh = await newIds(client, t.table, t.id, old.length);
    old.forEach((id, i) => ids.set(id, fresh[i]!));
    renumbered.set(t.table, ids);
  }
  const targetColumns = ['org_id', ...columns];
  const perStatement = Math.max(1, Math.floor(MAX_VALUES / targetColumns.length));
  let batch: unknown[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const marks = batch.map((_, r) => `(${targetColumns.map((_, c) => `$${r * targetColumns.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`INSERT INTO ${t.table} (${targetColumns.join(', ')}) VALUES ${marks}`, batch.flat());
    batch = [];
  };
  const rows = source.prepare(`SELECT ${columns.join(', ')} FROM ${t.table} WHERE org_id = ? ORDER BY ${t.order}`).iterate(from) as IterableIterator<Record<string, unknown>>;
  for (const row of rows) {
    const values = columns.map((column) => {
      const value = row[column];
      if (column === t.id) return ids.get(value as number);
      const refTable = t.refs?.[column];
      if (refTable !== undefined && value !== null) return renumbered.get(refTable)?.get(value as number) ?? null;
      if (t.set && column in t.set) return t.set[column];
      return value;
    });
    batch.push([to, ...values]);
    if (batch.length >= perStatement) await flush();
  }
  await flush();
}

/** The organizations a SQLite file holds. */
function organizationsIn(db: SqliteDatabase): string[] {
  return db.prepare('SELECT org_id FROM organizations ORDER BY org_id').pluck().all() as string[];
}

export async function copySqliteToPostgres(source: { path: string; org?: string }, target: { url: string; org: string }): Promise<CopyReport> {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-'));
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  pool.on('error', () => undefined);
  try {
    const original = new Database(source.path, { readonly: true, fileMustExist: true });
    try {
      await original.backup(join(dir, 'source.db'));
    } finally {
      original.close();
    }
    const db = openDatabase(join(dir, 'source.db'));
    try {
      const orgs = organizationsIn(db);
      const from = source.org ?? (orgs.length === 1 ? orgs[0]! : undefined);
      if (from === undefined) throw new CopyRefused(orgs.length === 0 ? `${source.path} holds no organization` : `${source.path} holds ${orgs.length} organizations (${orgs.join(', ')}): name one with --from-org`);
      if (!orgs.includes(from)) throw new CopyRefused(`${source.path} has no organization ${from}; it has: ${orgs.join(', ')}`);
      const expected = COPY_PLAN.map((t) => sourceCounts(db, t, from));
      await migratePostgres(pool);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('app.org', $1, true)", [target.org]);
        const held = await client.query({ text: 'SELECT (SELECT COUNT(*) FROM claims WHERE org_id = $1) + (SELECT COUNT(*) FROM services WHERE org_id = $1) + (SELECT COUNT(*) FROM payers WHERE org_id = $1)', values: [target.org], rowMode: 'array' });
        if (Number((held.rows[0] as unknown[])[0]) > 0) throw new CopyRefused(`organization ${target.org} already holds data in the target database; copy into a new organization`);
        const details = db.prepare('SELECT data FROM organizations WHERE org_id = ?').pluck().get(from) as string | null;
        const at = new Date().toISOString();
        await client.query('INSERT INTO organizations (org_id, data, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (org_id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at', [target.org, details, at]);
        const renumbered = new Map<string, Map<number, number>>();
        for (const t of COPY_PLAN) await copyTable(db, client, t, from, target.org, renumbered);
        const copied: CopiedCounts[] = [];
        for (const t of COPY_PLAN) copied.push(await targetCounts(client, t, target.org));
        const differing = copied.filter((c, i) => JSON.stringify(c) !== JSON.stringify(expected[i]));
        if (differing.length > 0) throw new CopyRefused(`the copy does not match its source (${differing.map((d) => d.table).join(', ')}); nothing was kept`);
        await client.query('COMMIT');
        return { fromOrg: from, toOrg: target.org, tables: copied };
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    } finally {
      db.close();
    }
  } finally {
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
