// The 837P (005010X222A1) for one payer's ECM claims; shape in domain.md.
//
// Rendering provider: one 2310B for the claim when every line was rendered by the same person
// and that person has an NPI; otherwise a 2420A on each line whose rendering staff member has
// an NPI. Lines without one are rendered by the billing provider, which the guide takes from
// 2010AA when no rendering provider is named. A staff NPI equal to the billing NPI is never
// repeated, since the guide names a rendering provider only when it differs from 2010AA.

import type { Claim } from '../../domain/claim.js';
import { normalizeDiagnosis } from '../../domain/identifiers.js';
import type { Staff } from '../../domain/reference.js';
import type { ClaimWithParties, InterchangeControl, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { build837, claimServiceIds, lineContext, staffOf, type Format837, type Render837Options } from './837-common.js';
import { segment, type X12Element, type X12Segment } from './segment.js';
import { x12Amount, x12Date, x12Quantity } from './values.js';
import { toX12String } from './writer.js';

export const X222A1 = '005010X222A1';
export const MAX_LINES_837P = 50;
export const MAX_DIAGNOSES_837P = 12;

function renderingNpi(staff: Staff, parties: SubmissionParties): string | undefined {
  return staff.npi && staff.npi !== parties.organization.npi ? staff.npi : undefined;
}

// A rendering provider's NM1 and PRV elements are the same on every line they render: made once
// per staff member (elements are never changed after a segment is made).
const providerElements = new WeakMap<Staff, { nm1: readonly X12Element[]; prv?: readonly X12Element[] }>();

function* renderingProvider(loop: '2310B' | '2420A', staff: Staff, npi: string, ctx: { claimId: string; lineNumber?: number; serviceIds: readonly string[] }): Generator<X12Segment> {
  const context = { ...ctx, loop };
  let elements = providerElements.get(staff);
  if (elements?.nm1[8] !== npi) {
    elements = { nm1: ['82', '1', staff.last_name, staff.first_name, '', '', '', 'XX', npi], ...(staff.taxonomy ? { prv: ['PE', 'PXC', staff.taxonomy] } : {}) };
    providerElements.set(staff, elements);
  }
  yield segment('NM1', elements.nm1, context);
  if (elements.prv) yield segment('PRV', elements.prv, context);
}

function* claimSegments(claim: Claim, parties: SubmissionParties): Generator<X12Segment> {
  const serviceIds = claimServiceIds(claim);
  const ctx = { loop: '2300', claimId: claim.id, serviceIds };
  yield segment('CLM', [claim.id, x12Amount(claim.totalCharge), '', '', [claim.placeOfService, 'B', claim.frequency], 'Y', 'A', 'Y', 'Y'], ctx);
  if (claim.frequency === '7' || claim.frequency === '8') yield segment('REF', ['F8', claim.originalReference ?? ''], ctx);
  yield segment('HI', claim.diagnoses.map((dx, i) => [i === 0 ? 'ABK' : 'ABF', normalizeDiagnosis(dx)]), ctx);

  const staff = claim.lines.map((line) => staffOf(parties, claim, line));
  const first = staff[0]!;
  const firstNpi = renderingNpi(first, parties);
  const claimLevel = firstNpi !== undefined && staff.every((s) => s.staff_id === first.staff_id);
  if (claimLevel) yield* renderingProvider('2310B', first, firstNpi, { claimId: claim.id, serviceIds });

  for (let i = 0; i < claim.lines.length; i++) {
    const line = claim.lines[i]!;
    const lctx = lineContext('2400', claim, line);
    yield segment('LX', [String(i + 1)], lctx);
    yield segment(
      'SV1',
      [
        ['HC', line.code, ...line.modifiers],
        x12Amount(line.charge),
        'UN',
        x12Quantity(line.units),
        line.placeOfService === claim.placeOfService ? '' : line.placeOfService,
        '',
        line.diagnosisPointers.map(String),
      ],
      lctx,
    );
    yield segment('DTP', ['472', 'D8', x12Date(line.serviceDate)], lctx);
    const lineStaff = staff[i]!;
    const npi = renderingNpi(lineStaff, parties);
    if (!claimLevel && npi) yield* renderingProvider('2420A', lineStaff, npi, { claimId: claim.id, lineNumber: line.lineNumber, serviceIds: line.serviceIds });
  }
}

export const FORMAT_837P: Format837 = { version: X222A1, claimSegments, limits: { lines: MAX_LINES_837P, diagnoses: MAX_DIAGNOSES_837P, format: '837P' } };

/** The interchange as a lazy, re-iterable sequence of segments (check it, then stream it). */
export function build837p(
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  clock: SubmissionClock,
  control: InterchangeControl,
  options: Render837Options,
): Iterable<X12Segment> {
  return build837(FORMAT_837P, parties, claims, clock, control, options);
}

/** The interchange as one string. */
export function render837p(
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  clock: SubmissionClock,
  control: InterchangeControl,
  options: Render837Options,
): string {
  return toX12String(build837p(parties, claims, clock, control, options), options);
}
