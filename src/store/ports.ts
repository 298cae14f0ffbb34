// The store's ports: what the app may ask of the stored data, one interface per repository, in
// the domain's terms, with the transaction boundary. The repository classes (*-store.ts) implement
// them on either engine's connection, and nothing above the store knows which one runs. The record
// types a port answers with are declared beside the SQL that reads them and imported here as types
// only.
//
// Every answer is a promise, as a database across a network gives it (SQLite's settle at once);
// a stored file and the event log come as async iterables, a chunk or a claim at a time.

import type { Claim, ClaimStatus, DuplicateRow, ValidationIssue } from '../domain/claim.js';
import type { ClaimFormat, Member, Organization, Payer, Staff } from '../domain/reference.js';
import type { CodedService, TimedService } from '../domain/service-log.js';
import type { BatchRecord } from './batch-store.js';
import type { ClaimRows, ClaimSummary, StoredClaim } from './claim-rows.js';
import type { ClaimFilter, ExportFacts } from './claim-store.js';
import type { InvoiceFileFormat, InvoiceRecord, NewInvoice } from './document-store.js';
import type { ClaimEventLog, StoredEvent } from './event-store.js';
import type { ImportCounts, ImportIssue, ImportRun } from './import-store.js';
import type { JobStore } from './job-store.js';
import type { Upserted } from './reference-store.js';
import type { BillableFilter } from './service-store.js';
import type { AuditRepository, KeyRepository, OrganizationRepository, UserRepository } from './ports-accounts.js';
import type { ProviderAdjustmentRepository, RemittanceRepository, TimelinessRepository } from './ports-remittances.js';

export type { AuditRepository, KeyRepository, OrganizationRepository, UserRepository };
export type { ProviderAdjustmentRepository, RemittanceRepository, TimelinessRepository };

export interface BatchRepository {
  /**
   * Takes the next `count` numbers of a named sequence. Runs inside the caller's write
   * transaction, so numbers taken by an export that fails or is killed are never committed, and
   * two exports can never both take the same number.
   */
  reserve(name: string, count?: number): Promise<number>;
  insert(batch: Omit<BatchRecord, 'totalCharge'> & {
    totalChargeCents: number;
  }, claimIds: readonly string[]): Promise<void>;
  appendChunk(batchId: string, seq: number, content: Buffer): Promise<void>;
  chunks(batchId: string): AsyncIterable<Buffer>;
  get(batchId: string): Promise<BatchRecord | undefined>;
  list(filter?: {
    payerId?: string;
  }): Promise<BatchRecord[]>;
  claimIds(batchId: string): Promise<string[]>;
  markSubmitted(batchId: string, on: string): Promise<void>;
  /** Every interchange control number ever used by a sender, for uniqueness checks. */
  interchangeControls(senderId: string): Promise<string[]>;
}

export interface BuildRepository {
  start(filter: {
    payerId?: string;
    period?: string;
  }, at: string): Promise<number>;
  finish(buildId: number, counts: {
    claimsBuilt: number;
    claimsReady: number;
    rowsNotBilled: number;
  }): Promise<void>;
  addIssues(buildId: number, issues: readonly ValidationIssue[]): Promise<void>;
  issues(buildId: number): Promise<ValidationIssue[]>;
}

