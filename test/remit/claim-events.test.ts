import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PayerResponse } from '../../src/domain/remittance.js';
import type { RemittanceClaim } from '../../src/domain/remittance.js';
import { adjudicationKind, eventsFromPayerResponse, type AdjudicationEvent, type ClaimLookup, type OurClaimInfo } from '../../src/remit/claim-events.js';
import { readPayerFile } from '../../src/x12/read/reader.js';
import { FIXTURES } from '../support/paths.js';
import { join } from 'node:path';

const read = (name: string): Promise<PayerResponse> => readPayerFile(createReadStream(join(FIXTURES, 'remit', name)));

const claim = (claimId: string, totalCharge: string, groupControlNumber?: string): OurClaimInfo => ({
  claimId,
  payerId: 'healthnet',
  totalCharge,
  ...(groupControlNumber !== undefined ? { groupControlNumber, transactionControlNumber: '0001' } : {}),
});

const OUR_CLAIMS: OurClaimInfo[] = [
  claim('C000001', '330.00'),
  claim('C000002', '330.00'),
  claim('C000003', '165.00'),
  claim('C000004', '165.00'),
  claim('C000005', '165.00'),
  claim('C000006', '165.00'),
  claim('C000007', '165.00'),
  claim('C000008', '330.00'),
  claim('C000010', '330.00', '1001'),
  claim('C000011', '165.00', '1001'),
  claim('C000012', '165.00', '1001'),
  claim('C000021', '165.00', '1002'),
  claim('C000022', '165.00', '1002'),
  claim('C000023', '330.00', '1002'),
];

const lookup: ClaimLookup = {
  findClaim: (claimId) => OUR_CLAIMS.find((c) => c.claimId === claimId),
  claimsInBatch: (batch) =>
    OUR_CLAIMS.filter(
      (c) => batch.senderId === 'HNMC1' && c.groupControlNumber === batch.groupControlNumber && (batch.transactionControlNumber === undefined || c.transactionControlNumber === batch.transactionControlNumber),
    ),
};

describe('events from an 835', () => {
  it('gives each matched CLP an outcome event dated by BPR16, with amounts and codes', async () => {
    const { events } = eventsFromPayerResponse(await read('835-healthnet.x12'), lookup, { sourceFile: '835-healthnet.x12' });
    const summary = events.map((e) => [e.claimId, e.kind, e.date, e.amount]);
    expect(summary).toEqual([
      ['C000001', 'paid', '2026-03-06', '330.00'],
      ['C000002', 'partially_paid', '2026-03-06', '165.00'],
      ['C000003', 'denied', '2026-03-06', '0.00'],
      ['C000004', 'denied', '2026-03-06', '0.00'],
      ['C000005', 'paid', '2026-03-06', '165.00'],
      ['C000006', 'paid', '2026-03-06', '165.00'],
      ['C000005', 'reversed', '2026-03-20', '-165.00'],
      ['C000005', 'partially_paid', '2026-03-20', '150.00'],
      ['C000006', 'reversed', '2026-03-20', '-165.00'],
      ['C000008', 'paid', '2026-03-20', '330.00'],
      ['C000007', 'paid', '2026-03-20', '165.00'],
    ]);
    expect(events.every((e) => e.sourceFile === '835-healthnet.x12')).toBe(true);
    const denied16 = events[2] as AdjudicationEvent;
    expect(denied16.details).toMatchObject({
      claimStatusCode: '4',
      traceNumber: '10001',
      paymentDate: '2026-03-06',
      receivedDate: '2026-02-04',
      payerClaimControlNumber: 'HN26030003',
      adjustments: [{ group: 'CO', reason: '16', amount: '165.00' }],
      remarkCodes: ['MA130', 'M51'],
    });
    const partial = events[1] as AdjudicationEvent;
    expect(partial.details.lineAdjustments).toEqual([{ group: 'CO', reason: '97', amount: '165.00' }]);
    expect(partial.details.remarkCodes).toEqual(['N20']);
  });

  it('lists a CLP for a claim we do not know instead of dropping it', async () => {
    const { unmatched } = eventsFromPayerResponse(await read('835-healthnet.x12'), lookup);
    expect(unmatched).toEqual([
      {
        source: '835',
        reason: 'no claim C009999',
        claimId: 'C009999',
        payerClaimControlNumber: 'HN26030099',
        claimStatusCode: '1',
        charge: '110.00',
        paid: '110.00',
        traceNumber: '10001',
        paymentDate: '2026-03-06',
      },
    ]);
  });

  it('matches by payer claim control number when the lookup knows it', async () => {
    const byControlNumber: ClaimLookup = { ...lookup, findClaim: (id, pccn) => lookup.findClaim(id) ?? (pccn === 'HN26030099' ? claim('C000099', '110.00') : undefined) };
    const { events, unmatched } = eventsFromPayerResponse(await read('835-healthnet.x12'), byControlNumber);
    expect(unmatched).toEqual([]);
    expect(events.find((e) => e.claimId === 'C000099')?.kind).toBe('paid');
  });
});

