// The pure half of a row import: a CSV or JSON row is checked, coded and turned into the JSON
// and hash the store keeps. References arrive as lookups, so the checks can be tested without a
// database.

import { hash } from 'node:crypto';
import { codesets } from '../../codesets/index.js';
import type { Member, StaffRole } from '../../domain/reference.js';
import type { CodedService } from '../../domain/service-log.js';
import { parseMemberRow, parseStaffRow } from '../../intake/reference-rows.js';
import { parseServiceRow } from '../../intake/service-rows.js';
import { rowError, type RowIssue, type RowOutcome } from '../../intake/row-issue.js';
import type { CsvRecord } from '../../intake/csv.js';
import type { ReferenceRepository } from '../../store/ports.js';

export type RowKind = 'staff' | 'members' | 'services';

export interface RowRecord {
  line: number;
  values: Record<string, string>;
  /** a problem found while reading the row (a cell count that differs from the header's) */
  error?: RowIssue;
}

/** What the store needs of a row: its key, its JSON and that JSON's hash. */
export type PreparedRow = { line: number; outcome: RowOutcome<unknown>; key: string; data: string; hash: string };

export interface RowReferences {
  payerExists(payerId: string): boolean;
  staffRole(staffId: string): StaffRole | undefined;
  memberPayer(memberCin: string): string | undefined;
}

export function sha256(text: string): string {
  // The one-shot form: for a hundred thousand rows the hash object's setup is the larger cost.
  return hash('sha256', text, 'hex');
}

const failed = (line: number, outcome: RowOutcome<unknown>): PreparedRow => ({ line, outcome, key: '', data: '', hash: '' });

export function rowPreparer(kind: RowKind, refs: RowReferences): (record: RowRecord) => PreparedRow {
  const { coding, placeOfService } = codesets();
  const payerExists = (id: string) => refs.payerExists(id);
  const services = { ...refs, placeOfService: (code: string) => code in placeOfService };
  const prepared = <T>(line: number, outcome: RowOutcome<T>, key: (value: T) => string, stored: (value: T) => unknown): PreparedRow => {
    if (!outcome.ok) return failed(line, outcome);
    const data = JSON.stringify(stored(outcome.value));
    return { line, outcome, key: key(outcome.value), data, hash: sha256(data) };
  };
  return (record) => {
    const { line, values } = record;
    if (record.error) return failed(line, { ok: false, errors: [record.error] });
    if (kind === 'staff') return prepared(line, parseStaffRow(values, line), (s) => s.staff_id, (s) => s);
    if (kind === 'members') return prepared(line, parseMemberRow(values, line, payerExists), (m: Member) => m.member_cin, (m) => m);
    return prepared(
      line,
      parseServiceRow(values, line, services, coding),
      (s: CodedService) => s.serviceId,
      // The source line is where the row was this time, not part of the row.
      ({ sourceLine: _line, ...row }) => row,
    );
  };
}

/** A CSV record as a row to prepare; a cell count that differs from the header's is its error. */
export function csvRow(record: CsvRecord): RowRecord {
  if (!record.cellCountMismatch) return { line: record.line, values: record.values };
  const { cells, expected } = record.cellCountMismatch;
  return { line: record.line, values: record.values, error: rowError(record.line, undefined, 'CELL_COUNT', `row has ${cells} cells but the header has ${expected}; check for an unquoted comma`) };
}

/**
 * Prepares rows a batch at a time against the references, reading members through `reference`.
 * A member's rows come many to a file; each CIN is looked up once per import, before the batch's
 * rows are checked (the checks need their answers at once). A row whose CIN the schema reads
 * differently from its raw cell is checked again once that CIN has been read.
 */
export function batchPreparer(
  kind: RowKind,
  reference: Pick<ReferenceRepository, 'memberPayers'>,
  payerIds: readonly string[],
  staffRoles: ReadonlyArray<readonly [string, StaffRole]>,
): (records: readonly RowRecord[]) => Promise<PreparedRow[]> {
  const payers = new Set(payerIds);
  const roles = new Map(staffRoles);
  const payerOfMember = new Map<string, string | undefined>();
  const unread = new Set<string>();
  let guessed = false;
  const prepare = rowPreparer(kind, {
    payerExists: (id) => payers.has(id),
    staffRole: (id) => roles.get(id),
    memberPayer: (cin) => {
      if (payerOfMember.has(cin)) return payerOfMember.get(cin);
      unread.add(cin);
      guessed = true;
      return undefined;
    },
  });
  const lookUp = async () => {
    if (unread.size === 0) return;
    const found = await reference.memberPayers([...unread]);
    for (const cin of unread) payerOfMember.set(cin, found.get(cin));
    unread.clear();
  };
  return async (records) => {
    // The member file is read before the rows are checked, each CIN once per import, written the
    // way the row schema reads it (trimmed, upper case).
    if (kind === 'services') {
      for (const record of records) {
        const cin = record.values.member_cin?.trim().toUpperCase();
        if (cin && !payerOfMember.has(cin)) unread.add(cin);
      }
      await lookUp();
    }
    const rows: PreparedRow[] = [];
    let again: number[] | undefined;
    for (const record of records) {
      guessed = false;
      rows.push(prepare(record));
      if (guessed) (again ??= []).push(rows.length - 1);
    }
    // A CIN the schema reads differently from the raw cell: looked up now, its rows checked again.
    if (!again) return rows;
    await lookUp();
    for (const i of again) rows[i] = prepare(records[i]!);
    return rows;
  };
}
