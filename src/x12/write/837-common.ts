// What the 837P and the 837I share: the header and billing-provider loops, the subscriber
// loops, and the cutting of a payer's claims into transaction sets and HL levels.
//
// Hierarchy decision: the member is always the subscriber (Medi-Cal members are their own
// subscribers), so there is no 2000C level, and all claims of one member in a transaction set
// share one 2000B. Claims are grouped by member in order of the member's first claim, keeping
// the input order within a member. A 2000B holds at most 100 claims (the 2300 loop's repeat);
// a member with more gets another 2000B. A transaction set holds at most 5,000 claims (the
// guides' recommended ceiling), after which a new ST/SE starts in the same GS; HL numbers
// restart at 1 in each transaction set because they only need to be unique within one.

import type { Claim, ClaimLine } from '../../domain/claim.js';
import type { Member, Staff } from '../../domain/reference.js';
import type { ClaimWithParties, InterchangeControl, SubmissionClock, SubmissionParties } from '../../domain/submission.js';
import { checkEnvelopeInputs, interchange, type InterchangeHeader, type TransactionSet } from './envelope.js';
import { segment, type X12Segment } from './segment.js';
import { x12Date, x12Time } from './values.js';
import { resolveSeparators, type WriterOptions } from './writer.js';
import { groupBy } from '../../domain/grouping.js';

export interface Render837Options extends WriterOptions {
  /** BHT03: the originator's id for this batch */
  batchId: string;
  /** start a new transaction set after this many claims; default and maximum 5,000 */
  maxClaimsPerTransaction?: number;
  /** ISA14: ask the receiver for a TA1 */
  acknowledgmentRequested?: boolean;
}

/** The input cannot be expressed in the transaction at all; validation should have stopped it. */
export class X12RenderError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly claimId?: string,
  ) {
    super(message);
    this.name = 'X12RenderError';
  }
}

export const MAX_CLAIMS_PER_TRANSACTION = 5000;
export const MAX_CLAIMS_PER_SUBSCRIBER = 100;

export interface SubscriberGroup {
  member: Member;
  claims: readonly Claim[];
}

export type TransactionPlan = readonly SubscriberGroup[];

/**
 * Cut items (claims, or just their ids) into transaction sets of subscriber groups (see the
 * decision at the top): sets of groups of items, each group one member's.
 */
export function planSets<T>(items: readonly T[], memberOf: (item: T) => string, maxClaims = MAX_CLAIMS_PER_TRANSACTION): T[][][] {
  if (!Number.isInteger(maxClaims) || maxClaims < 1 || maxClaims > MAX_CLAIMS_PER_TRANSACTION) {
    throw new RangeError(`maxClaimsPerTransaction must be 1..${MAX_CLAIMS_PER_TRANSACTION}, got ${maxClaims}`);
  }
  const byMember = groupBy(items, memberOf);
  const sets: T[][][] = [];
  let current: T[][] = [];
  let inCurrent = 0;
  for (const memberItems of byMember.values()) {
    let i = 0;
    while (i < memberItems.length) {
      if (inCurrent === maxClaims) {
        sets.push(current);
        current = [];
        inCurrent = 0;
      }
      const take = Math.min(MAX_CLAIMS_PER_SUBSCRIBER, maxClaims - inCurrent, memberItems.length - i);
      current.push(memberItems.slice(i, i + take));
      inCurrent += take;
      i += take;
    }
  }
  if (current.length) sets.push(current);
  return sets;
}

export function planTransactionSets(claims: readonly ClaimWithParties[], maxClaims = MAX_CLAIMS_PER_TRANSACTION): TransactionPlan[] {
  return planSets(claims, (c) => c.member.member_cin, maxClaims).map((set) => set.map((group) => ({ member: group[0]!.member, claims: group.map((c) => c.claim) })));
}

/**
 * Subscriber groups as planned by planSets (claims of one member, at most 100 to a group),
 * checked as they are read: a transaction set's groups can then be loaded a few at a time.
 */
export function* checkedGroups(parties: SubmissionParties, groups: Iterable<readonly ClaimWithParties[]>, limits: Format837['limits']): Generator<SubscriberGroup> {
  for (const group of groups) {
    const member = group[0]?.member;
    if (!member || group.length > MAX_CLAIMS_PER_SUBSCRIBER || group.some((c) => c.member.member_cin !== member.member_cin)) {
      throw new RangeError(`a subscriber group must hold 1 to ${MAX_CLAIMS_PER_SUBSCRIBER} claims of one member`);
    }
    checkClaims(parties, group, limits);
    yield { member, claims: group.map((c) => c.claim) };
  }
}

