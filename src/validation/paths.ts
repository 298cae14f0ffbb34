// Where each checked value lands in the 837 (loop / segment / element as the implementation
// guides name them), so a biller or an EDI analyst can match our issue to a payer's 999/277CA
// rejection. Paths follow the 837P guide; line-level values move to SV2 and the rendering
// provider to 2420C in the 837I, which is the one difference worth following here. The CMS-1500
// keeps the 837P's paths; on the UB-04 a finding names the form locator instead ("FL 42"), the
// place a biller looks at on the paper form (see ub04Path).

import type { X12Path } from '../domain/claim.js';
import type { ClaimFormat } from '../domain/reference.js';

const at = (loop: string, segment: string, element: string): X12Path => ({ loop, segment, element });

export const BILLING = {
  name: at('2010AA', 'NM1', 'NM103'),
  npi: at('2010AA', 'NM1', 'NM109'),
  address1: at('2010AA', 'N3', 'N301'),
  address2: at('2010AA', 'N3', 'N302'),
  city: at('2010AA', 'N4', 'N401'),
  state: at('2010AA', 'N4', 'N402'),
  zip: at('2010AA', 'N4', 'N403'),
  tin: at('2010AA', 'REF', 'REF02'),
  taxonomy: at('2000A', 'PRV', 'PRV03'),
  // The organization's contact is sent as the submitter contact (1000A PER is required).
  contactName: at('1000A', 'PER', 'PER02'),
  contactPhone: at('1000A', 'PER', 'PER04'),
} as const;

export const SUBSCRIBER = {
  lastName: at('2010BA', 'NM1', 'NM103'),
  firstName: at('2010BA', 'NM1', 'NM104'),
  middleName: at('2010BA', 'NM1', 'NM105'),
  id: at('2010BA', 'NM1', 'NM109'),
  address1: at('2010BA', 'N3', 'N301'),
  address2: at('2010BA', 'N3', 'N302'),
  city: at('2010BA', 'N4', 'N401'),
  state: at('2010BA', 'N4', 'N402'),
  zip: at('2010BA', 'N4', 'N403'),
  dob: at('2010BA', 'DMG', 'DMG02'),
  sex: at('2010BA', 'DMG', 'DMG03'),
} as const;

export const PAYER = {
  id: at('2010BB', 'NM1', 'NM109'),
} as const;

export const CLAIM = {
  id: at('2300', 'CLM', 'CLM01'),
  totalCharge: at('2300', 'CLM', 'CLM02'),
  /** place of service on the 837P, facility type code on the 837I */
  location: at('2300', 'CLM', 'CLM05-01'),
  frequency: at('2300', 'CLM', 'CLM05-03'),
  originalReference: at('2300', 'REF', 'REF02'),
  diagnoses: { loop: '2300', segment: 'HI' } as X12Path,
  lines: { loop: '2400', segment: 'LX', element: 'LX01' } as X12Path,
} as const;

/**
 * The HI element that carries the n-th (1-based) diagnosis. The 837P packs up to 12 codes in
 * one HI segment; the 837I sends the principal in its own HI and the others from HI01 of the
 * next one.
 */
export function diagnosisPath(format: ClaimFormat, n: number): X12Path {
  if (format === 'ub04') return locator(n > 1 && n - 2 < OTHER_DIAGNOSIS_LETTERS.length ? `67${OTHER_DIAGNOSIS_LETTERS[n - 2]}` : '67');
  const position = format === '837i' && n > 1 ? n - 1 : n;
  return { loop: '2300', segment: 'HI', element: `HI${String(position).padStart(2, '0')}-02` };
}

export type LineField = 'procedure' | 'charge' | 'units' | 'placeOfService' | 'pointers' | 'date' | 'rendering' | 'revenueCode';

