// Claims, their lines, the service rows behind each line, and the issues found on them.

import { claimIdOf, SENT_STATUSES, type Claim, type ClaimStatus, type DuplicateRow, type ValidationIssue } from '../domain/claim.js';
import type { ClaimFormat } from '../domain/reference.js';
import { fromCents } from '../domain/money.js';
import { groupBy, inOrderOf } from '../domain/grouping.js';
import { Repository } from './repository.js';
import { claimRowsOf, CLAIM_COLUMNS, CLAIM_INSERT, ISSUE_INSERT, LINE_CODE, LINE_MODIFIERS, LINE_SERVICE_DATE, SOURCE_INSERT, WIDTH, pushIssues, toClaim, toIssue, type ClaimRows, type ClaimSummary, type ClaimTuple, type IssueRow, type StoredClaim } from './claim-rows.js';

export type { ClaimRows, ClaimSummary, StoredClaim };

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

export interface ClaimFilter {
  payerId?: string;
  period?: string;
  status?: ClaimStatus;
  memberCin?: string;
  limit?: number;
  offset?: number;
}

const VALIDATION_INPUTS = 'validation_inputs';

const sentList = SENT_STATUSES.map((s) => `'${s}'`).join(', ');

export class ClaimStore extends Repository {


  /** Next id from the persistent sequence; ids are never reused, even after drafts are replaced. */
  async nextClaimId(): Promise<string> {
    return claimIdOf(await this.advanceSequence('claim'));
  }

  /**
   * The generation of everything a claim's validation reads besides the claim and the day:
   * reference data and the set of live claims. Reference imports and builds advance it, so a
   * validation stamp (validationStamp) taken before either no longer matches.
   */
  async validationInputs(): Promise<number> {
    return await this.sequenceValue(VALIDATION_INPUTS);
  }

  async advanceValidationInputs(): Promise<void> {
    await this.advanceSequence(VALIDATION_INPUTS);
  }

  /** Draft/ready claims in scope, by natural key, so a rebuild can keep their ids. */
  async unsentByKey(filter: { payerId?: string; period?: string }): Promise<Map<string, string>> {
    const { where, params } = scope(filter);
    const rows = await this.sql(`SELECT claim_key, claim_id FROM claims WHERE status IN ('draft', 'ready') AND frequency = '1'${where}`).all(...params) as Array<{ claim_key: string; claim_id: string }>;
    return new Map(rows.map((r) => [r.claim_key, r.claim_id]));
  }

  /** Removes the drafts a rebuild replaces; claims that have left the building are never touched. */
  async deleteUnsent(filter: { payerId?: string; period?: string }): Promise<number> {
    const { where, params } = scope(filter);
    return (await this.sql(`DELETE FROM claims WHERE status IN ('draft', 'ready') AND frequency = '1'${where}`).run(...params)).changes;
  }

  /** A correction (replacement or void) takes its rows over from the claims before it. */
  async insert(claim: Claim & { key: string; validatedFor?: string }, buildId: number | null, at: string): Promise<void> {
    if (claim.originalClaimId !== undefined) {
      const ids = [...new Set(claim.lines.flatMap((l) => l.serviceIds))];
      await this.forChunks(ids, async (chunk, marks) => {
        await this.sql(`UPDATE claim_line_services SET live = FALSE WHERE org_id = @org AND live AND service_id IN (${marks})`).run(...chunk);
      });
    }
    await this.insertAll([claim], buildId, at);
  }

  /** Claims with their lines, log rows and findings (claimRowsOf), a few statements for all of them. */
  async insertAll(claims: ReadonlyArray<Claim & { key: string; validatedFor?: string }>, buildId: number | null, at: string): Promise<void> {
    await this.insertRows(claimRowsOf(claims, buildId, at));
  }

  /**
   * Rows made by claimRowsOf, each table in a few multi-row statements: a build writes a slice's
   * claims at once, hundreds of thousands of rows in all, and each statement run has a fixed cost.
   */
  async insertRows(rows: ClaimRows): Promise<void> {
    await this.insertMany(CLAIM_INSERT, WIDTH.claims, rows.claims);
    await this.insertMany(SOURCE_INSERT, WIDTH.sources, rows.sources);
    await this.insertMany(ISSUE_INSERT, WIDTH.issues, rows.issues);
  }

  async replaceIssues(claimId: string, issues: readonly ValidationIssue[]): Promise<void> {
    await this.sql('UPDATE claims SET validated_for = NULL WHERE org_id = @org AND claim_id = ?').run(claimId);
    await this.sql('DELETE FROM claim_issues WHERE org_id = @org AND claim_id = ?').run(claimId);
    await this.insertIssues(claimId, issues);
  }

