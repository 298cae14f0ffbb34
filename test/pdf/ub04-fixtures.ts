// UB-04 claims for a payer that takes institutional claims (Sierra Oak, like the sample payer
// sierraoak): the parties and members of fixtures.ts, and claims of 1, 22 and 23 lines.

import { Decimal } from 'decimal.js';
import type { Claim, ClaimLine } from '../../src/domain/claim.js';
import { MemberSchema, PayerSchema } from '../../src/domain/reference.js';
import type { ClaimWithParties, SubmissionParties } from '../../src/domain/submission.js';
import { maria, organization, parties, thomas } from './fixtures.js';

export { clock } from './fixtures.js';

export const sierraOak = PayerSchema.parse({
  id: 'sierraoak',
  name: 'Sierra Oak Community Health',
  ediPayerId: 'SOCH1',
  claimFilingIndicator: 'MC',
  formats: { preferred: 'ub04', fallback: 'invoice' },
  interchange: { senderQualifier: 'ZZ', senderId: 'BRIGHTPATH01', receiverQualifier: 'ZZ', receiverId: 'SOCH1', usageIndicator: 'T' },
  institutional: { revenueCode: '0500', facilityTypeCode: '13' },
  paperAddress: { line1: 'PO Box 2210', city: 'Auburn', state: 'CA', zip: '95604' },
  units: { minutesPerUnit: 60, increment: 0.25, rounding: 'nearest' },
  billingPeriod: 'month',
  timelyFilingDays: 365,
  defaultDiagnosis: 'Z7689',
  feeSchedule: [
    { code: 'G9008', modifiers: ['U1'], rate: '168.00', effective: '2026-01-01' },
    { code: 'G9008', modifiers: ['U1', 'GQ'], rate: '168.00', effective: '2026-01-01' },
    { code: 'G9008', modifiers: ['U8'], rate: '112.00', effective: '2026-01-01' },
    { code: 'G9012', modifiers: ['U2'], rate: '124.00', effective: '2026-01-01' },
    { code: 'G9012', modifiers: ['U2', 'GQ'], rate: '124.00', effective: '2026-01-01' },
  ],
});

export const ub04Parties: SubmissionParties = { organization, payer: sierraOak, staff: parties.staff };

export const ubMaria = MemberSchema.parse({ ...maria, payer_id: 'sierraoak' });
export const ubThomas = MemberSchema.parse({ ...thomas, payer_id: 'sierraoak' });

type LineShape = Pick<ClaimLine, 'code' | 'modifiers' | 'placeOfService' | 'renderingStaffId' | 'minutes' | 'units' | 'rate' | 'activity'>;

/** The kinds of line a month of ECM brings: clinical, non-clinical, telehealth, outreach. */
const SHAPES: LineShape[] = [
  { code: 'G9008', modifiers: ['U1'], placeOfService: '12', renderingStaffId: 'S001', minutes: 90, units: '1.50', rate: '168.00', activity: 'ecm' },
  { code: 'G9012', modifiers: ['U2', 'GQ'], placeOfService: '10', renderingStaffId: 'S002', minutes: 45, units: '0.75', rate: '124.00', activity: 'ecm' },
  { code: 'G9012', modifiers: ['U2'], placeOfService: '12', renderingStaffId: 'S002', minutes: 60, units: '1', rate: '124.00', activity: 'ecm' },
  { code: 'G9008', modifiers: ['U1', 'GQ'], placeOfService: '10', renderingStaffId: 'S003', minutes: 15, units: '0.25', rate: '168.00', activity: 'ecm' },
  { code: 'G9008', modifiers: ['U8'], placeOfService: '12', renderingStaffId: 'S001', minutes: 30, units: '0.50', rate: '112.00', activity: 'outreach' },
];

/** n lines through October 2026, one or two a day, cycling through the shapes. */
export function ecmLines(n: number): ClaimLine[] {
  return Array.from({ length: n }, (_, i) => {
    const shape = SHAPES[i % SHAPES.length]!;
    const day = String(1 + Math.floor(i * 1.3) % 31).padStart(2, '0');
    const charge = new Decimal(shape.rate).times(shape.units).toFixed(2);
    return {
      ...shape,
      lineNumber: i + 1,
      serviceDate: `2026-10-${day}`,
      charge,
      diagnosisPointers: [1],
      serviceIds: [`SO-${1000 + i}`],
    };
  });
}

export function ub04Claim(id: string, lines: ClaimLine[], extra: Partial<Claim> = {}): Claim {
  const total = lines.reduce((sum, line) => sum.plus(line.charge), new Decimal(0));
  return {
    id,
    memberCin: ubMaria.member_cin,
    payerId: 'sierraoak',
    period: '2026-10',
    format: 'ub04',
    status: 'ready',
    frequency: '1',
    placeOfService: '12',
    diagnoses: ['Z59.00', 'I10', 'Z76.89', 'F32.9'],
    defaultDiagnosisUsed: false,
    totalCharge: total.toFixed(2),
    lines,
    issues: [],
    ...extra,
  };
}

/** Eighteen diagnoses: FL 67 and every one of 67A-67Q. */
export const EIGHTEEN_DIAGNOSES = [
  'Z59.00', 'I10', 'Z76.89', 'F32.9', 'F17.210', 'E11.9', 'J44.9', 'Z59.01', 'F41.1',
  'I50.9', 'N18.3', 'Z91.19', 'F10.20', 'E78.5', 'Z63.8', 'G47.00', 'M54.50', 'Z60.2',
];

export const oneLine: ClaimWithParties = { claim: ub04Claim('C000101', ecmLines(1)), member: ubMaria };
export const twentyTwoLines: ClaimWithParties = { claim: ub04Claim('C000102', ecmLines(22)), member: ubMaria };
export const twentyThreeLines: ClaimWithParties = {
  claim: ub04Claim('C000103', ecmLines(23), { diagnoses: EIGHTEEN_DIAGNOSES }),
  member: ubMaria,
};

/** A replacement (frequency 7) of a claim Sierra Oak numbered SO2026100012345. */
export const replacement: ClaimWithParties = {
  claim: ub04Claim('C000104', ecmLines(2), {
    memberCin: ubThomas.member_cin,
    frequency: '7',
    originalReference: 'SO2026100012345',
    originalClaimId: 'C000090',
    diagnoses: ['Z59.01', 'F17.210'],
  }),
  member: ubThomas,
};
