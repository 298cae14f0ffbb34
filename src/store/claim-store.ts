// Claims, their lines, the service rows behind each line, and the issues found on them.

import { claimIdOf, type Claim, type ClaimLine, type ClaimStatus, type ValidationIssue } from '../domain/claim.js';
import type { ClaimFormat } from '../domain/reference.js';
import { SENT_STATUSES } from '../domain/claim.js';
import { fromCents, toCents } from '../domain/money.js';
import type { SqliteDatabase } from './database.js';
import { Repository } from './repository.js';
import { DuplicateIndex, type DuplicateRow } from '../validation/duplicate-index.js';
import { groupBy, inOrderOf } from '../domain/grouping.js';

/** A claims row as a listing reads it. */
interface SummaryRow {
  claim_id: string;
  member_cin: string;
  payer_id: string;
  period: string;
  format: ClaimFormat;
  status: ClaimStatus;
  frequency: Claim['frequency'];
  total_charge_cents: number;
  line_count: number;
  error_count: number;
  warning_count: number;
}

/** The columns loadMany reads, in ClaimTuple order. */
const CLAIM_COLUMNS =
  'claim_id, claim_key, member_cin, payer_id, period, format, format_reason, status, frequency, original_claim_id, original_reference, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at, validated_for, lines';

/** A claims row as loadMany reads it: an array, which costs better-sqlite3 half what a row object does. */
type ClaimTuple = [
  claimId: string,
  claimKey: string,
  memberCin: string,
  payerId: string,
  period: string,
  format: ClaimFormat,
  formatReason: string | null,
  status: ClaimStatus,
  frequency: Claim['frequency'],
  originalClaimId: string | null,
  originalReference: string | null,
  placeOfService: string,
  diagnoses: string,
  defaultDiagnosisUsed: number,
  totalChargeCents: number,
  createdAt: string,
  updatedAt: string,
  validatedFor: string | null,
  lines: string,
];

/**
 * A claim line as the claims row keeps it, in its `lines` JSON array. A claim's lines are always
 * read and written with the claim; one column instead of a row per line halves what a build
 * writes and an export reads.
 */
type LineTuple = [
  lineNumber: number,
  serviceDate: string,
  code: string,
  modifiers: string,
  placeOfService: string,
  renderingStaffId: string,
  minutes: number,
  units: string,
  rateCents: number,
  chargeCents: number,
  diagnosisPointers: number[],
  activity: 'ecm' | 'outreach',
];
// positions in a LineTuple, for SQL that reads the lines (json_each)
const LINE_SERVICE_DATE = 1;
const LINE_CODE = 2;
const LINE_MODIFIERS = 3;

export interface ClaimFilter {
  payerId?: string;
  period?: string;
  status?: ClaimStatus;
  memberCin?: string;
  limit?: number;
  offset?: number;
}

export interface ClaimSummary {
  id: string;
  payerId: string;
  memberCin: string;
  period: string;
  format: ClaimFormat;
  status: ClaimStatus;
  frequency: Claim['frequency'];
  totalCharge: string;
  lineCount: number;
  errorCount: number;
  warningCount: number;
}

const VALIDATION_INPUTS = 'validation_inputs';

const CLAIM_INSERT = `INSERT INTO claims (claim_id, claim_key, member_cin, payer_id, period, format, format_reason, status, frequency, original_claim_id, original_reference,
  place_of_service, diagnoses, default_dx_used, total_charge_cents, build_id, created_at, updated_at, validated_for, lines) VALUES `;
const SOURCE_INSERT = 'INSERT INTO claim_line_services (claim_id, line_number, service_id) VALUES ';
const ISSUE_INSERT = 'INSERT INTO claim_issues (claim_id, code, severity, message, path, service_ids, line_number) VALUES ';
/** values per row of each table, in the INSERTs' column order; every row starts with the claim id */
const WIDTH = { claims: 20, sources: 3, issues: 7 } as const;
// positions in a claims row and a claim_issues row
const CLAIM_AT = { memberCin: 2, payerId: 3, period: 4, format: 5, status: 7, frequency: 8, totalCents: 14 } as const;
const ISSUE_MESSAGE_AT = 3;

/**
 * Claims as the rows the store keeps of them: each table's values one row after another, as
 * ClaimStore.insertRows binds them. Made without a database, so a build's worker thread makes
 * them and sends them over flat: receiving the nested claims cost the writing thread more than
 * inserting them.
 */
export interface ClaimRows {
  claims: unknown[];
  sources: unknown[];
  issues: unknown[];
  /** per claim, for its summary: lines, errors, warnings */
  tallies: number[];
}