  private async insertIssues(claimId: string, issues: readonly ValidationIssue[]): Promise<void> {
    const values: unknown[] = [];
    pushIssues(values, claimId, issues);
    await this.insertMany(ISSUE_INSERT, WIDTH.issues, values);
  }

  // A claim whose status or format changes is validated afresh before it leaves; a status change
  // can also bring a claim back into the duplicate index, so every stamp taken before it lapses.
  /** After a build: the planner's figures for the claims, before an export reads them. */
  async refreshStatistics(): Promise<void> {
    for (const table of ['claims', 'claim_line_services', 'claim_issues']) await this.analyzeTable(table);
  }

  /** The claim each service row is live on now (rows on none are left out). */
  async liveClaimsOf(serviceIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.inChunks(serviceIds, (chunk, marks) =>
      this.sql(`SELECT service_id, claim_id FROM claim_line_services WHERE org_id = @org AND live AND service_id IN (${marks})`).raw().all(...chunk) as Promise<Array<[string, string]>>,
    );
    return new Map(rows);
  }

  // A claim rejected at the front door gives up its rows (the next build bills them on a new
  // claim) and its place in its batch; it stays so even if a later file accepts it after all.
  async setStatus(claimId: string, status: ClaimStatus, at: string): Promise<void> {
    await this.setStatuses([{ claimId, status }], at);
  }

  async setStatuses(changes: ReadonlyArray<{ claimId: string; status: ClaimStatus }>, at: string): Promise<void> {
    if (changes.length === 0) return;
    for (const [status, group] of groupBy(changes, (c) => c.status)) {
      await this.forChunks(group.map((c) => c.claimId), async (chunk, marks) => {
        await this.sql(`UPDATE claims SET status = ?, updated_at = ?, validated_for = NULL WHERE org_id = @org AND claim_id IN (${marks})`).run(status, at, ...chunk);
        if (status === 'rejected') {
          await this.sql(`UPDATE claim_line_services SET live = FALSE WHERE org_id = @org AND claim_id IN (${marks})`).run(...chunk);
          await this.sql(`UPDATE batch_claims SET live = FALSE WHERE org_id = @org AND claim_id IN (${marks})`).run(...chunk);
        }
      });
    }
    await this.advanceValidationInputs();
  }

  async setStatusOfBatch(batchId: string, status: ClaimStatus, at: string): Promise<void> {
    const inBatch = 'claim_id IN (SELECT claim_id FROM batch_claims WHERE org_id = @org AND batch_id = ?)';
    await this.sql(`UPDATE claims SET status = ?, updated_at = ?, validated_for = NULL WHERE org_id = @org AND ${inBatch}`).run(status, at, batchId);
    if (status === 'rejected') {
      await this.sql(`UPDATE claim_line_services SET live = FALSE WHERE org_id = @org AND ${inBatch}`).run(batchId);
      await this.sql('UPDATE batch_claims SET live = FALSE WHERE org_id = @org AND batch_id = ?').run(batchId);
    }
    await this.advanceValidationInputs();
  }

  async setFormat(claimId: string, format: ClaimFormat, reason: string | undefined, at: string): Promise<void> {
    await this.sql('UPDATE claims SET format = ?, format_reason = ?, updated_at = ?, validated_for = NULL WHERE org_id = @org AND claim_id = ?').run(format, reason ?? null, at, claimId);
  }

  async isSent(claimId: string): Promise<boolean> {
    return (await this.sql(`SELECT COUNT(*) FROM claims WHERE org_id = @org AND claim_id = ? AND status IN (${sentList})`).pluck().get(claimId) as number) > 0;
  }

