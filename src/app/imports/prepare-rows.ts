// A large CSV import reads and checks its rows in a worker thread while the main thread writes
// the rows already prepared: the file's bytes go to the worker a chunk at a time, and each chunk
// comes back as the prepared rows it completes, in order. The worker looks members up through its
// own read-only connection; a services import changes no member, so it sees what the importing
// transaction sees.

import type { StaffRole } from '../../domain/reference.js';
import { CsvChunkReader, type CsvRecord, type CsvSpec } from '../../intake/csv.js';
import { MEMBER_COLUMNS, STAFF_COLUMNS } from '../../intake/reference-rows.js';
import { SERVICE_COLUMNS } from '../../intake/service-rows.js';
import { openReadOnlyRepositories } from '../../store/store.js';
import type { RowIssue } from '../../intake/row-issue.js';
import { batchPreparer, csvRow, type PreparedRow, type RowKind, type RowRecord } from './import-rows.js';

export function csvSpecOf(kind: RowKind): CsvSpec {
  return kind === 'staff' ? STAFF_COLUMNS : kind === 'members' ? MEMBER_COLUMNS : SERVICE_COLUMNS;
}

export interface PrepareSetup {
  kind: RowKind;
  /** the SQLite file members are looked up in */
  dbPath: string;
  /** whose reference data the rows are checked against */
  org: string | null;
  payerIds: string[];
  staffRoles: Array<[string, StaffRole]>;
}

/**
 * The file's next chunk, or its end; `prepare` false asks only for the rows read (the main thread
 * checks them itself when it would otherwise wait for the worker).
 */
export type PrepareInput = ({ chunk: Uint8Array } | { end: true }) & { prepare: boolean };

/** The rows a chunk completes: prepared, or only read. */
export type PrepareOutput = { prepared: WireRow[] } | { records: RowRecord[] };

/**
 * A prepared row as it crosses between threads. A good row travels flat (line, key, JSON, hash,
 * warnings) and its value is read back from its JSON: the structured clone of nested row objects
 * cost more than preparing them (about 0.75 s to receive 100,000). A rejected row keeps its form.
 */
export type WireRow = [line: number, key: string, data: string, hash: string, warnings: RowIssue[] | 0] | PreparedRow;

export function toWire(row: PreparedRow): WireRow {
  const { outcome } = row;
  return outcome.ok ? [row.line, row.key, row.data, row.hash, outcome.warnings.length > 0 ? outcome.warnings : 0] : row;
}

export function fromWire(row: WireRow): PreparedRow {
  if (!Array.isArray(row)) return row;
  const [line, key, data, hash, warnings] = row;
  return { line, key, data, hash, outcome: { ok: true, value: JSON.parse(data) as unknown, warnings: warnings === 0 ? [] : warnings } };
}

/**
 * Reads one file: each input is the next chunk (or the end) and the answer is the rows it
 * completes. Inputs must come in file order, one at a time.
 */
export function createChunkPreparer(setup: PrepareSetup): (input: PrepareInput) => Promise<PrepareOutput> {
  const repos = openReadOnlyRepositories(setup.dbPath, setup.org);
  const prepare = batchPreparer(setup.kind, repos.reference, setup.payerIds, setup.staffRoles);
  const reader = new CsvChunkReader(csvSpecOf(setup.kind));
  const answer = async (records: CsvRecord[], input: PrepareInput): Promise<PrepareOutput> => {
    const rows = records.map(csvRow);
    return input.prepare ? { prepared: (await prepare(rows)).map(toWire) } : { records: rows };
  };
  return async (input) => {
    if ('chunk' in input) return answer(reader.push(Buffer.from(input.chunk.buffer, input.chunk.byteOffset, input.chunk.byteLength)), input);
    try {
      // Answered before the finally block closes the connection the answer reads members through.
      return await answer(await reader.end(), input);
    } finally {
      reader.destroy();
      repos.close();
    }
  };
}
