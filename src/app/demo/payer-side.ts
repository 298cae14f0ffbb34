// What each demonstration payer does with the claims it receives, as data: acknowledge the 837
// files (one claim of the 837I rejected), pay most claims within 30 days, some late, deny one,
// and leave one invoice open. Days count from the day the claims were sent.


import type { Organization, Payer } from '../../domain/reference.js';
import { acceptance999, claimAcknowledgment277, remittance835, type ClaimAcknowledgment, type RemittedClaim } from '../../demo/payer-replies.js';
import type { DemoTimeline } from '../../demo/timeline.js';
import type { BatchRecord } from '../../store/batch-store.js';

/** A claim's fate: paid on a day, denied on a day, rejected by the 277CA, or still open. */
export type Outcome = { paid: number } | { denied: number } | 'rejected' | 'open';

/** By payer, one outcome per claim in claim-id order (the last one repeats for any extra). */
export const PAYER_BEHAVIOUR: Readonly<Record<string, readonly Outcome[]>> = {
  valleycrest: [{ paid: 19 }, { paid: 19 }, { denied: 19 }, { paid: 19 }, { paid: 47 }],
  sierraoak: ['rejected', { paid: 24 }, { paid: 52 }],
  goldencoast: [{ paid: 26 }, { paid: 26 }, { paid: 26 }, { paid: 50 }],
  deltabay: [{ paid: 27 }, { paid: 27 }, 'open'],
  redwoodshore: [{ paid: 23 }, { paid: 45 }],
};

/** The denial the demonstration shows: payers deny ECM claims for this often enough. */
const DENIAL = { group: 'CO', reason: '197', remark: 'N54' };

export interface SentClaim {
  claimId: string;
  charge: string;
  memberCin: string;
  firstDate: string;
  lastDate: string;
}

export interface PayerFile {
  /** file name in the output folder */
  name: string;
  format: '999' | '277ca' | '835';
  /** the day the payer sends it: the demo's clock stands there when it is ingested */
  date: string;
  text: string;
}

export interface ByHandPayment {
  claimId: string;
  date: string;
  amount: string;
}

export function outcomeOf(payerId: string, index: number): Outcome {
  const list = PAYER_BEHAVIOUR[payerId] ?? [{ paid: 20 }];
  return list[Math.min(index, list.length - 1)] ?? 'open';
}

const payerClaimNumber = (payer: Payer, period: string, claimId: string) => `${payer.ediPayerId}${period.replace('-', '')}${claimId.replace(/\D/g, '')}`;

/**
 * The files a payer sends back for one batch. An 837 batch gets a 999 and a 277CA the next day;
 * a paper claim (CMS-1500, UB-04) arrives by mail a few days after it was sent, and its receipt date travels in the
 * 835.
 */
export function payerFiles(timeline: DemoTimeline, organization: Organization, payer: Payer, batch: BatchRecord, claims: readonly SentClaim[], nextControl: () => number): PayerFile[] {
  const files: PayerFile[] = [];
  const electronic = batch.format === '837p' || batch.format === '837i';
  const received = electronic ? timeline.acknowledged : timeline.paperReceived;
  const tag = `${payer.id}-${batch.batchId}`;
  const sorted = [...claims].sort((a, b) => (a.claimId < b.claimId ? -1 : 1));
  const outcomes = sorted.map((claim, i) => ({ claim, outcome: outcomeOf(payer.id, i), number: payerClaimNumber(payer, timeline.period, claim.claimId) }));

  if (electronic) {
    const version = batch.format === '837p' ? '005010X222A1' : '005010X223A2';
    const envelope = { payer, date: timeline.acknowledged, control: nextControl() };
    files.push({ name: `demo-999-${tag}.x12`, format: '999', date: timeline.acknowledged, text: acceptance999(envelope, { groupControl: batch.groupControl ?? '', transactionControl: batch.firstTransactionControl ?? '', version }) });
    const acks: ClaimAcknowledgment[] = outcomes.map(({ claim, outcome, number }) => ({
      ...claim,
      accepted: outcome !== 'rejected',
      ...(outcome === 'rejected' ? {} : { payerClaimNumber: number }),
    }));
    files.push({ name: `demo-277ca-${tag}.x12`, format: '277ca', date: timeline.acknowledged, text: claimAcknowledgment277({ payer, date: timeline.acknowledged, control: nextControl() }, batch.batchId, organization, acks) });
  }

  // Invoices have no 835: their payments are recorded by hand (invoicePayments).
  if (batch.format === 'invoice') return files;
  const byDay = new Map<number, RemittedClaim[]>();
  for (const { claim, outcome, number } of outcomes) {
    if (typeof outcome !== 'object') continue;
    const day = 'paid' in outcome ? outcome.paid : outcome.denied;
    const remitted: RemittedClaim =
      'paid' in outcome
        ? { ...claim, paid: claim.charge, payerClaimNumber: number, receivedDate: received }
        : { ...claim, paid: '0.00', payerClaimNumber: number, receivedDate: received, adjustment: { group: DENIAL.group, reason: DENIAL.reason, amount: claim.charge }, remark: DENIAL.remark };
    byDay.set(day, [...(byDay.get(day) ?? []), remitted]);
  }
  for (const [day, remitted] of [...byDay.entries()].sort((a, b) => a[0] - b[0])) {
    const date = timeline.day(day);
    const control = nextControl();
    files.push({ name: `demo-835-${tag}-${date}.x12`, format: '835', date, text: remittance835({ payer, date, control }, organization, [{ paymentDate: date, trace: `DEMO${control}`, claims: remitted }]) });
  }
  return files;
}

/** Invoices have no 835: the demonstration records their payments by hand, as billing staff would. */
export function invoicePayments(timeline: DemoTimeline, payer: Payer, claims: readonly SentClaim[]): ByHandPayment[] {
  const sorted = [...claims].sort((a, b) => (a.claimId < b.claimId ? -1 : 1));
  return sorted.flatMap((claim, i) => {
    const outcome = outcomeOf(payer.id, i);
    return typeof outcome === 'object' && 'paid' in outcome ? [{ claimId: claim.claimId, date: timeline.day(outcome.paid), amount: claim.charge }] : [];
  });
}