export interface ClaimRepository {
  /** Next id from the persistent sequence; ids are never reused, even after drafts are replaced. */
  nextClaimId(): Promise<string>;
  /**
   * The generation of everything a claim's validation reads besides the claim and the day:
   * reference data and the set of live claims. Reference imports and builds advance it, so a
   * validation stamp (validationStamp) taken before either no longer matches.
   */
  validationInputs(): Promise<number>;
  advanceValidationInputs(): Promise<void>;
  /** Draft/ready claims in scope, by natural key, so a rebuild can keep their ids. */
  unsentByKey(filter: {
    payerId?: string;
    period?: string;
  }): Promise<Map<string, string>>;
  /** Removes the drafts a rebuild replaces; claims that have left the building are never touched. */
  deleteUnsent(filter: {
    payerId?: string;
    period?: string;
  }): Promise<number>;
  insert(claim: Claim & {
    key: string;
    validatedFor?: string;
  }, buildId: number | null, at: string): Promise<void>;
  /** Claims with their lines, log rows and findings (claimRowsOf), a few statements for all of them. */
  insertAll(claims: ReadonlyArray<Claim & {
    key: string;
    validatedFor?: string;
  }>, buildId: number | null, at: string): Promise<void>;
  /**
   * Rows made by claimRowsOf, each table in a few multi-row statements: a build writes a slice's
   * claims at once, hundreds of thousands of rows in all, and each statement run has a fixed cost.
   */
  insertRows(rows: ClaimRows): Promise<void>;
  replaceIssues(claimId: string, issues: readonly ValidationIssue[]): Promise<void>;
  setStatus(claimId: string, status: ClaimStatus, at: string): Promise<void>;
  /** setStatus of many claims, a few statements per status instead of a few per claim. */
  setStatuses(changes: ReadonlyArray<{ claimId: string; status: ClaimStatus }>, at: string): Promise<void>;
  /** after a build, so the engine plans the next reads on the new figures */
  refreshStatistics(): Promise<void>;
  /** The claim each service row is live on now: the last correction of it, never a rejected claim. */
  liveClaimsOf(serviceIds: readonly string[]): Promise<Map<string, string>>;
  setStatusOfBatch(batchId: string, status: ClaimStatus, at: string): Promise<void>;
  setFormat(claimId: string, format: ClaimFormat, reason: string | undefined, at: string): Promise<void>;
  isSent(claimId: string): Promise<boolean>;
  list(filter?: ClaimFilter): Promise<ClaimSummary[]>;
  ids(filter: ClaimFilter): Promise<string[]>;
  get(claimId: string): Promise<StoredClaim | undefined>;
  /** Claims with their lines, source rows and issues, a few hundred per query, in the order asked. */
  loadMany(claimIds: readonly string[]): Promise<StoredClaim[]>;
  /** What an export checks before loading a claim, for each of these that exists, in the order asked. */
  exportFacts(claimIds: readonly string[]): Promise<ExportFacts[]>;
  /** The export facts of a payer's ready claims (of a period), in claim order, in one query. */
  readyFacts(filter: {
    payerId: string;
    period?: string;
  }): Promise<ExportFacts[]>;
  /** The findings on record for these claims (only claims that have any are in the map). */
  issuesOf(claimIds: readonly string[]): Promise<Map<string, ValidationIssue[]>>;
  /** The member/date/procedure of every live claim line in a date range, for duplicate checks. */
  duplicateRows(range: {
    from: string;
    to: string;
  }): Promise<DuplicateRow[]>;
  /** The last claim number handed out (0 before the first claim). */
  lastClaimNumber(): Promise<number>;
  /** Records claim numbers handed out in bulk (a build numbers its new claims itself). */
  setLastClaimNumber(value: number): Promise<void>;
}

export interface DocumentRepository {
  /**
   * The next invoice number of the organization. Taken inside the caller's write transaction:
   * an export that fails leaves no gap and two exports never share a number.
   */
  nextInvoiceNumber(): Promise<string>;
  insertInvoice(invoice: NewInvoice, claimIds: readonly string[]): Promise<void>;
  getInvoice(number: string): Promise<InvoiceRecord | undefined>;
  invoiceOfBatch(batchId: string): Promise<InvoiceRecord | undefined>;
  listInvoices(filter?: {
    payerId?: string;
  }): Promise<InvoiceRecord[]>;
  invoiceClaimIds(number: string): Promise<string[]>;
  invoiceContent(number: string, format: InvoiceFileFormat): Promise<Buffer | undefined>;
}

export interface EventRepository {
  /** Appends one event and returns its id. */
  append(event: Omit<StoredEvent, 'eventId'>): Promise<number>;
  /** Appends events in file order, many to a statement (an export records one per claim). */
  appendMany(events: ReadonlyArray<Omit<StoredEvent, 'eventId'>>): Promise<number[]>;
  forClaim(claimId: string): Promise<StoredEvent[]>;
  /** The event logs of these claims (those that exist), a few hundred claims per query. */
  logsOf(claimIds: Iterable<string>): Promise<ClaimEventLog[]>;
  /**
   * Every claim that has events, with its events, one claim at a time: a report over a million
   * claims streams through here without holding the whole log.
   */
  allLogs(): AsyncIterable<ClaimEventLog>;
  /** The id of the latest event of every claim that has one. */
  latestEventIds(): Promise<Map<string, number>>;
  count(): Promise<number>;
}

export interface ImportRepository {
  /**
   * Whether anything has been loaded, built, sent, received or keyed into this database: the
   * demonstration only ever fills an empty one, so real data is never mixed with made-up data.
   */
  holdsData(): Promise<boolean>;
  start(kind: string, source: string, at: string): Promise<number>;
  finish(importId: number, counts: ImportCounts, at: string): Promise<void>;
  addIssue(importId: number, issue: ImportIssue): Promise<void>;
  recordChange(importId: number, entity: string, key: string, before: string | undefined, after: string, at: string): Promise<void>;
  issues(importId: number, limit?: number): Promise<ImportIssue[]>;
  list(limit?: number): Promise<ImportRun[]>;
  get(importId: number): Promise<ImportRun | undefined>;
  changes(entity: string, key: string): Promise<Array<{
    importId: number;
    before?: string;
    after: string;
    changedAt: string;
  }>>;
}