export function claimRowsOf(claims: ReadonlyArray<Claim & { key: string; validatedFor?: string }>, buildId: number | null, at: string): ClaimRows {
  const rows: ClaimRows = { claims: [], sources: [], issues: [], tallies: [] };
  for (const claim of claims) {
    rows.claims.push(
      claim.id,
      claim.key,
      claim.memberCin,
      claim.payerId,
      claim.period,
      claim.format,
      claim.formatReason ?? null,
      claim.status,
      claim.frequency,
      claim.originalClaimId ?? null,
      claim.originalReference ?? null,
      claim.placeOfService,
      JSON.stringify(claim.diagnoses),
      claim.defaultDiagnosisUsed ? 1 : 0,
      toCents(claim.totalCharge),
      buildId,
      at,
      at,
      claim.validatedFor ?? null,
      JSON.stringify(claim.lines.map(lineTuple)),
    );
    for (const l of claim.lines) {
      for (const id of l.serviceIds) rows.sources.push(claim.id, l.lineNumber, id);
    }
    pushIssues(rows.issues, claim.id, claim.issues);
    const errors = claim.issues.filter((i) => i.severity === 'error').length;
    rows.tallies.push(claim.lines.length, errors, claim.issues.length - errors);
  }
  return rows;
}

function lineTuple(l: ClaimLine): LineTuple {
  return [l.lineNumber, l.serviceDate, l.code, l.modifiers.join(':'), l.placeOfService, l.renderingStaffId, l.minutes, l.units, toCents(l.rate), toCents(l.charge), l.diagnosisPointers, l.activity];
}

function pushIssues(values: unknown[], claimId: string, issues: readonly ValidationIssue[]): void {
  for (const i of issues) values.push(claimId, i.code, i.severity, i.message, i.path ? JSON.stringify(i.path) : null, JSON.stringify(i.serviceIds), i.lineNumber ?? null);
}

/** The ids of the claims in `rows`, in order. */
export function claimIdsIn(rows: ClaimRows): string[] {
  const ids: string[] = [];
  for (let i = 0; i < rows.claims.length; i += WIDTH.claims) ids.push(rows.claims[i] as string);
  return ids;
}

/** Gives claims new ids (`rename` answers undefined to keep one) and rewrites the findings' messages that name them. */
export function renameClaims(rows: ClaimRows, rename: (id: string) => string | undefined, rewriteMessage: (message: string) => string): void {
  for (const table of ['claims', 'sources', 'issues'] as const) {
    const values = rows[table];
    for (let i = 0; i < values.length; i += WIDTH[table]) values[i] = rename(values[i] as string) ?? values[i];
  }
  for (let i = ISSUE_MESSAGE_AT; i < rows.issues.length; i += WIDTH.issues) rows.issues[i] = rewriteMessage(rows.issues[i] as string);
}

/** The summaries of the claims in `rows`, as listClaims gives them. */
export function summariesOf(rows: ClaimRows): ClaimSummary[] {
  const out: ClaimSummary[] = [];
  for (let c = 0, i = 0; i < rows.claims.length; c++, i += WIDTH.claims) {
    const at = (column: number) => rows.claims[i + column];
    out.push({
      id: at(0) as string,
      payerId: at(CLAIM_AT.payerId) as string,
      memberCin: at(CLAIM_AT.memberCin) as string,
      period: at(CLAIM_AT.period) as string,
      format: at(CLAIM_AT.format) as ClaimFormat,
      status: at(CLAIM_AT.status) as ClaimStatus,
      frequency: at(CLAIM_AT.frequency) as Claim['frequency'],
      totalCharge: fromCents(at(CLAIM_AT.totalCents) as number),
      lineCount: rows.tallies[c * 3]!,
      errorCount: rows.tallies[c * 3 + 1]!,
      warningCount: rows.tallies[c * 3 + 2]!,
    });
  }
  return out;
}

const sentList = SENT_STATUSES.map((s) => `'${s}'`).join(', ');

export class ClaimStore extends Repository {


  /** Next id from the persistent sequence; ids are never reused, even after drafts are replaced. */
  nextClaimId(): string {
    return claimIdOf(this.advanceSequence('claim'));
  }

  /**
   * The generation of everything a claim's validation reads besides the claim and the day:
   * reference data and the set of live claims. Reference imports and builds advance it, so a
   * validation stamp (validationStamp) taken before either no longer matches.
   */
  validationInputs(): number {
    return this.sequenceValue(VALIDATION_INPUTS);
  }

