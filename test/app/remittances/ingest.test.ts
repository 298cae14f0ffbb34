// Payer files against claims exported in the test: the sample claims are built and exported as
// an 837P, and the 999, 277CA and 835 answering them are written with those claim ids and the
// batch's control numbers. Everything goes through the app layer on a real SQLite file.

import { createReadStream } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showClaim } from '../../../src/app/claims/claim-queries.js';
import { ingestPayerFile } from '../../../src/app/remittances/ingest.js';
import { claimsByTransactionSet } from '../../../src/app/remittances/transaction-sets.js';
import { recordPayment } from '../../../src/app/remittances/payments.js';
import { claimTimeline, listUnmatched } from '../../../src/app/remittances/queries.js';
import { submitBatch } from '../../../src/app/remittances/submit.js';
import { AppError } from '../../../src/app/errors.js';
import type { BatchRecord } from '../../../src/store/batch-store.js';
import { textStream } from '../../support/workspace.js';
import { clockWorkspace, exportedSampleBatch, type ClockWorkspace } from '../../support/clock-workspace.js';
import { file277ca, file835, file999 } from '../../support/payer-files.js';
import { FIXTURES } from '../../support/paths.js';
import { join } from 'node:path';
import { allBytes } from '../../support/bytes.js';

let ws: ClockWorkspace;
let batch: BatchRecord;
/** the three Health Net claims of the sample, in id order */
let claims: Array<{ id: string; charge: string }>;

beforeEach(async () => {
  ws = clockWorkspace('2026-11-10');
  ({ batch, claims } = await exportedSampleBatch(ws));
});
afterEach(() => ws.dispose());

const ingest = (text: string, source = 'test.x12') => ingestPayerFile(ws.ctx, textStream(text), { source });
const status = async (id: string) => (await showClaim(ws.ctx, id)).status;
const claim = (i: number) => claims[i]!;
const eventCount = () => ws.ctx.store.read.events.count();
const fileCount = async () => (await ws.ctx.store.read.remittances.listFiles()).length;
const cents = (amount: string) => Math.round(Number(amount) * 100);
const minus = (a: string, b: string) => ((cents(a) - cents(b)) / 100).toFixed(2);
/** what the payer allows of claim 1: half its charge */
const half = (amount: string) => (Math.floor(cents(amount) / 2) / 100).toFixed(2);

function accepted277(control = 50) {
  return file277ca(
    { control, date: '2026-11-23' },
    {
      claims: [
        { claimId: claim(0).id, accepted: true, statusDate: '2026-11-21', charge: claim(0).charge, payerClaimControlNumber: 'HN0001' },
        { claimId: claim(1).id, accepted: true, statusDate: '2026-11-21', charge: claim(1).charge, payerClaimControlNumber: 'HN0002' },
        { claimId: claim(2).id, accepted: false, statusDate: '2026-11-21', charge: claim(2).charge, message: 'SUBSCRIBER ID NOT FOUND' },
        { claimId: 'C999999', accepted: true, statusDate: '2026-11-21', charge: '10.00', payerClaimControlNumber: 'HN0099' },
      ],
    },
  );
}

function firstRemittance() {
  return file835({ control: 60, date: '2026-11-24' }, [
    {
      trace: 'CHK1001',
      paymentDate: '2026-11-24',
      claims: [
        { claimId: claim(0).id, status: '1', charge: claim(0).charge, paid: claim(0).charge, payerClaimControlNumber: 'HN0001', receivedDate: '2026-11-21' },
        { claimId: claim(1).id, status: '1', charge: claim(1).charge, paid: half(claim(1).charge), payerClaimControlNumber: 'HN0002', receivedDate: '2026-11-21', adjustments: [['CO', '45', minus(claim(1).charge, half(claim(1).charge))]], remarks: ['N20'] },
        { claimId: 'C009999', status: '1', charge: '110.00', paid: '110.00', payerClaimControlNumber: 'HN0999', receivedDate: '2026-11-21' },
      ],
    },
  ]);
}

