// Payer files received, the items in them that matched no claim, and the payer's claim control
// numbers. The per-claim timeliness facts derived from them are timeliness-store.ts's.

import type { ClaimStatus } from '../domain/claim.js';
import { Repository } from './repository.js';

/** What matching a payer response needs of one of our claims. */
export interface ClaimFacts {
  claimId: string;
  payerId: string;
  totalChargeCents: number;
  status: ClaimStatus;
}

export interface PayerFileKey {
  senderId: string;
  interchangeControl: string;
  sha256: string;
}

/** Something in a file that was kept but needs a look: a payer date before the claim was sent. */
export interface PayerFileWarning {
  code: 'date_before_submission';
  claimId: string;
  eventId?: number;
  /** the event that carries the date, e.g. paid or claim_accepted */
  eventKind: string;
  /** paymentDate, receivedDate or acceptedDate */
  field: string;
  date: string;
  submittedDate: string;
  /** for people: the claim id and the two dates, nothing about the member */
  message: string;
}

export interface PayerFileRecord extends PayerFileKey {
  fileId: number;
  /** response kinds in the file, e.g. ["835"] or ["999"] */
  kinds: string[];
  fileDate?: string;
  source: string;
  bytes: number;
  receivedAt: string;
  events: number;
  unmatched: number;
  claimsUpdated: number;
  warnings: PayerFileWarning[];
}

export interface UnmatchedRecord {
  itemId: number;
  fileId: number;
  /** 999, 277CA or 835 */
  source: string;
  claimId?: string;
  payerClaimControlNumber?: string;
  groupControlNumber?: string;
  transactionControlNumber?: string;
  reason: string;
  details: Record<string, unknown>;
  /** of the file that carried the item */
  senderId: string;
  interchangeControl: string;
  receivedAt: string;
}

/** The batch facts a 999 is matched against. */
export interface SentBatch {
  batchId: string;
  payerId: string;
  groupControl: string;
  firstTransactionControl?: string;
  transactionCount: number;
}

interface FileRow {
  file_id: number;
  sender_id: string;
  interchange_control: string;
  sha256: string;
  kinds: string;
  file_date: string | null;
  source: string;
  bytes: number;
  received_at: string;
  events: number;
  unmatched: number;
  claims_updated: number;
}

function toFile(r: FileRow, warnings: PayerFileWarning[] = []): PayerFileRecord {
  const file: PayerFileRecord = {
    fileId: r.file_id,
    senderId: r.sender_id,
    interchangeControl: r.interchange_control,
    sha256: r.sha256,
    kinds: r.kinds.split(','),
    source: r.source,
    bytes: r.bytes,
    receivedAt: r.received_at,
    events: r.events,
    unmatched: r.unmatched,
    claimsUpdated: r.claims_updated,
    warnings,
  };
  if (r.file_date !== null) file.fileDate = r.file_date;
  return file;
}

interface WarningRow {
  file_id: number;
  claim_id: string;
  event_id: number | null;
  message: string;
  details: string;
}

function toWarning(r: WarningRow): PayerFileWarning {
  const d = JSON.parse(r.details) as Partial<Record<'eventKind' | 'field' | 'date' | 'submittedDate', string>>;
  const warning: PayerFileWarning = {
    code: 'date_before_submission',
    claimId: r.claim_id,
    eventKind: d.eventKind ?? '',
    field: d.field ?? '',
    date: d.date ?? '',
    submittedDate: d.submittedDate ?? '',
    message: r.message,
  };
  if (r.event_id !== null) warning.eventId = r.event_id;
  return warning;
}

interface UnmatchedRow {
  item_id: number;
  file_id: number;
  source: string;
  claim_id: string | null;
  payer_claim_control_number: string | null;
  group_control: string | null;
  transaction_control: string | null;
  reason: string;
  details: string;
  sender_id: string;
  interchange_control: string;
  received_at: string;
}

function toUnmatched(r: UnmatchedRow): UnmatchedRecord {
  const item: UnmatchedRecord = {
    itemId: r.item_id,
    fileId: r.file_id,
    source: r.source,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>,
    senderId: r.sender_id,
    interchangeControl: r.interchange_control,
    receivedAt: r.received_at,
  };
  if (r.claim_id !== null) item.claimId = r.claim_id;
  if (r.payer_claim_control_number !== null) item.payerClaimControlNumber = r.payer_claim_control_number;
  if (r.group_control !== null) item.groupControlNumber = r.group_control;
  if (r.transaction_control !== null) item.transactionControlNumber = r.transaction_control;
  return item;
}

