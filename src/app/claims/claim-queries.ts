// Reading claims: the list, and one claim with its lines, the log rows behind each line and the
// issues that keep it from going out.

import type { Claim, ClaimStatus } from '../../domain/claim.js';
import type { CodedService } from '../../domain/service-log.js';
import type { ClaimFilter, ClaimSummary } from '../../store/claim-store.js';
import { AppError } from '../errors.js';
import type { AppContext } from '../context.js';

export interface ClaimDetail extends Claim {
  createdAt: string;
  updatedAt: string;
  sourceRows: Array<Omit<CodedService, 'sourceLine'>>;
}

export async function listClaims(ctx: AppContext, filter: ClaimFilter): Promise<ClaimSummary[]> {
  return ctx.store.read.claims.list(filter);
}

export async function showClaim(ctx: AppContext, claimId: string): Promise<ClaimDetail> {
  const repos = ctx.store.read;
  const claim = await repos.claims.get(claimId);
  if (!claim) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const { key: _key, ...rest } = claim;
  const sourceRows: CodedService[] = [];
  for (const id of claim.lines.flatMap((l) => l.serviceIds)) {
    const row = await repos.services.get(id);
    if (row !== undefined) sourceRows.push(row);
  }
  return { ...rest, sourceRows };
}

export const CLAIM_STATUS_FILTERS: readonly ClaimStatus[] = ['draft', 'ready', 'batched', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'void'];
