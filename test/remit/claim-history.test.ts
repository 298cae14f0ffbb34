import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Adjustment } from '../../src/domain/remittance.js';
import { eventsFromPayerResponse, type AdjudicationDetails, type ClaimEvent, type ClaimLookup } from '../../src/remit/claim-events.js';
import { deriveClaimHistory, deriveClaimStatus } from '../../src/remit/claim-history.js';
import { reasonCodes } from '../../src/metrics/reason-codes.js';
import { readPayerFile } from '../../src/x12/read/reader.js';
import { FIXTURES } from '../support/paths.js';
import { join } from 'node:path';

const CHARGES: Record<string, string> = {
  C000001: '330.00',
  C000002: '330.00',
  C000003: '165.00',
  C000004: '165.00',
  C000005: '165.00',
  C000006: '165.00',
  C000007: '165.00',
  C000008: '330.00',
};
const lookup: ClaimLookup = {
  findClaim: (id) => (CHARGES[id] !== undefined ? { claimId: id, payerId: 'healthnet', totalCharge: CHARGES[id] } : undefined),
  claimsInBatch: () => [],
};
const ours = (claimId: string, totalCharge = '165.00') => ({ claimId, payerId: 'healthnet', totalCharge });

const submitted = (claimId: string, date: string, groupControlNumber?: string): ClaimEvent => ({
  claimId,
  kind: 'submitted',
  date,
  details: groupControlNumber !== undefined ? { groupControlNumber } : {},
});

function remitted(
  claimId: string,
  kind: 'paid' | 'partially_paid' | 'denied' | 'reversed',
  date: string,
  paid: string,
  extra: { trace?: string; pccn?: string; received?: string; adjustments?: Adjustment[]; lineAdjustments?: Adjustment[] } = {},
): ClaimEvent {
  const details: AdjudicationDetails = {
    interchangeControlNumber: '1',
    traceNumber: extra.trace ?? `T${date}`,
    paymentDate: date,
    claimStatusCode: kind === 'reversed' ? '22' : kind === 'denied' ? '4' : '1',
    charge: '165.00',
    reportedCharge: '165.00',
    paid,
    adjustments: extra.adjustments ?? [],
    lineAdjustments: extra.lineAdjustments ?? [],
    remarkCodes: [],
  };
  if (extra.pccn !== undefined) details.payerClaimControlNumber = extra.pccn;
  if (extra.received !== undefined) details.receivedDate = extra.received;
  return { claimId, kind, date, amount: paid, details };
}

describe('claims of the sample 835', async () => {
  const remittance = await readPayerFile(createReadStream(join(FIXTURES, 'remit', '835-healthnet.x12')));
  const fromFile = eventsFromPayerResponse(remittance, lookup).events;
  const history = (id: string) => deriveClaimHistory(ours(id, CHARGES[id]), [submitted(id, '2026-02-01'), ...fromFile]);

  it('a claim paid in full: paid, clean, dated by DTM*050 and BPR16', () => {
    expect(history('C000001')).toEqual({
      claimId: 'C000001',
      payerId: 'healthnet',
      status: 'paid',
      receiptDate: '2026-02-03',
      submittedDate: '2026-02-01',
      paymentDate: '2026-03-06',
      adjudicationDate: '2026-03-06',
      clean: true,
      charge: '330.00',
      paid: '330.00',
      denialReasons: [],
      rejectionReasons: [],
      submissions: 1,
      dateAnomalies: [],
      dateAnomaly: false,
    });
  });

  it('a partial payment stays partial', () => {
    expect(history('C000002')).toMatchObject({ status: 'partially_paid', paid: '165.00', paymentDate: '2026-03-06', clean: true });
  });

  it('a denial with CARC 16 is not clean; a denial for another reason is', () => {
    const held = history('C000003');
    expect(held).toMatchObject({ status: 'denied', clean: false, paid: '0.00', adjudicationDate: '2026-03-06', denialReasons: [{ group: 'CO', code: '16', amount: '165.00' }] });
    expect(held.paymentDate).toBeUndefined();
    expect(history('C000004')).toMatchObject({ status: 'denied', clean: true, receiptDate: '2026-01-20', denialReasons: [{ group: 'CO', code: '29', amount: '165.00' }] });
  });

  it('a reversal undoes the payment', () => {
    const reversed = history('C000006');
    expect(reversed).toMatchObject({ status: 'submitted', paid: '0.00', receiptDate: '2026-02-05', clean: true });
    expect(reversed.paymentDate).toBeUndefined();
    expect(reversed.adjudicationDate).toBeUndefined();
  });

  it('a correction (reversal and new adjudication in one payment) keeps the first payment date', () => {
    expect(history('C000005')).toMatchObject({ status: 'partially_paid', paid: '150.00', paymentDate: '2026-03-06', adjudicationDate: '2026-03-06' });
  });

  it('other claims of later checks', () => {
    expect(history('C000007')).toMatchObject({ status: 'paid', paymentDate: '2026-03-20', receiptDate: '2026-02-10' });
    expect(history('C000008')).toMatchObject({ status: 'paid', paymentDate: '2026-03-20', receiptDate: '2026-03-02' });
  });
});

