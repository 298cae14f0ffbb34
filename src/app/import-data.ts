// Import use cases: one write transaction per import; bad rows are reported with their line and
// column and the good rows are kept; an unchanged row is a no-op and a changed one is recorded.

import { Readable } from 'node:stream';
import { inWriteTransaction } from '../store/database.js';
import type { Repositories } from '../store/store.js';
import type { ImportCounts } from '../store/import-store.js';
import { IntakeFileError, readCsv, type CsvSpec } from '../intake/csv.js';
import { parseOrganization, parsePayers, MEMBER_COLUMNS, STAFF_COLUMNS } from '../intake/reference-rows.js';
import { SERVICE_COLUMNS } from '../intake/service-rows.js';
import { rowError, type RowIssue, type RowOutcome } from '../intake/row-issue.js';
import type { Member, Staff, StaffRole } from '../domain/reference.js';
import type { CodedService } from '../billing/claim-assembly.js';
import type { Upserted } from '../store/reference-store.js';
import { rowPreparer, sha256, type PreparedRow, type RowKind, type RowRecord, type RowReferences } from './import-rows.js';
import { AppError } from './errors.js';
import { timestamp, type AppContext } from './context.js';

export const IMPORT_KINDS = ['organization', 'payers', 'staff', 'members', 'services'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportReport {
  importId: number;
  kind: ImportKind;
  source: string;
  counts: ImportCounts;
  /** the first issues found (all are kept in the store) */
  issues: RowIssue[];
  issuesTruncated: boolean;
}

export interface ImportOptions {
  source: string;
  onProgress?: (rowsRead: number) => void;
}

const REPORTED_ISSUES = 500;

function hashOf(value: unknown): string {
  return sha256(JSON.stringify(value));
}

class ImportRunner {
  readonly counts: ImportCounts = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };
  readonly issues: RowIssue[] = [];
  private totalIssues = 0;

  constructor(
    private readonly repos: Repositories,
    readonly importId: number,
    private readonly kind: ImportKind,
    private readonly at: string,
  ) {}

  issue(issue: RowIssue): void {
    this.totalIssues++;
    if (issue.severity === 'warning') this.counts.warnings++;
    this.repos.imports.addIssue(this.importId, issue);
    if (this.issues.length < REPORTED_ISSUES) this.issues.push(issue);
  }

  apply<T>(outcome: RowOutcome<T>, key: (v: T) => string, save: (v: T) => Upserted, after: (v: T) => string): void {
    this.counts.rowsRead++;
    if (!outcome.ok) {
      this.counts.rejected++;
      for (const e of outcome.errors) this.issue(e);
      return;
    }
    for (const w of outcome.warnings) this.issue(w);
    const result = save(outcome.value);
    this.counts[result.outcome]++;
    if (result.outcome === 'updated') this.repos.imports.recordChange(this.importId, this.kind, key(outcome.value), result.before, after(outcome.value), this.at);
  }

  report(source: string): ImportReport {
    this.repos.imports.finish(this.importId, this.counts, this.at);
    return { importId: this.importId, kind: this.kind, source, counts: this.counts, issues: this.issues, issuesTruncated: this.totalIssues > this.issues.length };
  }
}

async function runImport(ctx: AppContext, kind: ImportKind, source: string, work: (runner: ImportRunner, repos: Repositories, at: string) => Promise<void>): Promise<ImportReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    try {
      const report = await inWriteTransaction(repos.db, async () => {
        const runner = new ImportRunner(repos, repos.imports.start(kind, source, at), kind, at);
        await work(runner, repos, at);
        // Validation reads the reference data: claims validated before this change are checked
        // again before they leave.
        if (kind !== 'services' && runner.counts.inserted + runner.counts.updated > 0) repos.claims.advanceValidationInputs();
        return runner.report(source);
      });
      ctx.logger.info('import.finished', { kind, importId: report.importId, ...report.counts });
      return report;
    } catch (err) {
      if (err instanceof IntakeFileError) throw new AppError('invalid', err.message);
      throw err;
    }
  });
}

async function readJson(input: Readable | AsyncIterable<Buffer | string>): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of input as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new AppError('invalid', 'the file is empty: expected a JSON document');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AppError('invalid', `the file is not valid JSON: ${(err as Error).message}`);
  }
}

/** organization.json and payers.json are small JSON documents; the others are CSV streams. */
export function importFile(ctx: AppContext, kind: ImportKind, input: Readable | AsyncIterable<Buffer | string>, options: ImportOptions): Promise<ImportReport> {
  if (kind === 'organization' || kind === 'payers') {
    return readJson(input).then((doc) => importDocument(ctx, kind, doc, options.source));
  }
  return importRows(ctx, kind, csvRecords(input, kind), options);
}

