// The claim event log: append-only entries that record what happened to a claim (batched, sent,
// acknowledged, adjudicated, paid). The store keeps them; claim-history.ts folds them into a
// status and the dates finance needs. This module turns one payer response into such events.

import type { CalendarDate } from '../domain/calendar.js';
import type { Adjustment, ClaimAcknowledgment, FileAcknowledgment, PayerResponse, Remittance, RemittanceClaim, RemittancePayment } from '../domain/remittance.js';
import { toCents } from '../domain/money.js';

export const CLAIM_EVENT_KINDS = [
  'batched',
  'submitted',
  'file_accepted',
  'file_rejected',
  'claim_accepted',
  'claim_rejected',
  'paid',
  'partially_paid',
  'denied',
  'reversed',
  'payment_recorded',
] as const;
export type ClaimEventKind = (typeof CLAIM_EVENT_KINDS)[number];

/** Written by whoever sends the batch; the control numbers let a 999 find the right attempt. */
export interface BatchDetails {
  batchId?: string;
  groupControlNumber?: string;
  transactionControlNumber?: string;
}

export interface FileAcknowledgmentDetails {
  interchangeControlNumber: string;
  groupControlNumber: string;
  transactionControlNumber?: string;
  groupStatus: FileAcknowledgment['groupStatus'];
  /** errors that concern this claim or the whole transaction set */
  errors: string[];
}

export interface ClaimAcknowledgmentDetails {
  interchangeControlNumber: string;
  statusCodes: string[];
  receivedDate?: CalendarDate;
  payerClaimControlNumber?: string;
  message?: string;
}

export interface AdjudicationDetails {
  interchangeControlNumber: string;
  traceNumber: string;
  paymentDate: CalendarDate;
  /** CLP02 */
  claimStatusCode: string;
  /** our total charge, against which "partially paid" was judged */
  charge: string;
  /** CLP03 as the payer reported it (negative on a reversal) */
  reportedCharge: string;
  paid: string;
  patientResponsibility?: string;
  payerClaimControlNumber?: string;
  /** 835 DTM*050: the payer's date stamp */
  receivedDate?: CalendarDate;
  /** 835 AMT*I: prompt-pay interest paid with the claim, beside `paid` */
  interest?: string;
  adjustments: Adjustment[];
  lineAdjustments: Adjustment[];
  remarkCodes: string[];
}

/** Money posted by hand (paper check, EOB without an 835); amount is required. */
export interface PaymentRecordedDetails {
  reference?: string;
  note?: string;
}

interface EventOf<K extends ClaimEventKind, D extends object> {
  claimId: string;
  kind: K;
  date: CalendarDate;
  amount?: string;
  details: D;
  sourceFile?: string;
  /** the store's id of the event, when it was read back from the store */
  eventId?: number;
}

export type SubmissionEvent = EventOf<'batched' | 'submitted', BatchDetails>;
export type FileAcknowledgmentEvent = EventOf<'file_accepted' | 'file_rejected', FileAcknowledgmentDetails>;
export type ClaimAcknowledgmentEvent = EventOf<'claim_accepted' | 'claim_rejected', ClaimAcknowledgmentDetails>;
export type AdjudicationEvent = EventOf<'paid' | 'partially_paid' | 'denied' | 'reversed', AdjudicationDetails>;
export type PaymentRecordedEvent = EventOf<'payment_recorded', PaymentRecordedDetails>;

export type ClaimEvent = SubmissionEvent | FileAcknowledgmentEvent | ClaimAcknowledgmentEvent | AdjudicationEvent | PaymentRecordedEvent;

/** What the store knows about one of our claims, for matching payer responses. */
export interface OurClaimInfo {
  claimId: string;
  payerId: string;
  totalCharge: string;
  /** GS06 / ST02 of the batch that carried the claim, to match a 999 */
  groupControlNumber?: string;
  transactionControlNumber?: string;
}

export interface BatchReference {
  /** ISA06 of the acknowledgment, i.e. the payer or clearinghouse that answers */
  senderId: string;
  groupControlNumber: string;
  /** absent when the 999 rejects the whole group without naming transaction sets */
  transactionControlNumber?: string;
}

export interface ClaimLookup {
  /** Our claim by CLM01, or by the payer's claim control number when the id does not match. */
  findClaim(claimId: string, payerClaimControlNumber?: string): OurClaimInfo | undefined;
  /** The claims sent in a functional group (and transaction set) that a 999 acknowledges. */
  claimsInBatch(batch: BatchReference): readonly OurClaimInfo[];
}

