// Organization, payers, staff and members. Rows are kept as validated JSON plus the columns that
// queries and foreign keys need; row_hash makes a re-import of an unchanged row a no-op.

import type { Member, Organization, Payer, Staff } from '../domain/reference.js';
import { Repository } from './repository.js';
import { planUpserts, type Upserted } from './upsert-plan.js';
import { inOrderOf } from '../domain/grouping.js';

export type { Upserted, UpsertOutcome } from './upsert-plan.js';

export class ReferenceStore extends Repository {


  async getOrganization(): Promise<Organization | undefined> {
    const data = await this.sql('SELECT data FROM organizations WHERE org_id = @org').pluck().get() as string | null | undefined;
    return data ? (JSON.parse(data) as Organization) : undefined;
  }

  async putOrganization(org: Organization, at: string): Promise<Upserted> {
    const data = JSON.stringify(org);
    // The organization may exist already without its details (made by a platform key).
    const before = (await this.sql('SELECT data FROM organizations WHERE org_id = @org').pluck().get() as string | null | undefined) ?? undefined;
    if (before === data) return { outcome: 'unchanged' };
    await this.sql('INSERT INTO organizations (org_id, data, created_at, updated_at) VALUES (@org, ?, ?, ?) ON CONFLICT (org_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at').run(data, at, at);
    return { outcome: before === undefined ? 'inserted' : 'updated', before };
  }

  async listPayers(): Promise<Payer[]> {
    return (await this.sql('SELECT data FROM payers WHERE org_id = @org ORDER BY payer_id').pluck().all() as string[]).map((d) => JSON.parse(d) as Payer);
  }

  async getPayer(id: string): Promise<Payer | undefined> {
    const data = await this.sql('SELECT data FROM payers WHERE org_id = @org AND payer_id = ?').pluck().get(id) as string | undefined;
    return data ? (JSON.parse(data) as Payer) : undefined;
  }

  async putPayer(payer: Payer, hash: string, at: string): Promise<Upserted> {
    return await this.upsert('payers', 'payer_id', payer.id, JSON.stringify(payer), hash, at, {});
  }

  async getStaff(id: string): Promise<Staff | undefined> {
    const data = await this.sql('SELECT data FROM staff WHERE org_id = @org AND staff_id = ?').pluck().get(id) as string | undefined;
    return data ? (JSON.parse(data) as Staff) : undefined;
  }

  async listStaff(): Promise<Staff[]> {
    return (await this.sql('SELECT data FROM staff WHERE org_id = @org ORDER BY staff_id').pluck().all() as string[]).map((d) => JSON.parse(d) as Staff);
  }

  /** Stores a staff row given with its JSON (as imports prepare it) and that JSON's hash. */
  async putStaff(staff: Staff, data: string, hash: string, at: string): Promise<Upserted> {
    return await this.upsert('staff', 'staff_id', staff.staff_id, data, hash, at, { role: staff.role });
  }

  /** The payers of many members at once (a few hundred to a query); unknown CINs are left out. */
  async memberPayers(cins: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.inChunks(cins, (chunk, marks) =>
      this.sql(`SELECT member_cin, payer_id FROM members WHERE org_id = @org AND member_cin IN (${marks})`).raw().all(...chunk) as Promise<Array<[string, string]>>,
    );
    return new Map(rows);
  }

  async getMember(cin: string): Promise<Member | undefined> {
    const data = await this.sql('SELECT data FROM members WHERE org_id = @org AND member_cin = ?').pluck().get(cin) as string | undefined;
    return data ? (JSON.parse(data) as Member) : undefined;
  }

  /** The members as stored (JSON), in the order asked; unknown CINs are skipped. */
  async memberData(cins: readonly string[]): Promise<string[]> {
    // A few hundred members to a query: builds and exports read one per claim.
    const rows = await this.inChunks(cins, async (chunk, marks) => await this.sql(`SELECT member_cin, data FROM members WHERE org_id = @org AND member_cin IN (${marks})`).raw(true).all(...chunk) as Array<[string, string]>);
    return inOrderOf(cins, rows, ([cin]) => cin).map(([, data]) => data);
  }