/** JSON bodies from the API: organization object, payers array, or an array of row objects. */
export function importDocument(ctx: AppContext, kind: ImportKind, document: unknown, source: string): Promise<ImportReport> {
  if (kind === 'organization') {
    return runImport(ctx, kind, source, async (runner, repos, at) => {
      runner.apply(parseOrganization(document), () => 'organization', (org) => repos.reference.putOrganization(org, at), (org) => JSON.stringify(org));
    });
  }
  if (kind === 'payers') {
    return runImport(ctx, kind, source, async (runner, repos, at) => {
      const { payers, errors } = parsePayers(document);
      for (const e of errors) runner.issue(e);
      runner.counts.rejected += new Set(errors.map((e) => e.line)).size;
      for (const payer of payers) {
        runner.apply({ ok: true, value: payer, warnings: [] }, (p) => p.id, (p) => repos.reference.putPayer(p, hashOf(p), at), (p) => JSON.stringify(p));
      }
      runner.counts.rowsRead = payers.length + runner.counts.rejected;
    });
  }
  if (!Array.isArray(document)) return Promise.reject(new AppError('invalid', `${kind} must be sent as a JSON array of rows or as CSV`));
  const rows = (async function* () {
    let line = 0;
    let batch: RowRecord[] = [];
    for (const item of document as unknown[]) {
      line++;
      const values: Record<string, string> = {};
      if (typeof item === 'object' && item !== null) {
        for (const [k, v] of Object.entries(item)) values[k] = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(';') : String(v);
      }
      batch.push({ line, values });
      if (batch.length === JSON_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  })();
  return importRows(ctx, kind, rows, { source });
}

async function* csvRecords(input: Readable | AsyncIterable<Buffer | string>, kind: 'staff' | 'members' | 'services'): AsyncGenerator<RowRecord[]> {
  const spec: CsvSpec = kind === 'staff' ? STAFF_COLUMNS : kind === 'members' ? MEMBER_COLUMNS : SERVICE_COLUMNS;
  for await (const records of readCsv(input, spec)) {
    yield records.map((record): RowRecord => {
      if (!record.cellCountMismatch) return { line: record.line, values: record.values };
      const { cells, expected } = record.cellCountMismatch;
      return { line: record.line, values: record.values, error: rowError(record.line, undefined, 'CELL_COUNT', `row has ${cells} cells but the header has ${expected}; check for an unquoted comma`) };
    });
  }
}

/** Rows in file order, a batch at a time. */
type RowSource = AsyncIterable<RowRecord[]>;

function importRows(ctx: AppContext, kind: RowKind, rows: RowSource, options: ImportOptions): Promise<ImportReport> {
  return runImport(ctx, kind, options.source, async (runner, repos, at) => {
    const payerIds = repos.reference.listPayers().map((p) => p.id);
    const staffRoles = kind === 'services' ? repos.reference.listStaff().map((s) => [s.staff_id, s.role] as const) : [];
    const prepare = rowPreparer(kind, storeReferences(repos, payerIds, staffRoles));
    const save = rowSaver(kind, runner, repos, at);
    for await (const batch of rows) {
      for (const record of batch) {
        save(prepare(record));
        if (options.onProgress && runner.counts.rowsRead % 5000 === 0) options.onProgress(runner.counts.rowsRead);
      }
    }
    options.onProgress?.(runner.counts.rowsRead);
  });
}

/** JSON rows are handed on in batches of this many, like a CSV file's chunks. */
const JSON_BATCH = 2000;

/** The references rows are checked against, read from the store (members once per CIN). */
function storeReferences(repos: Repositories, payerIds: readonly string[], staffRoles: ReadonlyArray<readonly [string, StaffRole]>): RowReferences {
  const payers = new Set(payerIds);
  const roles = new Map(staffRoles);
  const memberPayerOf = repos.db.prepare('SELECT payer_id FROM members WHERE member_cin = ?').pluck();
  // A member's rows come many to a file; each CIN is looked up once per import.
  const payerOfMember = new Map<string, string | undefined>();
  return {
    payerExists: (id) => payers.has(id),
    staffRole: (id) => roles.get(id),
    memberPayer: (cin) => {
      if (!payerOfMember.has(cin)) payerOfMember.set(cin, memberPayerOf.get(cin) as string | undefined);
      return payerOfMember.get(cin);
    },
  };
}

/** Writes one prepared row: inserted, updated (and recorded) or unchanged. */
function rowSaver(kind: RowKind, runner: ImportRunner, repos: Repositories, at: string): (row: PreparedRow) => void {
  const unchanged = (): Upserted => ({ outcome: 'unchanged' });
  return (row) => {
    const { outcome } = row;
    if (!outcome.ok) {
      runner.apply(outcome, String, unchanged, String);
      return;
    }
    if (kind === 'staff') {
      runner.apply(outcome, () => row.key, (s) => repos.reference.putStaff(s as Staff, row.hash, at), () => row.data);
      return;
    }
    if (kind === 'members') {
      runner.apply(outcome, () => row.key, (m) => repos.reference.putMember(m as Member, row.hash, at), () => row.data);
      return;
    }
    let changed = false;
    runner.apply(
      outcome,
      () => row.key,
      (s) => {
        const result = repos.services.put(s as CodedService, row.data, row.hash, runner.importId, at);
        changed = result.outcome === 'updated';
        return result;
      },
      () => row.data,
    );
    const sentOn = changed ? repos.services.sentClaimOf(row.key) : undefined;
    if (sentOn) {
      runner.issue({
        line: row.line,
        column: 'service_id',
        severity: 'warning',
        code: 'CHANGED_AFTER_SUBMISSION',
        message: `${row.key} is already on claim ${sentOn}, which has been sent; the change is recorded but will only reach the payer through a replacement claim`,
      });
    }
  };
}

export function importIssues(ctx: AppContext, importId: number) {
  return ctx.store.read.imports.issues(importId, 100_000);
}
