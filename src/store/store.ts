// The SQLite engine behind the store's ports (ports.ts): the repositories share a write
// connection, and a separate read connection serves queries so that readers see only committed
// data while a long import is still running.

import { inWriteTransaction, openDatabase, resolveDbPath, type SqliteDatabase } from './database.js';
import { WalCheckpointer } from './checkpointer.js';
import type { Repositories, StorePort } from './ports.js';
import { repositoriesOn } from './repositories.js';
import { isPostgresUrl, openPgReadOnlyRepositories, PgStore } from './postgres/pg-store.js';
import { sqliteConnection } from './sqlite/sqlite-connection.js';
import { JobStore } from './job-store.js';

export { resolveDbPath };

export type { Repositories, StorePort };

function repositories(db: SqliteDatabase, org: string | null): Repositories {
  return repositoriesOn(sqliteConnection(db), org);
}

/** What every organization's view of one SQLite file shares: its connections and their state. */
class Connections {
  readonly write: SqliteDatabase;
  readonly read: SqliteDatabase;
  readonly checkpointer: WalCheckpointer | undefined;
  readonly views = new Map<string | null, Store>();
  savepoints = 0;

  constructor(path: string) {
    const writer = openDatabase(path);
    this.write = writer;
    // An in-memory database cannot be shared between connections (and has no log to copy back).
    this.read = path === ':memory:' ? writer : openDatabase(path, { readonly: true });
    if (path !== ':memory:') {
      this.checkpointer = new WalCheckpointer(path, () => writer.pragma('wal_autocheckpoint = 1000'));
      writer.pragma('wal_autocheckpoint = 0');
    }
  }
}

export class Store implements StorePort {
  readonly path: string;
  readonly org: string | null;
  readonly write: Repositories;
  readonly read: Repositories;
  readonly jobs: JobStore;
  readonly jobsCommitAlone = false;
  /** The SQLite connections, for the engine's own tools and tests: nothing above the store uses them. */
  readonly sqlite: { readonly write: SqliteDatabase; readonly read: SqliteDatabase };
  private readonly connections: Connections;

  /** Opens the file (made and migrated if need be), seen as `org` sees it; null: as the platform. */
  constructor(path?: string, org: string | null = null, connections?: Connections) {
    this.path = resolveDbPath(path);
    this.org = org;
    this.connections = connections ?? new Connections(this.path);
    const { write, read } = this.connections;
    this.write = repositories(write, org);
    this.read = read === write ? this.write : repositories(read, org);
    this.jobs = new JobStore(sqliteConnection(write), org);
    this.sqlite = { write, read };
    this.connections.views.set(org, this);
  }

  /** The organizations in the file, read at once (the app picks its default before anything async). */
  organizationIds(): string[] {
    return this.sqlite.write.prepare('SELECT org_id FROM organizations ORDER BY org_id').pluck().all() as string[];
  }

  forOrg(orgId: string | null): Store {
    return this.connections.views.get(orgId) ?? new Store(this.path, orgId, this.connections);
  }

  /** Called after each piece of write work (the app's write lock does): the log may be worth copying back. */
  afterWrite(): void {
    this.connections.checkpointer?.afterWrite();
  }

  /**
   * BEGIN IMMEDIATE ... COMMIT on the write connection, around work that may await: better-sqlite3's
   * own transactions cannot span an await, and the app's write lock keeps every other writer off
   * the connection until this one ends. Inside an open transaction it is a savepoint.
   */
  async withTransaction<T>(work: (tx: Repositories) => Promise<T> | T): Promise<T> {
    const db = this.sqlite.write;
    if (!db.inTransaction) return inWriteTransaction(db, async () => work(this.write));
    const name = `nested_${++this.connections.savepoints}`;
    db.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(this.write);
      db.exec(`RELEASE ${name}`);
      return result;
    } catch (err) {
      db.exec(`ROLLBACK TO ${name}`);
      db.exec(`RELEASE ${name}`);
      throw err;
    } finally {
      this.connections.savepoints--;
    }
  }

  /** Closes the file for every organization's view of it. */
  close(): void {
    this.connections.checkpointer?.close();
    if (this.sqlite.read !== this.sqlite.write) this.sqlite.read.close();
    this.sqlite.write.close();
  }
}

/** Repositories on a read-only connection of their own: a worker thread reads committed data through them. */
export function openReadOnlyRepositories(path: string, org: string | null): Repositories & { close(): void } {
  if (isPostgresUrl(path)) return openPgReadOnlyRepositories(path, org);
  const db = openDatabase(path, { readonly: true });
  return { ...repositories(db, org), close: () => db.close() };
}

/** The SQLite connections behind a store of this engine, for tools and tests that read them directly. */
export function sqliteConnections(store: StorePort): Store['sqlite'] {
  if (!(store instanceof Store)) throw new Error('this store is not SQLite');
  return store.sqlite;
}

/**
 * The store at `path`: a postgres:// URL opens the PostgreSQL engine, anything else is a SQLite
 * file. Seen as the platform (no organization) until the caller picks one with forOrg.
 */
export function openStore(path?: string): StorePort & { organizationIds?(): string[] } {
  const location = resolveDbPath(path);
  return isPostgresUrl(location) ? new PgStore(location) : new Store(location);
}

/** A location fit for a log line: a URL's password is never printed. */
export function describeLocation(path: string): string {
  if (!isPostgresUrl(path)) return path;
  try {
    const url = new URL(path);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
