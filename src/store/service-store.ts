// The service log: one row per logged activity, keyed by the export's service_id.

import type { CodedService, ServiceLog, TimedService } from '../domain/service-log.js';
import { BILLED_STATUSES } from '../domain/claim.js';
import { Repository } from './repository.js';
import { planUpserts } from './upsert-plan.js';
import type { Upserted } from './reference-store.js';

const billedList = BILLED_STATUSES.map((s) => `'${s}'`).join(', ');

const INSERT_SERVICE =
  'INSERT INTO services (org_id, service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, import_id, updated_at) VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, service_id) DO NOTHING';
const INSERT_SERVICES = 'INSERT INTO services (org_id, service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, import_id, updated_at) VALUES ';
const UPDATE_SERVICE =
  'UPDATE services SET member_cin = ?, payer_id = ?, staff_id = ?, service_date = ?, minutes = ?, code = ?, modifiers = ?, data = ?, row_hash = ?, import_id = ?, updated_at = ? WHERE org_id = @org AND service_id = ?';
const SENT_CLAIM_OF_ROW = `SELECT c.claim_id FROM claim_line_services s JOIN claims c ON c.org_id = s.org_id AND c.claim_id = s.claim_id
  WHERE s.org_id = @org AND s.service_id = ? AND c.status IN (${billedList}) LIMIT 1`;

export interface BillableFilter {
  payerId?: string;
  period?: string;
  /** only these members' rows (a build works through members a slice at a time) */
  memberCins?: readonly string[];
}

export class ServiceStore extends Repository {
  /**
   * Stores a row given as its JSON (without the source line) and that JSON's hash. A new id is one
   * INSERT; an existing one is compared by hash and rewritten only when it changed.
   */
  async put(row: CodedService, data: string, hash: string, importId: number, at: string): Promise<Upserted> {
    const modifiers = row.modifiers.join(':');
    const inserted = (await this.sql(INSERT_SERVICE).run(row.serviceId, row.memberCin, row.payerId, row.staffId, row.serviceDate, row.minutes, row.code, modifiers, data, hash, importId, at)).changes;
    if (inserted === 1) return { outcome: 'inserted' };
    const existing = await this.sql('SELECT data, row_hash FROM services WHERE org_id = @org AND service_id = ?').get(row.serviceId) as { data: string; row_hash: string } | undefined;
    if (existing?.row_hash === hash) return { outcome: 'unchanged' };
    await this.sql(UPDATE_SERVICE).run(row.memberCin, row.payerId, row.staffId, row.serviceDate, row.minutes, row.code, modifiers, data, hash, importId, at, row.serviceId);
    return { outcome: 'updated', before: existing?.data ?? '' };
  }

  /** After a large import: the planner's figures for the log, before a build reads it. */
  async refreshStatistics(): Promise<void> {
    await this.analyzeTable('services');
  }

  /** Many rows at once (upsert-plan.ts): what became of each, as put() one at a time would say. */
  async putMany(rows: ReadonlyArray<{ row: CodedService; data: string; hash: string }>, importId: number, at: string): Promise<Upserted[]> {
    const keyed = rows.map((r) => ({ ...r, key: r.row.serviceId }));
    const stored = await this.inChunks([...new Set(keyed.map((r) => r.key))], (chunk, marks) =>
      this.sql(`SELECT service_id, data, row_hash FROM services WHERE org_id = @org AND service_id IN (${marks})`).raw().all(...chunk) as Promise<Array<[string, string, string]>>,
    );
    const plan = planUpserts(keyed, new Map(stored.map(([id, data, hash]) => [id, { data, hash }])));
    const values: unknown[] = [];
    for (const { row, data, hash } of plan.inserts) values.push(row.serviceId, row.memberCin, row.payerId, row.staffId, row.serviceDate, row.minutes, row.code, row.modifiers.join(':'), data, hash, importId, at);
    await this.insertMany(INSERT_SERVICES, 12, values);
    for (const { row, data, hash } of plan.updates) {
      await this.sql(UPDATE_SERVICE).run(row.memberCin, row.payerId, row.staffId, row.serviceDate, row.minutes, row.code, row.modifiers.join(':'), data, hash, importId, at, row.serviceId);
    }
    return plan.outcomes;
  }

