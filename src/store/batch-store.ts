// Batches: the exact bytes that left (kept in chunks so a large file never sits whole in
// memory), the claims in them, and the control numbers that identify them.

import { fromCents } from '../domain/money.js';
import { Repository } from './repository.js';

export interface BatchRecord {
  batchId: string;
  payerId: string;
  format: string;
  period?: string;
  createdAt: string;
  submittedOn?: string;
  interchangeControl?: string;
  groupControl?: string;
  firstTransactionControl?: string;
  transactionCount: number;
  senderId?: string;
  claimCount: number;
  totalCharge: string;
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
}

interface BatchRow {
  batch_id: string;
  payer_id: string;
  format: string;
  period: string | null;
  created_at: string;
  submitted_on: string | null;
  interchange_control: string | null;
  group_control: string | null;
  first_transaction_control: string | null;
  transaction_count: number;
  sender_id: string | null;
  claim_count: number;
  total_charge_cents: number;
  file_name: string;
  media_type: string;
  bytes: number;
  sha256: string;
}

function toRecord(r: BatchRow): BatchRecord {
  return {
    batchId: r.batch_id,
    payerId: r.payer_id,
    format: r.format,
    period: r.period ?? undefined,
    createdAt: r.created_at,
    submittedOn: r.submitted_on ?? undefined,
    interchangeControl: r.interchange_control ?? undefined,
    groupControl: r.group_control ?? undefined,
    firstTransactionControl: r.first_transaction_control ?? undefined,
    transactionCount: r.transaction_count,
    senderId: r.sender_id ?? undefined,
    claimCount: r.claim_count,
    totalCharge: fromCents(r.total_charge_cents),
    fileName: r.file_name,
    mediaType: r.media_type,
    bytes: r.bytes,
    sha256: r.sha256,
  };
}

export class BatchStore extends Repository {


  /**
   * Takes the next `count` numbers of a named sequence. Runs inside the caller's write
   * transaction, so numbers taken by an export that fails or is killed are never committed, and
   * two exports can never both take the same number.
   */
  async reserve(name: string, count = 1): Promise<number> {
    return await this.advanceSequence(name, count);
  }

  async insert(batch: Omit<BatchRecord, 'totalCharge'> & { totalChargeCents: number }, claimIds: readonly string[]): Promise<void> {
    await this.sql(
        `INSERT INTO batches (org_id, batch_id, payer_id, format, period, created_at, interchange_control, group_control, first_transaction_control, transaction_count, sender_id,
           claim_count, total_charge_cents, file_name, media_type, bytes, sha256) VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        batch.batchId,
        batch.payerId,
        batch.format,
        batch.period ?? null,
        batch.createdAt,
        batch.interchangeControl ?? null,
        batch.groupControl ?? null,
        batch.firstTransactionControl ?? null,
        batch.transactionCount,
        batch.senderId ?? null,
        batch.claimCount,
        batch.totalChargeCents,
        batch.fileName,
        batch.mediaType,
        batch.bytes,
        batch.sha256,
      );
    await this.insertMany('INSERT INTO batch_claims (org_id, batch_id, claim_id) VALUES ', 2, claimIds.flatMap((id) => [batch.batchId, id]));
  }

  async appendChunk(batchId: string, seq: number, content: Buffer): Promise<void> {
    await this.sql('INSERT INTO batch_file_chunks (org_id, batch_id, seq, content) VALUES (@org, ?, ?, ?)').run(batchId, seq, content);
  }

  async *chunks(batchId: string): AsyncGenerator<Buffer> {
    // One chunk at a time: a file of a hundred thousand claims is never held whole.
    const count = Number(await this.sql('SELECT COUNT(*) FROM batch_file_chunks WHERE org_id = @org AND batch_id = ?').pluck().get(batchId));
    for (let seq = 0; seq < count; seq++) yield (await this.sql('SELECT content FROM batch_file_chunks WHERE org_id = @org AND batch_id = ? AND seq = ?').pluck().get(batchId, seq)) as Buffer;
  }

  async get(batchId: string): Promise<BatchRecord | undefined> {
    const row = await this.sql('SELECT * FROM batches WHERE org_id = @org AND batch_id = ?').get(batchId) as BatchRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async list(filter: { payerId?: string } = {}): Promise<BatchRecord[]> {
    const rows = (filter.payerId
      ? await this.sql('SELECT * FROM batches WHERE org_id = @org AND payer_id = ? ORDER BY batch_id').all(filter.payerId)
      : await this.sql('SELECT * FROM batches WHERE org_id = @org ORDER BY batch_id').all()) as BatchRow[];
    return rows.map(toRecord);
  }

  async claimIds(batchId: string): Promise<string[]> {
    return await this.sql('SELECT claim_id FROM batch_claims WHERE org_id = @org AND batch_id = ? ORDER BY claim_id').pluck().all(batchId) as string[];
  }

  async markSubmitted(batchId: string, on: string): Promise<void> {
    await this.sql('UPDATE batches SET submitted_on = ? WHERE org_id = @org AND batch_id = ?').run(on, batchId);
  }

  /** Every interchange control number ever used by a sender, for uniqueness checks. */
  async interchangeControls(senderId: string): Promise<string[]> {
    return await this.sql('SELECT interchange_control FROM batches WHERE org_id = @org AND sender_id = ? AND interchange_control IS NOT NULL').pluck().all(senderId) as string[];
  }
}
