// Ingest of a payer file (999, 277CA or 835, told apart by their headers). The file streams
// through the reader once while its sha256 is taken; nothing is written until the whole file
// has been read, so a file that cannot be read leaves no trace. Then, in one write transaction:
// the file is recorded (sender + ISA13 + sha256: the same file again changes nothing), every
// item that names one of our claims becomes an event on that claim, every item that names none
// is kept in payer_file_unmatched, and the touched claims' statuses are derived again. A payer
// date of this file that precedes the claim's send date is kept as sent and becomes a warning on
// the file (remit/date-anomalies.ts); the claim's timeline and the timeliness report see it too.

import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PayerResponse, Remittance } from '../../domain/remittance.js';
import { toCents } from '../../domain/money.js';
import type { ProviderAdjustmentRecord } from '../../store/provider-adjustment-store.js';
import { eventsFromPayerResponse, type ClaimEvent, type UnmatchedItem } from '../../remit/claim-events.js';
import type { ClaimHistory } from '../../remit/claim-history.js';
import { describeDateAnomaly } from '../../remit/date-anomalies.js';
import { PayerFileError, readPayerResponses } from '../../x12/read/reader.js';
import type { PayerFileRecord, PayerFileWarning, UnmatchedRecord } from '../../store/remittance-store.js';
import type { Repositories } from '../../store/store.js';
import { timestamp, today, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { StoreClaimLookup } from './claim-lookup.js';
import { refreshDerived, type StatusChange } from './derived.js';
import { toStoredEvent } from './events.js';
import { catchUpTimeliness } from '../reports/timeliness-cache.js';

export interface IngestOptions {
  /** where the file came from (file name, or api:<key id>); shown in lists, never parsed */
  source: string;
}

export interface IngestReport {
  file: PayerFileRecord;
  /** true when this exact file had been ingested before; nothing was changed */
  duplicate: boolean;
  statusChanges: StatusChange[];
  /** the first unmatched items of the file (file.unmatched counts them all) */
  unmatched: UnmatchedRecord[];
  unmatchedTruncated: boolean;
}

/** A reply stays readable; the full list is one request away (GET /api/remittances/unmatched?file=). */
const UNMATCHED_SHOWN = 200;

type ByteSource = NodeJS.ReadableStream | Readable | AsyncIterable<Buffer | string>;

interface ReadFile {
  responses: PayerResponse[];
  sha256: string;
  bytes: number;
}

export async function ingestPayerFile(ctx: AppContext, input: ByteSource, options: IngestOptions): Promise<IngestReport> {
  const read = await readWhole(input);
  const [first] = read.responses;
  if (first === undefined) throw new AppError('invalid', 'the payer file holds no 999, 277CA or 835 transaction set');
  const key = { senderId: first.senderId.trim(), interchangeControl: first.interchangeControlNumber, sha256: read.sha256 };

  const report = await ctx.writeLock.run(() => {
    const repos = ctx.store.write;
    const at = timestamp(ctx);
    return ctx.store.withTransaction(async (): Promise<IngestReport> => {
      const seen = await repos.remittances.findFile(key);
      if (seen !== undefined) return { file: seen, duplicate: true, statusChanges: [], ...(await firstUnmatched(repos, seen)) };
      const fileId = await repos.remittances.insertFile({
        ...key,
        kinds: [...new Set(read.responses.map((r) => r.kind))],
        ...(first.date !== '' ? { fileDate: first.date } : {}),
        source: options.source,
        bytes: read.bytes,
        receivedAt: at,
      });
      const applied = await applyResponses(repos, fileId, key.senderId, read.responses, at);
      const warnings: PayerFileWarning[] = [];
      const statusChanges = await refreshDerived(repos, applied.claimIds, at, { inspect: (history) => warnings.push(...dateWarnings(history, applied.eventIds)) });
      for (const warning of warnings) await repos.remittances.addWarning(fileId, warning);
      await catchUpTimeliness(repos, today(ctx), at);
      await repos.remittances.setFileCounts(fileId, { events: applied.events, unmatched: applied.unmatched, claimsUpdated: statusChanges.length });
      const file = await repos.remittances.getFile(fileId);
      if (file === undefined) throw new Error('payer file row vanished inside its own transaction');
      return { file, duplicate: false, statusChanges, ...(await firstUnmatched(repos, file)) };
    });
  });
  ctx.logger.info('payer_file.ingested', {
    fileId: report.file.fileId,
    kinds: report.file.kinds.join(','),
    duplicate: report.duplicate,
    events: report.file.events,
    unmatched: report.file.unmatched,
    claimsUpdated: report.statusChanges.length,
    warnings: report.file.warnings.length,
  });
  return report;
}

/** The date anomalies of a claim that this file's events brought in. */
function dateWarnings(history: ClaimHistory, fromThisFile: ReadonlySet<number>): PayerFileWarning[] {
  const warnings: PayerFileWarning[] = [];
  for (const anomaly of history.dateAnomalies) {
    if (anomaly.eventId === undefined || !fromThisFile.has(anomaly.eventId)) continue;
    const { eventId, kind, field, date, submittedDate } = anomaly;
    warnings.push({ code: 'date_before_submission', claimId: history.claimId, eventId, eventKind: kind, field, date, submittedDate, message: describeDateAnomaly(history.claimId, anomaly) });
  }
  return warnings;
}

async function firstUnmatched(repos: Repositories, file: PayerFileRecord): Promise<Pick<IngestReport, 'unmatched' | 'unmatchedTruncated'>> {
  return { unmatched: await repos.remittances.listUnmatched({ fileId: file.fileId, limit: UNMATCHED_SHOWN }), unmatchedTruncated: file.unmatched > UNMATCHED_SHOWN };
}

/** Streams the bytes through the reader while hashing them; a PayerFileError becomes `invalid`. */
async function readWhole(input: ByteSource): Promise<ReadFile> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      hash.update(buffer);
      bytes += buffer.length;
      yield buffer;
    }
  }
  let responses: PayerResponse[];
  try {
    responses = await readPayerResponses(Readable.from(counted(), { objectMode: false }));
  } catch (error) {
    if (error instanceof PayerFileError) throw new AppError('invalid', `the payer file cannot be read: ${error.message}`, { location: error.location });
    throw error;
  }
  return { responses, sha256: hash.digest('hex'), bytes };
}

