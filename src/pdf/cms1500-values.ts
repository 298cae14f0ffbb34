// What goes in each CMS-1500 box for one claim, as text keyed by the field keys of
// templates/cms1500.json. Kept apart from drawing so the values can be checked (and tested)
// without a PDF, and so print and form mode are guaranteed to carry the same data.

import { Decimal } from 'decimal.js';
import type { Member, Organization, Payer } from '../domain/reference.js';
import type { ClaimLine } from '../domain/claim.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import { normalizeDiagnosis } from '../domain/identifiers.js';
import { zipWithHyphen } from './address-text.js';
import { fieldWidth, loadCms1500Layout } from './cms1500-layout.js';
import { type FieldValues, type FormPage, FormError } from './paper/form-page.js';
import { CHECKED, addressText, cityStateZip, dateParts, formText, moneyParts, nameText, personName, shortDate, streetText, unitsText } from './paper/form-text.js';

// The text helpers moved to paper/form-text.ts, which the UB-04 shares; these names stay here too.
export { CHECKED, formText, moneyParts, personName, shortDate, unitsText };
export const CMS1500_MAX_LINES = 6;
const MAX_DIAGNOSES = 12;
const MAX_MODIFIERS = 4;
const DIAGNOSIS_LETTERS = 'ABCDEFGHIJKL';

/** ICD-10-CM on the 02/12 form is indicator 0 (9 would be ICD-9). */
const ICD10_INDICATOR = '0';
/** Provider taxonomy qualifier for the shaded 24I/24J and box 33b (NUCC list). */
const TAXONOMY_QUALIFIER = 'ZZ';
const SIGNATURE_ON_FILE = 'SIGNATURE ON FILE';

export type { FieldValues } from './paper/form-page.js';
/** one form per claim: its lines are all the claim's lines */
export type Cms1500Page = FormPage;

export class Cms1500Error extends FormError {
  constructor(claimId: string, message: string) {
    super(claimId, message);
    this.name = 'Cms1500Error';
  }
}

export function cms1500Page(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): Cms1500Page {
  const { claim, member } = item;
  if (claim.memberCin !== member.member_cin) {
    throw new Cms1500Error(claim.id, `is for member ${claim.memberCin} but came with member ${member.member_cin}`);
  }
  if (claim.payerId !== parties.payer.id) {
    throw new Cms1500Error(claim.id, `is for payer ${claim.payerId} but is being printed for ${parties.payer.id}`);
  }
  if (claim.lines.length === 0) throw new Cms1500Error(claim.id, 'has no service lines to print');
  if (claim.lines.length > CMS1500_MAX_LINES) {
    throw new Cms1500Error(
      claim.id,
      `has ${claim.lines.length} service lines but a CMS-1500 holds ${CMS1500_MAX_LINES}; claim assembly must split it before rendering`,
    );
  }
  if (claim.diagnoses.length > MAX_DIAGNOSES) {
    throw new Cms1500Error(claim.id, `has ${claim.diagnoses.length} diagnoses but box 21 holds ${MAX_DIAGNOSES}`);
  }

  const fields = new Map<string, string>();
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') fields.set(key, value);
  };

  payerBlock(parties.payer, set);
  set('1.medicaid', CHECKED);
  set('1a.insuredId', member.member_cin);
  memberBlock(member, '2.patientName', '5', set);
  memberBlock(member, '4.insuredName', '7', set);
  const dob = member.dob ? dateParts(member.dob) : undefined;
  set('3.birthMonth', dob?.month);
  set('3.birthDay', dob?.day);
  set('3.birthYear', dob?.year);
  if (member.sex === 'M') set('3.male', CHECKED);
  if (member.sex === 'F') set('3.female', CHECKED);
  // The member is always the subscriber on Medi-Cal ECM claims (SBR*P*18 in the 837).
  set('6.self', CHECKED);
  set('10a.no', CHECKED);
  set('10b.no', CHECKED);
  set('10c.no', CHECKED);
  set('11.policyGroup', member.plan_member_id ? formText(member.plan_member_id) : undefined);
  set('11a.birthMonth', dob?.month);
  set('11a.birthDay', dob?.day);
  set('11a.birthYear', dob?.year);
  if (member.sex === 'M') set('11a.male', CHECKED);
  if (member.sex === 'F') set('11a.female', CHECKED);
  set('11c.planName', nameText(parties.payer.name));
  set('11d.no', CHECKED);
  set('12.signed', SIGNATURE_ON_FILE);
  set('13.signed', SIGNATURE_ON_FILE);

  set('21.icdIndicator', ICD10_INDICATOR);
  claim.diagnoses.forEach((code, i) => set(`21.${DIAGNOSIS_LETTERS[i]}`, normalizeDiagnosis(code)));

  if (claim.frequency !== '1') {
    if (!claim.originalReference) {
      throw new Cms1500Error(claim.id, `is a frequency ${claim.frequency} claim without the payer's original reference number for box 22`);
    }
    set('22.resubmissionCode', claim.frequency);
    set('22.originalReference', formText(claim.originalReference));
  }

  const org = parties.organization;
  set('25.taxId', org.tin);
  set('25.ein', CHECKED);
  set('26.accountNumber', claim.id);
  set('27.yes', CHECKED);
  const total = claim.lines.reduce((sum, line) => sum.plus(line.charge), new Decimal(0));
  const [totalDollars, totalCents] = moneyParts(total);
  set('28.dollars', totalDollars);
  set('28.cents', totalCents);

  set('31.signed', SIGNATURE_ON_FILE);
  set('31.date', shortDate(clock.date));
  organizationBlock(org, '32', set);
  set('32a.npi', org.npi);
  organizationBlock(org, '33', set);
  set('33.phoneArea', org.contact.phone.slice(0, 3));
  set('33.phoneNumber', org.contact.phone.slice(3));
  set('33a.npi', org.npi);
  if (org.taxonomy) set('33b.otherId', `${TAXONOMY_QUALIFIER}${org.taxonomy}`);

  const lines = claim.lines.map((line) => serviceLine(parties, claim.id, claim.diagnoses.length, line));
  return { claimId: claim.id, fields, lines };
}