describe('deriving status and dates', () => {
  it('a claim with no events has no status and is not clean', () => {
    expect(deriveClaimHistory(ours('C1'), [])).toMatchObject({ status: undefined, clean: false, paid: '0.00', submissions: 0 });
    expect(deriveClaimStatus([], ours('C1'))).toBeUndefined();
  });

  it('a batched claim not yet sent has no receipt date', () => {
    const h = deriveClaimHistory(ours('C1'), [{ claimId: 'C1', kind: 'batched', date: '2026-01-01', details: {} }]);
    expect(h).toMatchObject({ status: 'batched', clean: false });
    expect(h.receiptDate).toBeUndefined();
  });

  it('ignores events of other claims', () => {
    expect(deriveClaimStatus([submitted('C1', '2026-01-01'), remitted('C2', 'paid', '2026-01-20', '165.00')], ours('C1'))).toBe('submitted');
  });

  it('a sent claim without acknowledgment is presumed received the day it was sent', () => {
    expect(deriveClaimHistory(ours('C1'), [submitted('C1', '2026-01-02')])).toMatchObject({ status: 'submitted', receiptDate: '2026-01-02', clean: true });
  });

  it('the 277CA received date is the receipt date of an accepted claim', () => {
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02'),
      { claimId: 'C1', kind: 'claim_accepted', date: '2026-01-06', details: { interchangeControlNumber: '1', statusCodes: ['A2:20'], receivedDate: '2026-01-05' } },
    ];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'accepted', receiptDate: '2026-01-05', clean: true });
  });

  it('a rejected claim sent again starts a new receipt date', () => {
    const first: ClaimEvent[] = [
      submitted('C1', '2026-01-02', '1001'),
      { claimId: 'C1', kind: 'claim_rejected', date: '2026-01-06', details: { interchangeControlNumber: '1', statusCodes: ['A7:164:IL'], receivedDate: '2026-01-05', message: 'SUBSCRIBER ID NOT FOUND' } },
    ];
    expect(deriveClaimHistory(ours('C1'), first)).toMatchObject({
      status: 'rejected',
      clean: false,
      receiptDate: '2026-01-02',
      rejectionReasons: ['A7:164:IL', 'SUBSCRIBER ID NOT FOUND'],
      submissions: 1,
    });
    const again: ClaimEvent[] = [
      ...first,
      { claimId: 'C1', kind: 'batched', date: '2026-01-19', details: { groupControlNumber: '1003' } },
      submitted('C1', '2026-01-20', '1003'),
      { claimId: 'C1', kind: 'claim_accepted', date: '2026-01-23', details: { interchangeControlNumber: '2', statusCodes: ['A2:20'], receivedDate: '2026-01-21' } },
      remitted('C1', 'paid', '2026-02-13', '165.00', { received: '2026-01-21' }),
    ];
    expect(deriveClaimHistory(ours('C1'), again)).toMatchObject({
      status: 'paid',
      clean: true,
      receiptDate: '2026-01-21',
      submittedDate: '2026-01-20',
      paymentDate: '2026-02-13',
      rejectionReasons: [],
      submissions: 2,
    });
  });

  it('a 999 rejection makes the claim rejected; a late 999 about the earlier attempt does not judge the new one', () => {
    const rejectedFile = (gcn: string, date: string): ClaimEvent => ({
      claimId: 'C1',
      kind: 'file_rejected',
      date,
      details: { interchangeControlNumber: '9', groupControlNumber: gcn, groupStatus: 'R', errors: ['claim C1: CLM05-03 at segment position 22 in loop 2300: invalid code value'] },
    });
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02', '1002'),
      rejectedFile('1002', '2026-01-03'),
      submitted('C1', '2026-01-10', '1005'),
      { claimId: 'C1', kind: 'file_accepted', date: '2026-01-11', details: { interchangeControlNumber: '10', groupControlNumber: '1005', groupStatus: 'A', errors: [] } },
      rejectedFile('1002', '2026-01-12'),
    ];
    expect(deriveClaimHistory(ours('C1'), events.slice(0, 2))).toMatchObject({ status: 'rejected', clean: false, rejectionReasons: ['claim C1: CLM05-03 at segment position 22 in loop 2300: invalid code value'] });
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'submitted', clean: true, receiptDate: '2026-01-10', submissions: 2 });
  });

  it('a 999 acceptance read after a 277CA rejection does not undo it', () => {
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02', '1001'),
      { claimId: 'C1', kind: 'claim_rejected', date: '2026-01-06', details: { interchangeControlNumber: '1', statusCodes: ['A3:21'] } },
      { claimId: 'C1', kind: 'file_accepted', date: '2026-01-03', details: { interchangeControlNumber: '2', groupControlNumber: '1001', groupStatus: 'A', errors: [] } },
    ];
    expect(deriveClaimStatus(events, ours('C1'))).toBe('rejected');
  });

  it('a reversal in one payment and a new adjudication in a later one dates the payment from the later one', () => {
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02'),
      remitted('C1', 'paid', '2026-01-20', '165.00', { pccn: 'P1', trace: 'A' }),
      remitted('C1', 'reversed', '2026-02-10', '-165.00', { pccn: 'P1', trace: 'B' }),
    ];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'submitted', paid: '0.00' });
    const repaid = deriveClaimHistory(ours('C1'), [...events, remitted('C1', 'paid', '2026-03-03', '165.00', { pccn: 'P2', trace: 'C' })]);
    expect(repaid).toMatchObject({ status: 'paid', paid: '165.00', paymentDate: '2026-03-03', adjudicationDate: '2026-03-03' });
  });

  it('a reversal takes back the outcome with its payer claim control number', () => {
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02'),
      remitted('C1', 'partially_paid', '2026-01-20', '100.00', { pccn: 'P1' }),
      remitted('C1', 'partially_paid', '2026-01-27', '65.00', { pccn: 'P2' }),
      remitted('C1', 'reversed', '2026-02-03', '-100.00', { pccn: 'P1' }),
    ];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'partially_paid', paid: '65.00', paymentDate: '2026-01-27', adjudicationDate: '2026-01-27' });
  });

  it('a denial for CARC 16 on a service line is not clean either; the code set can add other codes', () => {
    const lineDenial = [submitted('C1', '2026-01-02'), remitted('C1', 'denied', '2026-01-20', '0.00', { lineAdjustments: [{ group: 'CO', reason: '16', amount: '165.00' }] })];
    expect(deriveClaimHistory(ours('C1'), lineDenial).clean).toBe(false);
    const asked = [submitted('C1', '2026-01-02'), remitted('C1', 'denied', '2026-01-20', '0.00', { adjustments: [{ group: 'CO', reason: '226', amount: '165.00' }] })];
    expect(deriveClaimHistory(ours('C1'), asked).clean).toBe(true);
    expect(deriveClaimHistory(ours('C1'), asked, { missingInformationReasons: reasonCodes().missingInformation }).clean).toBe(false);
  });

  it('a paid claim with a CARC 16 line adjustment stays clean: it was not held', () => {
    const events = [submitted('C1', '2026-01-02', undefined), remitted('C1', 'partially_paid', '2026-01-20', '100.00', { lineAdjustments: [{ group: 'CO', reason: '16', amount: '65.00' }] })];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'partially_paid', clean: true, denialReasons: [] });
  });

  it('payments posted by hand add up to paid', () => {
    const manual = (amount: string, date: string): ClaimEvent => ({ claimId: 'C1', kind: 'payment_recorded', date, amount, details: { reference: 'check 5531' } });
    const events = [submitted('C1', '2026-01-02'), manual('100.00', '2026-01-25')];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ status: 'partially_paid', paid: '100.00', paymentDate: '2026-01-25' });
    expect(deriveClaimHistory(ours('C1'), [...events, manual('65.00', '2026-02-01')])).toMatchObject({ status: 'paid', paid: '165.00', paymentDate: '2026-01-25' });
  });
});