interface Applied {
  claimIds: Set<string>;
  /** the events appended from this file */
  eventIds: Set<number>;
  events: number;
  unmatched: number;
}

async function applyResponses(repos: Repositories, fileId: number, senderId: string, responses: readonly PayerResponse[], at: string): Promise<Applied> {
  const lookup = await StoreClaimLookup.forSender(repos, senderId);
  const source = `payer-file:${fileId}`;
  const applied: Applied = { claimIds: new Set(), eventIds: new Set(), events: 0, unmatched: 0 };
  // Each response is written before the next is matched: a payer number it teaches is seen by the next.
  for (const response of responses) {
    const { events, unmatched } = eventsFromPayerResponse(response, await lookup.prepare(response), { sourceFile: source });
    for (const id of await repos.events.appendMany(events.map((event) => toStoredEvent(event, at, source)))) applied.eventIds.add(id);
    await repos.remittances.addPayerReferences(payerReferences(events, lookup, fileId));
    for (const event of events) applied.claimIds.add(event.claimId);
    applied.events += events.length;
    const items: Array<Omit<UnmatchedRecord, 'itemId' | 'senderId' | 'interchangeControl' | 'receivedAt'>> = [];
    for (const item of unmatched) {
      const why = item.source === '999' ? undefined : await lookup.explain(item.claimId);
      items.push({ fileId, ...unmatchedColumns(item), ...(why !== undefined ? { reason: why } : {}), details: { ...item } });
    }
    await repos.remittances.insertUnmatched(items);
    applied.unmatched += items.length;
    if (response.kind === '835') await repos.providerAdjustments.add(await providerAdjustmentsOf(response, lookup, fileId));
  }
  return applied;
}

/** An 835's PLB amounts, each with the claim its reference names when it names one of ours. */
async function providerAdjustmentsOf(remittance: Remittance, lookup: StoreClaimLookup, fileId: number): Promise<Array<Omit<ProviderAdjustmentRecord, 'adjustmentId'>>> {
  const out: Array<Omit<ProviderAdjustmentRecord, 'adjustmentId'>> = [];
  for (const payment of remittance.payments) {
    for (const adjustment of payment.providerAdjustments ?? []) {
      const claim = adjustment.reference !== undefined ? await lookup.claimNamedBy(adjustment.reference) : undefined;
      const payerId = lookup.senderPayer() ?? claim?.payerId;
      out.push({
        fileId,
        traceNumber: payment.traceNumber,
        paymentDate: payment.paymentDate,
        reason: adjustment.reason,
        amountCents: toCents(adjustment.amount),
        ...(payerId !== undefined ? { payerId } : {}),
        ...(adjustment.reference !== undefined ? { reference: adjustment.reference } : {}),
        ...(claim !== undefined ? { claimId: claim.claimId } : {}),
        ...(adjustment.fiscalPeriodDate !== undefined ? { fiscalPeriodDate: adjustment.fiscalPeriodDate } : {}),
      });
    }
  }
  return out;
}

/** The payer's claim control numbers seen on accepted or adjudicated claims, for later matching. */
function payerReferences(events: readonly ClaimEvent[], lookup: StoreClaimLookup, fileId: number): Array<{ payerClaimControlNumber: string; claimId: string; payerId: string; fileId: number }> {
  const out = [];
  for (const event of events) {
    if (event.kind !== 'claim_accepted' && event.kind !== 'paid' && event.kind !== 'partially_paid' && event.kind !== 'denied' && event.kind !== 'reversed') continue;
    const number = event.details.payerClaimControlNumber;
    const payerId = lookup.payerOf(event.claimId);
    if (number === undefined || number === '' || payerId === undefined) continue;
    out.push({ payerClaimControlNumber: number, claimId: event.claimId, payerId, fileId });
  }
  return out;
}

function unmatchedColumns(item: UnmatchedItem): Pick<UnmatchedRecord, 'source' | 'reason' | 'claimId' | 'payerClaimControlNumber' | 'groupControlNumber' | 'transactionControlNumber'> {
  switch (item.source) {
    case '999':
      return {
        source: item.source,
        reason: item.reason,
        groupControlNumber: item.groupControlNumber,
        ...(item.transactionControlNumber !== undefined ? { transactionControlNumber: item.transactionControlNumber } : {}),
      };
    case '277CA':
    case '835':
      return {
        source: item.source,
        reason: item.reason,
        claimId: item.claimId,
        ...(item.payerClaimControlNumber !== undefined ? { payerClaimControlNumber: item.payerClaimControlNumber } : {}),
      };
  }
}
