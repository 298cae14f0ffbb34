// `ecm-claims claims build|list|show|correct|proof` and `ecm-claims validate`.

import type { AppContext } from '../../app/context.js';
import { buildClaims } from '../../app/claims/build.js';
import { listClaims, showClaim } from '../../app/claims/claim-queries.js';
import { correctClaim } from '../../app/claims/correct.js';
import { validateClaims } from '../../app/claims/validate.js';
import { filingProof, filingProofCsv, filingProofPdf } from '../../app/claims/filing-proof.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/claim.js';
import { ClaimFormatSchema, type ClaimFormat } from '../../domain/reference.js';
import { UsageError, type CommandHandler, type Parsed } from '../args.js';
import { count, issueLines, print, table, writeAtomically } from '../output.js';

async function runClaims(ctx: AppContext, p: Parsed): Promise<number> {
  const sub = p.positionals[1];
  const { payer, period, json } = p.values;
  if (sub === 'build') {
    const report = await buildClaims(ctx, { payerId: payer, period });
    print(json, report, () => {
      const out = [`Build ${report.buildId}: ${count(report.counts.claims, 'claim')} (${report.counts.ready} ready, ${report.counts.draft} with errors), ${count(report.counts.rowsNotBilled, 'row')} not billable.`];
      if (report.claims.length > 0) out.push(claimTable(report.claims));
      for (const i of report.notBilled) out.push(`  not billed: ${i.message}`);
      return out.join('\n');
    });
    return 0;
  }
  if (sub === 'list') {
    const status = p.values.status;
    if (status !== undefined && !CLAIM_STATUSES.includes(status as ClaimStatus)) throw new UsageError(`--status ${status} is not a claim status (use ${CLAIM_STATUSES.join(', ')})`);
    const claims = await listClaims(ctx, { payerId: payer, period, status: status as ClaimStatus | undefined, limit: 100_000 });
    print(json, claims, () => (claims.length === 0 ? 'No claims.' : claimTable(claims)));
    return 0;
  }
  if (sub === 'show') {
    const id = p.positionals[2];
    if (!id) throw new UsageError('claims show needs a claim id');
    const claim = await showClaim(ctx, id);
    print(json, claim, () => {
      const out = [
        `Claim ${claim.id}  ${claim.status}  payer ${claim.payerId}  period ${claim.period}  format ${claim.format}${claim.formatReason ? ` (${claim.formatReason})` : ''}  frequency ${claim.frequency}`,
        `Member ${claim.memberCin}  place of service ${claim.placeOfService}  diagnoses ${claim.diagnoses.join(', ')}${claim.defaultDiagnosisUsed ? ' (payer default used)' : ''}`,
        `Total charge ${claim.totalCharge}`,
        '',
        table(
          claim.lines.map((l) => ({
            n: l.lineNumber,
            date: l.serviceDate,
            code: [l.code, ...l.modifiers].join(' '),
            pos: l.placeOfService,
            staff: l.renderingStaffId,
            minutes: l.minutes,
            units: l.units,
            rate: l.rate,
            charge: l.charge,
            dx: l.diagnosisPointers.join(','),
            rows: l.serviceIds.join(' '),
          })),
          [['n', '#'], ['date', 'Date'], ['code', 'Code'], ['pos', 'POS'], ['staff', 'Staff'], ['minutes', 'Minutes'], ['units', 'Units'], ['rate', 'Rate'], ['charge', 'Charge'], ['dx', 'Dx ptr'], ['rows', 'Source rows']],
        ),
      ];
      if (claim.issues.length > 0) {
        out.push('', 'Issues:');
        out.push(...issueLines(claim.issues));
      }
      return out.join('\n');
    });
    return 0;
  }
  if (sub === 'correct') {
    const id = p.positionals[2];
    const number = p.values['payer-claim-number'];
    if (!id || p.values.replace === p.values.void || !number) throw new UsageError('claims correct needs a claim id, --replace or --void, and --payer-claim-number');
    const claim = await correctClaim(ctx, { claimId: id, kind: p.values.replace ? 'replace' : 'void', payerClaimNumber: number });
    print(json, claim, () => `Created ${claim.frequency === '7' ? 'replacement' : 'void'} claim ${claim.id} for ${id} (payer claim ${number}): ${claim.status}, total ${claim.totalCharge}.`);
    return 0;
  }
  if (sub === 'proof') return proofOfFiling(ctx, p);
  throw new UsageError('claims needs build, list, show, correct or proof');
}

