// The payer's side of the demonstration: the 999, 277CA and 835 a plan would send back for the
// demo's batches, so that every screen after `ecm-claims demo` has something true to show. Built
// with the same envelope and writer as our 837s (counts and control numbers right), sent from the
// payer to us, marked as test data (ISA15 T) and as demonstration data in the text a person sees.
// Pure: dates, amounts and control numbers arrive from the demo's plan.

import type { Payer } from '../domain/reference.js';
import { interchange, type TransactionSet } from '../x12/write/envelope.js';
import { segment, type X12Segment } from '../x12/write/segment.js';
import { x12Amount, x12Date } from '../x12/write/values.js';
import { toX12String } from '../x12/write/writer.js';

export const DEMO_LABEL = 'DEMONSTRATION DATA';

export interface ReplyEnvelope {
  payer: Payer;
  /** the day the payer sends the file */
  date: string;
  /** ISA13 and GS06 of the payer's interchange */
  control: number;
}

export interface SentSet {
  /** our GS06 and ST02 */
  groupControl: string;
  transactionControl: string;
  /** 005010X222A1 or 005010X223A2 */
  version: string;
}

/** What a payer echoes back about a claim: our id, the member's plan id and the dates it covers. */
export interface ClaimEcho {
  claimId: string;
  memberCin: string;
  firstDate: string;
  lastDate: string;
}

export interface ClaimAcknowledgment extends ClaimEcho {
  charge: string;
  accepted: boolean;
  /** the payer's claim control number (REF*1K) on an accepted claim */
  payerClaimNumber?: string;
}

export interface RemittedClaim extends ClaimEcho {
  charge: string;
  paid: string;
  payerClaimNumber: string;
  /** DTM*050: the payer's received date */
  receivedDate: string;
  /** a claim-level CAS: group, CARC, amount */
  adjustment?: { group: string; reason: string; amount: string };
  remark?: string;
}

export interface Remittance {
  paymentDate: string;
  trace: string;
  claims: readonly RemittedClaim[];
}

const patient = (claim: ClaimEcho): X12Segment => segment('NM1', ['QC', '1', 'DEMONSTRATION', 'MEMBER', '', '', '', 'MI', claim.memberCin]);

function reply(envelope: ReplyEnvelope, functionalId: string, version: string, sets: readonly TransactionSet[]): string {
  const ids = envelope.payer.interchange;
  // The payer sends: its id is the sender, ours the receiver; always test data (ISA15 T).
  const header = {
    interchange: { senderQualifier: ids.receiverQualifier, senderId: ids.receiverId, receiverQualifier: ids.senderQualifier, receiverId: ids.senderId, usageIndicator: 'T' as const },
    clock: { date: envelope.date, time: '0900' },
    control: { interchange: envelope.control, group: envelope.control, transaction: 1 },
    functionalId,
    version,
  };
  return `${toX12String(interchange(header, sets), { newline: true })}`;
}

/** A 999 accepting each of our transaction sets. */
export function acceptance999(envelope: ReplyEnvelope, sent: SentSet): string {
  const body: X12Segment[] = [
    segment('AK1', ['HC', sent.groupControl, sent.version]),
    segment('AK2', ['837', sent.transactionControl, sent.version]),
    segment('IK5', ['A']),
    segment('AK9', ['A', '1', '1', '1']),
  ];
  return reply(envelope, 'FA', '005010X231A1', [{ id: '999', implementationReference: '005010X231A1', body }]);
}