  advanceValidationInputs(): void {
    this.advanceSequence(VALIDATION_INPUTS);
  }

  /** Draft/ready claims in scope, by natural key, so a rebuild can keep their ids. */
  unsentByKey(filter: { payerId?: string; period?: string }): Map<string, string> {
    const { where, params } = scope(filter);
    const rows = this.sql(`SELECT claim_key, claim_id FROM claims WHERE status IN ('draft', 'ready') AND frequency = '1'${where}`).all(...params) as Array<{ claim_key: string; claim_id: string }>;
    return new Map(rows.map((r) => [r.claim_key, r.claim_id]));
  }

  /** Removes the drafts a rebuild replaces; claims that have left the building are never touched. */
  deleteUnsent(filter: { payerId?: string; period?: string }): number {
    const { where, params } = scope(filter);
    return this.sql(`DELETE FROM claims WHERE status IN ('draft', 'ready') AND frequency = '1'${where}`).run(...params).changes;
  }

  insert(claim: Claim & { key: string; validatedFor?: string }, buildId: number | null, at: string): void {
    this.insertAll([claim], buildId, at);
  }

  /** Claims with their lines, log rows and findings (claimRowsOf), a few statements for all of them. */
  insertAll(claims: ReadonlyArray<Claim & { key: string; validatedFor?: string }>, buildId: number | null, at: string): void {
    this.insertRows(claimRowsOf(claims, buildId, at));
  }

  /**
   * Rows made by claimRowsOf, each table in a few multi-row statements: a build writes a slice's
   * claims at once, hundreds of thousands of rows in all, and each statement run has a fixed cost.
   */
  insertRows(rows: ClaimRows): void {
    this.insertMany(CLAIM_INSERT, WIDTH.claims, rows.claims);
    this.insertMany(SOURCE_INSERT, WIDTH.sources, rows.sources);
    this.insertMany(ISSUE_INSERT, WIDTH.issues, rows.issues);
  }

  replaceIssues(claimId: string, issues: readonly ValidationIssue[]): void {
    this.sql('UPDATE claims SET validated_for = NULL WHERE claim_id = ?').run(claimId);
    this.sql('DELETE FROM claim_issues WHERE claim_id = ?').run(claimId);
    this.insertIssues(claimId, issues);
  }

  private insertIssues(claimId: string, issues: readonly ValidationIssue[]): void {
    const values: unknown[] = [];
    pushIssues(values, claimId, issues);
    this.insertMany(ISSUE_INSERT, WIDTH.issues, values);
  }

  // A claim whose status or format changes is validated afresh before it leaves; a status change
  // can also bring a claim back into the duplicate index, so every stamp taken before it lapses.
  setStatus(claimId: string, status: ClaimStatus, at: string): void {
    this.sql('UPDATE claims SET status = ?, updated_at = ?, validated_for = NULL WHERE claim_id = ?').run(status, at, claimId);
    this.advanceValidationInputs();
  }

  setStatusOfBatch(batchId: string, status: ClaimStatus, at: string): void {
    this.sql('UPDATE claims SET status = ?, updated_at = ?, validated_for = NULL WHERE claim_id IN (SELECT claim_id FROM batch_claims WHERE batch_id = ?)').run(status, at, batchId);
    this.advanceValidationInputs();
  }

  setFormat(claimId: string, format: ClaimFormat, reason: string | undefined, at: string): void {
    this.sql('UPDATE claims SET format = ?, format_reason = ?, updated_at = ?, validated_for = NULL WHERE claim_id = ?').run(format, reason ?? null, at, claimId);
  }

  isSent(claimId: string): boolean {
    return (this.sql(`SELECT COUNT(*) FROM claims WHERE claim_id = ? AND status IN (${sentList})`).pluck().get(claimId) as number) > 0;
  }

