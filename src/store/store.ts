// One handle on the SQLite file for the app layer: the repositories share a write connection,
// and a separate read connection serves queries so that readers see only committed data while a
// long import is still running.

import { openDatabase, resolveDbPath, type SqliteDatabase } from './database.js';
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

export interface Repositories {
  db: SqliteDatabase;
  reference: ReferenceStore;
  services: ServiceStore;
  imports: ImportStore;
  claims: ClaimStore;
  builds: BuildStore;
  batches: BatchStore;
  events: EventStore;
  documents: DocumentStore;
  remittances: RemittanceStore;
  keys: KeyStore;
  audit: AuditStore;
}

function repositories(db: SqliteDatabase): Repositories {
  return {
    db,
    reference: new ReferenceStore(db),
    services: new ServiceStore(db),
    imports: new ImportStore(db),
    claims: new ClaimStore(db),
    builds: new BuildStore(db),
    batches: new BatchStore(db),
    events: new EventStore(db),
    documents: new DocumentStore(db),
    remittances: new RemittanceStore(db),
    keys: new KeyStore(db),
    audit: new AuditStore(db),
  };
}

export class Store {
  readonly path: string;
  readonly write: Repositories;
  readonly read: Repositories;

  private readonly checkpointer: WalCheckpointer | undefined;

  constructor(path?: string) {
    this.path = resolveDbPath(path);
    const writer = openDatabase(this.path);
    this.write = repositories(writer);
    // An in-memory database cannot be shared between connections (and has no log to copy back).
    this.read = this.path === ':memory:' ? this.write : repositories(openDatabase(this.path, { readonly: true }));
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

  close(): void {
    this.checkpointer?.close();
    if (this.read !== this.write) this.read.db.close();
    this.write.db.close();
  }
}
