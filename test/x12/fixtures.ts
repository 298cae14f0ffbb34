// Parties from the sample fixtures and hand-built claims shaped like the ones billing produces.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { Claim, ClaimLine } from '../../src/domain/claim.js';
import { MemberSchema, OrganizationSchema, PayerSchema, StaffSchema, type Member, type Organization, type Payer, type Staff } from '../../src/domain/reference.js';
import type { ClaimWithParties, InterchangeControl, SubmissionClock, SubmissionParties } from '../../src/domain/submission.js';
import { SAMPLES } from '../support/paths.js';

export const SAMPLES_DIR = SAMPLES;

function readCsv(file: string): Record<string, string | undefined>[] {
  const rows = parse(readFileSync(resolve(SAMPLES_DIR, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === '' ? undefined : v])));
}

export function sampleOrganization(): Organization {
  return OrganizationSchema.parse(JSON.parse(readFileSync(resolve(SAMPLES_DIR, 'organization.json'), 'utf8')));
}

export function samplePayer(id: string): Payer {
  const payers = (JSON.parse(readFileSync(resolve(SAMPLES_DIR, 'payers.json'), 'utf8')) as unknown[]).map((p) => PayerSchema.parse(p));
  const payer = payers.find((p) => p.id === id);
  if (!payer) throw new Error(`no sample payer ${id}`);
  return payer;
}

export function sampleMembers(): Map<string, Member> {
  return new Map(readCsv('members.csv').map((row) => MemberSchema.parse(row)).map((m) => [m.member_cin, m]));
}

export function sampleStaff(): Map<string, Staff> {
  return new Map(readCsv('staff.csv').map((row) => StaffSchema.parse(row)).map((s) => [s.staff_id, s]));
}

/** Health Net with the institutional profile the 837I needs (revenue code 0500, outpatient 13). */
export function healthNet(institutional = true): Payer {
  const payer = samplePayer('healthnet');
  return institutional ? { ...payer, institutional: { revenueCode: '0500', facilityTypeCode: '13' } } : payer;
}

export function sampleParties(payer: Payer = healthNet()): SubmissionParties {
  return { organization: sampleOrganization(), payer, staff: sampleStaff() };
}

export const CLOCK: SubmissionClock = { date: '2026-11-02', time: '0915' };
export const CONTROL: InterchangeControl = { interchange: 1234, group: 56, transaction: 7 };

type LineInput = Pick<ClaimLine, 'serviceDate' | 'code' | 'modifiers' | 'units' | 'charge' | 'renderingStaffId' | 'placeOfService' | 'diagnosisPointers'> & Partial<ClaimLine>;

export function line(n: number, input: LineInput): ClaimLine {
  return {
    lineNumber: n,
    minutes: 60,
    rate: '165.00',
    serviceIds: [`SL-${1000 + n}`],
    activity: 'ecm',
    ...input,
  };
}

export function claim(input: Pick<Claim, 'id' | 'memberCin' | 'lines' | 'diagnoses' | 'totalCharge' | 'placeOfService'> & Partial<Claim>): Claim {
  return {
    payerId: 'healthnet',
    period: '2026-10',
    format: '837p',
    status: 'ready',
    frequency: '1',
    defaultDiagnosisUsed: false,
    issues: [],
    ...input,
  };
}

/** Maria Garcia's October: the four lines of the brief, 498.75 in all. */
export function garciaClaim(): Claim {
  return claim({
    id: 'C000001',
    memberCin: '91234567A',
    placeOfService: '12',
    diagnoses: ['Z59.00', 'I10', 'F32.9'],
    totalCharge: '498.75',
    lines: [
      line(1, { serviceDate: '2026-10-03', code: 'G9008', modifiers: ['U1'], units: '1.50', charge: '247.50', renderingStaffId: 'S001', placeOfService: '12', diagnosisPointers: [1, 2], serviceIds: ['SL-1001'] }),
      line(2, { serviceDate: '2026-10-03', code: 'G9012', modifiers: ['U2', 'GQ'], units: '0.75', charge: '90.00', rate: '120.00', renderingStaffId: 'S002', placeOfService: '10', diagnosisPointers: [1], serviceIds: ['SL-1002'] }),
      line(3, { serviceDate: '2026-10-10', code: 'G9012', modifiers: ['U2'], units: '1.00', charge: '120.00', rate: '120.00', renderingStaffId: 'S002', placeOfService: '12', diagnosisPointers: [1], serviceIds: ['SL-1003'] }),
      line(4, { serviceDate: '2026-10-24', code: 'G9008', modifiers: ['U1', 'GQ'], units: '0.25', charge: '41.25', renderingStaffId: 'S003', placeOfService: '10', diagnosisPointers: [3], serviceIds: ['SL-1004'] }),
    ],
  });
}

/** A replacement of an earlier September claim for the same member: shares her 2000B. */
export function garciaReplacement(): Claim {
  return claim({
    id: 'C000003',
    memberCin: '91234567A',
    period: '2026-09',
    frequency: '7',
    originalReference: 'HN2026090012345',
    placeOfService: '12',
    diagnoses: ['Z59.00'],
    totalCharge: '165.00',
    lines: [line(1, { serviceDate: '2026-09-12', code: 'G9008', modifiers: ['U1'], units: '1', charge: '165.00', renderingStaffId: 'S001', placeOfService: '12', diagnosisPointers: [1], serviceIds: ['SL-0901'] })],
  });
}

/** Thomas O'Brien-Nguyen: one staff member with an NPI on every line, so a claim-level 2310B. */
export function obrienClaim(): Claim {
  return claim({
    id: 'C000002',
    memberCin: '92345678B',
    placeOfService: '04',
    diagnoses: ['Z59.01', 'F17.210'],
    totalCharge: '330.00',
    lines: [line(1, { serviceDate: '2026-10-02', code: 'G9008', modifiers: ['U1'], units: '2', charge: '330.00', renderingStaffId: 'S001', placeOfService: '04', diagnosisPointers: [1, 2], serviceIds: ['SL-1007'] })],
  });
}

export function sampleClaims(): ClaimWithParties[] {
  const members = sampleMembers();
  const withMember = (c: Claim): ClaimWithParties => ({ claim: c, member: members.get(c.memberCin)! });
  return [garciaClaim(), obrienClaim(), garciaReplacement()].map(withMember);
}

/** Read X12 text back with the x12-parser package (an independent reader). */
export async function parseWithX12Parser(text: string): Promise<FormattedSegment[]> {
  const out: FormattedSegment[] = [];
  const parser = new X12parser();
  await new Promise<void>((done, fail) => {
    // x12-parser reports the line feed after the last terminator as a segment with no name.
    parser.on('data', (s: FormattedSegment) => s.name !== '' && out.push(s));
    parser.on('end', done);
    parser.on('error', fail);
    Readable.from([text]).pipe(parser);
  });
  return out;
}
