// Proof of timely filing: what a plan asks for when it says a claim came in late. The claim's last
// submission (the batch, its file, the interchange, group and transaction control numbers, the
// day it was sent) and the payer's own acknowledgments of it (the 999 that accepted the file, the
// 277CA that accepted the claim, with their dates and control numbers), against the payer's
// filing limit counted from the first day of service. Member data stays out: the claim number
// is what the plan looks the claim up by.

import { addDays } from '../../domain/calendar.js';
import { csvRecord } from '../../domain/csv.js';
import type { StoredEvent } from '../../store/event-store.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { renderFilingProof, type FilingProof } from '../../pdf/filing-proof.js';
import { submissionClock } from '../submission-parties.js';

export type { FilingProof };

const text = (details: Record<string, unknown>, key: string): string | undefined => (typeof details[key] === 'string' && details[key] !== '' ? (details[key] as string) : undefined);

export async function filingProof(ctx: AppContext, claimId: string): Promise<FilingProof> {
  const repos = ctx.store.read;
  const claim = await repos.claims.get(claimId);
  if (claim === undefined) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const events = await repos.events.forClaim(claimId);
  const sent = [...events].reverse().find((e) => e.kind === 'submitted');
  const batchId = sent === undefined ? undefined : text(sent.details, 'batchId');
  if (sent === undefined || batchId === undefined) throw new AppError('invalid', `claim ${claimId} has not been sent yet: there is no proof of filing until its batch is recorded as sent (ecm-claims submit BATCH)`);
  const batch = await repos.batches.get(batchId);
  if (batch === undefined) throw new Error(`batch ${batchId} of claim ${claimId} vanished`);
  const payer = await repos.reference.getPayer(claim.payerId);
  const dates = claim.lines.map((l) => l.serviceDate).sort();
  const firstServiceDate = dates[0] ?? `${claim.period}-01`;
  const timelyFilingDays = payer?.timelyFilingDays ?? 180;
  const filingDeadline = addDays(firstServiceDate, timelyFilingDays);
  const after = events.filter((e) => e.eventId > sent.eventId);
  const proof: FilingProof = {
    claimId,
    payerId: claim.payerId,
    payerName: payer?.name ?? claim.payerId,
    charge: claim.totalCharge,
    firstServiceDate,
    lastServiceDate: dates[dates.length - 1] ?? firstServiceDate,
    timelyFilingDays,
    filingDeadline,
    submission: {
      batchId,
      fileName: batch.fileName,
      fileSha256: batch.sha256,
      ...optional('senderId', batch.senderId),
      ...optional('interchangeControl', batch.interchangeControl),
      ...optional('groupControl', text(sent.details, 'groupControlNumber') ?? batch.groupControl),
      // Events keep control numbers without leading zeros; the proof shows ST02 as the file has it.
      ...optional('transactionControl', text(sent.details, 'transactionControlNumber')?.padStart(batch.firstTransactionControl?.length ?? 4, '0')),
      submittedOn: sent.date,
      withinLimit: sent.date <= filingDeadline,
    },
  };
  const file = first(after, 'file_accepted');
  if (file !== undefined) proof.fileAccepted = { date: file.date, ...optional('interchangeControl', text(file.details, 'interchangeControlNumber')), ...optional('groupControl', text(file.details, 'groupControlNumber')) };
  const accepted = first(after, 'claim_accepted');
  if (accepted !== undefined) {
    proof.claimAccepted = {
      date: accepted.date,
      ...optional('receivedDate', text(accepted.details, 'receivedDate')),
      ...optional('interchangeControl', text(accepted.details, 'interchangeControlNumber')),
      ...optional('payerClaimControlNumber', text(accepted.details, 'payerClaimControlNumber')),
    };
  }
  return proof;
}

/** The proof on one page, from the organization, named `proof-CLAIM.pdf`. */
export async function filingProofPdf(ctx: AppContext, claimId: string): Promise<{ fileName: string; pdf: Buffer }> {
  const proof = await filingProof(ctx, claimId);
  const organization = await ctx.store.read.reference.getOrganization();
  const provider = { name: organization?.name ?? 'the provider', ...(organization?.npi ? { npi: organization.npi } : {}) };
  return { fileName: `proof-${claimId}.pdf`, pdf: await renderFilingProof(proof, provider, submissionClock(ctx)) };
}

function first(events: readonly StoredEvent[], kind: string): StoredEvent | undefined {
  return events.find((e) => e.kind === kind);
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

const CSV_HEADER = [
  'claim_id',
  'payer_id',
  'charge',
  'first_service_date',
  'filing_deadline',
  'batch_id',
  'file_name',
  'file_sha256',
  'interchange_control',
  'group_control',
  'transaction_control',
  'submitted_on',
  'within_limit',
  'file_accepted_on',
  'file_ack_interchange_control',
  'claim_accepted_on',
  'payer_received_date',
  'claim_ack_interchange_control',
  'payer_claim_number',
];

/** The proof as a header and one CSV row, for a spreadsheet of many claims' proofs. */
export function filingProofCsv(proof: FilingProof): string {
  const s = proof.submission;
  const row = [
    proof.claimId,
    proof.payerId,
    proof.charge,
    proof.firstServiceDate,
    proof.filingDeadline,
    s.batchId,
    s.fileName,
    s.fileSha256,
    s.interchangeControl ?? '',
    s.groupControl ?? '',
    s.transactionControl ?? '',
    s.submittedOn,
    s.withinLimit ? 'yes' : 'no',
    proof.fileAccepted?.date ?? '',
    proof.fileAccepted?.interchangeControl ?? '',
    proof.claimAccepted?.date ?? '',
    proof.claimAccepted?.receivedDate ?? '',
    proof.claimAccepted?.interchangeControl ?? '',
    proof.claimAccepted?.payerClaimControlNumber ?? '',
  ];
  return `${CSV_HEADER.join(',')}\r\n${csvRecord(row)}\r\n`;
}