export interface ReferenceRepository {
  /** The payers members belong to in the member file, without reading their data; unknown CINs are left out. */
  memberPayers(cins: readonly string[]): Promise<Map<string, string>>;
  getOrganization(): Promise<Organization | undefined>;
  putOrganization(org: Organization, at: string): Promise<Upserted>;
  listPayers(): Promise<Payer[]>;
  getPayer(id: string): Promise<Payer | undefined>;
  putPayer(payer: Payer, hash: string, at: string): Promise<Upserted>;
  getStaff(id: string): Promise<Staff | undefined>;
  listStaff(): Promise<Staff[]>;
  /** Stores a staff row given with its JSON (as imports prepare it) and that JSON's hash. */
  putStaff(staff: Staff, data: string, hash: string, at: string): Promise<Upserted>;
  getMember(cin: string): Promise<Member | undefined>;
  /** The members as stored (JSON), in the order asked; unknown CINs are skipped. */
  memberData(cins: readonly string[]): Promise<string[]>;
  membersByCin(cins: readonly string[]): Promise<Map<string, Member>>;
  /** Stores a member row given with its JSON (as imports prepare it) and that JSON's hash. */
  putMember(member: Member, data: string, hash: string, at: string): Promise<Upserted>;
  /** after a large member import, so the engine plans the next reads on the new figures */
  refreshMemberStatistics(): Promise<void>;
  putMembers(rows: ReadonlyArray<{ member: Member; data: string; hash: string }>, at: string): Promise<Upserted[]>;
}

export interface ServiceRepository {
  /**
   * Stores a row given as its JSON (without the source line) and that JSON's hash. A new id is one
   * INSERT; an existing one is compared by hash and rewritten only when it changed.
   */
  put(row: CodedService, data: string, hash: string, importId: number, at: string): Promise<Upserted>;
  /** after a large import, so the engine plans the next reads on the new figures */
  refreshStatistics(): Promise<void>;
  putMany(rows: ReadonlyArray<{ row: CodedService; data: string; hash: string }>, importId: number, at: string): Promise<Upserted[]>;
  get(serviceId: string): Promise<CodedService | undefined>;
  /**
   * Every row in the date range that has a start and an end time, sent or not, for the overlap
   * check of a build (billing/overlaps.ts).
   */
  timedRows(range: {
    first: string;
    last: string;
  }): Promise<TimedService[]>;
  /** The claim (not a draft) that already carries this row, if any. */
  sentClaimOf(serviceId: string): Promise<string | undefined>;
  /**
   * Every row in scope, as [service id, stored JSON], for a build that may parse them off the
   * main thread; the rows it may not bill are billedInScope's.
   */
  scopeData(filter: BillableFilter): Promise<Array<[string, string]>>;
  /** The rows in scope that a claim which has left the building carries: no build bills them again. */
  billedInScope(filter: Omit<BillableFilter, 'memberCins'>): Promise<string[]>;
  /**
   * The members with rows in scope, in order: the members a build works through. Whether a row is
   * still billable is left to billedInScope, so this reads the date index alone; a member whose
   * rows have all been sent gives an empty slice.
   */
  buildMembers(filter: Omit<BillableFilter, 'memberCins'>): Promise<string[]>;
  count(): Promise<number>;
}

/** Every repository of one connection: the write connection's, or the read connection's. */
export interface Repositories {
  reference: ReferenceRepository;
  services: ServiceRepository;
  imports: ImportRepository;
  claims: ClaimRepository;
  builds: BuildRepository;
  batches: BatchRepository;
  events: EventRepository;
  documents: DocumentRepository;
  remittances: RemittanceRepository;
  timeliness: TimelinessRepository;
  providerAdjustments: ProviderAdjustmentRepository;
  keys: KeyRepository;
  organizations: OrganizationRepository;
  users: UserRepository;
  audit: AuditRepository;
  /** jobs as a transaction sees them: a job ends in the transaction that did its work */
  jobs: JobStore;
}

/**
 * The store as the app holds it: one organization's data. `read` sees only committed data; `write`
 * is for the holder of the app's write lock (AppContext.writeLock), inside withTransaction.
 */
export interface StorePort {
  /** where the data lives: a file path, ':memory:', or (a later engine) a URL */
  readonly path: string;
  /**
   * The organization whose rows every repository reads and writes; null for the platform's view,
   * which sees no organization's data, only organizations, platform keys and people by their ids.
   */
  readonly org: string | null;
  /** The same store as another organization sees it (the same connections and transaction). */
  forOrg(orgId: string | null): StorePort;
  readonly read: Repositories;
  readonly write: Repositories;
  /**
   * The organization's jobs, and the queue every instance takes them from. Where
   * `jobsCommitAlone` holds (PostgreSQL), each of its statements commits at once on a connection
   * of its own, whatever transaction is open, so a lease is renewed while a job's own transaction
   * runs; otherwise (SQLite) they run on the write connection, under the write lock.
   */
  readonly jobs: JobStore;
  readonly jobsCommitAlone: boolean;
  /**
   * Runs `work` in one transaction on the write repositories: everything it wrote commits when it
   * resolves, nothing when it throws. `work` may await (a streamed import does); the caller holds
   * the write lock, so nothing else uses the write connection in between. Inside another
   * transaction it is a nested one, undone alone when it throws.
   */
  withTransaction<T>(work: (tx: Repositories) => Promise<T> | T): Promise<T>;
  /** called after each piece of write work: the engine may tidy up (SQLite copies its log back) */
  afterWrite(): void;
  close(): void;
}