describe('the outcome of one CLP', () => {
  const clp = (status: string, paid: string): RemittanceClaim => ({ claimId: 'C1', status, totalCharge: '165.00', paid, adjustments: [], remarkCodes: [], lines: [] });
  it.each([
    ['1', '165.00', '165.00', 'paid'],
    ['2', '200.00', '165.00', 'paid'],
    ['1', '100.00', '165.00', 'partially_paid'],
    ['19', '100.00', '165.00', 'partially_paid'],
    ['1', '0.00', '165.00', 'denied'],
    ['1', '0.00', '0.00', 'paid'],
    ['4', '0.00', '165.00', 'denied'],
    ['23', '0.00', '165.00', 'denied'],
    ['22', '-165.00', '165.00', 'reversed'],
    ['25', '0.00', '165.00', undefined],
  ])('CLP02 %s paying %s of %s is %s', (status, paid, charge, kind) => {
    expect(adjudicationKind(clp(status, paid), charge)).toBe(kind);
  });

  it('lists a CLP that carries no outcome (predetermination) with the reason', () => {
    const remittance: PayerResponse = {
      kind: '835',
      interchangeControlNumber: '1',
      senderId: 'HNMC1',
      date: '2026-03-01',
      payments: [{ traceNumber: 'T', paymentDate: '2026-03-01', totalPaid: '0.00', method: 'NON', claims: [clp('25', '0.00')] }],
    };
    const found: ClaimLookup = { findClaim: () => claim('C1', '165.00'), claimsInBatch: () => [] };
    expect(eventsFromPayerResponse(remittance, found)).toEqual({
      events: [],
      unmatched: [{ source: '835', reason: 'claim status code 25 carries no payment outcome', claimId: 'C1', claimStatusCode: '25', charge: '165.00', paid: '0.00', traceNumber: 'T', paymentDate: '2026-03-01' }],
    });
  });
});

describe('interest paid with a claim', () => {
  it('keeps an 835 AMT*I on the outcome event, beside what the claim paid', () => {
    const paidLate: RemittanceClaim = { claimId: 'C1', status: '1', totalCharge: '165.00', paid: '165.00', interest: '2.03', adjustments: [], remarkCodes: [], lines: [] };
    const remittance: PayerResponse = {
      kind: '835',
      interchangeControlNumber: '1',
      senderId: 'HNMC1',
      date: '2026-05-01',
      payments: [{ traceNumber: 'T', paymentDate: '2026-05-01', totalPaid: '167.03', method: 'ACH', claims: [paidLate] }],
    };
    const found: ClaimLookup = { findClaim: () => claim('C1', '165.00'), claimsInBatch: () => [] };
    const [event] = eventsFromPayerResponse(remittance, found).events;
    expect(event).toMatchObject({ kind: 'paid', amount: '165.00', details: { paid: '165.00', interest: '2.03' } });
  });
});

