// What goes in each UB-04 (CMS-1450) form locator for one claim, as text keyed by the field keys
// of templates/ub04.json: the same facts the 837I carries (src/x12/write/837i.ts), on paper.
// Kept apart from drawing so the values can be checked (and tested) without a PDF.
//
// Decisions where the NUBC manual leaves a choice or the brief asked for one:
// - FL 43 (description) is "ECM SERVICES", or "ECM OUTREACH" for an outreach line. FL 43 is for
//   the reader: payers adjudicate on the revenue code (FL 42) and the HCPCS code (FL 44). The
//   codesets carry no code descriptions, and the HCPCS descriptors of G9008 and G9012 (a
//   coordinated care fee, other case management) would tell a reader less than the activity does.
// - FL 44 is the HCPCS code with its modifiers written straight after it, up to 14 characters
//   (G9008U1GQ), as NUBC prints them.
// - FL 8a stays empty: NUBC asks for it only when the patient's id differs from the insured's
//   (FL 60), and on Medi-Cal ECM claims the member is always the insured.
// - FL 70a carries the principal diagnosis as the patient's reason for visit, as the 837I's
//   HI*APR does by default.
// - Names follow NUBC: upper case, last name, first name, middle initial, separated by spaces,
//   without punctuation (a hyphen inside a double surname stays); addresses as on the CMS-1500.
// - FL 47 on line 23 totals the lines of the claim, as FL 47 of its lines add up on paper.
// - FL 76 (attending) is the staff member the 837I names in 2310A, with their NPI when they have
//   one; FL 81 carries the billing provider's taxonomy under qualifier B3.

import { Decimal } from 'decimal.js';
import type { Claim, ClaimLine } from '../domain/claim.js';
import { normalizeDiagnosis } from '../domain/identifiers.js';
import type { Member, Organization, Payer, Staff } from '../domain/reference.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import { X12RenderError } from '../x12/write/837-common.js';
import { attendingStaff, institutionalProfile } from '../x12/write/837i.js';
import { zipWithHyphen } from './address-text.js';
import { type FormLayout, fieldWidth, loadFormLayout } from './paper/form-layout.js';
import { type FieldValues, type FormPage, FormError } from './paper/form-page.js';
import { addressText, cityStateZip, dateParts, formText, moneyParts, nameText, plainName, streetText, unitsText } from './paper/form-text.js';

export const UB04_TEMPLATE = 'templates/ub04.json';
/** FL 42-49 hold 22 service lines a page; line 23 is the page's own. */
export const UB04_LINES_PER_PAGE = 22;
/** FL 67 (principal) and 67A-67Q. */
export const UB04_MAX_DIAGNOSES = 18;
const OTHER_DIAGNOSIS_LETTERS = 'ABCDEFGHIJKLMNOPQ';
/** HCPCS code (5) and four modifiers (2 each) fill FL 44's 14 positions. */
const MAX_MODIFIERS = 4;

/** FL 66: ICD-10-CM (9 would be ICD-9). */
const ICD10_QUALIFIER = '0';
/** FL 17, as CL103 of the 837I: discharged to home or self care. */
const PATIENT_STATUS = '01';
/** FL 59: the patient is the insured (SBR02 18). */
const SELF = '18';
/** FL 52 and 53: release of information and assignment of benefits on file (CLM08, CLM09 Y). */
const YES = 'Y';
/** FL 42 on the last page's line 23: the total of the claim's charges. */
const TOTAL_REVENUE_CODE = '0001';
/** FL 81: the billing provider's taxonomy code. */
const TAXONOMY_QUALIFIER = 'B3';
const ECM_DESCRIPTION = 'ECM SERVICES';
const OUTREACH_DESCRIPTION = 'ECM OUTREACH';

export type { FieldValues } from './paper/form-page.js';

export class Ub04Error extends FormError {
  constructor(claimId: string, message: string) {
    super(claimId, message);
    this.name = 'Ub04Error';
  }
}

export function loadUb04Layout(): FormLayout {
  return loadFormLayout(UB04_TEMPLATE);
}

type Setter = (key: string, value: string | undefined) => void;