describe('ingesting payer files for an exported batch', () => {
  it('marks the batch sent, then a 999 accepts the file for every claim in it', async () => {
    const sent = await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    expect(sent.claimIds.sort()).toEqual(claims.map((c) => c.id));
    for (const c of claims) expect(await status(c.id)).toBe('submitted');
    expect((await ws.ctx.store.read.batches.get(batch.batchId))?.submittedOn).toBe('2026-11-20');

    const report = await ingest(file999({ control: 40, date: '2026-11-21' }, { groupControl: batch.groupControl!, sets: [{ transactionControl: batch.firstTransactionControl!, accepted: true }] }));
    expect(report.duplicate).toBe(false);
    expect(report.file).toMatchObject({ kinds: ['999'], senderId: 'HNMC1', interchangeControl: '000000040', events: 3, unmatched: 0 });
    const timeline = await claimTimeline(ws.ctx, claim(0).id);
    expect(timeline.events.map((e) => e.kind)).toEqual(['batched', 'submitted', 'file_accepted']);
    expect(timeline.events[1]?.details).toMatchObject({ batchId: batch.batchId, groupControlNumber: batch.groupControl, transactionControlNumber: '1' });
    expect(timeline.history).toMatchObject({ status: 'submitted', submittedDate: '2026-11-20', receiptDate: '2026-11-20', clean: true });
  });

  it('rejects every claim of a file the 999 rejects, and lists a 999 for a group we never sent', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const rejected = await ingest(file999({ control: 41, date: '2026-11-21' }, { groupControl: batch.groupControl!, sets: [{ transactionControl: batch.firstTransactionControl!, accepted: false }] }));
    expect(rejected.statusChanges.map((c) => c.to)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await claimTimeline(ws.ctx, claim(0).id)).history.rejectionReasons[0]).toMatch(/NM1/);

    const stranger = await ingest(file999({ control: 42, date: '2026-11-21' }, { groupControl: '777', sets: [{ transactionControl: '0001', accepted: true }] }));
    expect(stranger.file.events).toBe(0);
    expect(stranger.unmatched).toMatchObject([{ source: '999', groupControlNumber: '777', transactionControlNumber: '0001', reason: expect.stringContaining('no claims were sent in functional group 777') }]);
    // Our group number, but answered by a payer the batch was not sent to.
    const otherPayer = await ingest(file999({ control: 43, date: '2026-11-21', sender: 'IEHP1' }, { groupControl: batch.groupControl!, sets: [{ transactionControl: '0001', accepted: true }] }));
    expect(otherPayer.file.unmatched).toBe(1);
  });

  it('records a 999 read before the send date as the same attempt', async () => {
    await ingest(file999({ control: 44, date: '2026-11-21' }, { groupControl: batch.groupControl!, sets: [{ transactionControl: batch.firstTransactionControl!, accepted: true }] }));
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const { history } = await claimTimeline(ws.ctx, claim(0).id);
    expect(history).toMatchObject({ status: 'submitted', submittedDate: '2026-11-20', submissions: 1 });
  });

  it('accepts and rejects claims from a 277CA with the payer received date, and lists the claim it does not know', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const report = await ingest(accepted277());
    expect(report.file.events).toBe(3);
    expect([await status(claim(0).id), await status(claim(1).id), await status(claim(2).id)]).toEqual(['accepted', 'accepted', 'rejected']);
    expect((await claimTimeline(ws.ctx, claim(0).id)).history).toMatchObject({ receiptDate: '2026-11-21', clean: true });
    const rejected = (await claimTimeline(ws.ctx, claim(2).id)).history;
    expect(rejected).toMatchObject({ status: 'rejected', clean: false, rejectionReasons: ['A7:164:IL', 'SUBSCRIBER ID NOT FOUND'] });
    expect(report.unmatched).toEqual([
      expect.objectContaining({ source: '277CA', claimId: 'C999999', payerClaimControlNumber: 'HN0099', reason: 'no claim C999999 (payer claim control number HN0099)' }),
    ]);
  });

  it('puts 835 amounts, dates and adjustment codes on the right claims; a reversal undoes a payment, a partial payment stays partial', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    await ingest(accepted277());
    const paid = await ingest(firstRemittance());
    expect(paid.file).toMatchObject({ kinds: ['835'], events: 2, unmatched: 1 });
    expect(await status(claim(0).id)).toBe('paid');
    expect(await status(claim(1).id)).toBe('partially_paid');

    const full = await claimTimeline(ws.ctx, claim(0).id);
    expect(full.history).toMatchObject({ paid: claim(0).charge, paymentDate: '2026-11-24', receiptDate: '2026-11-21', adjudicationDate: '2026-11-24' });
    const partial = await claimTimeline(ws.ctx, claim(1).id);
    const event = partial.events.at(-1)!;
    expect(event).toMatchObject({ kind: 'partially_paid', date: '2026-11-24', amount: half(claim(1).charge), source: `payer-file:${paid.file.fileId}` });
    expect(event.details).toMatchObject({
      traceNumber: 'CHK1001',
      paymentDate: '2026-11-24',
      claimStatusCode: '1',
      payerClaimControlNumber: 'HN0002',
      receivedDate: '2026-11-21',
      adjustments: [{ group: 'CO', reason: '45', amount: minus(claim(1).charge, half(claim(1).charge)) }],
      remarkCodes: ['N20'],
    });
    expect(paid.unmatched).toEqual([expect.objectContaining({ source: '835', claimId: 'C009999', reason: 'no claim C009999' })]);

    const reversal = file835({ control: 61, date: '2026-11-25' }, [
      { trace: 'EFT2002', paymentDate: '2026-11-25', claims: [{ claimId: claim(0).id, status: '22', charge: `-${claim(0).charge}`, paid: `-${claim(0).charge}`, payerClaimControlNumber: 'HN0001' }] },
    ]);
    const reversed = await ingest(reversal);
    expect(reversed.statusChanges).toEqual([{ claimId: claim(0).id, from: 'paid', to: 'accepted' }]);
    const undone = (await claimTimeline(ws.ctx, claim(0).id)).history;
    expect(undone).toMatchObject({ status: 'accepted', paid: '0.00' });
    expect(undone.paymentDate).toBeUndefined();
    expect((await claimTimeline(ws.ctx, claim(1).id)).history).toMatchObject({ status: 'partially_paid', paid: half(claim(1).charge), paymentDate: '2026-11-24' });
  });

  it("matches an 835 claim on the payer's claim control number when CLP01 is not ours", async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    await ingest(accepted277());
    const report = await ingest(
      file835({ control: 62, date: '2026-11-24' }, [
        { trace: 'CHK1002', paymentDate: '2026-11-24', claims: [{ claimId: 'PATACCT-7', status: '1', charge: claim(0).charge, paid: claim(0).charge, payerClaimControlNumber: 'HN0001' }] },
      ]),
    );
    expect(report.unmatched).toEqual([]);
    expect(await status(claim(0).id)).toBe('paid');
  });

  it('changes nothing when the same file comes twice', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    await ingest(accepted277());
    const first = await ingest(firstRemittance(), 'first.x12');
    const before = { events: await eventCount(), unmatched: (await listUnmatched(ws.ctx)).length, files: await fileCount(), statuses: await Promise.all(claims.map((c) => status(c.id))) };
    const again = await ingest(firstRemittance(), 'again.x12');
    expect(again.duplicate).toBe(true);
    expect(again.file.fileId).toBe(first.file.fileId);
    expect(again.file.source).toBe('first.x12');
    expect(again.statusChanges).toEqual([]);
    expect({ events: await eventCount(), unmatched: (await listUnmatched(ws.ctx)).length, files: await fileCount(), statuses: await Promise.all(claims.map((c) => status(c.id))) }).toEqual(before);
  });

  it('refuses a file it cannot read, naming the segment, and writes nothing', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const before = { events: await eventCount(), files: await fileCount() };
    const text = firstRemittance();
    expect(text).toContain(`*${half(claim(1).charge)}**MC*HN0002`);
    const truncated = text.slice(0, text.indexOf('SE*'));
    const error = await ingest(truncated).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('invalid');
    expect((error as AppError).message).toMatch(/^the payer file cannot be read: segment ST at position 3, transaction set 0001: the file ends inside this transaction set, before its SE: it is truncated/);
    expect((error as AppError).message).not.toMatch(/MEMBER|90000000A/);

    const badAmount = await ingest(text.replace(`*${half(claim(1).charge)}**MC*HN0002`, '*1x0**MC*HN0002')).catch((e: unknown) => e);
    expect((badAmount as AppError).message).toMatch(/segment CLP at position \d+, transaction set 0001: CLP04 \(claim payment amount\) "1x0" is not an amount/);
    const claimFile = (await allBytes(ws.ctx.store.read.batches.chunks(batch.batchId))).toString('latin1');
    await expect(ingest(claimFile)).rejects.toThrow(/this is an 837 claim file, not a payer response/);
    expect({ events: await eventCount(), files: await fileCount() }).toEqual(before);
  });

  it('records manual payments on an invoice claim, once each', async () => {
    const invoiceClaim = (await ws.ctx.store.read.claims.list({ payerId: 'iehp' }))[0]!;
    const first = await recordPayment(ws.ctx, { claimId: invoiceClaim.id, date: '2026-11-20', amount: '100.00', reference: 'CHK 5512' });
    expect(first).toMatchObject({ duplicate: false, status: 'partially_paid', paid: '100.00', charge: invoiceClaim.totalCharge });
    const retry = await recordPayment(ws.ctx, { claimId: invoiceClaim.id, date: '2026-11-20', amount: '100.00', reference: 'CHK 5512' });
    expect(retry).toMatchObject({ duplicate: true, eventId: first.eventId, paid: '100.00' });
    const rest = minus(invoiceClaim.totalCharge, '100.00');
    expect(await recordPayment(ws.ctx, { claimId: invoiceClaim.id, date: '2026-11-24', amount: rest, reference: 'CHK 5600' })).toMatchObject({ status: 'paid', paid: invoiceClaim.totalCharge });
    expect(await status(invoiceClaim.id)).toBe('paid');
    expect((await claimTimeline(ws.ctx, invoiceClaim.id)).events.map((e) => [e.kind, e.amount, e.details.reference])).toEqual([
      ['payment_recorded', '100.00', 'CHK 5512'],
      ['payment_recorded', rest, 'CHK 5600'],
    ]);
    await expect(recordPayment(ws.ctx, { claimId: invoiceClaim.id, date: '2026-11-26', amount: '1.00' })).rejects.toThrow(/in the future/);
    await expect(recordPayment(ws.ctx, { claimId: invoiceClaim.id, date: '2026-11-20', amount: '-5' })).rejects.toThrow(/positive amount/);
    await expect(recordPayment(ws.ctx, { claimId: 'C999999', date: '2026-11-20', amount: '5.00' })).rejects.toThrow(/does not exist/);
  });

  it('records a send date once, never in the future or before the batch existed', async () => {
    await expect(submitBatch(ws.ctx, batch.batchId, '2026-11-26')).rejects.toThrow(/in the future/);
    await expect(submitBatch(ws.ctx, batch.batchId, '2026-01-02')).rejects.toThrow(/was created on 2026-11-10/);
    await submitBatch(ws.ctx, batch.batchId, '2026-11-25');
    expect((await submitBatch(ws.ctx, batch.batchId, '2026-11-25')).alreadyRecorded).toBe(true);
    await expect(submitBatch(ws.ctx, batch.batchId, '2026-11-24')).rejects.toThrow(/recorded as sent on 2026-11-25/);
    await expect(submitBatch(ws.ctx, 'B999999')).rejects.toThrow(/does not exist/);
    expect((await claimTimeline(ws.ctx, claim(0).id)).events.filter((e) => e.kind === 'submitted')).toHaveLength(1);
  });
});