  list(filter: ClaimFilter = {}): ClaimSummary[] {
    const { where, params } = scope(filter, 'c.');
    const clauses: string[] = [];
    if (filter.status) {
      clauses.push(' AND c.status = ?');
      params.push(filter.status);
    }
    if (filter.memberCin) {
      clauses.push(' AND c.member_cin = ?');
      params.push(filter.memberCin);
    }
    const rows = this.sql(
        `SELECT c.claim_id, c.member_cin, c.payer_id, c.period, c.format, c.status, c.frequency, c.total_charge_cents, json_array_length(c.lines) AS line_count,
           (SELECT COUNT(*) FROM claim_issues i WHERE i.claim_id = c.claim_id AND i.severity = 'error') AS error_count,
           (SELECT COUNT(*) FROM claim_issues i WHERE i.claim_id = c.claim_id AND i.severity = 'warning') AS warning_count
         FROM claims c WHERE 1 = 1${where}${clauses.join('')} ORDER BY c.claim_id LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit ?? 1000, filter.offset ?? 0) as SummaryRow[];
    return rows.map((r) => ({
      id: r.claim_id,
      payerId: r.payer_id,
      memberCin: r.member_cin,
      period: r.period,
      format: r.format,
      status: r.status,
      frequency: r.frequency,
      totalCharge: fromCents(r.total_charge_cents),
      lineCount: r.line_count,
      errorCount: r.error_count,
      warningCount: r.warning_count,
    }));
  }

  ids(filter: ClaimFilter): string[] {
    const { where, params } = scope(filter);
    const extra = filter.status ? ' AND status = ?' : '';
    if (filter.status) params.push(filter.status);
    return this.sql(`SELECT claim_id FROM claims WHERE 1 = 1${where}${extra} ORDER BY claim_id`).pluck().all(...params) as string[];
  }

  get(claimId: string): StoredClaim | undefined {
    return this.loadMany([claimId])[0];
  }

  /** Claims with their lines, source rows and issues, a few hundred per query, in the order asked. */
  loadMany(claimIds: readonly string[]): StoredClaim[] {
    return this.inChunks(claimIds, (ids, marks) => {
      const rows = this.sql(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE claim_id IN (${marks})`).raw(true).all(...ids) as ClaimTuple[];
      // The log rows behind the lines are most of what is read: fetched as arrays, not objects,
      // in key order (no sort): each line's rows still come out ordered by service id.
      const sources = this.sql(`SELECT claim_id, line_number, service_id FROM claim_line_services WHERE claim_id IN (${marks}) ORDER BY claim_id, service_id`)
        .raw(true)
        .all(...ids) as Array<[string, number, string]>;
      const issuesOf = this.issuesOf(ids);
      // service ids by claim, then by line number
      const sourcesOf = new Map<string, string[][]>();
      for (const [claimId, lineNumber, serviceId] of sources) {
        let byLine = sourcesOf.get(claimId);
        if (!byLine) sourcesOf.set(claimId, (byLine = []));
        (byLine[lineNumber] ??= []).push(serviceId);
      }
      return inOrderOf(ids, rows, (r) => r[0]).map((row) => toClaim(row, sourcesOf.get(row[0]) ?? [], issuesOf.get(row[0]) ?? []));
    });
  }

  /** What an export checks before loading a claim, for each of these that exists, in the order asked. */
  exportFacts(claimIds: readonly string[]): ExportFacts[] {
    return this.inChunks(claimIds, (ids, marks) => inOrderOf(ids, this.factRows(`claim_id IN (${marks})`, ids), (f) => f.id));
  }

  /** The export facts of a payer's ready claims (of a period), in claim order, in one query. */
  readyFacts(filter: { payerId: string; period?: string }): ExportFacts[] {
    const { where, params } = scope(filter);
    return this.factRows(`status = 'ready'${where}`, params, ' ORDER BY claim_id');
  }

  private factRows(where: string, params: ReadonlyArray<string | number>, order = ''): ExportFacts[] {
    const rows = this.sql(`SELECT claim_id, payer_id, member_cin, status, validated_for, total_charge_cents FROM claims WHERE ${where}${order}`)
      .raw(true)
      .all(...params) as Array<[string, string, string, ClaimStatus, string | null, number]>;
    return rows.map(([id, payerId, memberCin, status, validatedFor, totalChargeCents]) => ({ id, payerId, memberCin, status, validatedFor: validatedFor ?? undefined, totalChargeCents }));
  }

  /** The findings on record for these claims (only claims that have any are in the map). */
  issuesOf(claimIds: readonly string[]): Map<string, ValidationIssue[]> {
    return new Map(
      this.inChunks(claimIds, (ids, marks) => {
        const rows = this.sql(`SELECT * FROM claim_issues WHERE claim_id IN (${marks}) ORDER BY rowid`).all(...ids) as IssueRow[];
        return [...groupBy(rows, (row) => row.claim_id)].map(([claimId, list]): [string, ValidationIssue[]] => [claimId, list.map(toIssue)]);
      }),
    );
  }

  /** The duplicate index covering every service date of these claims. */
  duplicateIndexFor(claims: Iterable<Pick<Claim, 'lines'>>): DuplicateIndex {
    let from = '9999-12-31';
    let any = false;
    let to = '0000-01-01';
    for (const c of claims) {
      for (const l of c.lines) {
        if (l.serviceDate < from) from = l.serviceDate;
        if (l.serviceDate > to) to = l.serviceDate;
        any = true;
      }
    }
    return any ? this.duplicateIndex({ from, to }) : new DuplicateIndex();
  }

  /** The member/date/procedure of every live claim line in a date range, for duplicate checks. */
  duplicateIndex(range: { from: string; to: string }): DuplicateIndex {
    return DuplicateIndex.fromRows(this.duplicateRows(range));
  }

  /** The rows behind duplicateIndex, as plain tuples a worker thread can be sent. */
  duplicateRows(range: { from: string; to: string }): DuplicateRow[] {
    return this.sql(
      `SELECT c.claim_id, c.member_cin, l.value ->> ${LINE_SERVICE_DATE}, l.value ->> ${LINE_CODE}, l.value ->> ${LINE_MODIFIERS}
       FROM claims c, json_each(c.lines) l
       WHERE c.frequency = '1' AND c.status NOT IN ('void', 'rejected', 'denied') AND l.value ->> ${LINE_SERVICE_DATE} BETWEEN ? AND ?`,
    )
      .raw(true)
      .all(range.from, range.to) as DuplicateRow[];
  }

  /** The last claim number handed out (0 before the first claim). */
  lastClaimNumber(): number {
    return this.sequenceValue('claim');
  }

  /** Records claim numbers handed out in bulk (a build numbers its new claims itself). */
  setLastClaimNumber(value: number): void {
    this.sql("INSERT INTO sequences (name, value) VALUES ('claim', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value").run(value);
  }
}