/** claims proof ID [--format csv|pdf --out FILE]: proof of timely filing for a plan. */
async function proofOfFiling(ctx: AppContext, p: Parsed): Promise<number> {
  const id = p.positionals[2];
  if (!id) throw new UsageError('claims proof needs a claim id');
  const format = p.values.format ?? 'text';
  if (format === 'pdf' || format === 'csv') {
    if (!p.values.out) throw new UsageError(`claims proof --format ${format} needs --out FILE`);
    const bytes = format === 'pdf' ? (await filingProofPdf(ctx, id)).pdf : Buffer.from(filingProofCsv(await filingProof(ctx, id)), 'utf8');
    await writeAtomically(p.values.out, [bytes]);
    print(p.values.json, { file: p.values.out }, () => `Wrote ${p.values.out}: proof of timely filing for claim ${id}.`);
    return 0;
  }
  if (format !== 'text') throw new UsageError('--format must be text, csv or pdf');
  const proof = await filingProof(ctx, id);
  const s = proof.submission;
  print(p.values.json, proof, () =>
    [
      `Claim ${proof.claimId} to ${proof.payerName}: first day of service ${proof.firstServiceDate}, filing limit ${proof.timelyFilingDays} days (${proof.filingDeadline}).`,
      `Sent on ${s.submittedOn} (${s.withinLimit ? 'within' : 'AFTER'} the limit) in batch ${s.batchId}, file ${s.fileName}, ISA13 ${s.interchangeControl ?? '-'}, GS06 ${s.groupControl ?? '-'}, ST02 ${s.transactionControl ?? '-'}.`,
      proof.fileAccepted ? `999 accepted the file on ${proof.fileAccepted.date} (ISA13 ${proof.fileAccepted.interchangeControl ?? '-'}).` : 'No 999 acceptance on file.',
      proof.claimAccepted ? `277CA accepted the claim on ${proof.claimAccepted.date} (ISA13 ${proof.claimAccepted.interchangeControl ?? '-'}${proof.claimAccepted.payerClaimControlNumber ? `, payer claim ${proof.claimAccepted.payerClaimControlNumber}` : ''}).` : 'No 277CA acceptance on file.',
    ].join('\n'),
  );
  return 0;
}

async function runValidate(ctx: AppContext, p: Parsed): Promise<number> {
  const format = p.values.format;
  if (format !== undefined && !ClaimFormatSchema.options.includes(format as ClaimFormat)) throw new UsageError(`--format ${format} is not a claim format (use ${ClaimFormatSchema.options.join(', ')})`);
  const report = await validateClaims(ctx, { payerId: p.values.payer, period: p.values.period, format: format as ClaimFormat | undefined });
  print(p.values.json, report, () => {
    const out = [`Validated ${count(report.counts.claims, 'claim')}: ${report.counts.ready} ready, ${report.counts.draft} with errors (${count(report.counts.errors, 'error')}, ${count(report.counts.warnings, 'warning')}).`];
    for (const c of report.claims) if (c.issues.length > 0) out.push(`${c.claimId} (${c.format}, ${c.status}):`, ...issueLines(c.issues));
    return out.join('\n');
  });
  return report.counts.draft > 0 ? 3 : 0;
}

function claimTable(claims: Awaited<ReturnType<typeof listClaims>>): string {
  return table(
    claims.map((c) => ({ ...c, issues: c.errorCount ? count(c.errorCount, 'error') : c.warningCount ? count(c.warningCount, 'warning') : '' })),
    [['id', 'Claim'], ['payerId', 'Payer'], ['memberCin', 'Member'], ['period', 'Period'], ['format', 'Format'], ['status', 'Status'], ['lineCount', 'Lines'], ['totalCharge', 'Total'], ['issues', 'Issues']],
  );
}

export const claimCommands: Record<string, CommandHandler> = { claims: runClaims, validate: runValidate };
