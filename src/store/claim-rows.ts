// Claims as the store's rows: the claims row with its lines in one JSON column, the log rows
// behind each line, and the issues; made and read without a database, so a build's worker thread
// makes the rows and the store only binds them.

import { type Claim, type ClaimLine, type ClaimStatus, type ValidationIssue } from '../domain/claim.js';
import type { ClaimFormat } from '../domain/reference.js';
import { fromCents, toCents } from '../domain/money.js';

/** The columns loadMany reads, in ClaimTuple order. */
export const CLAIM_COLUMNS =
  'claim_id, claim_key, member_cin, payer_id, period, format, format_reason, status, frequency, original_claim_id, original_reference, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at, validated_for, lines';

/** A claims row as loadMany reads it: an array, which costs better-sqlite3 half what a row object does. */
export type ClaimTuple = [
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
export const LINE_SERVICE_DATE = 1;
export const LINE_CODE = 2;
export const LINE_MODIFIERS = 3;

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

export const CLAIM_INSERT = `INSERT INTO claims (org_id, claim_id, claim_key, member_cin, payer_id, period, format, format_reason, status, frequency, original_claim_id, original_reference,
  place_of_service, diagnoses, default_dx_used, total_charge_cents, build_id, created_at, updated_at, validated_for, lines) VALUES `;
export const SOURCE_INSERT = 'INSERT INTO claim_line_services (org_id, claim_id, line_number, service_id) VALUES ';
export const ISSUE_INSERT = 'INSERT INTO claim_issues (org_id, claim_id, code, severity, message, path, service_ids, line_number) VALUES ';
/** values per row of each table after the organization, in the INSERTs' column order; every row starts with the claim id */
export const WIDTH = { claims: 20, sources: 3, issues: 7 } as const;
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

export function pushIssues(values: unknown[], claimId: string, issues: readonly ValidationIssue[]): void {
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

/** validatedFor: the stamp of the validation the claim passed as it is, if still on record */
export type StoredClaim = Claim & { key: string; createdAt: string; updatedAt: string; validatedFor?: string };

export interface IssueRow {
  claim_id: string;
  code: string;
  severity: 'error' | 'warning';
  message: string;
  path: string | null;
  service_ids: string;
  line_number: number | null;
}

export function toClaim(row: ClaimTuple, serviceIdsByLine: string[][], issues: ValidationIssue[]): StoredClaim {
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

export function toIssue(i: IssueRow): ValidationIssue {
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
