// Payer responses, payments and timeliness reports from the command line.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { ingestPayerFile, type IngestReport } from '../../app/remittances/ingest.js';
import { lateClaims, timelinessMetrics, type TimelinessFilter } from '../../app/reports/timeliness.js';
import { interestCsv, interestReport, type InterestReport } from '../../app/reports/interest.js';
import { interestLetter } from '../../app/reports/interest-letter.js';
import { recordPayment } from '../../app/remittances/payments.js';
import { claimTimeline, listPayerFiles, listUnmatched } from '../../app/remittances/queries.js';
import { submitBatch } from '../../app/remittances/submit.js';
import type { PayerFileRecord, UnmatchedRecord } from '../../store/remittance-store.js';
import { denialReasonsCsv, timelinessCsv } from '../../metrics/timeliness-csv.js';
import type { PayerTimeliness, TimelinessRow, WindowResult } from '../../metrics/timeliness.js';
import { UsageError, type Parsed, type CommandHandler } from '../args.js';
import { count, print, table, writeAtomically } from '../output.js';

export const remittanceUsage: string[] = [
  'ecm-claims ingest <file>                      (a 999, 277CA or 835 from the payer)',
  'ecm-claims submit <batch-id> [--date YYYY-MM-DD]',
  'ecm-claims payments record --claim ID --date YYYY-MM-DD --amount 165.00 [--reference CHECK]',
  'ecm-claims remittances files|unmatched',
  'ecm-claims timeline <claim-id>',
  'ecm-claims report timeliness|denials|late [--payer ID] [--from YYYY-MM[-DD]] [--to ...] [--format csv] [--out FILE]',
  'ecm-claims report interest [--payer ID] [--from YYYY-MM] [--to YYYY-MM] [--format csv] [--out FILE]',
  'ecm-claims report interest --payer ID --format pdf --out FILE.pdf   # the letter for a provider dispute',
];


function unmatchedLines(items: readonly UnmatchedRecord[]): string[] {
  return items.map((u) => {
    const what = u.claimId !== undefined ? `claim ${u.claimId}${u.payerClaimControlNumber ? ` (payer ${u.payerClaimControlNumber})` : ''}` : `group ${u.groupControlNumber ?? '?'}${u.transactionControlNumber ? ` set ${u.transactionControlNumber}` : ''}`;
    return `  unmatched ${u.source} ${what}: ${u.reason}`;
  });
}

function warningLines(file: PayerFileRecord): string[] {
  return file.warnings.map((w) => `  warning ${w.message}`);
}

function ingestText(report: IngestReport): string {
  const f = report.file;
  if (report.duplicate) return `Already ingested as payer file ${f.fileId} on ${f.receivedAt.slice(0, 10)} (${f.kinds.join(', ')} from ${f.senderId}, ISA13 ${f.interchangeControl}); nothing changed.`;
  const warned = f.warnings.length > 0 ? `, ${count(f.warnings.length, 'date warning')}` : '';
  const lines = [`Payer file ${f.fileId}: ${f.kinds.join(', ')} from ${f.senderId} (ISA13 ${f.interchangeControl}): ${count(f.events, 'event')}, ${f.unmatched} unmatched, ${count(report.statusChanges.length, 'claim')} changed status${warned}.`];
  lines.push(...warningLines(f));
  for (const c of report.statusChanges) lines.push(`  ${c.claimId}: ${c.from} -> ${c.to}`);
  lines.push(...unmatchedLines(report.unmatched));
  if (report.unmatchedTruncated) lines.push(`  ... ${f.unmatched - report.unmatched.length} more: ecm-claims remittances unmatched`);
  return lines.join('\n');
}

const ingest: CommandHandler = async (ctx, p) => {
  const file = p.positionals[1];
  if (!file) throw new UsageError('ingest needs a file (a 999, 277CA or 835)');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('not_found', `file ${file} does not exist`);
  const report = await ingestPayerFile(ctx, createReadStream(file), { source: basename(file) });
  print(p.values.json, report, () => ingestText(report));
  return 0;
};