export function claimServiceIds(claim: Claim): string[] {
  return claim.lines.flatMap((l) => l.serviceIds);
}

export function lineContext(loop: string, claim: Claim, line: ClaimLine) {
  return { loop, claimId: claim.id, lineNumber: line.lineNumber, serviceIds: line.serviceIds };
}

export function staffOf(parties: SubmissionParties, claim: Claim, line: ClaimLine): Staff {
  const staff = parties.staff.get(line.renderingStaffId);
  if (!staff) {
    throw new X12RenderError(`claim ${claim.id} line ${line.lineNumber}: rendering staff "${line.renderingStaffId}" is not in the staff list`, 'renderingStaffId', claim.id);
  }
  return staff;
}

/** Checks that hold for any 837 before a byte is written. */
export function checkClaims(parties: SubmissionParties, claims: readonly ClaimWithParties[], limits: Format837['limits']): void {
  for (const { claim, member } of claims) {
    if (claim.payerId !== parties.payer.id) {
      throw new X12RenderError(`claim ${claim.id} is for payer "${claim.payerId}", not "${parties.payer.id}"`, 'payerId', claim.id);
    }
    if (claim.memberCin !== member.member_cin) {
      throw new X12RenderError(`claim ${claim.id} is for member ${claim.memberCin} but came with member ${member.member_cin}`, 'memberCin', claim.id);
    }
    if (claim.lines.length === 0) throw new X12RenderError(`claim ${claim.id} has no lines`, 'lines', claim.id);
    if (claim.lines.length > limits.lines) {
      throw new X12RenderError(`claim ${claim.id} has ${claim.lines.length} lines; the ${limits.format} allows ${limits.lines}`, 'lines', claim.id);
    }
    if (claim.diagnoses.length === 0) throw new X12RenderError(`claim ${claim.id} has no diagnosis`, 'diagnoses', claim.id);
    if (claim.diagnoses.length > limits.diagnoses) {
      throw new X12RenderError(`claim ${claim.id} has ${claim.diagnoses.length} diagnoses; the ${limits.format} allows ${limits.diagnoses}`, 'diagnoses', claim.id);
    }
    for (const line of claim.lines) {
      if (line.modifiers.length > 4) {
        throw new X12RenderError(`claim ${claim.id} line ${line.lineNumber} has ${line.modifiers.length} modifiers; X12 carries 4`, 'modifiers', claim.id);
      }
      staffOf(parties, claim, line);
    }
  }
}

/** BHT and the 1000A submitter / 1000B receiver loops. */
export function* headerSegments(parties: SubmissionParties, clock: SubmissionClock, batchId: string): Generator<X12Segment> {
  const { organization: org, payer } = parties;
  yield segment('BHT', ['0019', '00', batchId, x12Date(clock.date), x12Time(clock.time), 'CH'], { loop: 'HEADER' });
  yield segment('NM1', ['41', '2', org.name, '', '', '', '', '46', payer.interchange.senderId], { loop: '1000A' });
  const contact = org.contact;
  yield segment('PER', ['IC', contact.name, 'TE', contact.phone, ...(contact.email ? ['EM', contact.email] : [])], { loop: '1000A' });
  yield segment('NM1', ['40', '2', payer.name, '', '', '', '', '46', payer.interchange.receiverId], { loop: '1000B' });
}

/** 2000A billing provider level (always HL 1) and its 2010AA name loop. */
export function* billingProviderSegments(parties: SubmissionParties): Generator<X12Segment> {
  const org = parties.organization;
  yield segment('HL', ['1', '', '20', '1'], { loop: '2000A' });
  if (org.taxonomy) yield segment('PRV', ['BI', 'PXC', org.taxonomy], { loop: '2000A' });
  const ctx = { loop: '2010AA' };
  // Without an NPI NM108/NM109 stay empty; the runtime rules report it (no NPI means invoice).
  yield segment('NM1', ['85', '2', org.name, '', '', '', '', org.npi ? 'XX' : '', org.npi ?? ''], ctx);
  yield segment('N3', [org.address.line1, org.address.line2 ?? ''], ctx);
  yield segment('N4', [org.address.city, org.address.state, org.address.zip], ctx);
  yield segment('REF', ['EI', org.tin], ctx);
}