function serviceLine(parties: SubmissionParties, claimId: string, diagnosisCount: number, line: ClaimLine): FieldValues {
  const values = new Map<string, string>();
  const date = dateParts(line.serviceDate);
  values.set('24A.fromMonth', date.month);
  values.set('24A.fromDay', date.day);
  values.set('24A.fromYear', date.shortYear);
  values.set('24A.toMonth', date.month);
  values.set('24A.toDay', date.day);
  values.set('24A.toYear', date.shortYear);
  values.set('24B.placeOfService', line.placeOfService);
  values.set('24D.procedure', line.code);
  if (line.modifiers.length > MAX_MODIFIERS) {
    throw new Cms1500Error(claimId, `line ${line.lineNumber} has ${line.modifiers.length} modifiers but box 24D holds ${MAX_MODIFIERS}`);
  }
  line.modifiers.forEach((modifier, i) => values.set(`24D.modifier${i + 1}`, modifier));
  values.set('24E.diagnosisPointer', pointerLetters(claimId, line, diagnosisCount));
  const [dollars, cents] = moneyParts(new Decimal(line.charge));
  values.set('24F.dollars', dollars);
  values.set('24F.cents', cents);
  values.set('24G.units', unitsText(line.units));

  const staff = parties.staff.get(line.renderingStaffId);
  const rendering = staff?.npi
    ? { npi: staff.npi, taxonomy: staff.taxonomy }
    : { npi: parties.organization.npi, taxonomy: parties.organization.taxonomy };
  if (rendering.npi) values.set('24J.npi', rendering.npi);
  if (rendering.npi && rendering.taxonomy) {
    values.set('24I.qualifier', TAXONOMY_QUALIFIER);
    values.set('24J.otherId', rendering.taxonomy);
  }
  return values;
}

function pointerLetters(claimId: string, line: ClaimLine, diagnosisCount: number): string {
  return line.diagnosisPointers
    .map((pointer) => {
      if (!Number.isInteger(pointer) || pointer < 1 || pointer > diagnosisCount) {
        throw new Cms1500Error(claimId, `line ${line.lineNumber} points to diagnosis ${pointer}, but the claim has ${diagnosisCount}`);
      }
      return DIAGNOSIS_LETTERS[pointer - 1] ?? '';
    })
    .join('');
}

type Setter = (key: string, value: string | undefined) => void;

/** The carrier block is four free lines: name, street (one or two lines), city. */
function payerBlock(payer: Payer, set: Setter): void {
  const address = payer.paperAddress;
  const lines = [
    nameText(payer.name),
    address ? addressText(address.line1) : undefined,
    address?.line2 ? addressText(address.line2) : undefined,
    address ? cityStateZip(address) : undefined,
  ].filter((line): line is string => line !== undefined && line !== '');
  lines.forEach((line, i) => set(`carrier.line${i + 1}`, line));
}

/** Boxes 2/5 (patient) and 4/7 (insured) hold the same person: the member is the subscriber. */
function memberBlock(member: Member, nameKey: string, addressBox: '5' | '7', set: Setter): void {
  set(nameKey, personName(member));
  set(`${addressBox}.street`, streetLine(member.address_line1, member.address_line2, fieldWidth(loadCms1500Layout(), `${addressBox}.street`)));
  set(`${addressBox}.city`, member.city ? addressText(member.city) : undefined);
  set(`${addressBox}.state`, member.state);
  set(`${addressBox}.zip`, member.zip ? zipWithHyphen(member.zip) : undefined);
  if (member.phone) {
    set(`${addressBox}.phoneArea`, member.phone.slice(0, 3));
    set(`${addressBox}.phoneNumber`, member.phone.slice(3));
  }
}

function organizationBlock(org: Organization, box: '32' | '33', set: Setter): void {
  set(`${box}.name`, nameText(org.name));
  const street = [org.address.line1, org.address.line2].filter((part): part is string => !!part).join(' ');
  set(`${box}.street`, streetText(street, fieldWidth(loadCms1500Layout(), `${box}.street`)));
  set(`${box}.cityStateZip`, cityStateZip(org.address));
}

/**
 * Box 5 and 7 have one street line. When the member's two address lines do not fit together and
 * only the second starts with a house number (a shelter or care-of name first), the street wins.
 */
function streetLine(line1: string | undefined, line2: string | undefined, width: number): string | undefined {
  const first = line1 ? addressText(line1) : '';
  const second = line2 ? addressText(line2) : '';
  const joined = [first, second].filter((part) => part !== '').join(' ');
  if (joined.length <= width || !first || !second) return joined || undefined;
  const startsWithNumber = (line: string) => /^\d/.test(line);
  return startsWithNumber(second) && !startsWithNumber(first) ? second : joined;
}

