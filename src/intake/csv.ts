// Streams CSV records with their line numbers. The header is checked up front so that a wrong file
// (not CSV, empty, missing a column) fails with one clear sentence before any row is read.

import { parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

export class IntakeFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntakeFileError';
  }
}

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
  /** set when the row's cell count differs from the header's */
  cellCountMismatch?: { cells: number; expected: number };
}

export interface CsvSpec {
  required: readonly string[];
  optional?: readonly string[];
}

function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/**
 * A CSV file read a chunk at a time: each chunk written gives the records it completes. The
 * parser is fed by hand and its records are collected as it emits them, which it does while each
 * chunk is written; its running line count, read as each record is emitted, is the record's last
 * line (the number the per-record `info` option gives, without an info object per record).
 */
export class CsvChunkReader {
  private readonly parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
  private parsed: Array<{ record: string[]; line: number }> = [];
  private failure: { error: unknown } | undefined;
  private header: string[] | undefined;
  private first = true;

  constructor(private readonly spec: CsvSpec) {
    this.parser.on('data', (record: string[]) => this.parsed.push({ record, line: this.parser.info.lines }));
    this.parser.on('error', (error: unknown) => (this.failure ??= { error }));
  }

  /** The records this chunk completes. */
  push(chunk: Buffer | string): CsvRecord[] {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.first && looksBinary(buf)) throw new IntakeFileError('this file is not a CSV text file (it contains binary data); export the log as CSV with a header row');
    this.first = false;
    return this.reading(() => {
      this.parser.write(buf);
      if (this.failure) throw this.failure.error;
      return this.take();
    });
  }

  /** The records left when the file ends; an empty file fails here. */
  async end(): Promise<CsvRecord[]> {
    const rest = await this.reading(async () => {
      this.parser.end();
      await finished(this.parser);
      if (this.failure) throw this.failure.error;
      return this.take();
    });
    if (!this.header) throw new IntakeFileError('the file is empty: expected a header row and at least one data row');
    return rest;
  }

  destroy(): void {
    this.parser.destroy();
  }

  /** A failure while reading (the parser's or the input's), told as where the file stopped making sense. */
  fail(err: unknown): never {
    throw readFailure(err, this.header ? undefined : this.spec);
  }

  private reading<T>(work: () => T): T {
    try {
      const result = work();
      return (result instanceof Promise ? result.catch((err: unknown) => this.fail(err)) : result) as T;
    } catch (err) {
      return this.fail(err);
    }
  }

  private take(): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (const { record, line } of this.parsed) {
      if (!this.header) {
        this.header = record.map(normalizeHeader);
        checkHeader(this.header, this.spec);
        continue;
      }
      const header = this.header;
      const values: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) values[header[i]!] = record[i] ?? '';
      out.push({
        line,
        values,
        cellCountMismatch: record.length !== header.length ? { cells: record.length, expected: header.length } : undefined,
      });
    }
    this.parsed = [];
    return out;
  }
}

/**
 * A failure while reading a CSV file, as one sentence: before the header was read (`spec` given)
 * the file is not the expected one; after it, the file stops making sense at that point.
 */
export function readFailure(err: unknown, spec?: CsvSpec): IntakeFileError {
  if (err instanceof IntakeFileError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (spec) return new IntakeFileError(`this does not look like the expected CSV file: the first line should be a header with the columns ${spec.required.join(', ')} (${message})`);
  return new IntakeFileError(`this file could not be read as CSV past that point: ${message}`);
}

/** The input's chunks; a failing input (a cut-off upload, an unreadable file) fails as `fail` tells it. */
export async function* inputChunks(input: Readable | AsyncIterable<Buffer | string>, fail: (err: unknown) => never): AsyncGenerator<Buffer | string> {
  try {
    yield* input as AsyncIterable<Buffer | string>;
  } catch (err) {
    fail(err);
  }
}

function checkHeader(header: string[], spec: CsvSpec): void {
  const missing = spec.required.filter((c) => !header.includes(c));
  if (missing.length === 0) return;
  const found = header.length > 0 && header.some((h) => spec.required.includes(h) || (spec.optional ?? []).includes(h));
  if (!found) {
    throw new IntakeFileError(`this does not look like the expected CSV file: the first line should be a header with the columns ${spec.required.join(', ')}`);
  }
  throw new IntakeFileError(`the header is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
}

function looksBinary(buf: Buffer): boolean {
  const sample = buf.subarray(0, 4096);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control++;
  }
  return sample.length > 0 && control / sample.length > 0.1;
}