describe('events from a 277CA', () => {
  it('accepts and rejects claims with their status codes and received date', async () => {
    const { events, unmatched } = eventsFromPayerResponse(await read('277ca-healthnet.x12'), lookup);
    expect(unmatched).toEqual([]);
    expect(events).toEqual([
      {
        claimId: 'C000010',
        kind: 'claim_accepted',
        date: '2026-01-06',
        details: { interchangeControlNumber: '000000150', statusCodes: ['A1:19:PR', 'A2:20:PR'], receivedDate: '2026-01-05', payerClaimControlNumber: 'HN26010010' },
      },
      {
        claimId: 'C000011',
        kind: 'claim_rejected',
        date: '2026-01-06',
        details: { interchangeControlNumber: '000000150', statusCodes: ['A7:164:IL'], receivedDate: '2026-01-05', message: 'SUBSCRIBER ID NOT FOUND' },
      },
      {
        claimId: 'C000012',
        kind: 'claim_accepted',
        date: '2026-01-06',
        details: { interchangeControlNumber: '000000150', statusCodes: ['A2:20:PR'], receivedDate: '2026-01-05', payerClaimControlNumber: 'HN26010012' },
      },
    ]);
  });

  it('lists acknowledgments of unknown claims', async () => {
    const none: ClaimLookup = { findClaim: () => undefined, claimsInBatch: () => [] };
    const { events, unmatched } = eventsFromPayerResponse(await read('277ca-healthnet.x12'), none);
    expect(events).toEqual([]);
    expect(unmatched.map((u) => u.source === '277CA' && [u.claimId, u.accepted])).toEqual([
      ['C000010', true],
      ['C000011', false],
      ['C000012', true],
    ]);
  });
});

describe('events from a 999', () => {
  it('accepts every claim of the acknowledged batch', async () => {
    const { events } = eventsFromPayerResponse(await read('999-accepted.x12'), lookup);
    expect(events.map((e) => [e.claimId, e.kind, e.date])).toEqual([
      ['C000010', 'file_accepted', '2026-01-02'],
      ['C000011', 'file_accepted', '2026-01-02'],
      ['C000012', 'file_accepted', '2026-01-02'],
    ]);
  });

  it('rejects every claim of a rejected transaction set, each with the errors that concern it', async () => {
    const { events } = eventsFromPayerResponse(await read('999-rejected.x12'), lookup);
    expect(events.map((e) => [e.claimId, e.kind, e.kind === 'file_rejected' ? e.details.errors : []])).toEqual([
      ['C000021', 'file_rejected', ['claim C000021: CLM05-03 at segment position 22 in loop 2300: invalid code value; data element 1325; found "9"', 'REF at segment position 18 in loop 2010AA: required segment missing']],
      ['C000022', 'file_rejected', ['claim C000022: NM109 at segment position 31 in loop 2010BA: invalid character in data element; found "9123456#A"', 'REF at segment position 18 in loop 2010AA: required segment missing']],
      ['C000023', 'file_rejected', ['REF at segment position 18 in loop 2010AA: required segment missing']],
    ]);
  });

  it('rejects the whole group when AK9 rejects it without naming transaction sets', () => {
    const ack: PayerResponse = { kind: '999', interchangeControlNumber: '1', senderId: 'HNMC1', date: '2026-01-03', groupControlNumber: '1002', groupStatus: 'R', transactions: [] };
    const { events } = eventsFromPayerResponse(ack, lookup);
    expect(events.map((e) => [e.claimId, e.kind])).toEqual([
      ['C000021', 'file_rejected'],
      ['C000022', 'file_rejected'],
      ['C000023', 'file_rejected'],
    ]);
  });

  it('lists an acknowledgment for a batch we did not send', () => {
    const ack: PayerResponse = {
      kind: '999',
      interchangeControlNumber: '1',
      senderId: 'HNMC1',
      date: '2026-01-03',
      groupControlNumber: '7777',
      groupStatus: 'A',
      transactions: [{ transactionControlNumber: '0001', accepted: true, errors: [] }],
    };
    expect(eventsFromPayerResponse(ack, lookup).unmatched).toEqual([
      { source: '999', reason: 'no claims were sent in functional group 7777, transaction set 0001', groupControlNumber: '7777', transactionControlNumber: '0001', accepted: true, errors: [] },
    ]);
  });
});
