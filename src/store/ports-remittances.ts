// The store's ports for what comes back from the payers: payer files and the items in them that
// matched no claim, the payer's claim numbers, and the timeliness facts derived from the claims'
// events. Split from ports.ts to keep each file readable; ports.ts re-exports them, and the same
// rules hold (promises, record types declared beside their SQL).

import type { ClaimStatus } from '../domain/claim.js';
import type { ClaimFacts, PayerFileKey, PayerFileRecord, PayerFileWarning, SentBatch, UnmatchedRecord } from './remittance-store.js';
import type { ClaimTimelinessRow } from './timeliness-store.js';
import type { ProviderAdjustmentRecord } from './provider-adjustment-store.js';

export interface RemittanceRepository {
  claimFacts(claimId: string): Promise<ClaimFacts | undefined>;
  /** The facts of those of these claims that exist, a few hundred claims a query. */
  claimFactsOf(claimIds: readonly string[]): Promise<Map<string, ClaimFacts>>;
  claimStatuses(claimIds: readonly string[]): Promise<Map<string, ClaimStatus>>;
  findFile(key: PayerFileKey): Promise<PayerFileRecord | undefined>;
  getFile(fileId: number): Promise<PayerFileRecord | undefined>;
  listFiles(limit?: number): Promise<PayerFileRecord[]>;
  /** The files with their warnings, read in one query: warnings are few, files may be many. */
  addWarning(fileId: number, warning: PayerFileWarning): Promise<void>;
  /** Records the file before its events, so events and unmatched items can point at it. */
  insertFile(file: Omit<PayerFileRecord, 'fileId' | 'events' | 'unmatched' | 'claimsUpdated' | 'warnings'>): Promise<number>;
  setFileCounts(fileId: number, counts: {
    events: number;
    unmatched: number;
    claimsUpdated: number;
  }): Promise<void>;
  insertUnmatched(items: ReadonlyArray<Omit<UnmatchedRecord, 'itemId' | 'senderId' | 'interchangeControl' | 'receivedAt'>>): Promise<void>;
  listUnmatched(filter?: {
    fileId?: number;
    limit?: number;
  }): Promise<UnmatchedRecord[]>;
  countUnmatched(): Promise<number>;
  /** Remembers the payer's numbers for our claims, so a later file that names only one still matches. */
  addPayerReferences(refs: ReadonlyArray<{
    payerClaimControlNumber: string;
    claimId: string;
    payerId: string;
    fileId: number;
  }>): Promise<void>;
  /** The claims that carry each of these payer numbers, in claim id order; a number none carries is absent. */
  claimsByPayerReferences(payerClaimControlNumbers: readonly string[]): Promise<Map<string, string[]>>;
  /** Batches that went out under a GS06 (stored without leading zeros). */
  batchesByGroupControl(groupControl: string): Promise<SentBatch[]>;
}

export interface TimelinessRepository {
  /** The event each claim's row was derived from: a claim with a newer one is stale. */
  eventIds(): Promise<Map<string, number>>;
  /** Replaces the rows (and denial reasons) of these claims. */
  save(rows: readonly ClaimTimelinessRow[]): Promise<void>;
  asOf(): Promise<string | undefined>;
  setAsOf(asOf: string, day: number): Promise<void>;
}

export interface ProviderAdjustmentRepository {
  add(records: ReadonlyArray<Omit<ProviderAdjustmentRecord, 'adjustmentId'>>): Promise<void>;
  /** The adjustments of one reason (e.g. L6, interest), in the order they came. */
  withReason(reason: string): Promise<ProviderAdjustmentRecord[]>;
}
