// The computing half of a build: a slice of members' billable rows becomes numbered,
// format-decided, validated claims, as the rows the store keeps. It writes nothing and reads no
// clock (the day arrives as a date), so the same code runs on the main thread for small builds and
// in a worker thread for large ones, with the same result for the same input. A worker reads its
// slices through its own read-only connection: the build changes no service row and no member,
// and no claim that decides whether a row is still billable.

import { codesets } from '../../codesets/index.js';
import { assembleClaims, type CodedService } from '../../billing/claim-assembly.js';
import { claimIdOf, type Claim, type ValidationIssue } from '../../domain/claim.js';
import type { Member, Organization, Payer, Staff } from '../../domain/reference.js';
import { hasErrors } from '../../validation/runner.js';
import { openReadOnlyRepositories } from '../../store/store.js';
import { claimIdsIn, claimRowsOf, renameClaims, type ClaimRows } from '../../store/claim-rows.js';
import type { ReferenceRepository, ServiceRepository } from '../../store/ports.js';
import type { DuplicateRow } from '../../domain/claim.js';
import { DuplicateIndex } from '../../validation/duplicate-index.js';
import { decideClaimFormatOn } from './formats.js';
import { validationStamp } from './validation-stamp.js';

export interface BuildSliceSetup {
  organization: Organization;
  payers: readonly Payer[];
  staff: readonly Staff[];
  /** the calendar day the claims are validated on */
  day: string;
  /** ids of the unsent claims the build replaces, by natural key, so a rebuild keeps them */
  keptIds: ReadonlyArray<readonly [string, string]>;
  /** rows in scope that a sent claim carries: never billed again */
  billed: readonly string[];
  /** rows held off every claim and why: times that overlap another row of the same staff member */
  held: ReadonlyArray<readonly [string, ValidationIssue]>;
  /** live claim lines in the build's date range (ClaimStore.duplicateRows) */
  duplicates: readonly DuplicateRow[];
  /** stampBase (validation-stamp.ts) as of this build: ready claims are stamped with it */
  stampBase: string;
  /** the build's scope within a slice's members' rows */
  filter: { payerId?: string; period?: string };
  /** the build and its time, which the claims' rows carry */
  buildId: number;
  at: string;
  /** the SQLite file a worker reads its slices from */
  dbPath: string;
  /** whose rows: a worker's connection reads that organization's rows only */
  org: string | null;
}

export interface BuildSliceInput {
  /** the slice's place in the build: provisional ids are unique per slice */
  slice: number;
  memberCins: readonly string[];
}

type BuiltClaim = Claim & { key: string; validatedFor?: string };

export interface BuildSliceOutput {
  /** the slice's claims as the store keeps them (new claims under provisional ids) */
  rows: ClaimRows;
  /** rows that are on no claim and why */
  notBilled: ValidationIssue[];
  rowsSeen: number;
}

export type BuildSlicer = (input: BuildSliceInput) => Promise<BuildSliceOutput>;

interface SliceSource {
  services: Pick<ServiceRepository, 'scopeData'>;
  reference: Pick<ReferenceRepository, 'memberData'>;
}

/**
 * Builds slices. On the main thread `source` is the build's own connection; in a worker the
 * rows and members are read through a read-only connection to `dbPath`, opened on first use.
 */
export function createBuildSlicer(setup: BuildSliceSetup, source?: SliceSource): BuildSlicer {
  const payers = new Map<string, Payer>(setup.payers.map((p) => [p.id, p]));
  const staff = new Map<string, Staff>(setup.staff.map((s) => [s.staff_id, s]));
  const keptIds = new Map(setup.keptIds);
  const held = new Map(setup.held);
  const billed = new Set(setup.billed);
  const live = DuplicateIndex.fromRows(setup.duplicates);
  const limits = codesets().limits;

  let from = source;
  return async (input) => {
    if (!from) {
      from = openReadOnlyRepositories(setup.dbPath, setup.org);
    }
    const rows = (await from.services.scopeData({ ...setup.filter, memberCins: input.memberCins })).filter(([id]) => !billed.has(id)).map(([, data]) => JSON.parse(data) as CodedService);
    const members = new Map<string, Member>();
    for (const data of await from.reference.memberData(input.memberCins)) {
      const member = JSON.parse(data) as Member;
      members.set(member.member_cin, member);
    }
    const assembled = assembleClaims({ services: rows, payers, members, limits, held });
    const claims: BuiltClaim[] = [];
    const duplicates = live.layer();
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
      claim.issues = dedupeIssues([...draft.issues, ...choice.issues]);
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
    return { rows: claimRowsOf(claims, setup.buildId, setup.at), notBilled: assembled.issues, rowsSeen: rows.length };
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
  for (const id of claimIdsIn(output.rows)) {
    if (id.startsWith('#PROVISIONAL-')) numbered.set(id, claimIdOf(++lastClaimNumber));
  }
  if (numbered.size > 0) renameClaims(output.rows, (id) => numbered.get(id), (text) => text.replace(PROVISIONAL, (id) => numbered.get(id) ?? id));
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