  async membersByCin(cins: readonly string[]): Promise<Map<string, Member>> {
    return new Map((await this.memberData(cins)).map((data) => JSON.parse(data) as Member).map((m) => [m.member_cin, m]));
  }

  /** Stores a member row given with its JSON (as imports prepare it) and that JSON's hash. */
  async putMember(member: Member, data: string, hash: string, at: string): Promise<Upserted> {
    return await this.upsert('members', 'member_cin', member.member_cin, data, hash, at, { payer_id: member.payer_id });
  }

  /** After a large member import: the planner's figures, before a build reads the members. */
  async refreshMemberStatistics(): Promise<void> {
    await this.analyzeTable('members');
  }

  /** Many members at once (upsert-plan.ts): what became of each, as putMember() one at a time would say. */
  async putMembers(rows: ReadonlyArray<{ member: Member; data: string; hash: string }>, at: string): Promise<Upserted[]> {
    const texts = upsertTexts('members', 'member_cin', ['payer_id']);
    const keyed = rows.map((r) => ({ ...r, key: r.member.member_cin }));
    const stored = await this.inChunks([...new Set(keyed.map((r) => r.key))], (chunk, marks) =>
      this.sql(`SELECT member_cin, data, row_hash FROM members WHERE org_id = @org AND member_cin IN (${marks})`).raw().all(...chunk) as Promise<Array<[string, string, string]>>,
    );
    const plan = planUpserts(keyed, new Map(stored.map(([id, data, hash]) => [id, { data, hash }])));
    await this.insertMany(texts.insertMany, 5, plan.inserts.flatMap((r) => [r.key, r.member.payer_id, r.data, r.hash, at]));
    for (const r of plan.updates) await this.sql(texts.update).run(r.member.payer_id, r.data, r.hash, at, r.key);
    return plan.outcomes;
  }

  private async upsert(table: 'payers' | 'staff' | 'members', keyColumn: string, key: string, data: string, hash: string, at: string, extra: Record<string, string>): Promise<Upserted> {
    const texts = upsertTexts(table, keyColumn, Object.keys(extra));
    const existing = await this.sql(texts.select).get(key) as { data: string; row_hash: string } | undefined;
    if (existing?.row_hash === hash) return { outcome: 'unchanged' };
    if (!existing) {
      await this.sql(texts.insert).run(key, ...Object.values(extra), data, hash, at);
      return { outcome: 'inserted' };
    }
    await this.sql(texts.update).run(...Object.values(extra), data, hash, at, key);
    return { outcome: 'updated', before: existing.data };
  }
}

// The statements of an upsert, spelled once per table: an import runs one for each of tens of
// thousands of rows.
const upserts = new Map<string, { select: string; insert: string; insertMany: string; update: string }>();

function upsertTexts(table: string, keyColumn: string, columns: readonly string[]): { select: string; insert: string; insertMany: string; update: string } {
  const id = `${table}|${columns.join(',')}`;
  let texts = upserts.get(id);
  if (!texts) {
    const names = [keyColumn, ...columns, 'data', 'row_hash', 'updated_at'];
    const sets = [...columns, 'data', 'row_hash', 'updated_at'].map((c) => `${c} = ?`).join(', ');
    texts = {
      select: `SELECT data, row_hash FROM ${table} WHERE org_id = @org AND ${keyColumn} = ?`,
      insert: `INSERT INTO ${table} (org_id, ${names.join(', ')}) VALUES (@org, ${names.map(() => '?').join(', ')})`,
      insertMany: `INSERT INTO ${table} (org_id, ${names.join(', ')}) VALUES `,
      update: `UPDATE ${table} SET ${sets} WHERE org_id = @org AND ${keyColumn} = ?`,
    };
    upserts.set(id, texts);
  }
  return texts;
}
