// A large CSV import reads and checks its rows in a worker thread while the main thread writes
// the rows already prepared: the file's bytes go to the worker a chunk at a time, and each chunk
// comes back as the prepared rows it completes, in order. The worker looks members up through its
// own read-only connection; a services import changes no member, so it sees what the importing
// transaction sees.

import type { StaffRole } from '../domain/reference.js';
import { CsvChunkReader, type CsvRecord, type CsvSpec } from '../intake/csv.js';
import { MEMBER_COLUMNS, STAFF_COLUMNS } from '../intake/reference-rows.js';
import { SERVICE_COLUMNS } from '../intake/service-rows.js';
import { openDatabase } from '../store/database.js';
import { csvRow, rowPreparer, storeReferences, type PreparedRow, type RowKind, type RowRecord } from './import-rows.js';

export function csvSpecOf(kind: RowKind): CsvSpec {
  return kind === 'staff' ? STAFF_COLUMNS : kind === 'members' ? MEMBER_COLUMNS : SERVICE_COLUMNS;
}

export interface PrepareSetup {
  kind: RowKind;
  /** the SQLite file members are looked up in */
  dbPath: string;
  payerIds: string[];
  staffRoles: Array<[string, StaffRole]>;
}

/**
 * The file's next chunk, or its end; `prepare` false asks only for the rows read (the main thread
 * checks them itself when it would otherwise wait for the worker).
 */
export type PrepareInput = ({ chunk: Uint8Array } | { end: true }) & { prepare: boolean };

/** The rows a chunk completes: prepared, or only read. */
export type PrepareOutput = { prepared: PreparedRow[] } | { records: RowRecord[] };

/**
 * Reads one file: each input is the next chunk (or the end) and the answer is the rows it
 * completes. Inputs must come in file order, one at a time.
 */
export function createChunkPreparer(setup: PrepareSetup): (input: PrepareInput) => Promise<PrepareOutput> {
  const db = openDatabase(setup.dbPath, { readonly: true });
  const prepare = rowPreparer(setup.kind, storeReferences(db, setup.payerIds, setup.staffRoles));
  const reader = new CsvChunkReader(csvSpecOf(setup.kind));
  const answer = (records: CsvRecord[], input: PrepareInput): PrepareOutput => {
    const rows = records.map(csvRow);
    return input.prepare ? { prepared: rows.map(prepare) } : { records: rows };
  };
  return async (input) => {
    if ('chunk' in input) return answer(reader.push(Buffer.from(input.chunk.buffer, input.chunk.byteOffset, input.chunk.byteLength)), input);
    try {
      return answer(await reader.end(), input);
    } finally {
      reader.destroy();
      db.close();
    }
  };
}
