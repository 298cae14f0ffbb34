// The pure half of a build: a slice of members' billable rows becomes numbered, format-decided,
// validated claims. No database and no clock here (the day arrives as a date), so the same code
// runs on the main thread for small builds and in a worker thread for large ones, with the same
// result for the same input.

import { codesets } from '../codesets/index.js';
import { assembleClaims, type CodedService } from '../billing/claim-assembly.js';
import { claimIdOf, type Claim, type ValidationIssue } from '../domain/claim.js';
import type { Member, Organization, Payer, Staff } from '../domain/reference.js';
import { hasErrors } from '../validation/runner.js';
import { DuplicateIndex, type DuplicateRow } from '../validation/duplicate-index.js';
import { decideClaimFormatOn } from './document-formats.js';
import { validationStamp } from './validation-stamp.js';

export interface BuildSliceSetup {
  organization: Organization;
  payers: readonly Payer[];
  staff: readonly Staff[];
  /** the calendar day the claims are validated on */
  day: string;
  /** ids of the unsent claims the build replaces, by natural key, so a rebuild keeps them */
  keptIds: ReadonlyArray<readonly [string, string]>;
  /** live claim lines in the build's date range (ClaimStore.duplicateRows) */
  duplicates: readonly DuplicateRow[];
  /** stampBase (validation-stamp.ts) as of this build: ready claims are stamped with it */
  stampBase: string;
}

export interface BuildSliceInput {
  /** the slice's place in the build: provisional ids are unique per slice */
  slice: number;
  /** the slice's billable service rows as stored (JSON), ordered by service id */
  rows: readonly string[];
  /** the slice's members as stored (JSON) */
  members: readonly string[];
}

export type BuiltClaim = Claim & { key: string; validatedFor?: string };

export interface BuildSliceOutput {
  claims: BuiltClaim[];
  /** rows that are on no claim and why */
  notBilled: ValidationIssue[];
  rowsSeen: number;
}

export type BuildSlicer = (input: BuildSliceInput) => BuildSliceOutput;

export function createBuildSlicer(setup: BuildSliceSetup): BuildSlicer {
  const payers = new Map<string, Payer>(setup.payers.map((p) => [p.id, p]));
  const staff = new Map<string, Staff>(setup.staff.map((s) => [s.staff_id, s]));
  const keptIds = new Map(setup.keptIds);
  const duplicates = DuplicateIndex.fromRows(setup.duplicates);
  const limits = codesets().limits;

  return (input) => {
    const rows = input.rows.map((data) => JSON.parse(data) as CodedService);
    const members = new Map<string, Member>();
    for (const data of input.members) {
      const member = JSON.parse(data) as Member;
      members.set(member.member_cin, member);
    }
    const assembled = assembleClaims({ services: rows, payers, members, limits });
    const claims: BuiltClaim[] = [];
    let provisional = 0;
    for (const draft of assembled.claims) {
      const id = keptIds.get(draft.key) ?? provisionalId(input.slice, ++provisional);
      const claim: BuiltClaim = { ...draft, id, status: 'draft' };
      const payer = payers.get(claim.payerId) as Payer;
      const member = members.get(claim.memberCin) as Member;
      // The format is decided per claim: the payer's preference, its fallback, or an invoice
      // when a claim-only element is missing, each with the reason stored on the claim.
      const choice = decideClaimFormatOn(setup.day, { organization: setup.organization, payer, staff }, { claim, member }, duplicates);
      claim.format = choice.format;
      claim.formatReason = choice.reason;
      claim.issues = dedupeIssues([...draft.issues, ...choice.issues]).map((i) => ({ ...i, claimId: id }));
      claim.status = choice.outcome === 'ready' && !hasErrors(claim.issues) ? 'ready' : 'draft';
      if (claim.status === 'ready') claim.validatedFor = validationStamp(claim.format, setup.stampBase);
      // Two claims of this build on the same service (a member's rows under two payers): each
      // was checked before the other existed, so neither keeps a stamp and the export decides.
      const others = duplicates.addClaim(claim);
      if (others.length > 0) {
        delete claim.validatedFor;
        for (const earlier of claims) if (others.includes(earlier.id)) delete earlier.validatedFor;
      }
      claims.push(claim);
    }
    return { claims, notBilled: assembled.issues, rowsSeen: rows.length };
  };
}

// Slices are computed on two threads at once, but claim numbers follow the order of the slices:
// a new claim carries a provisional id until its slice is written, when numberClaims gives it
// the next number and rewrites the findings that name it.
// The provisional form passes every rule a real id passes (X12 characters, CLM01 length).
const PROVISIONAL = /#PROVISIONAL-\d+-\d+#/g;

function provisionalId(slice: number, n: number): string {
  return `#PROVISIONAL-${slice}-${n}#`;
}

/** Numbers a slice's new claims after `lastClaimNumber`; returns the last number used. */
export function numberClaims(output: BuildSliceOutput, lastClaimNumber: number): number {
  const numbered = new Map<string, string>();
  for (const claim of output.claims) {
    if (claim.id.startsWith('#PROVISIONAL-')) numbered.set(claim.id, claimIdOf(++lastClaimNumber));
  }
  if (numbered.size === 0) return lastClaimNumber;
  const rewrite = (text: string) => text.replace(PROVISIONAL, (id) => numbered.get(id) ?? id);
  for (const claim of output.claims) {
    claim.id = numbered.get(claim.id) ?? claim.id;
    for (const issue of claim.issues) {
      issue.message = rewrite(issue.message);
      if (issue.claimId !== undefined) issue.claimId = numbered.get(issue.claimId) ?? issue.claimId;
    }
  }
  return lastClaimNumber;
}

/** The assembler and a validation rule may both see a missing fee: report it once. */
function dedupeIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}|${i.lineNumber ?? ''}|${i.serviceIds.join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