export type UnmatchedItem =
  | { source: '999'; reason: string; groupControlNumber: string; transactionControlNumber?: string; accepted: boolean; errors: string[] }
  | { source: '277CA'; reason: string; claimId: string; payerClaimControlNumber?: string; accepted: boolean; statusCodes: string[] }
  | {
      source: '835';
      reason: string;
      claimId: string;
      payerClaimControlNumber?: string;
      claimStatusCode: string;
      charge: string;
      paid: string;
      traceNumber: string;
      paymentDate: CalendarDate;
    };

export interface ResponseEvents {
  events: ClaimEvent[];
  /** items that name no claim we know, or that carry no outcome: listed, never dropped */
  unmatched: UnmatchedItem[];
}

export interface EventOptions {
  sourceFile?: string;
}

export function eventsFromPayerResponse(response: PayerResponse, lookup: ClaimLookup, options: EventOptions = {}): ResponseEvents {
  switch (response.kind) {
    case '999':
      return fromFileAcknowledgment(response, lookup, options);
    case '277CA':
      return fromClaimAcknowledgment(response, lookup, options);
    case '835':
      return fromRemittance(response, lookup, options);
  }
}

/** AK901 codes under which nothing in the group goes on, whatever IK5 says. */
const REJECTED_GROUP_STATUSES: ReadonlySet<string> = new Set(['R', 'M', 'W', 'X']);

function fromFileAcknowledgment(ack: FileAcknowledgment, lookup: ClaimLookup, options: EventOptions): ResponseEvents {
  const out: ResponseEvents = { events: [], unmatched: [] };
  const groupRejected = REJECTED_GROUP_STATUSES.has(ack.groupStatus);
  const answers: Array<{ transactionControlNumber?: string; accepted: boolean; errors: string[] }> =
    ack.transactions.length > 0
      ? ack.transactions.map((t) => ({ transactionControlNumber: t.transactionControlNumber, accepted: t.accepted && !groupRejected, errors: t.errors }))
      : [{ accepted: !groupRejected, errors: groupRejected ? [`functional group ${ack.groupControlNumber} rejected (AK9 ${ack.groupStatus})`] : [] }];
  for (const answer of answers) {
    const batch: BatchReference = { senderId: ack.senderId, groupControlNumber: ack.groupControlNumber };
    if (answer.transactionControlNumber !== undefined) batch.transactionControlNumber = answer.transactionControlNumber;
    const claims = lookup.claimsInBatch(batch);
    if (claims.length === 0) {
      out.unmatched.push({
        source: '999',
        reason: `no claims were sent in functional group ${ack.groupControlNumber}${answer.transactionControlNumber !== undefined ? `, transaction set ${answer.transactionControlNumber}` : ''}`,
        groupControlNumber: ack.groupControlNumber,
        ...(answer.transactionControlNumber !== undefined ? { transactionControlNumber: answer.transactionControlNumber } : {}),
        accepted: answer.accepted,
        errors: answer.errors,
      });
      continue;
    }
    for (const claim of claims) {
      const details: FileAcknowledgmentDetails = {
        interchangeControlNumber: ack.interchangeControlNumber,
        groupControlNumber: ack.groupControlNumber,
        groupStatus: ack.groupStatus,
        errors: errorsConcerning(claim.claimId, answer.errors),
      };
      if (answer.transactionControlNumber !== undefined) details.transactionControlNumber = answer.transactionControlNumber;
      out.events.push(withSource({ claimId: claim.claimId, kind: answer.accepted ? 'file_accepted' : 'file_rejected', date: ack.date, details }, options));
    }
  }
  return out;
}

/** ack-999 prefixes errors found inside one claim with "claim <id>: ". */
function errorsConcerning(claimId: string, errors: readonly string[]): string[] {
  return errors.filter((e) => !e.startsWith('claim ') || e.startsWith(`claim ${claimId}:`));
}

