// Staff roster and member file rows, and the organization and payer JSON documents.

import { z } from 'zod';
import { MemberSchema, OrganizationSchema, PayerSchema, StaffSchema, type Member, type Organization, type Payer, type Staff } from '../domain/reference.js';
import { parseCalendarDate } from '../domain/calendar.js';
import { rowError, zodRowIssues, type RowIssue, type RowOutcome } from './row-issue.js';

export const STAFF_COLUMNS = { required: ['staff_id', 'last_name', 'first_name', 'role'], optional: ['npi', 'taxonomy', 'credentials'] } as const;
export const MEMBER_COLUMNS = {
  required: ['member_cin', 'last_name', 'first_name', 'payer_id'],
  optional: ['plan_member_id', 'middle_name', 'dob', 'sex', 'address_line1', 'address_line2', 'city', 'state', 'zip', 'phone', 'ecm_start_date', 'ecm_end_date', 'population_of_focus'],
} as const;

/** CSV cells: empty means absent; trim everything. */
function cells(values: Record<string, string>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v.trim() === '' ? undefined : v.trim();
  return out;
}

export function parseStaffRow(values: Record<string, string>, line: number): RowOutcome<Staff> {
  const c = cells(values);
  if (c.role) c.role = c.role.toLowerCase().replace(/[\s-]+/g, '_');
  const parsed = StaffSchema.safeParse(c);
  if (!parsed.success) return { ok: false, errors: zodRowIssues(parsed.error, line, c) };
  return { ok: true, value: parsed.data, warnings: [] };
}

export function parseMemberRow(values: Record<string, string>, line: number, payerExists: (id: string) => boolean): RowOutcome<Member> {
  const c = cells(values);
  if (c.member_cin) c.member_cin = c.member_cin.toUpperCase();
  if (c.sex) c.sex = c.sex.toUpperCase().slice(0, 1);
  if (c.state) c.state = c.state.toUpperCase();
  const dateErrors: RowIssue[] = [];
  for (const column of ['dob', 'ecm_start_date', 'ecm_end_date'] as const) {
    const v = c[column];
    if (v === undefined) continue;
    const iso = parseCalendarDate(v);
    if (iso) c[column] = iso;
    else dateErrors.push(rowError(line, column, 'BAD_DATE', `${column} "${v}" is not a real date (use YYYY-MM-DD)`));
  }
  if (c.zip) c.zip = c.zip.replace('-', '');
  if (c.phone) c.phone = c.phone.replace(/\D/g, '');
  if (dateErrors.length > 0) return { ok: false, errors: dateErrors };
  const parsed = MemberSchema.safeParse(c);
  if (!parsed.success) return { ok: false, errors: zodRowIssues(parsed.error, line, c) };
  const member = parsed.data;
  const errors: RowIssue[] = [];
  if (!payerExists(member.payer_id)) errors.push(rowError(line, 'payer_id', 'UNKNOWN_PAYER', `payer_id ${member.payer_id} is not a loaded payer profile; import payers.json first`));
  if (member.ecm_start_date && member.ecm_end_date && member.ecm_end_date < member.ecm_start_date) {
    errors.push(rowError(line, 'ecm_end_date', 'ENROLLMENT_ENDS_BEFORE_START', 'ecm_end_date is before ecm_start_date'));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: member, warnings: [] };
}

export function parseOrganization(document: unknown): RowOutcome<Organization> {
  const parsed = OrganizationSchema.safeParse(document);
  if (!parsed.success) return { ok: false, errors: zodRowIssues(parsed.error, undefined) };
  return { ok: true, value: parsed.data, warnings: [] };
}

/** payers.json is an array of payer profiles; each bad profile is reported by its position and id. */
export function parsePayers(document: unknown): { payers: Payer[]; errors: RowIssue[] } {
  const list = z.array(z.unknown()).safeParse(document);
  if (!list.success) return { payers: [], errors: [rowError(undefined, undefined, 'NOT_A_LIST', 'payers.json must be a JSON array of payer profiles')] };
  const payers: Payer[] = [];
  const errors: RowIssue[] = [];
  list.data.forEach((item, index) => {
    const parsed = PayerSchema.safeParse(item);
    if (parsed.success) {
      payers.push(parsed.data);
      return;
    }
    const id = typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : `#${index + 1}`;
    for (const issue of zodRowIssues(parsed.error, index + 1)) errors.push({ ...issue, column: issue.column, message: `payer ${id}: ${issue.message}` });
  });
  return { payers, errors };
}
