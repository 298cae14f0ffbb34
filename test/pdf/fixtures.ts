// Hand-built parties and claims from the shared samples (member 91234567A, Health Net, October 2026).

import { MemberSchema, OrganizationSchema, PayerSchema, StaffSchema, type Staff } from '../../src/domain/reference.js';
import type { Claim, ClaimLine } from '../../src/domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../../src/domain/submission.js';

export const clock: SubmissionClock = { date: '2026-11-02', time: '0930' };

export const organization = OrganizationSchema.parse({
  name: 'Bright Path Community Services',
  npi: '1234567893',
  tin: '941234567',
  taxonomy: '251S00000X',
  address: { line1: '1200 K Street Suite 400', city: 'Sacramento', state: 'CA', zip: '958141234' },
  contact: { name: 'Billing Office', phone: '9165550100', email: 'billing@brightpath.example' },
});

export const healthNet = PayerSchema.parse({
  id: 'healthnet',
  name: 'Health Net of California',
  ediPayerId: 'HNMC1',
  claimFilingIndicator: 'MC',
  formats: { preferred: '837p', fallback: 'invoice' },
  interchange: { senderQualifier: 'ZZ', senderId: 'BRIGHTPATH01', receiverQualifier: 'ZZ', receiverId: 'HNMC1', usageIndicator: 'T' },
  paperAddress: { line1: 'PO Box 10439', city: 'Van Nuys', state: 'CA', zip: '914100439' },
  units: { minutesPerUnit: 60, increment: 0.25, rounding: 'nearest' },
  billingPeriod: 'month',
  timelyFilingDays: 180,
  defaultDiagnosis: 'Z7689',
  feeSchedule: [
    { code: 'G9008', modifiers: ['U1'], rate: '165.00', effective: '2026-01-01' },
    { code: 'G9008', modifiers: ['U1', 'GQ'], rate: '165.00', effective: '2026-01-01' },
    { code: 'G9012', modifiers: ['U2'], rate: '120.00', effective: '2026-01-01' },
    { code: 'G9012', modifiers: ['U2', 'GQ'], rate: '120.00', effective: '2026-01-01' },
  ],
});

const staffRows: Staff[] = [
  StaffSchema.parse({ staff_id: 'S001', last_name: 'Okafor', first_name: 'Adaeze', role: 'clinical', npi: '1543210987', taxonomy: '163W00000X', credentials: 'RN' }),
  StaffSchema.parse({ staff_id: 'S002', last_name: 'Reyes', first_name: 'Daniel', role: 'non_clinical', credentials: 'CHW' }),
  StaffSchema.parse({ staff_id: 'S003', last_name: 'Chen', first_name: 'Lily', role: 'clinical', npi: '1678901236', taxonomy: '1041C0700X', credentials: 'LCSW' }),
];

export const parties: SubmissionParties = {
  organization,
  payer: healthNet,
  staff: new Map(staffRows.map((s) => [s.staff_id, s])),
};

export const maria = MemberSchema.parse({
  member_cin: '91234567A',
  plan_member_id: 'HN00012345',
  last_name: 'Garcia',
  first_name: 'Maria',
  middle_name: 'L',
  dob: '1958-03-14',
  sex: 'F',
  address_line1: '455 Elm Ave',
  city: 'Sacramento',
  state: 'CA',
  zip: '95822',
  phone: '9165550111',
  payer_id: 'healthnet',
  ecm_start_date: '2026-06-01',
  population_of_focus: '5',
});

export const thomas = MemberSchema.parse({
  member_cin: '92345678B',
  plan_member_id: 'HN00023456',
  last_name: "O'Brien-Nguyen",
  first_name: 'Thomas',
  dob: '1990-11-02',
  sex: 'M',
  address_line1: 'Sacramento Shelter Bed 12',
  address_line2: '1400 N A St',
  city: 'Sacramento',
  state: 'CA',
  zip: '95811',
  payer_id: 'healthnet',
  ecm_start_date: '2026-09-15',
});

function line(partial: Omit<ClaimLine, 'activity' | 'serviceIds'> & Partial<Pick<ClaimLine, 'activity' | 'serviceIds'>>): ClaimLine {
  return { activity: 'ecm', serviceIds: [`SL-${partial.lineNumber}`], ...partial };
}

export const mariaLines: ClaimLine[] = [
  line({ lineNumber: 1, serviceDate: '2026-10-03', code: 'G9008', modifiers: ['U1'], placeOfService: '12', renderingStaffId: 'S001', minutes: 90, units: '1.5', rate: '165.00', charge: '247.50', diagnosisPointers: [1, 2] }),
  line({ lineNumber: 2, serviceDate: '2026-10-03', code: 'G9012', modifiers: ['U2', 'GQ'], placeOfService: '10', renderingStaffId: 'S002', minutes: 45, units: '0.75', rate: '120.00', charge: '90.00', diagnosisPointers: [1] }),
  line({ lineNumber: 3, serviceDate: '2026-10-10', code: 'G9012', modifiers: ['U2'], placeOfService: '12', renderingStaffId: 'S002', minutes: 60, units: '1', rate: '120.00', charge: '120.00', diagnosisPointers: [3] }),
  line({ lineNumber: 4, serviceDate: '2026-10-24', code: 'G9008', modifiers: ['U1', 'GQ'], placeOfService: '10', renderingStaffId: 'S003', minutes: 20, units: '0.25', rate: '165.00', charge: '41.25', diagnosisPointers: [4] }),
];

export const mariaClaim: Claim = {
  id: 'C000001',
  memberCin: '91234567A',
  payerId: 'healthnet',
  period: '2026-10',
  format: 'cms1500',
  status: 'ready',
  frequency: '1',
  placeOfService: '12',
  diagnoses: ['Z59.00', 'I10', 'Z76.89', 'F32.9'],
  defaultDiagnosisUsed: true,
  totalCharge: '498.75',
  lines: mariaLines,
  issues: [],
};

/** A replacement (frequency 7) of a claim the payer numbered HN2026100012345. */
export const thomasReplacement: Claim = {
  id: 'C000002',
  memberCin: '92345678B',
  payerId: 'healthnet',
  period: '2026-10',
  format: 'cms1500',
  status: 'ready',
  frequency: '7',
  originalReference: 'HN2026100012345',
  originalClaimId: 'C000000',
  placeOfService: '04',
  diagnoses: ['Z59.01', 'F17.210'],
  defaultDiagnosisUsed: false,
  totalCharge: '330.00',
  lines: [
    line({ lineNumber: 1, serviceDate: '2026-10-02', code: 'G9008', modifiers: ['U1'], placeOfService: '04', renderingStaffId: 'S001', minutes: 120, units: '2', rate: '165.00', charge: '330.00', diagnosisPointers: [1, 2] }),
  ],
  issues: [],
};

export const claims: ClaimWithParties[] = [
  { claim: mariaClaim, member: maria },
  { claim: thomasReplacement, member: thomas },
];