function fromClaimAcknowledgment(ack: ClaimAcknowledgment, lookup: ClaimLookup, options: EventOptions): ResponseEvents {
  const out: ResponseEvents = { events: [], unmatched: [] };
  for (const item of ack.claims) {
    const claim = lookup.findClaim(item.claimId, item.payerClaimControlNumber);
    if (claim === undefined) {
      out.unmatched.push({
        source: '277CA',
        reason: `no claim ${item.claimId}${item.payerClaimControlNumber !== undefined ? ` (payer claim control number ${item.payerClaimControlNumber})` : ''}`,
        claimId: item.claimId,
        ...(item.payerClaimControlNumber !== undefined ? { payerClaimControlNumber: item.payerClaimControlNumber } : {}),
        accepted: item.accepted,
        statusCodes: item.statusCodes,
      });
      continue;
    }
    const details: ClaimAcknowledgmentDetails = { interchangeControlNumber: ack.interchangeControlNumber, statusCodes: item.statusCodes };
    if (item.receivedDate !== undefined) details.receivedDate = item.receivedDate;
    if (item.payerClaimControlNumber !== undefined) details.payerClaimControlNumber = item.payerClaimControlNumber;
    if (item.message !== undefined) details.message = item.message;
    out.events.push(withSource({ claimId: claim.claimId, kind: item.accepted ? 'claim_accepted' : 'claim_rejected', date: ack.date, details }, options));
  }
  return out;
}

/** CLP02 codes after which the claim went through adjudication (processed as primary... or forwarded). */
const PROCESSED_STATUSES: ReadonlySet<string> = new Set(['1', '2', '3', '19', '20', '21']);

function fromRemittance(remittance: Remittance, lookup: ClaimLookup, options: EventOptions): ResponseEvents {
  const out: ResponseEvents = { events: [], unmatched: [] };
  for (const payment of remittance.payments) {
    for (const item of payment.claims) {
      const claim = lookup.findClaim(item.claimId, item.payerClaimControlNumber);
      const kind = claim === undefined ? undefined : adjudicationKind(item, claim.totalCharge);
      if (claim === undefined || kind === undefined) {
        out.unmatched.push(unmatchedRemittance(item, payment, claim === undefined ? `no claim ${item.claimId}` : `claim status code ${item.status} carries no payment outcome`));
        continue;
      }
      const event: AdjudicationEvent = {
        claimId: claim.claimId,
        kind,
        date: payment.paymentDate,
        amount: item.paid,
        details: adjudicationDetails(remittance, payment, item, claim),
      };
      out.events.push(withSource(event, options));
    }
  }
  return out;
}

/**
 * The outcome of one CLP for our claim. Partial means some money but less than our charge;
 * a zero payment on a claim that charged something is a denial even when CLP02 says processed.
 */
export function adjudicationKind(item: RemittanceClaim, ourCharge: string): 'paid' | 'partially_paid' | 'denied' | 'reversed' | undefined {
  if (item.status === '22') return 'reversed';
  if (item.status === '4' || item.status === '23') return 'denied';
  if (!PROCESSED_STATUSES.has(item.status)) return undefined;
  const paid = toCents(item.paid);
  const charge = toCents(ourCharge);
  if (paid <= 0) return charge > 0 ? 'denied' : 'paid';
  return paid < charge ? 'partially_paid' : 'paid';
}

function adjudicationDetails(remittance: Remittance, payment: RemittancePayment, item: RemittanceClaim, claim: OurClaimInfo): AdjudicationDetails {
  const details: AdjudicationDetails = {
    interchangeControlNumber: remittance.interchangeControlNumber,
    traceNumber: payment.traceNumber,
    paymentDate: payment.paymentDate,
    claimStatusCode: item.status,
    charge: claim.totalCharge,
    reportedCharge: item.totalCharge,
    paid: item.paid,
    adjustments: item.adjustments,
    lineAdjustments: item.lines.flatMap((line) => line.adjustments),
    remarkCodes: [...new Set([...item.remarkCodes, ...item.lines.flatMap((line) => line.remarkCodes)])],
  };
  if (item.patientResponsibility !== undefined) details.patientResponsibility = item.patientResponsibility;
  if (item.payerClaimControlNumber !== undefined) details.payerClaimControlNumber = item.payerClaimControlNumber;
  if (item.receivedDate !== undefined) details.receivedDate = item.receivedDate;
  if (item.interest !== undefined) details.interest = item.interest;
  return details;
}

function unmatchedRemittance(item: RemittanceClaim, payment: RemittancePayment, reason: string): UnmatchedItem {
  return {
    source: '835',
    reason,
    claimId: item.claimId,
    ...(item.payerClaimControlNumber !== undefined ? { payerClaimControlNumber: item.payerClaimControlNumber } : {}),
    claimStatusCode: item.status,
    charge: item.totalCharge,
    paid: item.paid,
    traceNumber: payment.traceNumber,
    paymentDate: payment.paymentDate,
  };
}

function withSource<E extends ClaimEvent>(event: E, options: EventOptions): E {
  return options.sourceFile !== undefined ? { ...event, sourceFile: options.sourceFile } : event;
}
