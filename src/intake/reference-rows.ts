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

const MEMBER_DATE_COLUMNS = ['dob', 'ecm_start_date', 'ecm_end_date'] as const;

export function parseMemberRow(values: Record<string, string>, line: number, payerExists: (id: string) => boolean): RowOutcome<Member> {
  const c = cells(values);
  if (c.member_cin) c.member_cin = c.member_cin.toUpperCase();
  if (c.sex) c.sex = c.sex.toUpperCase().slice(0, 1);
  if (c.state) c.state = c.state.toUpperCase();
  const errors: RowIssue[] = [];
  for (const column of MEMBER_DATE_COLUMNS) {
    const v = c[column];
    if (v === undefined) continue;
    const iso = parseCalendarDate(v);
    if (iso) c[column] = iso;
    else {
      // The column, not the value: a birth date is member data.
      errors.push(rowError(line, column, 'BAD_DATE', `${column} is not a real date (use YYYY-MM-DD)`));
      // Reported once, here: the schema would only say it again in its own words.
      c[column] = undefined;
    }
  }
  if (c.zip) c.zip = c.zip.replace('-', '');
  if (c.phone) c.phone = c.phone.replace(/\D/g, '');
  const parsed = MemberSchema.safeParse(c);
  if (!parsed.success) errors.push(...zodRowIssues(parsed.error, line, c));
  // These read the cleaned cells (what the schema checks, unchanged by it), so they run whether or
  // not the rest of the row passed: one import shows every problem of the row.
  if (c.payer_id !== undefined && !payerExists(c.payer_id)) errors.push(rowError(line, 'payer_id', 'UNKNOWN_PAYER', `payer_id ${c.payer_id} is not a loaded payer profile; import payers.json first`));
  if (c.ecm_start_date && c.ecm_end_date && c.ecm_end_date < c.ecm_start_date) {
    errors.push(rowError(line, 'ecm_end_date', 'ENROLLMENT_ENDS_BEFORE_START', 'ecm_end_date is before ecm_start_date'));
  }
  return parsed.success && errors.length === 0 ? { ok: true, value: parsed.data, warnings: [] } : { ok: false, errors };
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
