// Payer files received, the items in them that matched no claim, the payer's claim control
// numbers, and the per-claim timeliness facts that the BI views read.

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

/** One row of claim_timeliness, as the app derives it from the claim's events. */
export interface ClaimTimelinessRow {
  claimId: string;
  payerId: string;
  status?: string;
  clean: boolean;
  receiptDate?: string;
  receiptDay?: number;
  submittedDate?: string;
  paymentDate?: string;
  paymentDay?: number;
  adjudicationDate?: string;
  /** earliest of adjudication and payment, as a day number */
  adjudicatedDay?: number;
  /** a payer date of the latest attempt precedes its send date */
  dateAnomaly: boolean;
  chargeCents: number;
  paidCents: number;
  submissions: number;
  lastEventId: number;
  denialReasons: Array<{ group: string; code: string; amountCents: number }>;
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
    const row = await this.sql('SELECT claim_id, payer_id, total_charge_cents, status FROM claims WHERE org_id = @org AND claim_id = ?').get(claimId) as
      | { claim_id: string; payer_id: string; total_charge_cents: number; status: ClaimStatus }
      | undefined;
    return row ? { claimId: row.claim_id, payerId: row.payer_id, totalChargeCents: row.total_charge_cents, status: row.status } : undefined;
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

  async insertUnmatched(item: Omit<UnmatchedRecord, 'itemId' | 'senderId' | 'interchangeControl' | 'receivedAt'>): Promise<void> {
    await this.sql(
      `INSERT INTO payer_file_unmatched (org_id, file_id, source, claim_id, payer_claim_control_number, group_control, transaction_control, reason, details)
       VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
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

  /** Remembers the payer's number for our claim, so a later file that names only it still matches. */
  async addPayerReference(ref: { payerClaimControlNumber: string; claimId: string; payerId: string; fileId: number }): Promise<void> {
    await this.sql('INSERT INTO claim_payer_references (org_id, payer_claim_control_number, claim_id, payer_id, file_id) VALUES (@org, ?, ?, ?, ?) ON CONFLICT DO NOTHING').run(
      ref.payerClaimControlNumber,
      ref.claimId,
      ref.payerId,
      ref.fileId,
    );
  }

  async claimsByPayerReference(payerClaimControlNumber: string): Promise<string[]> {
    return await this.sql('SELECT DISTINCT claim_id FROM claim_payer_references WHERE org_id = @org AND payer_claim_control_number = ? ORDER BY claim_id').pluck().all(payerClaimControlNumber) as string[];
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

  async timelinessEventIds(): Promise<Map<string, number>> {
    const rows = await this.sql('SELECT claim_id, last_event_id FROM claim_timeliness WHERE org_id = @org').all() as Array<{ claim_id: string; last_event_id: number }>;
    return new Map(rows.map((r) => [r.claim_id, r.last_event_id]));
  }

  async saveTimeliness(row: ClaimTimelinessRow): Promise<void> {
    await this.sql('DELETE FROM claim_denial_reasons WHERE org_id = @org AND claim_id = ?').run(row.claimId);
    await this.sql('DELETE FROM claim_timeliness WHERE org_id = @org AND claim_id = ?').run(row.claimId);
    await this.sql(
      `INSERT INTO claim_timeliness (org_id, claim_id, payer_id, status, clean, date_anomaly, receipt_date, receipt_month, receipt_day, submitted_date, payment_date, payment_day,
         adjudication_date, adjudicated_day, charge_cents, paid_cents, submissions, last_event_id) VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.claimId,
      row.payerId,
      row.status ?? null,
      row.clean ? 1 : 0,
      row.dateAnomaly ? 1 : 0,
      row.receiptDate ?? null,
      row.receiptDate?.slice(0, 7) ?? null,
      row.receiptDay ?? null,
      row.submittedDate ?? null,
      row.paymentDate ?? null,
      row.paymentDay ?? null,
      row.adjudicationDate ?? null,
      row.adjudicatedDay ?? null,
      row.chargeCents,
      row.paidCents,
      row.submissions,
      row.lastEventId,
    );
    const reason = this.sql('INSERT INTO claim_denial_reasons (org_id, claim_id, adjustment_group, reason_code, amount_cents) VALUES (@org, ?, ?, ?, ?)');
    for (const r of row.denialReasons) await reason.run(row.claimId, r.group, r.code, r.amountCents);
  }

  async asOf(): Promise<string | undefined> {
    return (await this.sql('SELECT as_of FROM timeliness_as_of WHERE org_id = @org').pluck().get() as string | undefined) ?? undefined;
  }

  async setAsOf(asOf: string, day: number): Promise<void> {
    await this.sql('DELETE FROM timeliness_as_of WHERE org_id = @org').run();
    await this.sql('INSERT INTO timeliness_as_of (org_id, as_of, as_of_day) VALUES (@org, ?, ?)').run(asOf, day);
  }
}
