// Import use cases: one write transaction per import; bad rows are reported with their line and
// column and the good rows are kept; an unchanged row is a no-op and a changed one is recorded.

import { Readable } from 'node:stream';
import type { Repositories } from '../../store/store.js';
import type { ImportCounts } from '../../store/import-store.js';
import { CsvChunkReader, inputChunks, IntakeFileError, readFailure, type CsvRecord } from '../../intake/csv.js';
import { parseOrganization, parsePayers } from '../../intake/reference-rows.js';
import type { RowIssue, RowOutcome } from '../../intake/row-issue.js';
import type { Member, Staff, StaffRole } from '../../domain/reference.js';
import type { CodedService } from '../../domain/service-log.js';
import type { Upserted } from '../../store/reference-store.js';
import { batchPreparer, csvRow, sha256, type PreparedRow, type RowKind, type RowRecord } from './import-rows.js';
import { csvSpecOf, fromWire, type PrepareInput, type PrepareOutput, type PrepareSetup } from './prepare-rows.js';
import { openComputeSession, type ComputeSession } from '../compute-session.js';
import { AppError } from '../errors.js';
import { timestamp, type AppContext } from '../context.js';

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
/** from this many rows written, the engine counts the table again before anything reads it */
const BULK_ROWS = 1000;

function hashOf(value: unknown): string {
  return sha256(JSON.stringify(value));
}

class ImportRunner {
  readonly counts: ImportCounts = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };
  readonly issues: RowIssue[] = [];
  /** whether the rows were read and checked in a worker thread (for the log) */
  threaded = false;
  private totalIssues = 0;

  constructor(
    private readonly repos: Repositories,
    readonly importId: number,
    private readonly kind: ImportKind,
    private readonly at: string,
  ) {}

  async issue(issue: RowIssue): Promise<void> {
    this.totalIssues++;
    if (issue.severity === 'warning') this.counts.warnings++;
    await this.repos.imports.addIssue(this.importId, issue);
    if (this.issues.length < REPORTED_ISSUES) this.issues.push(issue);
  }

  /** Counts and stores one row; answers what became of it (nothing for a rejected row). */
  async apply<T>(outcome: RowOutcome<T>, key: (v: T) => string, save: (v: T) => Promise<Upserted>, after: (v: T) => string): Promise<Upserted | undefined> {
    this.counts.rowsRead++;
    if (!outcome.ok) {
      this.counts.rejected++;
      for (const e of outcome.errors) await this.issue(e);
      return undefined;
    }
    for (const w of outcome.warnings) await this.issue(w);
    const result = await save(outcome.value);
    this.counts[result.outcome]++;
    if (result.outcome === 'updated') await this.repos.imports.recordChange(this.importId, this.kind, key(outcome.value), result.before, after(outcome.value), this.at);
    return result;
  }

  /** The good rows stored at once by `saveAll`, then every row counted and recorded in file order. */
  async applyAll(rows: readonly PreparedRow[], saveAll: (good: PreparedRow[]) => Promise<Upserted[]>, afterRow?: (row: PreparedRow, result: Upserted) => Promise<void>): Promise<void> {
    const good = rows.filter((r) => r.outcome.ok);
    const results = good.length > 0 ? await saveAll(good) : [];
    let next = 0;
    for (const row of rows) {
      const { outcome } = row;
      this.counts.rowsRead++;
      if (!outcome.ok) {
        this.counts.rejected++;
        for (const e of outcome.errors) await this.issue(e);
        continue;
      }
      for (const w of outcome.warnings) await this.issue(w);
      const result = results[next++]!;
      this.counts[result.outcome]++;
      if (result.outcome === 'updated') await this.repos.imports.recordChange(this.importId, this.kind, row.key, result.before, row.data, this.at);
      await afterRow?.(row, result);
    }
  }

  async report(source: string): Promise<ImportReport> {
    await this.repos.imports.finish(this.importId, this.counts, this.at);
    return { importId: this.importId, kind: this.kind, source, counts: this.counts, issues: this.issues, issuesTruncated: this.totalIssues > this.issues.length };
  }
}

async function runImport(ctx: AppContext, kind: ImportKind, source: string, work: (runner: ImportRunner, repos: Repositories, at: string) => Promise<void>): Promise<ImportReport> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    try {
      let threaded = false;
      const report = await ctx.store.withTransaction(async () => {
        const runner = new ImportRunner(repos, await repos.imports.start(kind, source, at), kind, at);
        await work(runner, repos, at);
        // Validation reads the reference data: claims validated before this change are checked
        // again before they leave.
        if (kind !== 'services' && runner.counts.inserted + runner.counts.updated > 0) await repos.claims.advanceValidationInputs();
        if (runner.counts.inserted + runner.counts.updated >= BULK_ROWS) {
          if (kind === 'services') await repos.services.refreshStatistics();
          if (kind === 'members') await repos.reference.refreshMemberStatistics();
        }
        threaded = runner.threaded;
        return runner.report(source);
      });
      ctx.logger.info('import.finished', { kind, importId: report.importId, ...report.counts, threaded });
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
  return importRows(ctx, kind, { csv: input }, options);
}