/** The pages of one claim: 22 service lines each, every page repeating the claim's fields. */
export function ub04Pages(parties: SubmissionParties, item: ClaimWithParties, clock: SubmissionClock): FormPage[] {
  const { claim, member } = item;
  checkClaim(parties, item);
  const profile = fromX12(claim.id, () => institutionalProfile(parties));
  const attending = fromX12(claim.id, () => attendingStaff(claim, parties));

  const claimFields = new Map<string, string>();
  const set: Setter = (key, value) => {
    if (value !== undefined && value !== '') claimFields.set(key, value);
  };
  providerBlock(parties.organization, set);
  set('fl3a.patientControl', formText(claim.id));
  set('fl4.typeOfBill', `0${profile.facilityTypeCode}${claim.frequency}`);
  set('fl5.taxId', `${parties.organization.tin.slice(0, 2)}-${parties.organization.tin.slice(2)}`);
  const [from, through] = statementPeriod(claim);
  set('fl6.from', mmddyy(from));
  set('fl6.through', mmddyy(through));
  patientBlock(member, set);
  set('fl17.status', PATIENT_STATUS);
  payerBlock(parties.payer, set);
  set('fl56.npi', parties.organization.npi);
  set('fl58.insuredNameA', memberName(member));
  set('fl59.relationshipA', SELF);
  set('fl60.insuredIdA', member.member_cin);
  if (claim.frequency === '7' || claim.frequency === '8') set('fl64.documentControlA', formText(claim.originalReference ?? ''));
  diagnosisBlock(claim, set);
  attendingBlock(attending, set);
  if (parties.organization.taxonomy) {
    set('fl81.qualifiera', TAXONOMY_QUALIFIER);
    set('fl81.codea', parties.organization.taxonomy);
  }

  const lines = claim.lines.map((line) => serviceLine(claim.id, profile.revenueCode, line));
  const pageCount = Math.ceil(lines.length / UB04_LINES_PER_PAGE);
  const total = claim.lines.reduce((sum, line) => sum.plus(line.charge), new Decimal(0));
  const [totalDollars, totalCents] = moneyParts(total);
  return Array.from({ length: pageCount }, (_, index) => {
    const fields = new Map(claimFields);
    fields.set('line23.page', String(index + 1));
    fields.set('line23.pageCount', String(pageCount));
    fields.set('line23.creationDate', mmddyy(clock.date));
    if (index === pageCount - 1) {
      fields.set('line23.revenueCode', TOTAL_REVENUE_CODE);
      fields.set('line23.totalDollars', totalDollars);
      fields.set('line23.totalCents', totalCents);
    }
    return { claimId: claim.id, fields, lines: lines.slice(index * UB04_LINES_PER_PAGE, (index + 1) * UB04_LINES_PER_PAGE) };
  });
}

function checkClaim(parties: SubmissionParties, { claim, member }: ClaimWithParties): void {
  if (claim.memberCin !== member.member_cin) {
    throw new Ub04Error(claim.id, `is for member ${claim.memberCin} but came with member ${member.member_cin}`);
  }
  if (claim.payerId !== parties.payer.id) {
    throw new Ub04Error(claim.id, `is for payer ${claim.payerId} but is being printed for ${parties.payer.id}`);
  }
  if (claim.lines.length === 0) throw new Ub04Error(claim.id, 'has no service lines to print');
  if (claim.diagnoses.length === 0) throw new Ub04Error(claim.id, 'has no principal diagnosis for FL 67');
  if (claim.diagnoses.length > UB04_MAX_DIAGNOSES) {
    throw new Ub04Error(claim.id, `has ${claim.diagnoses.length} diagnoses but FL 67 and 67A-Q hold ${UB04_MAX_DIAGNOSES}`);
  }
  if ((claim.frequency === '7' || claim.frequency === '8') && !claim.originalReference) {
    throw new Ub04Error(claim.id, `is a frequency ${claim.frequency} claim without the payer's original reference number for FL 64`);
  }
}

/** The 837I's own checks (institutional profile, rendering staff) in the UB-04's error. */
function fromX12<T>(claimId: string, get: () => T): T {
  try {
    return get();
  } catch (err) {
    if (!(err instanceof X12RenderError)) throw err;
    // staffOf words its message "claim C000001 line 2: ..."; the Ub04Error names the claim itself.
    throw new Ub04Error(claimId, err.message.replace(new RegExp(`^claim ${claimId}:? `), ''));
  }
}