const CHUNK = 400;

export class RemittanceStore extends Repository {
  async claimFacts(claimId: string): Promise<ClaimFacts | undefined> {
    return (await this.claimFactsOf([claimId])).get(claimId);
  }

  async claimFactsOf(claimIds: readonly string[]): Promise<Map<string, ClaimFacts>> {
    const rows = await this.inChunks([...new Set(claimIds)], (chunk, marks) =>
      this.sql(`SELECT claim_id, payer_id, total_charge_cents, status FROM claims WHERE org_id = @org AND claim_id IN (${marks})`).all(...chunk) as Promise<
        Array<{ claim_id: string; payer_id: string; total_charge_cents: number; status: ClaimStatus }>
      >,
    );
    return new Map(rows.map((r) => [r.claim_id, { claimId: r.claim_id, payerId: r.payer_id, totalChargeCents: r.total_charge_cents, status: r.status }]));
  }

  async claimStatuses(claimIds: readonly string[]): Promise<Map<string, ClaimStatus>> {
    const out = new Map<string, ClaimStatus>();
    for (let i = 0; i < claimIds.length; i += CHUNK) {
      const chunk = claimIds.slice(i, i + CHUNK);
      const rows = await this.sql(`SELECT claim_id, status FROM claims WHERE org_id = @org AND claim_id IN (${chunk.map(() => '?').join(', ')})`).all(...chunk) as Array<{ claim_id: string; status: ClaimStatus }>;
      for (const r of rows) out.set(r.claim_id, r.status);
    }
    return out;
  }

  async findFile(key: PayerFileKey): Promise<PayerFileRecord | undefined> {
    const row = await this.sql('SELECT * FROM payer_files WHERE org_id = @org AND sender_id = ? AND interchange_control = ? AND sha256 = ?').get(key.senderId, key.interchangeControl, key.sha256) as FileRow | undefined;
    return row ? (await this.withWarnings([row]))[0] : undefined;
  }

  async getFile(fileId: number): Promise<PayerFileRecord | undefined> {
    const row = await this.sql('SELECT * FROM payer_files WHERE org_id = @org AND file_id = ?').get(fileId) as FileRow | undefined;
    return row ? (await this.withWarnings([row]))[0] : undefined;
  }

  async listFiles(limit = 1000): Promise<PayerFileRecord[]> {
    return await this.withWarnings((await this.sql('SELECT * FROM payer_files WHERE org_id = @org ORDER BY file_id DESC LIMIT ?').all(limit)) as FileRow[]);
  }

  /** The files with their warnings, read in one query: warnings are few, files may be many. */
  private async withWarnings(rows: readonly FileRow[]): Promise<PayerFileRecord[]> {
    const byFile = new Map<number, PayerFileWarning[]>(rows.map((r) => [r.file_id, []]));
    if (rows.length > 0) {
      const lowest = Math.min(...byFile.keys());
      for (const w of await this.sql('SELECT * FROM payer_file_warnings WHERE org_id = @org AND file_id >= ? ORDER BY warning_id').all(lowest) as WarningRow[]) byFile.get(w.file_id)?.push(toWarning(w));
    }
    return rows.map((r) => toFile(r, byFile.get(r.file_id)));
  }

  async addWarning(fileId: number, warning: PayerFileWarning): Promise<void> {
    const details = JSON.stringify({ eventKind: warning.eventKind, field: warning.field, date: warning.date, submittedDate: warning.submittedDate });
    await this.sql('INSERT INTO payer_file_warnings (org_id, file_id, claim_id, event_id, code, message, details) VALUES (@org, ?, ?, ?, ?, ?, ?)').run(fileId, warning.claimId, warning.eventId ?? null, warning.code, warning.message, details);
  }

  /** Records the file before its events, so events and unmatched items can point at it. */
  async insertFile(file: Omit<PayerFileRecord, 'fileId' | 'events' | 'unmatched' | 'claimsUpdated' | 'warnings'>): Promise<number> {
    const id = await this.sql(
      `INSERT INTO payer_files (org_id, sender_id, interchange_control, sha256, kinds, file_date, source, bytes, received_at, events, unmatched, claims_updated)
       VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0) RETURNING file_id`,
    )
      .pluck()
      .get(file.senderId, file.interchangeControl, file.sha256, file.kinds.join(','), file.fileDate ?? null, file.source, file.bytes, file.receivedAt);
    return Number(id);
  }