export function linePath(format: ClaimFormat, field: LineField): X12Path {
  if (format === 'ub04') return locator(UB04_LINE_LOCATORS[field]);
  const institutional = format === '837i';
  switch (field) {
    case 'procedure':
      return at('2400', institutional ? 'SV2' : 'SV1', institutional ? 'SV202-02' : 'SV101-02');
    case 'charge':
      return at('2400', institutional ? 'SV2' : 'SV1', institutional ? 'SV203' : 'SV102');
    case 'units':
      return at('2400', institutional ? 'SV2' : 'SV1', institutional ? 'SV205' : 'SV104');
    case 'placeOfService':
      return at('2400', 'SV1', 'SV105');
    case 'pointers':
      return at('2400', 'SV1', 'SV107');
    case 'date':
      return at('2400', 'DTP', 'DTP03');
    case 'rendering':
      return at(institutional ? '2420C' : '2420A', 'NM1', 'NM109');
    case 'revenueCode':
      return at('2400', 'SV2', 'SV201');
  }
}

// The UB-04 (CMS-1450): the paper twin of the 837I, read by form locator.

const locator = (fl: string): X12Path => ({ element: `FL ${fl}` });

/** FL 67 holds the principal diagnosis, 67A-67Q the other seventeen. */
const OTHER_DIAGNOSIS_LETTERS = 'ABCDEFGHIJKLMNOPQ';

const UB04_LINE_LOCATORS: Record<LineField, string> = {
  revenueCode: '42',
  procedure: '44',
  date: '45',
  units: '46',
  charge: '47',
  // The form has no place of service or pointers: the type of bill and the diagnoses stand for them.
  placeOfService: '4',
  pointers: '67',
  // The claim's care manager, the staff member who rendered most of its lines, is the attending provider.
  rendering: '76',
};

const pathKey = (p: X12Path) => `${p.loop ?? ''}/${p.segment ?? ''}/${p.element ?? ''}`;

/** The claim-level 837 paths the rules name, and the form locator that carries each on the UB-04. */
const UB04_CLAIM_LOCATORS = new Map<string, string>([
  ...[BILLING.name, BILLING.address1, BILLING.address2, BILLING.city, BILLING.state, BILLING.zip, BILLING.contactName, BILLING.contactPhone].map((p) => [pathKey(p), '1'] as const),
  [pathKey(BILLING.npi), '56'],
  [pathKey(BILLING.tin), '5'],
  // The billing provider's taxonomy goes in FL 81 with qualifier B3.
  [pathKey(BILLING.taxonomy), '81'],
  // The member is the patient (FL 8b, 9a-d) and the insured (FL 58, 60).
  ...[SUBSCRIBER.lastName, SUBSCRIBER.firstName, SUBSCRIBER.middleName].map((p) => [pathKey(p), '8b'] as const),
  [pathKey(SUBSCRIBER.id), '60'],
  ...[SUBSCRIBER.address1, SUBSCRIBER.address2].map((p) => [pathKey(p), '9a'] as const),
  [pathKey(SUBSCRIBER.city), '9b'],
  [pathKey(SUBSCRIBER.state), '9c'],
  [pathKey(SUBSCRIBER.zip), '9d'],
  [pathKey(SUBSCRIBER.dob), '10'],
  [pathKey(SUBSCRIBER.sex), '11'],
  [pathKey(PAYER.id), '51'],
  [pathKey(CLAIM.id), '3a'],
  [pathKey(CLAIM.totalCharge), '47'],
  // Type of bill: the facility type, then the frequency as its last digit.
  [pathKey(CLAIM.location), '4'],
  [pathKey(CLAIM.frequency), '4'],
  [pathKey(CLAIM.originalReference), '64'],
  [pathKey(CLAIM.diagnoses), '67'],
  [pathKey(CLAIM.lines), '42'],
]);

/**
 * The path a finding carries for its format: for the UB-04, the form locator of an 837 path a
 * rule named (rules share the 837's claim-level paths); every other path as it is.
 */
export function ub04Path(path: X12Path): X12Path {
  const fl = UB04_CLAIM_LOCATORS.get(pathKey(path));
  return fl === undefined ? path : locator(fl);
}