/** A 277CA: each claim accepted into adjudication or rejected, received on the file's date. */
export function claimAcknowledgment277(envelope: ReplyEnvelope, batchId: string, organization: { name: string; npi?: string }, claims: readonly ClaimAcknowledgment[]): string {
  const d = x12Date(envelope.date);
  const total = x12Amount((claims.reduce((sum, c) => sum + Math.round(Number(c.charge) * 100), 0) / 100).toFixed(2));
  const accepted = claims.filter((c) => c.accepted).length;
  const body: X12Segment[] = [
    segment('BHT', ['0085', '08', `DEMO${envelope.control}`, d, '0900', 'TH']),
    segment('HL', ['1', '', '20', '1']),
    segment('NM1', ['PR', '2', `${envelope.payer.name} ${DEMO_LABEL}`, '', '', '', '', 'PI', envelope.payer.ediPayerId]),
    segment('TRN', ['1', `DEMO${envelope.control}`]),
    segment('DTP', ['050', 'D8', d]),
    segment('DTP', ['009', 'D8', d]),
    segment('HL', ['2', '1', '21', '1']),
    segment('NM1', ['41', '2', organization.name, '', '', '', '', '46', envelope.payer.interchange.senderId]),
    segment('TRN', ['2', batchId]),
    segment('STC', [['A1', '19', 'PR'], d, 'WQ', total]),
    segment('QTY', ['90', String(accepted)]),
    ...(accepted < claims.length ? [segment('QTY', ['AA', String(claims.length - accepted)])] : []),
    segment('HL', ['3', '2', '19', '1']),
    segment('NM1', ['85', '2', organization.name, '', '', '', '', 'XX', organization.npi ?? '']),
    segment('TRN', ['1', '0']),
    // At the billing provider level the guide leaves the status date (STC02) unused.
    segment('STC', [['A1', '19', 'PR'], '', 'WQ', total]),
  ];
  claims.forEach((claim, i) => {
    // No member data: the demonstration's payer names no patient.
    body.push(segment('HL', [String(4 + i), '3', 'PT']), patient(claim), segment('TRN', ['2', claim.claimId]));
    const status = claim.accepted ? ['A2', '20', 'PR'] : ['A7', '562', 'PR'];
    const message = claim.accepted ? `${DEMO_LABEL}: ACCEPTED` : `${DEMO_LABEL}: REJECTED, RENDERING PROVIDER NOT ENROLLED WITH PLAN`;
    body.push(segment('STC', [status, d, claim.accepted ? 'WQ' : 'U', x12Amount(claim.charge), '', '', '', '', '', '', '', message]));
    if (claim.payerClaimNumber !== undefined) body.push(segment('REF', ['1K', claim.payerClaimNumber]));
    body.push(segment('DTP', ['472', 'RD8', `${x12Date(claim.firstDate)}-${x12Date(claim.lastDate)}`]));
  });
  return reply(envelope, 'HN', '005010X214', [{ id: '277', implementationReference: '005010X214', body }]);
}

/** An 835 per payment: what was paid, when (BPR16), and why not. */
export function remittance835(envelope: ReplyEnvelope, organization: { name: string; npi?: string }, payments: readonly Remittance[]): string {
  const sets = payments.map((payment): TransactionSet => {
    const cents = payment.claims.reduce((sum, c) => sum + Math.round(Number(c.paid) * 100), 0);
    const total = (cents / 100).toFixed(2);
    const body: X12Segment[] = [
      segment('BPR', [cents > 0 ? 'C' : 'H', x12Amount(total), 'C', cents > 0 ? 'CHK' : 'NON', '', '', '', '', '', '', '', '', '', '', '', x12Date(payment.paymentDate)]),
      // TRN03 names the payer (1 + its tax id); a demonstration payer has a made-up one.
      segment('TRN', ['1', payment.trace, '1999999999']),
      segment('N1', ['PR', `${envelope.payer.name} ${DEMO_LABEL}`]),
      ...payerAddress(envelope.payer),
      segment('PER', ['BL', `${DEMO_LABEL} EDI HELP DESK`, 'TE', '8005550100']),
      segment('N1', ['PE', organization.name, 'XX', organization.npi ?? '']),
      segment('LX', ['1']),
    ];
    for (const claim of payment.claims) {
      const status = Number(claim.paid) === 0 ? '4' : '1';
      body.push(segment('CLP', [claim.claimId, status, x12Amount(claim.charge), x12Amount(claim.paid), '', 'MC', claim.payerClaimNumber]));
      if (claim.adjustment) body.push(segment('CAS', [claim.adjustment.group, claim.adjustment.reason, x12Amount(claim.adjustment.amount)]));
      body.push(patient(claim));
      if (claim.remark) body.push(segment('MOA', ['', '', claim.remark]));
      body.push(segment('DTM', ['050', x12Date(claim.receivedDate)]));
    }
    // The 835 guide leaves ST03 unused, unlike the 837s and acknowledgments.
    return { id: '835', implementationReference: '', body };
  });
  return reply(envelope, 'HP', '005010X221A1', sets);
}

/** The payer's address in 1000A: its paper-claims address when the profile has one. */
function payerAddress(payer: Payer): X12Segment[] {
  const address = payer.paperAddress ?? { line1: 'PO BOX 1', city: 'SACRAMENTO', state: 'CA', zip: '958140001' };
  return [segment('N3', [address.line1, ...(address.line2 ? [address.line2] : [])]), segment('N4', [address.city, address.state, address.zip])];
}