describe('payer dates before the send date', () => {
  const accepted = (date: string, received?: string, eventId?: number): ClaimEvent => ({
    claimId: 'C1',
    kind: 'claim_accepted',
    date,
    details: { interchangeControlNumber: '5', statusCodes: ['A2:20'], ...(received !== undefined ? { receivedDate: received } : {}) },
    ...(eventId !== undefined ? { eventId } : {}),
  });
  const fileAccepted = (gcn: string, date: string): ClaimEvent => ({ claimId: 'C1', kind: 'file_accepted', date, details: { interchangeControlNumber: '9', groupControlNumber: gcn, groupStatus: 'A', errors: [] } });

  it('flags a BPR16, DTM*050 or 277CA date before the send date, keeps the event, and lets the same day pass', () => {
    const paid = { ...remitted('C1', 'paid', '2026-01-08', '165.00', { received: '2026-01-10' }), eventId: 12 };
    const history = deriveClaimHistory(ours('C1'), [submitted('C1', '2026-01-10'), accepted('2026-01-09', '2026-01-10', 11), paid]);
    expect(history).toMatchObject({ status: 'paid', paid: '165.00', paymentDate: '2026-01-08', dateAnomaly: true });
    expect(history.dateAnomalies).toEqual([
      { eventId: 11, kind: 'claim_accepted', field: 'acceptedDate', date: '2026-01-09', submittedDate: '2026-01-10' },
      { eventId: 12, kind: 'paid', field: 'paymentDate', date: '2026-01-08', submittedDate: '2026-01-10' },
    ]);
    const sameDay = deriveClaimHistory(ours('C1'), [submitted('C1', '2026-01-10'), accepted('2026-01-10', '2026-01-10'), remitted('C1', 'paid', '2026-01-10', '165.00', { received: '2026-01-10' })]);
    expect(sameDay).toMatchObject({ dateAnomalies: [], dateAnomaly: false });
    const early = deriveClaimHistory(ours('C1'), [submitted('C1', '2026-01-10'), remitted('C1', 'denied', '2026-01-20', '0.00', { received: '2026-01-09' })]);
    expect(early.dateAnomalies).toEqual([{ kind: 'denied', field: 'receivedDate', date: '2026-01-09', submittedDate: '2026-01-10' }]);
  });

  it('judges an answer read before the send date was entered against that date all the same', () => {
    const events: ClaimEvent[] = [{ claimId: 'C1', kind: 'batched', date: '2026-01-05', details: { batchId: 'B1', groupControlNumber: '1001' } }, fileAccepted('1001', '2026-01-09'), { claimId: 'C1', kind: 'submitted', date: '2026-01-10', details: { batchId: 'B1' } }];
    expect(deriveClaimHistory(ours('C1'), events)).toMatchObject({ submissions: 1, dateAnomaly: true, dateAnomalies: [{ kind: 'file_accepted', field: 'acceptedDate', date: '2026-01-09', submittedDate: '2026-01-10' }] });
    expect(deriveClaimHistory(ours('C1'), events.slice(0, 2)).dateAnomalies).toEqual([]);
  });

  it('an earlier attempt with a bad date leaves the latest one clear; a late 999 for it is not judged', () => {
    const events: ClaimEvent[] = [
      submitted('C1', '2026-01-02', '1001'),
      { claimId: 'C1', kind: 'claim_rejected', date: '2026-01-03', details: { interchangeControlNumber: '1', statusCodes: ['A7:164'], receivedDate: '2026-01-01' } },
      submitted('C1', '2026-01-10', '1002'),
      accepted('2026-01-11', '2026-01-11'),
      fileAccepted('1001', '2026-01-03'),
    ];
    const history = deriveClaimHistory(ours('C1'), events);
    expect(history).toMatchObject({ status: 'accepted', submissions: 2, dateAnomaly: false });
    expect(history.dateAnomalies).toEqual([{ kind: 'claim_rejected', field: 'receivedDate', date: '2026-01-01', submittedDate: '2026-01-02' }]);
  });
});