const submit: CommandHandler = async (ctx, p) => {
  const batchId = p.positionals[1];
  if (!batchId) throw new UsageError('submit needs a batch id');
  const report = await submitBatch(ctx, batchId, p.values.date);
  print(p.values.json, report, () =>
    [
      report.alreadyRecorded ? `Batch ${batchId} was already recorded as sent on ${report.submittedOn}; nothing changed.` : `Batch ${batchId} recorded as sent on ${report.submittedOn}: ${count(report.claimIds.length, 'claim')}.`,
      ...report.warnings.map((w) => `  warning ${w}`),
    ].join('\n'),
  );
  return 0;
};

const payments: CommandHandler = async (ctx, p) => {
  if (p.positionals[1] !== 'record') throw new UsageError('payments needs record');
  const { claim, date, amount, reference } = p.values;
  if (!claim || !date || !amount) throw new UsageError('payments record needs --claim, --date and --amount');
  const report = await recordPayment(ctx, { claimId: claim, date, amount, ...(reference !== undefined ? { reference } : {}) });
  print(p.values.json, report, () =>
    report.duplicate
      ? `This payment on claim ${claim} was already recorded; nothing changed. Claim is ${report.status ?? 'unknown'}, paid ${report.paid} of ${report.charge}.`
      : [`Recorded ${amount} on claim ${claim} (${date}). Claim is ${report.status ?? 'unknown'}, paid ${report.paid} of ${report.charge}.`, ...(report.warnings ?? []).map((w) => `  warning ${w}`)].join('\n'),
  );
  return 0;
};

const remittances: CommandHandler = async (ctx, p) => {
  const sub = p.positionals[1];
  if (sub === 'unmatched') {
    const items = await listUnmatched(ctx);
    print(p.values.json, items, () => (items.length === 0 ? 'Every item of every payer file matched a claim.' : [`${count(items.length, 'unmatched item')}:`, ...unmatchedLines(items)].join('\n')));
    return 0;
  }
  if (sub === 'files') {
    const files = await listPayerFiles(ctx);
    print(p.values.json, files, () =>
      files.length === 0
        ? 'No payer files.'
        : [
            table(
              files.map((f) => ({ ...f, kinds: f.kinds.join(','), fileDate: f.fileDate ?? '', warnings: f.warnings.length })),
              [['fileId', 'File'], ['kinds', 'Kind'], ['senderId', 'Sender'], ['interchangeControl', 'ISA13'], ['fileDate', 'Date'], ['events', 'Events'], ['unmatched', 'Unmatched'], ['warnings', 'Warnings'], ['source', 'Source'], ['receivedAt', 'Received']],
            ),
            ...files.filter((f) => f.warnings.length > 0).flatMap((f) => [`File ${f.fileId}:`, ...warningLines(f)]),
          ].join('\n'),
    );
    return 0;
  }
  throw new UsageError('remittances needs files or unmatched');
};

const timeline: CommandHandler = async (ctx, p) => {
  const id = p.positionals[1];
  if (!id) throw new UsageError('timeline needs a claim id');
  const t = await claimTimeline(ctx, id);
  print(p.values.json, t, () => {
    const h = t.history;
    const lines = [
      `Claim ${t.claimId}  ${t.status}  payer ${t.payerId}  charge ${t.totalCharge}  paid ${h.paid}`,
      `Received ${h.receiptDate ?? '-'}  paid on ${h.paymentDate ?? '-'}  adjudicated ${h.adjudicationDate ?? '-'}  ${h.clean ? 'clean' : 'not clean'}  sent ${count(h.submissions, 'time')}`,
      '',
      table(
        t.events.map((e) => ({ date: e.date, kind: e.kind, amount: e.amount ?? '', codes: eventCodes(e.details), source: e.source ?? '', warn: e.warnings !== undefined ? '!' : '' })),
        [['date', 'Date'], ['kind', 'Event'], ['amount', 'Amount'], ['codes', 'Codes'], ['source', 'Source'], ['warn', '']],
      ),
      ...t.events.flatMap((e) => (e.warnings ?? []).map((w) => `! ${e.kind} ${e.date}: ${w}`)),
    ];
    return lines.join('\n');
  });
  return 0;
};