/** 2000B subscriber level with 2010BA (the member) and 2010BB (the payer). */
export function* subscriberSegments(parties: SubmissionParties, hlId: number, group: SubscriberGroup): Generator<X12Segment> {
  const { member } = group;
  const payer = parties.payer;
  const serviceIds = group.claims.flatMap(claimServiceIds);
  const level = { loop: '2000B', serviceIds };
  const name = { loop: '2010BA', serviceIds };
  yield segment('HL', [String(hlId), '1', '22', '0'], level);
  yield segment('SBR', ['P', '18', '', '', '', '', '', '', payer.claimFilingIndicator], level);
  yield segment('NM1', ['IL', '1', member.last_name, member.first_name, member.middle_name ?? '', '', '', 'MI', member.member_cin], name);
  // A member with no address at all gets no N3/N4; a partial one is sent with its gaps so the
  // runtime rules name the missing part instead of the address vanishing silently. DMG is
  // required whenever the member is the patient, so a missing birth date shows up the same way.
  if (member.address_line1 || member.address_line2 || member.city || member.state || member.zip) {
    yield segment('N3', [member.address_line1 ?? '', member.address_line2 ?? ''], name);
    yield segment('N4', [member.city ?? '', member.state ?? '', member.zip ?? ''], name);
  }
  yield segment('DMG', ['D8', member.dob ? x12Date(member.dob) : '', member.sex], name);
  yield segment('NM1', ['PR', '2', payer.name, '', '', '', '', 'PI', payer.ediPayerId], { loop: '2010BB', serviceIds });
}

export interface Format837 {
  /** GS08 and ST03 */
  version: string;
  /** the 2300 loop and everything under it, for one claim */
  claimSegments: (claim: Claim, parties: SubmissionParties) => Iterable<X12Segment>;
  /** what a claim may hold in this guide */
  limits: { lines: number; diagnoses: number; format: string };
}

/** A run of a transaction set's subscriber groups; the first run of a set carries its header. */
export interface BodyPart {
  groups: Iterable<SubscriberGroup>;
  /** HL01 of the first group (2 when it is the set's first, after the billing provider's 1) */
  firstHl: number;
  header: boolean;
}

/** The segments of one part of a transaction set's body (between ST and SE). */
export function* transactionBodyPart(parties: SubmissionParties, clock: SubmissionClock, batchId: string, format: Format837, part: BodyPart): Generator<X12Segment> {
  if (part.header) {
    yield* headerSegments(parties, clock, batchId);
    yield* billingProviderSegments(parties);
  }
  let hl = part.firstHl;
  for (const group of part.groups) {
    yield* subscriberSegments(parties, hl++, group);
    for (const claim of group.claims) yield* format.claimSegments(claim, parties);
  }
}

/**
 * The ISA/GS header of an 837 interchange for `sets` transaction sets, its inputs checked before
 * anything is written. Shared by the one-piece renderer below and the export that joins parts.
 */
export function interchangeHeader837(
  format: Format837,
  parties: SubmissionParties,
  clock: SubmissionClock,
  control: InterchangeControl,
  options: WriterOptions & { acknowledgmentRequested?: boolean },
  sets: number,
): InterchangeHeader {
  checkEnvelopeInputs(control, clock, sets);
  return {
    interchange: parties.payer.interchange,
    clock,
    control,
    functionalId: 'HC',
    version: format.version,
    acknowledgmentRequested: options.acknowledgmentRequested ?? false,
    separators: resolveSeparators(options.separators),
  };
}

/**
 * The whole interchange as a lazy, re-iterable sequence of segments: iterate it once to run the
 * runtime checks and again to write, without holding the text in memory.
 */
export function build837(
  format: Format837,
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  clock: SubmissionClock,
  control: InterchangeControl,
  options: Render837Options,
): Iterable<X12Segment> {
  if (claims.length === 0) throw new X12RenderError('there are no claims to put in the 837', 'claims');
  checkClaims(parties, claims, format.limits);
  const plans = planTransactionSets(claims, options.maxClaimsPerTransaction);
  const header = interchangeHeader837(format, parties, clock, control, options, plans.length);
  return {
    [Symbol.iterator]: () =>
      interchange(
        header,
        plans.map(
          (plan): TransactionSet => ({
            id: '837',
            implementationReference: format.version,
            body: { [Symbol.iterator]: () => transactionBodyPart(parties, clock, options.batchId, format, { groups: plan, firstHl: 2, header: true }) },
          }),
        ),
      ),
  };
}
