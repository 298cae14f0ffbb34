// Loads what a renderer or the validation engine needs about a payer's claims: the organization,
// the payer, the staff roster and each claim's member.

import type { Claim } from '../domain/claim.js';
import type { Member, Staff } from '../domain/reference.js';
import type { ClaimWithParties, SubmissionClock, SubmissionParties } from '../domain/submission.js';
import type { Repositories } from '../store/store.js';
import { codesets } from '../codesets/index.js';
import type { ValidationContext } from '../validation/rule.js';
import type { DuplicateIndex } from '../validation/duplicate-index.js';
import { AppError } from './errors.js';
import { PERIOD_PATTERN } from '../domain/identifiers.js';
import { today, type AppContext } from './context.js';
import { duplicateIndexFor } from './claims/duplicates.js';

/** A payer and/or billing period that a build, validation or export is limited to. */
export async function checkPayerPeriod(repos: Repositories, filter: { payerId?: string; period?: string }): Promise<void> {
  if (filter.period !== undefined && !PERIOD_PATTERN.test(filter.period)) throw new AppError('invalid', `period "${filter.period}" must be written YYYY-MM, like 2026-10`);
  if (filter.payerId !== undefined && !(await repos.reference.getPayer(filter.payerId))) throw new AppError('not_found', `payer ${filter.payerId} is not loaded`);
}

export async function loadParties(repos: Repositories, payerId: string): Promise<SubmissionParties> {
  const organization = await repos.reference.getOrganization();
  if (!organization) throw new AppError('invalid', 'load the organization (organization.json) first');
  const payer = await repos.reference.getPayer(payerId);
  if (!payer) throw new AppError('not_found', `payer ${payerId} is not loaded`);
  return { organization, payer, staff: new Map<string, Staff>((await repos.reference.listStaff()).map((s) => [s.staff_id, s])) };
}

export async function withMembers(repos: { reference: Pick<Repositories['reference'], 'membersByCin'> }, claims: readonly Claim[]): Promise<ClaimWithParties[]> {
  const members = await repos.reference.membersByCin([...new Set(claims.map((c) => c.memberCin))]);
  return claims.map((claim) => ({ claim, member: members.get(claim.memberCin) as Member }));
}

/**
 * The validation context for one claim. Duplicates are looked up in `duplicates` when the caller
 * preloaded an index for a whole build or export, else in an index of the claim's own dates.
 */
export async function validationContext(
  ctx: AppContext,
  repos: Repositories,
  parties: SubmissionParties,
  format: ValidationContext['format'],
  claim: Pick<Claim, 'id' | 'originalClaimId' | 'lines'>,
  duplicates?: DuplicateIndex,
): Promise<ValidationContext> {
  return validationContextOn(today(ctx), parties, format, claim, duplicates ?? (await duplicateIndexFor(repos.claims, [claim])));
}

/** The same context from plain facts (the day and a loaded index), for work off the main thread. */
export function validationContextOn(
  day: string,
  parties: SubmissionParties,
  format: ValidationContext['format'],
  claim: Pick<Claim, 'id' | 'originalClaimId'>,
  duplicates: DuplicateIndex,
): ValidationContext {
  return {
    parties,
    today: day,
    format,
    codesets: codesets(),
    // A replacement or void bills the same services as its original on purpose.
    isDuplicate: duplicates.lookup(claim.id, claim.originalClaimId),
  };
}

/** The submission's date and time on the organization's (California) calendar and clock. */
export function submissionClock(ctx: AppContext): SubmissionClock {
  const now = ctx.clock.now();
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Los_Angeles', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return { date: today(ctx), time: parts.replace(':', '') };
}
