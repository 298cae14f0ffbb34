// Streams CSV records with their line numbers. The header is checked up front so that a wrong file
// (not CSV, empty, missing a column) fails with one clear sentence before any row is read.

import { parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';

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

export async function* readCsv(input: Readable | AsyncIterable<Buffer | string>, spec: CsvSpec): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false });
  // pipeline() carries a source failure into the parser (so the loop below rejects with it) and
  // tears the source down when the loop stops early.
  pipeline(Readable.from(sniffed(input)), parser, () => undefined);

  let header: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (!header) {
        header = record.map(normalizeHeader);
        checkHeader(header, spec);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((name, i) => {
        values[name] = record[i] ?? '';
      });
      yield {
        line: info.lines,
        values,
        cellCountMismatch: record.length !== header.length ? { cells: record.length, expected: header.length } : undefined,
      };
    }
  } catch (err) {
    if (err instanceof IntakeFileError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    if (!header) throw new IntakeFileError(`this does not look like the expected CSV file: the first line should be a header with the columns ${spec.required.join(', ')} (${message})`);
    throw new IntakeFileError(`this file could not be read as CSV past that point: ${message}`);
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