  async setFileCounts(fileId: number, counts: { events: number; unmatched: number; claimsUpdated: number }): Promise<void> {
    await this.sql('UPDATE payer_files SET events = ?, unmatched = ?, claims_updated = ? WHERE org_id = @org AND file_id = ?').run(counts.events, counts.unmatched, counts.claimsUpdated, fileId);
  }

  async insertUnmatched(items: ReadonlyArray<Omit<UnmatchedRecord, 'itemId' | 'senderId' | 'interchangeControl' | 'receivedAt'>>): Promise<void> {
    const values: unknown[] = [];
    for (const item of items) {
      values.push(
        item.fileId,
        item.source,
        item.claimId ?? null,
        item.payerClaimControlNumber ?? null,
        item.groupControlNumber ?? null,
        item.transactionControlNumber ?? null,
        item.reason,
        JSON.stringify(item.details),
      );
    }
    await this.insertMany('INSERT INTO payer_file_unmatched (org_id, file_id, source, claim_id, payer_claim_control_number, group_control, transaction_control, reason, details) VALUES ', 8, values);
  }

  async listUnmatched(filter: { fileId?: number; limit?: number } = {}): Promise<UnmatchedRecord[]> {
    const where = filter.fileId !== undefined ? 'WHERE u.org_id = @org AND u.file_id = ?' : 'WHERE u.org_id = @org';
    const params: number[] = filter.fileId !== undefined ? [filter.fileId] : [];
    return (
      await this.sql(
        `SELECT u.*, f.sender_id, f.interchange_control, f.received_at FROM payer_file_unmatched u JOIN payer_files f ON f.file_id = u.file_id ${where} ORDER BY u.item_id LIMIT ?`,
      ).all(...params, filter.limit ?? 10_000) as UnmatchedRow[]
    ).map(toUnmatched);
  }

  async countUnmatched(): Promise<number> {
    return await this.sql('SELECT COUNT(*) FROM payer_file_unmatched WHERE org_id = @org').pluck().get() as number;
  }

  /** Remembers the payer's numbers for our claims, so a later file that names only one still matches. */
  async addPayerReferences(refs: ReadonlyArray<{ payerClaimControlNumber: string; claimId: string; payerId: string; fileId: number }>): Promise<void> {
    const values = refs.flatMap((r) => [r.payerClaimControlNumber, r.claimId, r.payerId, r.fileId]);
    await this.insertMany('INSERT INTO claim_payer_references (org_id, payer_claim_control_number, claim_id, payer_id, file_id) VALUES ', 4, values, ' ON CONFLICT DO NOTHING');
  }

  async claimsByPayerReferences(payerClaimControlNumbers: readonly string[]): Promise<Map<string, string[]>> {
    const rows = await this.inChunks([...new Set(payerClaimControlNumbers)], (chunk, marks) =>
      this.sql(`SELECT DISTINCT payer_claim_control_number, claim_id FROM claim_payer_references WHERE org_id = @org AND payer_claim_control_number IN (${marks}) ORDER BY payer_claim_control_number, claim_id`)
        .raw()
        .all(...chunk) as Promise<Array<[string, string]>>,
    );
    const out = new Map<string, string[]>();
    for (const [number, claimId] of rows) {
      const claims = out.get(number);
      if (claims === undefined) out.set(number, [claimId]);
      else claims.push(claimId);
    }
    return out;
  }

  /** Batches that went out under a GS06 (stored without leading zeros). */
  async batchesByGroupControl(groupControl: string): Promise<SentBatch[]> {
    const rows = await this.sql('SELECT batch_id, payer_id, group_control, first_transaction_control, transaction_count FROM batches WHERE org_id = @org AND group_control = ? ORDER BY batch_id').all(groupControl) as Array<{
      batch_id: string;
      payer_id: string;
      group_control: string;
      first_transaction_control: string | null;
      transaction_count: number;
    }>;
    return rows.map((r) => ({
      batchId: r.batch_id,
      payerId: r.payer_id,
      groupControl: r.group_control,
      ...(r.first_transaction_control !== null ? { firstTransactionControl: r.first_transaction_control } : {}),
      transactionCount: r.transaction_count,
    }));
  }
}
