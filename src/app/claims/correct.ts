// Corrections of a claim the payer already has: a replacement (frequency 7) re-prices the
// original's log rows as they stand now; a void (8) repeats the original to cancel it. Both carry
// the payer's claim control number of the original (REF*F8, box 22).

import { codesets } from '../../codesets/index.js';
import { assembleClaims } from '../../billing/claim-assembly.js';
import { SENT_STATUSES, type Claim } from '../../domain/claim.js';
import type { CodedService } from '../../domain/service-log.js';
import { validateClaim, hasErrors } from '../../validation/runner.js';
import { AppError } from '../errors.js';
import { timestamp, type AppContext } from '../context.js';
import { loadParties, validationContext, withMembers } from '../submission-parties.js';

export interface CorrectionRequest {
  claimId: string;
  kind: 'replace' | 'void';
  payerClaimNumber: string;
}

export function correctClaim(ctx: AppContext, request: CorrectionRequest): Promise<Claim> {
  return ctx.writeLock.run(async () => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    const created = await ctx.store.withTransaction(async (): Promise<Claim> => {
      const original = await repos.claims.get(request.claimId);
      if (!original) throw new AppError('not_found', `claim ${request.claimId} does not exist`);
      if (!SENT_STATUSES.includes(original.status) || original.status === 'void') {
        throw new AppError('conflict', `claim ${original.id} is ${original.status}; only a claim the payer has received can be replaced or voided (rebuild a draft instead)`);
      }
      if (!/^[A-Za-z0-9-]{1,50}$/.test(request.payerClaimNumber)) throw new AppError('invalid', "the payer's claim number must be 1-50 letters, digits or hyphens");
      const parties = await loadParties(repos, original.payerId);
      let lines = original.lines;
      let totalCharge = original.totalCharge;
      let diagnoses = original.diagnoses;
      if (request.kind === 'replace') {
        const rows: CodedService[] = [];
        for (const id of original.lines.flatMap((l) => l.serviceIds)) {
          const row = await repos.services.get(id);
          if (row !== undefined) rows.push(row);
        }
        const rebuilt = assembleClaims({ services: rows, payers: new Map([[parties.payer.id, parties.payer]]), members: new Map([[original.memberCin, { member_cin: original.memberCin }]]), limits: { ...codesets().limits, linesPerClaim: {} } });
        const claim = rebuilt.claims[0];
        if (!claim || rebuilt.claims.length !== 1) throw new AppError('conflict', `the rows of claim ${original.id} no longer make one claim; void it and build a new one`);
        ({ lines, totalCharge, diagnoses } = claim);
      }
      const id = await repos.claims.nextClaimId();
      const frequency = request.kind === 'replace' ? '7' : '8';
      const claim: Claim & { key: string } = {
        ...original,
        id,
        key: `${original.key}|${frequency}|${id}`,
        status: 'draft',
        frequency,
        originalClaimId: original.id,
        originalReference: request.payerClaimNumber,
        lines,
        totalCharge,
        diagnoses,
        issues: [],
      };
      const [item] = await withMembers(repos, [claim]);
      claim.issues = validateClaim(item!, await validationContext(ctx, repos, parties, claim.format, claim)).map((i) => ({ ...i, claimId: id }));
      claim.status = hasErrors(claim.issues) ? 'draft' : 'ready';
      await repos.claims.insert(claim, null, at);
      return claim;
    });
    ctx.logger.info('claim.corrected', { claimId: created.id, original: request.claimId, frequency: created.frequency });
    return created;
  });
}
