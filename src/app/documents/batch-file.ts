// The bytes of a document batch go into batch_file_chunks as they are produced, in chunks of a
// megabyte, with their length and SHA-256: the same shape an 837 batch has, so `batches file`
// and GET /api/batches/{id}/file return any batch the same way.

import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { BatchRepository } from '../../store/ports.js';

const CHUNK_BYTES = 1024 * 1024;

export class BatchFileSink extends Writable {
  private readonly hash = createHash('sha256');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private seq = 0;
  bytes = 0;

  constructor(
    private readonly batches: BatchRepository,
    private readonly batchId: string,
  ) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      this.hash.update(chunk);
      this.bytes += chunk.length;
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes < CHUNK_BYTES) {
        callback();
        return;
      }
    } catch (err) {
      callback(err as Error);
      return;
    }
    // The stream hands over nothing more until the full chunk is stored: chunks stay in order.
    this.flush().then(() => callback(), (err: unknown) => callback(err as Error));
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush().then(() => callback(), (err: unknown) => callback(err as Error));
  }

  sha256(): string {
    return this.hash.digest('hex');
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    await this.batches.appendChunk(this.batchId, this.seq++, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** A document already in memory (an invoice), stored the same way. */
export async function storeBatchFile(batches: BatchRepository, batchId: string, content: Buffer): Promise<{ bytes: number; sha256: string }> {
  let seq = 0;
  for (let start = 0; start < content.length; start += CHUNK_BYTES) await batches.appendChunk(batchId, seq++, content.subarray(start, start + CHUNK_BYTES));
  return { bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