function serviceLine(claimId: string, revenueCode: string, line: ClaimLine): FieldValues {
  if (line.modifiers.length > MAX_MODIFIERS) {
    throw new Ub04Error(claimId, `line ${line.lineNumber} has ${line.modifiers.length} modifiers but FL 44 holds ${MAX_MODIFIERS}`);
  }
  const values = new Map<string, string>();
  values.set('fl42.revenueCode', revenueCode);
  values.set('fl43.description', line.activity === 'outreach' ? OUTREACH_DESCRIPTION : ECM_DESCRIPTION);
  values.set('fl44.hcpcs', [line.code, ...line.modifiers].join(''));
  values.set('fl45.serviceDate', mmddyy(line.serviceDate));
  values.set('fl46.units', unitsText(line.units));
  const [dollars, cents] = moneyParts(new Decimal(line.charge));
  values.set('fl47.dollars', dollars);
  values.set('fl47.cents', cents);
  return values;
}

/** FL 1: name, street, city state ZIP, telephone. */
function providerBlock(org: Organization, set: Setter): void {
  set('fl1.line1', nameText(org.name));
  const street = [org.address.line1, org.address.line2].filter((part): part is string => !!part).join(' ');
  set('fl1.line2', streetText(street, fieldWidth(loadUb04Layout(), 'fl1.line2')));
  set('fl1.line3', cityStateZip(org.address));
  const phone = org.contact.phone;
  set('fl1.line4', `${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`);
}

/** FL 8b-11: the member's name, address, birth date and sex. */
function patientBlock(member: Member, set: Setter): void {
  set('fl8b.patientName', memberName(member));
  const street = [member.address_line1, member.address_line2].filter((part): part is string => !!part).join(' ');
  set('fl9a.street', street === '' ? undefined : streetText(street, fieldWidth(loadUb04Layout(), 'fl9a.street')));
  set('fl9b.city', member.city ? addressText(member.city) : undefined);
  set('fl9c.state', member.state);
  set('fl9d.zip', member.zip ? zipWithHyphen(member.zip) : undefined);
  if (member.dob) {
    const dob = dateParts(member.dob);
    set('fl10.birthDate', `${dob.month}${dob.day}${dob.year}`);
  }
  set('fl11.sex', member.sex);
}

/** FL 50-53, line A: Medi-Cal through the plan is the only payer. */
function payerBlock(payer: Payer, set: Setter): void {
  set('fl50.payerNameA', nameText(payer.name));
  set('fl51.healthPlanIdA', formText(payer.ediPayerId));
  set('fl52.releaseOfInfoA', YES);
  set('fl53.assignmentA', YES);
}

function diagnosisBlock(claim: Claim, set: Setter): void {
  const [principal, ...others] = claim.diagnoses.map(normalizeDiagnosis);
  set('fl66.qualifier', ICD10_QUALIFIER);
  set('fl67.principal', principal);
  others.forEach((code, i) => set(`fl67.${OTHER_DIAGNOSIS_LETTERS[i]}`, code));
  set('fl70.a', principal);
}

function attendingBlock(staff: Staff, set: Setter): void {
  set('fl76.npi', staff.npi);
  set('fl76.last', plainName(staff.last_name));
  set('fl76.first', plainName(staff.first_name));
}

/** NUBC: last name, first name, middle initial, no punctuation. */
export function memberName(member: Pick<Member, 'last_name' | 'first_name' | 'middle_name'>): string {
  const initial = member.middle_name?.trim().charAt(0);
  return plainName([member.last_name, member.first_name, initial].filter((part): part is string => !!part).join(' '));
}

/** First and last date of service: FL 6, as DTP*434 of the 837I. */
function statementPeriod(claim: Claim): [string, string] {
  const dates = claim.lines.map((line) => line.serviceDate).sort();
  return [dates[0]!, dates[dates.length - 1]!];
}

/** MMDDYY, the UB-04's date (FL 6, 45 and line 23); only the birth date (FL 10) has the century. */
function mmddyy(date: string): string {
  const parts = dateParts(date);
  return `${parts.month}${parts.day}${parts.shortYear}`;
}