  async list(filter: ClaimFilter = {}): Promise<ClaimSummary[]> {
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
    const rows = await this.sql(
        `SELECT c.claim_id, c.member_cin, c.payer_id, c.period, c.format, c.status, c.frequency, c.total_charge_cents, ${this.dialect.jsonArrayLength('c.lines')} AS line_count,
           (SELECT COUNT(*) FROM claim_issues i WHERE i.org_id = c.org_id AND i.claim_id = c.claim_id AND i.severity = 'error') AS error_count,
           (SELECT COUNT(*) FROM claim_issues i WHERE i.org_id = c.org_id AND i.claim_id = c.claim_id AND i.severity = 'warning') AS warning_count
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

  async ids(filter: ClaimFilter): Promise<string[]> {
    const { where, params } = scope(filter);
    const extra = filter.status ? ' AND status = ?' : '';
    if (filter.status) params.push(filter.status);
    return await this.sql(`SELECT claim_id FROM claims WHERE 1 = 1${where}${extra} ORDER BY claim_id`).pluck().all(...params) as string[];
  }

  async get(claimId: string): Promise<StoredClaim | undefined> {
    return (await this.loadMany([claimId]))[0];
  }

  /** Claims with their lines, source rows and issues, a few hundred per query, in the order asked. */
  async loadMany(claimIds: readonly string[]): Promise<StoredClaim[]> {
    return await this.inChunks(claimIds, async (ids, marks) => {
      const rows = await this.sql(`SELECT ${CLAIM_COLUMNS} FROM claims WHERE org_id = @org AND claim_id IN (${marks})`).raw(true).all(...ids) as ClaimTuple[];
      // The log rows behind the lines are most of what is read: fetched as arrays, not objects,
      // in key order (no sort): each line's rows still come out ordered by service id.
      const sources = await this.sql(`SELECT claim_id, line_number, service_id FROM claim_line_services WHERE org_id = @org AND claim_id IN (${marks}) ORDER BY claim_id, service_id`)
        .raw(true)
        .all(...ids) as Array<[string, number, string]>;
      const issuesOf = await this.issuesOf(ids);
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
  async exportFacts(claimIds: readonly string[]): Promise<ExportFacts[]> {
    return await this.inChunks(claimIds, async (ids, marks) => inOrderOf(ids, await this.factRows(`org_id = @org AND claim_id IN (${marks})`, ids), (f) => f.id));
  }

  /** The export facts of a payer's ready claims (of a period), in claim order, in one query. */
  async readyFacts(filter: { payerId: string; period?: string }): Promise<ExportFacts[]> {
    const { where, params } = scope(filter);
    return await this.factRows(`status = 'ready'${where}`, params, ' ORDER BY claim_id');
  }

  private async factRows(where: string, params: ReadonlyArray<string | number>, order = ''): Promise<ExportFacts[]> {
    const rows = await this.sql(`SELECT claim_id, payer_id, member_cin, status, validated_for, total_charge_cents FROM claims WHERE ${where}${order}`)
      .raw(true)
      .all(...params) as Array<[string, string, string, ClaimStatus, string | null, number]>;
    return rows.map(([id, payerId, memberCin, status, validatedFor, totalChargeCents]) => ({ id, payerId, memberCin, status, validatedFor: validatedFor ?? undefined, totalChargeCents }));
  }

  /** The findings on record for these claims (only claims that have any are in the map). */
  async issuesOf(claimIds: readonly string[]): Promise<Map<string, ValidationIssue[]>> {
    return new Map(
      await this.inChunks(claimIds, async (ids, marks) => {
        const rows = await this.sql(`SELECT * FROM claim_issues WHERE org_id = @org AND claim_id IN (${marks}) ORDER BY ${this.dialect.insertionOrder}`).all(...ids) as IssueRow[];
        return [...groupBy(rows, (row) => row.claim_id)].map(([claimId, list]): [string, ValidationIssue[]] => [claimId, list.map(toIssue)]);
      }),
    );
  }

  /** The member/date/procedure of every live claim line in a date range, for duplicate checks. */
  async duplicateRows(range: { from: string; to: string }): Promise<DuplicateRow[]> {
    return await this.sql(
      `SELECT c.claim_id, c.member_cin, l.value ->> ${LINE_SERVICE_DATE}, l.value ->> ${LINE_CODE}, l.value ->> ${LINE_MODIFIERS}
       FROM claims c, ${this.dialect.jsonElements('c.lines', 'l')}
       WHERE c.org_id = @org AND c.frequency = '1' AND c.status NOT IN ('void', 'rejected', 'denied') AND l.value ->> ${LINE_SERVICE_DATE} BETWEEN ? AND ?`,
    )
      .raw(true)
      .all(range.from, range.to) as DuplicateRow[];
  }

  /** The last claim number handed out (0 before the first claim). */
  async lastClaimNumber(): Promise<number> {
    return await this.sequenceValue('claim');
  }

  /** Records claim numbers handed out in bulk (a build numbers its new claims itself). */
  async setLastClaimNumber(value: number): Promise<void> {
    await this.sql("INSERT INTO sequences (org_id, name, value) VALUES (@org, 'claim', ?) ON CONFLICT (org_id, name) DO UPDATE SET value = excluded.value").run(value);
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

function scope(filter: { payerId?: string; period?: string }, prefix = ''): { where: string; params: Array<string | number> } {
  let where = ` AND ${prefix}org_id = @org`;
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
