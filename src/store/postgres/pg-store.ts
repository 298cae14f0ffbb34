// The PostgreSQL engine behind the store's ports: the same repositories as SQLite's, on a pool of
// connections. A transaction holds one connection from BEGIN to COMMIT with the organization set
// in it (app.org, which row-level security reads); anything read outside a transaction runs in a
// short read-only one of its own, so no connection is held across an HTTP response.

import pg from 'pg';
import type { Pool, PoolClient, QueryResult } from 'pg';
import type { Repositories, StorePort } from '../ports.js';
import { repositoriesOn } from '../repositories.js';
import { ClientExecutor, orgSetting, PgConnection, type Executor } from './pg-connection.js';
import { migratePostgres } from './pg-migrate.js';
import { JobStore } from '../job-store.js';

export function isPostgresUrl(path: string): boolean {
  return /^postgres(ql)?:\/\//.test(path);
}

// BIGINT comes back as text by default (it may not fit a double); ours are counts, ids and cents,
// all far below 2^53.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) => (oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'))) as typeof pg.types.getTypeParser,
};

/** What every organization's view of one database shares: the pool, the migration, the open transaction. */
class PgShared {
  readonly pool: Pool;
  readonly ready: Promise<void>;
  /** the write transaction in progress (the app's write lock lets one run at a time per process) */
  current: { client: PoolClient; org: string | null; savepoints: number } | undefined;
  readonly views = new Map<string | null, PgStore>();
  closed = false;

  constructor(url: string, poolSize: number) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, types });
    // A server that restarts or drops an idle connection must not bring the process down.
    this.pool.on('error', () => undefined);
    this.ready = migratePostgres(this.pool);
    // Seen by whoever awaits it first; not an unhandled rejection meanwhile.
    this.ready.catch(() => undefined);
  }
}

/** Statements outside a transaction: each in a short transaction of its own, with app.org set. */
class PoolExecutor implements Executor {
  /**
   * readOnly: reads see only what is committed. alone: a write that commits by itself even while
   * the process has a transaction open (a job's lease and progress, which other instances read
   * while the job's own transaction runs); other writes join that transaction.
   */
  constructor(
    private readonly shared: PgShared,
    private readonly mode: 'readOnly' | 'write' | 'alone',
  ) {}

  async query(org: string | null, text: string, values: unknown[], arrays: boolean): Promise<QueryResult> {
    await this.shared.ready;
    const current = this.shared.current;
    const readOnly = this.mode === 'readOnly';
    if (current && this.mode === 'write') return new ClientExecutor(current).query(org, text, values, arrays);
    const client = await this.shared.pool.connect();
    try {
      await client.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      await client.query("SELECT set_config('app.org', $1, true)", [orgSetting(org)]);
      const result = await client.query({ text, values, ...(arrays ? { rowMode: 'array' } : {}) });
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

export class PgStore implements StorePort {
  readonly path: string;
  readonly org: string | null;
  readonly read: Repositories;
  readonly write: Repositories;
  readonly jobs: JobStore;
  readonly jobsCommitAlone = true;
  private readonly shared: PgShared;

  constructor(url: string, org: string | null = null, shared?: PgShared, options: { poolSize?: number } = {}) {
    this.path = url;
    this.org = org;
    this.shared = shared ?? new PgShared(url, options.poolSize ?? 10);
    this.read = repositoriesOn(new PgConnection(new PoolExecutor(this.shared, 'readOnly')), org);
    this.write = repositoriesOn(new PgConnection(new PoolExecutor(this.shared, 'write')), org);
    this.jobs = new JobStore(new PgConnection(new PoolExecutor(this.shared, 'alone')), org);
    this.shared.views.set(org, this);
  }

  /** Resolves once the schema is up to date; every statement waits for it anyway. */
  ready(): Promise<void> {
    return this.shared.ready;
  }

  forOrg(orgId: string | null): PgStore {
    return this.shared.views.get(orgId) ?? new PgStore(this.path, orgId, this.shared);
  }

  afterWrite(): void {}

  async withTransaction<T>(work: (tx: Repositories) => Promise<T> | T): Promise<T> {
    const shared = this.shared;
    await shared.ready;
    const open = shared.current;
    if (open) {
      const name = `nested_${++open.savepoints}`;
      await open.client.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(repositoriesOn(new PgConnection(new ClientExecutor(open)), this.org));
        await open.client.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`);
        await open.client.query(`RELEASE SAVEPOINT ${name}`);
        throw err;
      } finally {
        open.savepoints--;
      }
    }
    const client = await shared.pool.connect();
    const tx = { client, org: this.org, savepoints: 0 };
    try {
      await client.query('BEGIN');
      await client.query("SELECT set_config('app.org', $1, true)", [orgSetting(this.org)]);
      // One writer per organization at a time across every instance, as SQLite has one per file:
      // two exports for the same payer cannot both see a claim as ready and batch it twice.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended('ecm-org-writes:' || $1, 0))", [orgSetting(this.org)]);
      shared.current = tx;
      const result = await work(repositoriesOn(new PgConnection(new ClientExecutor(tx)), this.org));
      shared.current = undefined;
      await client.query('COMMIT');
      return result;
    } catch (err) {
      shared.current = undefined;
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Closes the pool for every organization's view of it; closing again does nothing, as on SQLite. */
  close(): void {
    if (this.shared.closed) return;
    this.shared.closed = true;
    this.shared.pool.end().catch(() => undefined);
  }
}

/** Repositories on a small pool of their own: a worker thread reads committed data through them. */
export function openPgReadOnlyRepositories(url: string, org: string | null): Repositories & { close(): void } {
  const store = new PgStore(url, org, undefined, { poolSize: 2 });
  return { ...store.read, close: () => store.close() };
}
