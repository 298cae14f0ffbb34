// The per-payer letter of the interest report (pdf/interest-letter.ts): the claims one plan paid
// late, with what it still owes, to send with a provider dispute.

import { renderInterestLetter } from '../../pdf/interest-letter.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { submissionClock } from '../submission-parties.js';
import { interestReport, type InterestFilter } from './interest.js';

export interface InterestLetterFile {
  fileName: string;
  pdf: Buffer;
  claims: number;
  stillOwed: string;
}

export async function interestLetter(ctx: AppContext, request: InterestFilter & { payerId: string }): Promise<InterestLetterFile> {
  const report = await interestReport(ctx, request);
  if (report.rows.length === 0) throw new AppError('invalid', `payer ${request.payerId} paid no clean claim late${request.from || request.to ? ' in those months' : ''}: there is no interest to ask for`);
  const organization = await ctx.store.read.reference.getOrganization();
  if (organization === undefined) throw new AppError('invalid', 'load the organization (organization.json) first: the letter comes from it');
  const payer = (await ctx.store.read.reference.getPayer(request.payerId))!;
  const pdf = await renderInterestLetter(
    {
      date: report.asOf,
      provider: organization,
      payer: { id: payer.id, name: payer.name, ...(payer.paperAddress ? { address: payer.paperAddress } : {}) },
      ...(request.from !== undefined ? { from: request.from } : {}),
      ...(request.to !== undefined ? { to: request.to } : {}),
      rows: report.rows,
      totals: report.totals,
      rules: report.rules.filter((rule) => report.rows.some((row) => row.rule === rule.id)),
    },
    submissionClock(ctx),
  );
  return { fileName: `interest-${payer.id}-${report.asOf}.pdf`, pdf, claims: report.rows.length, stillOwed: report.totals.stillOwed };
}