export interface ExportFacts {
  id: string;
  payerId: string;
  memberCin: string;
  status: ClaimStatus;
  validatedFor?: string;
  totalChargeCents: number;
}

/** validatedFor: the stamp of the validation the claim passed as it is, if still on record */
export type StoredClaim = Claim & { key: string; createdAt: string; updatedAt: string; validatedFor?: string };

interface IssueRow {
  claim_id: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  path: string | null;
  service_ids: string;
  line_number: number | null;
}

function toClaim(row: ClaimTuple, serviceIdsByLine: string[][], issues: ValidationIssue[]): StoredClaim {
  const [id, key, memberCin, payerId, period, format, formatReason, status, frequency, originalClaimId, originalReference, placeOfService, diagnoses, defaultDx, totalCents, createdAt, updatedAt, validatedFor, lines] =
    row;
  return {
    id,
    key,
    memberCin,
    payerId,
    period,
    format,
    formatReason: formatReason ?? undefined,
    status,
    frequency,
    originalClaimId: originalClaimId ?? undefined,
    originalReference: originalReference ?? undefined,
    placeOfService,
    diagnoses: JSON.parse(diagnoses) as string[],
    defaultDiagnosisUsed: defaultDx === 1,
    totalCharge: fromCents(totalCents),
    createdAt,
    updatedAt,
    ...(validatedFor !== null ? { validatedFor } : {}),
    lines: (JSON.parse(lines) as LineTuple[]).map(
      ([lineNumber, serviceDate, code, modifiers, placeOfService, renderingStaffId, minutes, units, rateCents, chargeCents, diagnosisPointers, activity]): ClaimLine => ({
        lineNumber,
        serviceDate,
        code,
        modifiers: modifiers === '' ? [] : modifiers.split(':'),
        placeOfService,
        renderingStaffId,
        minutes,
        units,
        rate: fromCents(rateCents),
        charge: fromCents(chargeCents),
        diagnosisPointers,
        serviceIds: serviceIdsByLine[lineNumber] ?? [],
        activity,
      }),
    ),
    issues,
  };
}

function toIssue(i: IssueRow): ValidationIssue {
  return {
    code: i.code,
    severity: i.severity,
    message: i.message,
    path: i.path ? (JSON.parse(i.path) as ValidationIssue['path']) : undefined,
    serviceIds: JSON.parse(i.service_ids) as string[],
    lineNumber: i.line_number ?? undefined,
    claimId: i.claim_id,
  };
}

function scope(filter: { payerId?: string; period?: string }, prefix = ''): { where: string; params: Array<string | number> } {
  let where = '';
  const params: Array<string | number> = [];
  if (filter.payerId) {
    where += ` AND ${prefix}payer_id = ?`;
    params.push(filter.payerId);
  }
  if (filter.period) {
    where += ` AND ${prefix}period = ?`;
    params.push(filter.period);
  }
  return { where, params };
}
