// The repositories of one organization on one connection: the same classes for every engine.

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
import { OrganizationStore } from './organization-store.js';
import type { Repositories } from './ports.js';
import type { Connection } from './connection.js';
import { asyncRepository } from './async-repositories.js';

/** Every repository of one organization (null: the platform's) on a connection of either engine. */
export function repositoriesOn(conn: Connection, org: string | null): Repositories {
  return {
    reference: asyncRepository(new ReferenceStore(conn, org)),
    services: asyncRepository(new ServiceStore(conn, org)),
    imports: asyncRepository(new ImportStore(conn, org)),
    claims: asyncRepository(new ClaimStore(conn, org)),
    builds: asyncRepository(new BuildStore(conn, org)),
    batches: asyncRepository(new BatchStore(conn, org)),
    events: asyncRepository(new EventStore(conn, org)),
    documents: asyncRepository(new DocumentStore(conn, org)),
    remittances: asyncRepository(new RemittanceStore(conn, org)),
    keys: asyncRepository(new KeyStore(conn, org)),
    organizations: asyncRepository(new OrganizationStore(conn, org)),
    users: asyncRepository(new UserStore(conn, org)),
    audit: asyncRepository(new AuditStore(conn, org)),
  };
}