/** The codes worth a glance in a terminal: adjustments, remarks, status codes, errors. */
function eventCodes(details: Record<string, unknown>): string {
  const out: string[] = [];
  const adjustments = [...asArray(details.adjustments), ...asArray(details.lineAdjustments)];
  for (const a of adjustments) {
    if (typeof a === 'object' && a !== null) {
      const { group, reason, amount } = a as { group?: unknown; reason?: unknown; amount?: unknown };
      out.push(`${String(group)}-${String(reason)} ${String(amount)}`);
    }
  }
  for (const key of ['remarkCodes', 'statusCodes', 'errors']) for (const code of asArray(details[key])) out.push(String(code));
  if (typeof details.message === 'string') out.push(details.message);
  if (typeof details.traceNumber === 'string') out.push(`TRN ${details.traceNumber}`);
  if (typeof details.reference === 'string') out.push(`ref ${details.reference}`);
  return out.join(', ');
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function reportFilter(p: Parsed): TimelinessFilter {
  const filter: TimelinessFilter = {};
  if (p.values.payer !== undefined) filter.payerId = p.values.payer;
  if (p.values.from !== undefined) filter.from = p.values.from;
  if (p.values.to !== undefined) filter.to = p.values.to;
  return filter;
}

function windowText(w: WindowResult): string {
  const rate = w.rate === null ? '-' : `${w.rate}%`;
  const mark = w.targetMet === null ? '' : w.targetMet ? ' ok' : ' LOW';
  return `${rate} (${w.within}/${w.denominator}${w.censored > 0 ? `, ${w.censored} too recent` : ''})${mark}`;
}

function monthRow(row: TimelinessRow): Record<string, string | number> {
  return {
    month: row.receiptMonth,
    received: row.claimsReceived,
    clean: row.cleanClaimsReceived,
    paid30: windowText(row.paid.within30),
    paid90: windowText(row.paid.within90),
    adj30: windowText(row.adjudicated.within30),
    adj90: windowText(row.adjudicated.within90),
    anomalies: row.dateAnomalies,
  };
}

function payerText(payer: PayerTimeliness): string {
  const lines = [`Payer ${payer.payerId}`];
  if (payer.months.length === 0) {
    lines.push('  No claims received.');
    return lines.join('\n');
  }
  lines.push(
    table([...payer.months, payer.total].map(monthRow), [
      ['month', 'Received in'],
      ['received', 'Claims'],
      ['clean', 'Clean'],
      ['paid30', 'Paid <=30d (target 90%)'],
      ['paid90', 'Paid <=90d (target 99%)'],
      ['adj30', 'Adjudicated <=30d'],
      ['adj90', 'Adjudicated <=90d'],
      ['anomalies', 'Left out: bad dates'],
    ]),
  );
  const money = payer.total.amounts;
  lines.push('', `Billed ${money.billed}, paid ${money.paid}, outstanding ${money.outstanding} (open claims, not yet paid or denied)`);
  lines.push(`Open claims by age: ${payer.total.open.map((b) => `${b.label} days: ${b.count} (${b.amount})`).join(', ')}`);
  if (payer.total.dateAnomalies > 0) lines.push(`${count(payer.total.dateAnomalies, 'clean claim')} left out of the rates: a payer date before the claim was sent (see ecm-claims remittances files)`);
  if (payer.denialReasons.length > 0) {
    lines.push('Denial reasons:');
    for (const r of payer.denialReasons) lines.push(`  CARC ${r.code}: ${count(r.claims, 'claim')}, ${r.amount}${r.description ? ` (${r.description})` : ''}`);
  }
  return lines.join('\n');
}

/** report interest --format pdf: the letter for one payer, written whole or not at all. */
async function interestLetterCommand(ctx: AppContext, p: Parsed): Promise<number> {
  if (p.values.payer === undefined || p.values.out === undefined) throw new UsageError('report interest --format pdf needs --payer ID and --out FILE.pdf: the letter is to one plan');
  const letter = await interestLetter(ctx, { ...reportFilter(p), payerId: p.values.payer });
  await writeAtomically(p.values.out, [letter.pdf]);
  print(p.values.json, { file: p.values.out, claims: letter.claims, stillOwed: letter.stillOwed }, () => `Wrote ${p.values.out}: the letter to ${p.values.payer} for ${count(letter.claims, 'claim')} paid late, ${letter.stillOwed} still owed.`);
  return 0;
}

function interestText(owed: InterestReport): string {
  if (owed.rows.length === 0 && owed.byPayerMonth.length === 0) return `No clean claim was paid after its prompt-pay deadline (as of ${owed.asOf}).`;
  const t = owed.totals;
  return [
    `Late-payment interest as of ${owed.asOf}: ${count(t.claims, 'clean claim')} paid late; interest owed ${t.interestOwed}, penalties ${t.penalty}, paid ${t.interestPaid} (and ${t.interestPaidWithoutClaim} naming no claim). Your plans still owe you ${t.stillOwed}.`,
    table(owed.byPayerMonth.map((m) => ({ ...m })), [['payerId', 'Payer'], ['month', 'Paid in'], ['claims', 'Claims'], ['interestOwed', 'Interest owed'], ['penalty', 'Penalty'], ['interestPaid', 'Paid'], ['interestPaidWithoutClaim', 'Paid, no claim named'], ['stillOwed', 'Still owed']]),
    '',
    table(owed.rows.map((r) => ({ ...r })), [['claimId', 'Claim'], ['payerId', 'Payer'], ['receivedDate', 'Received'], ['deadline', 'Deadline'], ['paidDate', 'Paid'], ['daysLate', 'Days late'], ['principal', 'Paid late'], ['interestOwed', 'Interest'], ['penalty', 'Penalty'], ['interestPaid', 'Interest paid'], ['stillOwed', 'Still owed'], ['rule', 'Rule']]),
  ].join('\n');
}

async function emitCsv(p: Parsed, csv: string): Promise<void> {
  if (p.values.out) {
    await writeAtomically(p.values.out, [Buffer.from(csv, 'utf8')]);
    process.stderr.write(`Wrote ${p.values.out}.\n`);
  } else process.stdout.write(csv);
}

const report: CommandHandler = async (ctx, p) => {
  const kind = p.positionals[1];
  const format = p.values.format ?? 'text';
  if (kind === 'interest' && format === 'pdf') return interestLetterCommand(ctx, p);
  if (format !== 'text' && format !== 'csv') throw new UsageError(kind === 'interest' ? '--format must be text, csv or pdf' : '--format must be text or csv');
  if (kind === 'timeliness' || kind === 'denials') {
    const result = await timelinessMetrics(ctx, reportFilter(p));
    if (format === 'csv') {
      await emitCsv(p, kind === 'timeliness' ? timelinessCsv(result) : denialReasonsCsv(result));
      return 0;
    }
    print(p.values.json, result, () => [`Clean-claim payment timeliness as of ${result.asOf} (by month the payer received the claim)`, ...result.payers.map(payerText)].join('\n\n'));
    return 0;
  }
  if (kind === 'late') {
    const late = await lateClaims(ctx, reportFilter(p));
    if (format === 'csv') {
      const rows = ['claim_id,payer_id,status,receipt_date,days_since_receipt,charge,paid,unpaid', ...late.map((c) => [c.claimId, c.payerId, c.status, c.receiptDate, c.daysSinceReceipt, c.charge, c.paid, c.unpaid].join(','))];
      await emitCsv(p, `${rows.join('\r\n')}\r\n`);
      return 0;
    }
    print(p.values.json, late, () =>
      late.length === 0
        ? 'No clean claim has waited 30 days or more for payment.'
        : table(late.map((c) => ({ ...c })), [['claimId', 'Claim'], ['payerId', 'Payer'], ['status', 'Status'], ['receiptDate', 'Received'], ['daysSinceReceipt', 'Days'], ['charge', 'Charge'], ['unpaid', 'Unpaid']]),
    );
    return 0;
  }
  if (kind === 'interest') {
    const owed = await interestReport(ctx, reportFilter(p));
    if (format === 'csv') {
      await emitCsv(p, interestCsv(owed));
      return 0;
    }
    print(p.values.json, owed, () => interestText(owed));
    return 0;
  }
  throw new UsageError('report needs timeliness, denials, late or interest');
};

/** command name -> handler */
export const remittanceCommands: Record<string, CommandHandler> = { ingest, submit, payments, remittances, timeline, report };
