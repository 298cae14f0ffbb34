// The SQLite engine behind the store's ports (ports.ts): the repositories share a write
// connection, and a separate read connection serves queries so that readers see only committed
// data while a long import is still running.

import { inWriteTransaction, openDatabase, resolveDbPath, type SqliteDatabase } from './database.js';
import { WalCheckpointer } from './checkpointer.js';
import { BatchStore } from './batch-store.js';
import { AuditStore } from './audit-store.js';
import { BuildStore } from './build-store.js';
import { DocumentStore } from './document-store.js';
import { RemittanceStore } from './remittance-store.js';
import { EventStore } from './event-store.js';
import { ClaimStore } from './claim-store.js';
import { ImportStore } from './import-store.js';
import { KeyStore } from './key-store.js';
import { ReferenceStore } from './reference-store.js';
import { ServiceStore } from './service-store.js';
import { UserStore } from './user-store.js';
import type { Repositories, StorePort } from './ports.js';
import { asyncRepository } from './async-repositories.js';

export { resolveDbPath };

export type { Repositories, StorePort };

function repositories(db: SqliteDatabase): Repositories {
  return {
    reference: asyncRepository(new ReferenceStore(db)),
    services: asyncRepository(new ServiceStore(db)),
    imports: asyncRepository(new ImportStore(db)),
    claims: asyncRepository(new ClaimStore(db)),
    builds: asyncRepository(new BuildStore(db)),
    batches: asyncRepository(new BatchStore(db)),
    events: asyncRepository(new EventStore(db)),
    documents: asyncRepository(new DocumentStore(db)),
    remittances: asyncRepository(new RemittanceStore(db)),
    keys: asyncRepository(new KeyStore(db)),
    users: asyncRepository(new UserStore(db)),
    audit: asyncRepository(new AuditStore(db)),
  };
}

export class Store implements StorePort {
  readonly path: string;
  readonly write: Repositories;
  readonly read: Repositories;
  /** The SQLite connections, for the engine's own tools and tests: nothing above the store uses them. */
  readonly sqlite: { readonly write: SqliteDatabase; readonly read: SqliteDatabase };
  private savepoints = 0;

  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(path?: string) {
    this.path = resolveDbPath(path);
    const writer = openDatabase(this.path);
    this.write = repositories(writer);
    // An in-memory database cannot be shared between connections (and has no log to copy back).
    const reader = this.path === ':memory:' ? writer : openDatabase(this.path, { readonly: true });
    this.read = reader === writer ? this.write : repositories(reader);
    this.sqlite = { write: writer, read: reader };
    if (this.path !== ':memory:') {
      const checkpointer = new WalCheckpointer(this.path, () => writer.pragma('wal_autocheckpoint = 1000'));
      writer.pragma('wal_autocheckpoint = 0');
      this.checkpointer = checkpointer;
    }
  }

  /** Called after each piece of write work (the app's write lock does): the log may be worth copying back. */
  afterWrite(): void {
    this.checkpointer?.afterWrite();
  }

  /**
   * BEGIN IMMEDIATE ... COMMIT on the write connection, around work that may await: better-sqlite3's
   * own transactions cannot span an await, and the app's write lock keeps every other writer off
   * the connection until this one ends. Inside an open transaction it is a savepoint.
   */
  async withTransaction<T>(work: (tx: Repositories) => Promise<T> | T): Promise<T> {
    const db = this.sqlite.write;
    if (!db.inTransaction) return inWriteTransaction(db, async () => work(this.write));
    const name = `nested_${++this.savepoints}`;
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
      this.savepoints--;
    }
  }

  close(): void {
    this.checkpointer?.close();
    if (this.sqlite.read !== this.sqlite.write) this.sqlite.read.close();
    this.sqlite.write.close();
  }
}

/** Repositories on a read-only connection of their own: a worker thread reads committed data through them. */
export function openReadOnlyRepositories(path: string): Repositories & { close(): void } {
  const db = openDatabase(path, { readonly: true });
  return { ...repositories(db), close: () => db.close() };
}

/** The SQLite connections behind a store of this engine, for tools and tests that read them directly. */
export function sqliteConnections(store: StorePort): Store['sqlite'] {
  if (!(store instanceof Store)) throw new Error('this store is not SQLite');
  return store.sqlite;
}
