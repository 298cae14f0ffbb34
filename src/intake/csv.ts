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
 * The records of a CSV stream, a batch per chunk read: a file of a hundred thousand rows is handed
 * on a few hundred times instead of a hundred thousand. The parser is fed by hand and its records
 * are collected as it emits them, which it does while each chunk is written.
 */
export async function* readCsv(input: Readable | AsyncIterable<Buffer | string>, spec: CsvSpec): AsyncGenerator<CsvRecord[]> {
  // The parser's running line count, read as each record is emitted, is the record's last line:
  // the same number the per-record `info` option gives, without an info object per record.
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
  let parsed: Array<{ record: string[]; line: number }> = [];
  let failure: { error: unknown } | undefined;
  parser.on('data', (record: string[]) => parsed.push({ record, line: parser.info.lines }));
  parser.on('error', (error: unknown) => (failure ??= { error }));

  let header: string[] | undefined;
  const take = (): CsvRecord[] => {
    const out: CsvRecord[] = [];
    for (const { record, line } of parsed) {
      if (!header) {
        header = record.map(normalizeHeader);
        checkHeader(header, spec);
        continue;
      }
      const values: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) values[header[i]!] = record[i] ?? '';
      out.push({
        line,
        values,
        cellCountMismatch: record.length !== header.length ? { cells: record.length, expected: header.length } : undefined,
      });
    }
    parsed = [];
    return out;
  };
  try {
    for await (const chunk of sniffed(input)) {
      parser.write(chunk);
      if (failure) throw failure.error;
      const batch = take();
      if (batch.length > 0) yield batch;
    }
    parser.end();
    await finished(parser);
    if (failure) throw failure.error;
    const batch = take();
    if (batch.length > 0) yield batch;
  } catch (err) {
    if (err instanceof IntakeFileError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (!header) throw new IntakeFileError(`this does not look like the expected CSV file: the first line should be a header with the columns ${spec.required.join(', ')} (${message})`);
    throw new IntakeFileError(`this file could not be read as CSV past that point: ${message}`);
  } finally {
    parser.destroy();
  }
  if (!header) throw new IntakeFileError('the file is empty: expected a header row and at least one data row');
}

async function* sniffed(input: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first && looksBinary(buf)) throw new IntakeFileError('this file is not a CSV text file (it contains binary data); export the log as CSV with a header row');
    first = false;
    yield buf;
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