describe('payer files for claims this office never sent', () => {
  it('keeps every item of the sample fixtures in the unmatched list', async () => {
    const fixture = (name: string) => ingestPayerFile(ws.ctx, createReadStream(join(FIXTURES, 'remit', name)), { source: name });
    const remittance = await fixture('835-healthnet.x12');
    // Its C000001-C000003 are ids of this test's Health Net claims, so they match; C000004 is an
    // IEHP claim here, which a Health Net file may not touch; the rest do not exist.
    expect(remittance.file).toMatchObject({ kinds: ['835'], events: 3 });
    expect((await ws.ctx.store.read.claims.list({ payerId: 'iehp' })).map((c) => c.id)).toContain('C000004');
    expect(remittance.unmatched.map((u) => [u.claimId, u.reason])).toEqual([
      ['C000004', 'claim C000004 belongs to payer iehp, which did not send this file'],
      ['C000005', 'no claim C000005'],
      ['C000006', 'no claim C000006'],
      ['C009999', 'no claim C009999'],
      ['C000005', 'no claim C000005'],
      ['C000005', 'no claim C000005'],
      ['C000006', 'no claim C000006'],
      ['C000008', 'no claim C000008'],
      ['C000007', 'no claim C000007'],
    ]);
    const ack = await fixture('999-rejected.x12');
    expect(ack.unmatched).toMatchObject([{ source: '999', groupControlNumber: '1002', transactionControlNumber: '0001' }]);
    expect((await listUnmatched(ws.ctx)).length).toBe(remittance.unmatched.length + 1);
  });
});

describe('transaction sets of a stored 837', () => {
  it('reads which claims each ST carried, across chunk boundaries', async () => {
    const text = [
      'ISA*00*          *00*          *ZZ*BRIGHTPATH01   *ZZ*HNMC1          *261125*1000*^*00501*000000007*0*T*:~',
      'GS*HC*BRIGHTPATH01*HNMC1*20261125*1000*7*X*005010X222A1~',
      'ST*837*0005*005010X222A1~CLM*C000001*10***11:B:1~CLM*C000002*10***11:B:1~SE*4*0005~',
      'ST*837*0006*005010X222A1~CLM*C000003*10***11:B:1~SE*3*0006~GE*2*7~IEA*1*000000007~',
    ].join('\n');
    const bytes = Buffer.from(text, 'latin1');
    const chunks = [bytes.subarray(0, 50), bytes.subarray(50, 170), bytes.subarray(170)];
    expect([...(await claimsByTransactionSet(chunks))]).toEqual([
      ['5', ['C000001', 'C000002']],
      ['6', ['C000003']],
    ]);
  });
});
