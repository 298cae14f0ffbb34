// The baseline claim every rule test starts from: the sample organization, Health Net, member
// 91234567A and staff from the sample fixtures, with the October 2026 lines priced by hand.
// Each call returns fresh copies, so a test may break anything without leaking into the next.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { codesets } from '../../src/codesets/index.js';
import { SAMPLES } from '../support/paths.js';
import type { Claim, ClaimLine } from '../../src/domain/claim.js';
import { MemberSchema, OrganizationSchema, PayerSchema, StaffSchema, type ClaimFormat, type Member, type Organization, type Payer, type Staff } from '../../src/domain/reference.js';
import type { ClaimWithParties } from '../../src/domain/submission.js';
import type { ValidationContext } from '../../src/validation/rule.js';


function readCsv(name: string): Record<string, string | undefined>[] {
  const rows = parse<Record<string, string>>(readFileSync(join(SAMPLES, name), 'utf8'), { columns: true, skip_empty_lines: true });
  // Empty cells mean "not given"; the schemas expect them absent rather than "".
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.trim() === '' ? undefined : v])));
}

const organization: Organization = OrganizationSchema.parse(JSON.parse(readFileSync(join(SAMPLES, 'organization.json'), 'utf8')));
const payers: Payer[] = PayerSchema.array().parse(JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')));
const members: Member[] = readCsv('members.csv').map((row) => MemberSchema.parse(row));
const staff: Staff[] = readCsv('staff.csv').map((row) => StaffSchema.parse(row));

function find<T>(items: readonly T[], matches: (item: T) => boolean, what: string): T {
  const found = items.find(matches);
  if (!found) throw new Error(`sample data has no ${what}`);
  return found;
}

export const TODAY = '2026-11-25';
export const CLAIM_ID = 'CLM-2026-10-0001';
export const ALL_SERVICE_IDS = ['SL-1001', 'SL-1002', 'SL-1003', 'SL-1004'];

function line(n: number, fields: Omit<ClaimLine, 'lineNumber'>): ClaimLine {
  return { lineNumber: n, ...fields };
}

function baselineLines(): ClaimLine[] {
  return [
    line(1, { serviceDate: '2026-10-03', code: 'G9008', modifiers: ['U1'], placeOfService: '12', renderingStaffId: 'S001', minutes: 90, units: '1.5', rate: '165.00', charge: '247.50', diagnosisPointers: [1, 2], serviceIds: ['SL-1001'], activity: 'ecm' }),
    line(2, { serviceDate: '2026-10-03', code: 'G9012', modifiers: ['U2', 'GQ'], placeOfService: '10', renderingStaffId: 'S002', minutes: 45, units: '0.75', rate: '120.00', charge: '90.00', diagnosisPointers: [1], serviceIds: ['SL-1002'], activity: 'ecm' }),
    line(3, { serviceDate: '2026-10-10', code: 'G9012', modifiers: ['U2'], placeOfService: '12', renderingStaffId: 'S002', minutes: 60, units: '1', rate: '120.00', charge: '120.00', diagnosisPointers: [3], serviceIds: ['SL-1003'], activity: 'ecm' }),
    line(4, { serviceDate: '2026-10-24', code: 'G9008', modifiers: ['U1', 'GQ'], placeOfService: '10', renderingStaffId: 'S003', minutes: 20, units: '0.25', rate: '165.00', charge: '41.25', diagnosisPointers: [4], serviceIds: ['SL-1004'], activity: 'ecm' }),
  ];
}

function baselineClaim(format: ClaimFormat): Claim {
  return {
    id: CLAIM_ID,
    memberCin: '91234567A',
    payerId: 'healthnet',
    period: '2026-10',
    format,
    status: 'draft',
    frequency: '1',
    placeOfService: '12',
    // SL-1003 has no diagnosis, so Health Net's default Z7689 stands in for it.
    diagnoses: ['Z5900', 'I10', 'Z7689', 'F329'],
    defaultDiagnosisUsed: true,
    totalCharge: '498.75',
    lines: baselineLines(),
    issues: [],
  };
}

export interface Fixture {
  item: ClaimWithParties;
  ctx: ValidationContext;
  /** the same objects as in ctx.parties, typed for convenient mutation */
  organization: Organization;
  payer: Payer;
  staff: Map<string, Staff>;
}

export function baseline(format: ClaimFormat = '837p'): Fixture {
  const org = structuredClone(organization);
  const payer = structuredClone(find(payers, (p) => p.id === 'healthnet', 'payer healthnet'));
  const member = structuredClone(find(members, (m) => m.member_cin === '91234567A', 'member 91234567A'));
  const staffById = new Map(staff.map((s) => [s.staff_id, structuredClone(s)]));
  return {
    item: { claim: baselineClaim(format), member },
    ctx: { parties: { organization: org, payer, staff: staffById }, today: TODAY, format, codesets: codesets() },
    organization: org,
    payer,
    staff: staffById,
  };
}

/** Mutates a claim line, failing loudly if the baseline changes shape under a test. */
export function lineOf(f: Fixture, lineNumber: number): ClaimLine {
  return find(f.item.claim.lines, (l) => l.lineNumber === lineNumber, `line ${lineNumber}`);
}

export function staffOf(f: Fixture, staffId: string): Staff {
  const s = f.staff.get(staffId);
  if (!s) throw new Error(`sample staff has no ${staffId}`);
  return s;
}
