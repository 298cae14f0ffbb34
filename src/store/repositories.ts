// The repositories of one organization on one connection: the same classes for every engine.

import { BatchStore } from './batch-store.js';
import { AuditStore } from './audit-store.js';
import { BuildStore } from './build-store.js';
import { DocumentStore } from './document-store.js';
import { RemittanceStore } from './remittance-store.js';
import { TimelinessStore } from './timeliness-store.js';
import { ProviderAdjustmentStore } from './provider-adjustment-store.js';
import { EventStore } from './event-store.js';
import { ClaimStore } from './claim-store.js';
import { ImportStore } from './import-store.js';
import { KeyStore } from './key-store.js';
import { ReferenceStore } from './reference-store.js';
import { ServiceStore } from './service-store.js';
import { UserStore } from './user-store.js';
import { OrganizationStore } from './organization-store.js';
import { JobStore } from './job-store.js';
import type { Repositories } from './ports.js';
import type { Connection } from './connection.js';

/** Every repository of one organization (null: the platform's) on a connection of either engine. */
export function repositoriesOn(conn: Connection, org: string | null): Repositories {
  return {
    reference: new ReferenceStore(conn, org),
    services: new ServiceStore(conn, org),
    imports: new ImportStore(conn, org),
    claims: new ClaimStore(conn, org),
    builds: new BuildStore(conn, org),
    batches: new BatchStore(conn, org),
    events: new EventStore(conn, org),
    documents: new DocumentStore(conn, org),
    remittances: new RemittanceStore(conn, org),
    timeliness: new TimelinessStore(conn, org),
    providerAdjustments: new ProviderAdjustmentStore(conn, org),
    keys: new KeyStore(conn, org),
    organizations: new OrganizationStore(conn, org),
    users: new UserStore(conn, org),
    audit: new AuditStore(conn, org),
    jobs: new JobStore(conn, org),
  };
}
