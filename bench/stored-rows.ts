// What a database holds, read with SQL on either engine, for the checks of the tests and the load
// run that no repository method answers (e.g. that no row was billed twice). Read-only, and on
// PostgreSQL as the store's organization: the tables force row-level security, which sees nothing
// until the transaction names one.

import pg from 'pg';
import { sqliteConnections, type StorePort } from '../src/store/store.js';
import { orgSetting, toPostgres } from '../src/store/postgres/pg-connection.js';
import { isPostgresUrl } from '../src/store/postgres/pg-store.js';

export type StoredRow = Record<string, unknown>;

/** A test's workspace, or anything with its database and its store (only the store's organization on PostgreSQL). */
export interface StoredDatabase {
  dbPath: string;
  ctx: { store: StorePort };
}

// COUNT(*) is a bigint, which pg hands over as text; SQLite answers a number.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

// A connection per query costs about 25 ms, too much for a fuzz test's thousands of reads; the
// pool's connections close once idle, and never keep the process alive.
const pools = new Map<string, pg.Pool>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, types, max: 1, idleTimeoutMillis: 1_000, allowExitOnIdle: true });
    pool.on('error', () => undefined);
    pools.set(url, pool);
  }
  return pool;
}

/** The rows `sql` (with `?` placeholders) selects, as the store's organization sees them. */
export async function storedRows(ws: StoredDatabase, sql: string, values: readonly unknown[] = []): Promise<StoredRow[]> {
  if (!isPostgresUrl(ws.dbPath)) return sqliteConnections(ws.ctx.store).read.prepare(sql).all(...values) as StoredRow[];
  const client = await poolFor(ws.dbPath).connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query("SELECT set_config('app.org', $1, true)", [orgSetting(ws.ctx.store.org)]);
    const result = await client.query<StoredRow>(toPostgres(sql).text, [...values]);
    await client.query('COMMIT');
    return result.rows;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The first column of the first row; undefined when there is none. */
export async function storedValue(ws: StoredDatabase, sql: string, values: readonly unknown[] = []): Promise<unknown> {
  const [row] = await storedRows(ws, sql, values);
  return row === undefined ? undefined : Object.values(row)[0];
}

/** A COUNT(*) (or any number) the query answers. */
export async function storedCount(ws: StoredDatabase, sql: string, values: readonly unknown[] = []): Promise<number> {
  const value = await storedValue(ws, sql, values);
  if (typeof value !== 'number') throw new Error(`not a number: ${String(value)} from ${sql}`);
  return value;
}
