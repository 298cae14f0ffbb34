// The 837I (005010X223A2) for one payer's ECM claims.
//
// Decisions where the guide leaves a choice:
// - CL1 carries only the patient status (CL103 = 01, discharged to home or self care): the
//   admission type and source are required only on inpatient claims, and ECM is not one.
// - HI: the principal diagnosis alone in an ABK segment (that segment allows one composite),
//   the rest as ABF, twelve to a segment, two segments at most. With reasonForVisit (default on)
//   the principal diagnosis is also sent as the patient's reason for visit (APR), which the guide
//   asks for on outpatient visit claims.
// - 2310A attending provider, which the guide requires on every claim but nonscheduled
//   transportation: the rendering staff member with an NPI who has the most lines on the claim
//   (ties go to the earlier line). When nobody on the claim has an NPI (community health workers
//   usually have none) the attending provider is still sent, name only, for the staff member
//   with the most lines: NM108/NM109 are situational and are left out for providers who are not
//   eligible for an NPI.

import type { Claim } from '../../domain/claim.js';
import { normalizeDiagnosis } from '../../domain/identifiers.js';
import type { Staff } from '../../domain/reference.js';
import type { ClaimWithParties, InterchangeControl, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { build837, claimServiceIds, lineContext, staffOf, X12RenderError, type Format837, type Render837Options } from './837-common.js';
import { segment, type X12Segment } from './segment.js';
import { x12Amount, x12Date, x12DateRange, x12Quantity } from './values.js';
import { toX12String } from './writer.js';

export const X223A2 = '005010X223A2';
export const MAX_LINES_837I = 999;
/** one principal plus two HI segments of twelve other diagnoses */
export const MAX_DIAGNOSES_837I = 25;
const OTHER_DIAGNOSES_PER_SEGMENT = 12;
/** CL103: discharged to home or self care */
const PATIENT_STATUS = '01';

export interface Render837iOptions extends Render837Options {
  /** also send the principal diagnosis as the patient's reason for visit (HI*APR); default true */
  reasonForVisit?: boolean;
}

export function institutionalProfile(parties: SubmissionParties) {
  const profile = parties.payer.institutional;
  if (!profile) {
    throw new X12RenderError(
      `payer "${parties.payer.id}" (${parties.payer.name}) has no institutional profile: set payer.institutional.revenueCode and payer.institutional.facilityTypeCode to bill it on an 837I`,
      'payer.institutional',
    );
  }
  return profile;
}

/** The attending provider chosen as described at the top of this file. */
export function attendingStaff(claim: Claim, parties: SubmissionParties): Staff {
  const tally = new Map<string, { staff: Staff; lines: number; first: number }>();
  claim.lines.forEach((line, i) => {
    const staff = staffOf(parties, claim, line);
    const entry = tally.get(staff.staff_id);
    if (entry) entry.lines++;
    else tally.set(staff.staff_id, { staff, lines: 1, first: i });
  });
  const ranked = [...tally.values()].sort((a, b) => Number(Boolean(b.staff.npi)) - Number(Boolean(a.staff.npi)) || b.lines - a.lines || a.first - b.first);
  return ranked[0]!.staff;
}

function statementPeriod(claim: Claim): string {
  let first = claim.lines[0]!.serviceDate;
  let last = first;
  for (const line of claim.lines) {
    if (line.serviceDate < first) first = line.serviceDate;
    if (line.serviceDate > last) last = line.serviceDate;
  }
  return x12DateRange(first, last);
}

function claimSegmentsFor(options: Render837iOptions) {
  return function* claimSegments(claim: Claim, parties: SubmissionParties): Generator<X12Segment> {
    const profile = institutionalProfile(parties);
    const ctx = { loop: '2300', claimId: claim.id, serviceIds: claimServiceIds(claim) };
    yield segment('CLM', [claim.id, x12Amount(claim.totalCharge), '', '', [profile.facilityTypeCode, 'A', claim.frequency], '', 'A', 'Y', 'Y'], ctx);
    yield segment('DTP', ['434', 'RD8', statementPeriod(claim)], ctx);
    yield segment('CL1', ['', '', PATIENT_STATUS], ctx);
    if (claim.frequency === '7' || claim.frequency === '8') yield segment('REF', ['F8', claim.originalReference ?? ''], ctx);

    const [principal, ...others] = claim.diagnoses.map(normalizeDiagnosis);
    yield segment('HI', [['ABK', principal ?? '']], ctx);
    if ((options.reasonForVisit ?? true) && principal) yield segment('HI', [['APR', principal]], ctx);
    for (let i = 0; i < others.length; i += OTHER_DIAGNOSES_PER_SEGMENT) {
      yield segment('HI', others.slice(i, i + OTHER_DIAGNOSES_PER_SEGMENT).map((dx) => ['ABF', dx]), ctx);
    }

    const attending = attendingStaff(claim, parties);
    const actx = { ...ctx, loop: '2310A' };
    yield segment('NM1', ['71', '1', attending.last_name, attending.first_name, '', '', '', attending.npi ? 'XX' : '', attending.npi ?? ''], actx);
    if (attending.taxonomy) yield segment('PRV', ['AT', 'PXC', attending.taxonomy], actx);

    for (const [i, line] of claim.lines.entries()) {
      const lctx = lineContext('2400', claim, line);
      yield segment('LX', [String(i + 1)], lctx);
      yield segment('SV2', [profile.revenueCode, ['HC', line.code, ...line.modifiers], x12Amount(line.charge), 'UN', x12Quantity(line.units)], lctx);
      yield segment('DTP', ['472', 'D8', x12Date(line.serviceDate)], lctx);
    }
  };
}

/** The 837I's loops, once the payer profile has what the institutional claim needs. */
export function format837i(parties: SubmissionParties, options: Render837iOptions): Format837 {
  institutionalProfile(parties);
  return { version: X223A2, claimSegments: claimSegmentsFor(options), limits: { lines: MAX_LINES_837I, diagnoses: MAX_DIAGNOSES_837I, format: '837I' } };
}

/** The interchange as a lazy, re-iterable sequence of segments (check it, then stream it). */
export function build837i(
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  clock: SubmissionClock,
  control: InterchangeControl,
  options: Render837iOptions,
): Iterable<X12Segment> {
  return build837(format837i(parties, options), parties, claims, clock, control, options);
}

/** The interchange as one string. */
export function render837i(
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  clock: SubmissionClock,
  control: InterchangeControl,
  options: Render837iOptions,
): string {
  return toX12String(build837i(parties, claims, clock, control, options), options);
}
