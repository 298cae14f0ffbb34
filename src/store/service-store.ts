// The service log: one row per logged activity, keyed by the export's service_id.

import type { CodedService, ServiceLog, TimedService } from '../domain/service-log.js';
import { BILLED_STATUSES } from '../domain/claim.js';
import { Repository } from './repository.js';
import type { Upserted } from './reference-store.js';

const billedList = BILLED_STATUSES.map((s) => `'${s}'`).join(', ');

const INSERT_SERVICE =
  'INSERT INTO services (org_id, service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, import_id, updated_at) VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (org_id, service_id) DO NOTHING';
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
   * Rows in scope that no claim which has left the building carries: the rows a build may bill,
   * as stored (JSON), for a build that may parse them off the main thread.
   */
  async billableData(filter: BillableFilter): Promise<string[]> {
    const { where, params } = billableScope(filter);
    return await this.sql(`SELECT sv.data FROM services sv WHERE ${where} ORDER BY sv.service_id`).pluck().all(...params) as string[];
  }

  /**
   * The members with rows in scope, in order: the members a build works through. Whether a row is
   * still billable is left to billableData, so this reads the date index alone; a member whose
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

function billableScope(filter: BillableFilter): { where: string; params: string[] } {
  const { where, params } = rowScope(filter);
  return { where: `${where} AND NOT EXISTS (SELECT 1 FROM claim_line_services s JOIN claims c ON c.org_id = s.org_id AND c.claim_id = s.claim_id WHERE s.org_id = sv.org_id AND s.service_id = sv.service_id AND c.status IN (${billedList}))`, params };
}

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