  async get(serviceId: string): Promise<CodedService | undefined> {
    const data = await this.sql('SELECT data FROM services WHERE org_id = @org AND service_id = ?').pluck().get(serviceId) as string | undefined;
    return data ? (JSON.parse(data) as CodedService) : undefined;
  }

  /**
   * Every row in the date range that has a start and an end time, sent or not, for the overlap
   * check of a build (billing/overlaps.ts).
   */
  async timedRows(range: { first: string; last: string }): Promise<TimedService[]> {
    return await this.sql(
      `SELECT service_id AS "serviceId", staff_id AS "staffId", service_date AS "serviceDate", ${this.dialect.jsonField('data', 'startTime')} AS "startTime", ${this.dialect.jsonField('data', 'endTime')} AS "endTime"
       FROM services WHERE org_id = @org AND service_date BETWEEN ? AND ? AND ${this.dialect.jsonField('data', 'endTime')} IS NOT NULL`,
    ).all(range.first, range.last) as TimedService[];
  }

  /** The claim (not a draft) that already carries this row, if any. */
  async sentClaimOf(serviceId: string): Promise<string | undefined> {
    return await this.sql(SENT_CLAIM_OF_ROW).pluck().get(serviceId) as string | undefined;
  }

  /**
   * Every row in scope, as [service id, stored JSON], for a build that may parse them off the
   * main thread. Which of them are billed already is asked once per build (billedInScope), not
   * per slice: a slice's query that looked at the claims again would read, on PostgreSQL, a
   * claim table growing with the build's own uncommitted rows, on a plan made for the table as
   * it was, and take minutes.
   */
  async scopeData(filter: BillableFilter): Promise<Array<[string, string]>> {
    const { where, params } = rowScope(filter);
    return (await this.sql(`SELECT sv.service_id, sv.data FROM services sv WHERE ${where} ORDER BY sv.service_id`).raw().all(...params)) as Array<[string, string]>;
  }

  /** The rows in scope that a claim which has left the building carries (not a rejected one). */
  async billedInScope(filter: Omit<BillableFilter, 'memberCins'>): Promise<string[]> {
    const { where, params } = rowScope(filter);
    return (await this.sql(
      `SELECT DISTINCT sv.service_id FROM services sv
       JOIN claim_line_services s ON s.org_id = sv.org_id AND s.service_id = sv.service_id
       JOIN claims c ON c.org_id = s.org_id AND c.claim_id = s.claim_id
       WHERE ${where} AND c.status IN (${billedList})`,
    ).pluck().all(...params)) as string[];
  }

  /**
   * The members with rows in scope, in order: the members a build works through. Whether a row is
   * still billable is left to billedInScope, so this reads the date index alone; a member whose
   * rows have all been sent gives an empty slice.
   */
  async buildMembers(filter: Omit<BillableFilter, 'memberCins'>): Promise<string[]> {
    const { where, params } = rowScope(filter);
    return await this.sql(`SELECT DISTINCT sv.member_cin FROM services sv WHERE ${where} ORDER BY sv.member_cin`).pluck().all(...params) as string[];
  }

  async count(): Promise<number> {
    return await this.sql('SELECT COUNT(*) FROM services WHERE org_id = @org').pluck().get() as number;
  }
}

export type { ServiceLog };

function rowScope(filter: BillableFilter): { where: string; params: string[] } {
  const where: string[] = ['sv.org_id = @org'];
  const params: string[] = [];
  if (filter.payerId) {
    where.push('sv.payer_id = ?');
    params.push(filter.payerId);
  }
  if (filter.period) {
    where.push('sv.service_date >= ? AND sv.service_date <= ?');
    params.push(`${filter.period}-01`, `${filter.period}-31`);
  }
  if (filter.memberCins) {
    where.push(`sv.member_cin IN (${filter.memberCins.map(() => '?').join(', ')})`);
    params.push(...filter.memberCins);
  }
  return { where: where.join(' AND '), params };
}