/** JSON bodies from the API: organization object, payers array, or an array of row objects. */
export function importDocument(ctx: AppContext, kind: ImportKind, document: unknown, source: string): Promise<ImportReport> {
  if (kind === 'organization') {
    return runImport(ctx, kind, source, async (runner, repos, at) => {
      await runner.apply(parseOrganization(document), () => 'organization', (org) => repos.reference.putOrganization(org, at), (org) => JSON.stringify(org));
    });
  }
  if (kind === 'payers') {
    return runImport(ctx, kind, source, async (runner, repos, at) => {
      const { payers, errors } = parsePayers(document);
      for (const e of errors) await runner.issue(e);
      runner.counts.rejected += new Set(errors.map((e) => e.line)).size;
      for (const payer of payers) {
        await runner.apply({ ok: true, value: payer, warnings: [] }, (p) => p.id, (p) => repos.reference.putPayer(p, hashOf(p), at), (p) => JSON.stringify(p));
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
  return importRows(ctx, kind, { records: rows }, { source });
}

/** Rows as JSON records, or a CSV stream. */
type RowSource = { records: AsyncIterable<RowRecord[]> } | { csv: Readable | AsyncIterable<Buffer | string> };

function importRows(ctx: AppContext, kind: RowKind, source: RowSource, options: ImportOptions): Promise<ImportReport> {
  return runImport(ctx, kind, options.source, async (runner, repos, at) => {
    const payerIds = (await repos.reference.listPayers()).map((p) => p.id);
    const staffRoles = kind === 'services' ? (await repos.reference.listStaff()).map((s): [string, StaffRole] => [s.staff_id, s.role]) : [];
    const prepare = batchPreparer(kind, repos.reference, payerIds, staffRoles);
    const save = batchSaver(kind, runner, repos, at);
    const setup: PrepareSetup = { kind, dbPath: ctx.store.path, org: ctx.store.org, payerIds, staffRoles };
    const batches = 'records' in source ? preparedRecords(source.records, prepare) : preparedCsv(ctx, source.csv, prepare, setup, () => (runner.threaded = true));
    let reported = 0;
    for await (const batch of batches) {
      await save(batch);
      if (options.onProgress && runner.counts.rowsRead - reported >= 5000) options.onProgress((reported = runner.counts.rowsRead));
    }
    options.onProgress?.(runner.counts.rowsRead);
  });
}

/** Prepares a batch of rows (batchPreparer). */
type BatchPreparer = (records: readonly RowRecord[]) => Promise<PreparedRow[]>;

async function* preparedRecords(records: AsyncIterable<RowRecord[]>, prepare: BatchPreparer): AsyncGenerator<PreparedRow[]> {
  for await (const batch of records) yield await prepare(batch);
}

// From a few megabytes of CSV on, the rows are read and checked in a worker (import-prepare.ts)
// while this thread writes; a smaller file is read here: starting a worker that opens its own
// connection costs about 0.1 s, which a member file of 25,000 rows does not win back.
const THREAD_FROM_BYTES = 4 * 1024 * 1024;
/** chunks handed to the worker and not yet written back: enough to keep it busy, few in memory */
const CHUNKS_IN_FLIGHT = 4;
const CHECKED_HERE_EVERY = 3;

async function* preparedCsv(
  ctx: AppContext,
  input: Readable | AsyncIterable<Buffer | string>,
  prepare: BatchPreparer,
  setup: PrepareSetup,
  onThreaded: () => void,
): AsyncGenerator<PreparedRow[]> {
  const reader = new CsvChunkReader(csvSpecOf(setup.kind));
  let threaded = false;
  // Once the worker reads the file, this thread's reader never sees the header: a failing input
  // is then told as a file that stops making sense past that point.
  const iterator = inputChunks(input, (err) => (threaded ? failAfterStart(err) : reader.fail(err)));
  // The rest of the input after the head (a for-await loop left early would close it).
  const chunks: AsyncIterable<Buffer | string> = { [Symbol.asyncIterator]: () => iterator };
  try {
    const head: Array<Buffer | string> = [];
    let bytes = 0;
    let ended = false;
    while (bytes < THREAD_FROM_BYTES) {
      const next = await iterator.next();
      if (next.done) {
        ended = true;
        break;
      }
      head.push(next.value);
      bytes += next.value.length;
    }
    // An in-memory database cannot be read from another connection.
    const session = !ended && ctx.store.path !== ':memory:' ? openComputeSession('prepare-rows', setup, { thread: true }) : undefined;
    if (session?.threaded) {
      threaded = true;
      onThreaded();
      yield* preparedInWorker(session, head, chunks, prepare);
      return;
    }
    await session?.close();
    const rowsOf = (records: readonly CsvRecord[]) => prepare(records.map(csvRow));
    for (const chunk of head) yield await rowsOf(reader.push(chunk));
    if (!ended) for await (const chunk of chunks) yield await rowsOf(reader.push(chunk));
    yield await rowsOf(await reader.end());
  } finally {
    reader.destroy();
    await iterator.return(undefined);
  }
}

async function* preparedInWorker(
  session: ComputeSession<PrepareInput, PrepareOutput>,
  head: ReadonlyArray<Buffer | string>,
  rest: AsyncIterable<Buffer | string>,
  prepare: BatchPreparer,
): AsyncGenerator<PreparedRow[]> {
  const pending: Array<Promise<PrepareOutput>> = [];
  let sent = 0;
  const send = (input: { chunk: Buffer | string } | { end: true }) => {
    // Writing takes this thread about half as long as reading and checking takes the worker, so
    // it checks every third chunk's rows itself (the worker only reads those): both threads
    // finish together (npm run bench; letting the worker check everything was slower).
    const prepare = ++sent % CHECKED_HERE_EVERY !== 0;
    const answer = session.run('chunk' in input ? { chunk: typeof input.chunk === 'string' ? Buffer.from(input.chunk) : input.chunk, prepare } : { end: true, prepare });
    // A failure is seen when its answer is awaited, in order; until then it is not unhandled.
    answer.catch(() => undefined);
    pending.push(answer);
  };
  const next = async (): Promise<PreparedRow[]> => {
    const output = await answered(pending.shift()!);
    return 'prepared' in output ? output.prepared.map(fromWire) : prepare(output.records);
  };
  try {
    for (const chunk of head) send({ chunk });
    for await (const chunk of rest) {
      send({ chunk });
      while (pending.length >= CHUNKS_IN_FLIGHT) yield await next();
    }
    send({ end: true });
    while (pending.length > 0) yield await next();
  } finally {
    await session.close();
  }
}

function failAfterStart(err: unknown): never {
  throw readFailure(err);
}

/** A worker's failure comes back as a name and a message; a file problem is told as one again. */
async function answered(answer: Promise<PrepareOutput>): Promise<PrepareOutput> {
  try {
    return await answer;
  } catch (err) {
    if (err instanceof Error && err.name === 'IntakeFileError') throw new IntakeFileError(err.message);
    throw err;
  }
}

/** JSON rows are handed on in batches of this many, like a CSV file's chunks. */
const JSON_BATCH = 2000;

/**
 * Services and members a batch at a time (a round trip per row is most of an import's time on a
 * server); staff, a few dozen rows, one by one.
 */
function batchSaver(kind: RowKind, runner: ImportRunner, repos: Repositories, at: string): (rows: readonly PreparedRow[]) => Promise<void> {
  const valueOf = <T>(row: PreparedRow) => (row.outcome as { value: T }).value;
  const saveAll = async (good: PreparedRow[]): Promise<Upserted[]> => {
    if (kind === 'services') return repos.services.putMany(good.map((r) => ({ row: valueOf<CodedService>(r), data: r.data, hash: r.hash })), runner.importId, at);
    if (kind === 'members') return repos.reference.putMembers(good.map((r) => ({ member: valueOf<Member>(r), data: r.data, hash: r.hash })), at);
    const results: Upserted[] = [];
    for (const r of good) results.push(await repos.reference.putStaff(valueOf<Staff>(r), r.data, r.hash, at));
    return results;
  };
  const warnIfSent = async (row: PreparedRow, result: Upserted): Promise<void> => {
    if (result.outcome !== 'updated') return;
    const sentOn = await repos.services.sentClaimOf(row.key);
    if (!sentOn) return;
    await runner.issue({
      line: row.line,
      column: 'service_id',
      severity: 'warning',
      code: 'CHANGED_AFTER_SUBMISSION',
      message: `${row.key} is already on claim ${sentOn}, which has been sent; the change is recorded but will only reach the payer through a replacement claim`,
    });
  };
  return (rows) => runner.applyAll(rows, saveAll, kind === 'services' ? warnIfSent : undefined);
}

export function importIssues(ctx: AppContext, importId: number) {
  return ctx.store.read.imports.issues(importId, 100_000);
}
