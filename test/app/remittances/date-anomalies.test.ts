// Payer dates before the day the claim was sent: kept as the payer sent them, warned about on the
// file (in the ingest report and in the list of files), on the claim's timeline, and left out of
// the timeliness rates, through the app layer and in the BI views of the SQLite file.

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { showClaim } from '../../../src/app/claims/claim-queries.js';
import { ingestPayerFile } from '../../../src/app/remittances/ingest.js';
import { timelinessMetrics } from '../../../src/app/reports/timeliness.js';
import { recordPayment } from '../../../src/app/remittances/payments.js';
import { claimTimeline, listPayerFiles } from '../../../src/app/remittances/queries.js';
import { createContext } from '../../../src/app/context.js';
import { ensureTimelinessCache } from '../../../src/app/reports/timeliness-cache.js';
import { submitBatch } from '../../../src/app/remittances/submit.js';
import type { BatchRecord } from '../../../src/store/batch-store.js';
import { textStream } from '../../support/workspace.js';
import { clockWorkspace, exportedSampleBatch, type ClockWorkspace } from '../../support/clock-workspace.js';
import { file277ca, file835 } from '../../support/payer-files.js';
import { storeAtVersion } from '../../support/old-store.js';
import { sqliteConnections } from '../../../src/store/store.js';

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
const claim = (i: number) => claims[i]!;
const cents = (amount: string) => Math.round(Number(amount) * 100);
const sum = (...amounts: string[]) => (amounts.reduce((n, a) => n + cents(a), 0) / 100).toFixed(2);
const MEMBER_DATA = /MEMBER|TEST|90000000A/;

/** Sent 2026-11-20. Claim 0 paid by a check dated 11-18; claim 1 stamped received 11-19; claim 2 sound. */
function earlyRemittance() {
  const paid = (i: number, received: string) => ({ claimId: claim(i).id, status: '1', charge: claim(i).charge, paid: claim(i).charge, payerClaimControlNumber: `HN000${i}`, receivedDate: received });
  return file835({ control: 70, date: '2026-11-24' }, [
    { trace: 'CHK2001', paymentDate: '2026-11-18', claims: [paid(0, '2026-11-21')] },
    { trace: 'CHK2002', paymentDate: '2026-11-24', claims: [paid(1, '2026-11-19'), paid(2, '2026-11-21')] },
  ]);
}

describe('payer dates before the claim was sent', () => {
  it('keeps an 835 paid before the send date, and warns on the file with the claim id and both dates', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const report = await ingest(earlyRemittance());
    expect(report.file.events).toBe(3);
    expect(report.file.warnings).toEqual([
      {
        code: 'date_before_submission',
        claimId: claim(0).id,
        eventId: expect.any(Number),
        eventKind: 'paid',
        field: 'paymentDate',
        date: '2026-11-18',
        submittedDate: '2026-11-20',
        message: `claim ${claim(0).id}: 835 payment date (BPR16) 2026-11-18 is before the claim was sent on 2026-11-20`,
      },
      expect.objectContaining({ claimId: claim(1).id, eventKind: 'paid', field: 'receivedDate', date: '2026-11-19', submittedDate: '2026-11-20' }),
    ]);
    expect(report.file.warnings[1]?.message).toBe(`claim ${claim(1).id}: 835 received date (DTM*050) 2026-11-19 is before the claim was sent on 2026-11-20`);
    expect(JSON.stringify(report.file.warnings)).not.toMatch(MEMBER_DATA);

    // The events stand as the payer sent them.
    expect(await Promise.all(claims.map(async (c) => (await showClaim(ws.ctx, c.id)).status))).toEqual(['paid', 'paid', 'paid']);
    const timeline = await claimTimeline(ws.ctx, claim(0).id);
    expect(timeline.history).toMatchObject({ paid: claim(0).charge, paymentDate: '2026-11-18', dateAnomaly: true });
    expect(timeline.events.map((e) => [e.kind, e.warnings])).toEqual([
      ['batched', undefined],
      ['submitted', undefined],
      ['paid', [report.file.warnings[0]!.message]],
    ]);
    expect(timeline.events[2]?.eventId).toBe(report.file.warnings[0]!.eventId);
    expect((await claimTimeline(ws.ctx, claim(2).id)).events.every((e) => e.warnings === undefined)).toBe(true);

    // The stored file record lists the same warnings, and the same file again changes nothing.
    expect((await listPayerFiles(ws.ctx)).find((f) => f.fileId === report.file.fileId)?.warnings).toEqual(report.file.warnings);
    const again = await ingest(earlyRemittance(), 'again.x12');
    expect(again).toMatchObject({ duplicate: true, file: { warnings: report.file.warnings } });
  });

  it('warns on a 277CA acceptance and received date before the send date, and not on the same day', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-23');
    const ack = (control: number, date: string, statusDate: string) =>
      file277ca({ control, date }, { claims: [{ claimId: claim(0).id, accepted: true, statusDate, charge: claim(0).charge, payerClaimControlNumber: 'HN0001' }] });
    const early = await ingest(ack(80, '2026-11-22', '2026-11-21'));
    expect(early.file.warnings.map((w) => [w.claimId, w.eventKind, w.field, w.date, w.submittedDate])).toEqual([
      [claim(0).id, 'claim_accepted', 'acceptedDate', '2026-11-22', '2026-11-23'],
      [claim(0).id, 'claim_accepted', 'receivedDate', '2026-11-21', '2026-11-23'],
    ]);
    expect(early.file.warnings.map((w) => w.message)).toEqual([
      `claim ${claim(0).id}: 277CA acceptance date 2026-11-22 is before the claim was sent on 2026-11-23`,
      `claim ${claim(0).id}: 277CA received date 2026-11-21 is before the claim was sent on 2026-11-23`,
    ]);
    expect((await claimTimeline(ws.ctx, claim(0).id)).events.at(-1)?.warnings).toHaveLength(2);
    const sameDay = await ingest(ack(81, '2026-11-23', '2026-11-23'));
    expect(sameDay.file.warnings).toEqual([]);
  });

  it('flags on the timeline and in the report an answer ingested before the send date was entered', async () => {
    const ack = await ingest(
      file277ca({ control: 82, date: '2026-11-21' }, { claims: [{ claimId: claim(0).id, accepted: true, statusDate: '2026-11-21', charge: claim(0).charge, payerClaimControlNumber: 'HN0001' }] }),
    );
    // No send date yet: nothing to judge the dates against.
    expect(ack.file.warnings).toEqual([]);
    const sent = await submitBatch(ws.ctx, batch.batchId, '2026-11-22');
    const expected = [
      `claim ${claim(0).id}: 277CA acceptance date 2026-11-21 is before the claim was sent on 2026-11-22`,
      `claim ${claim(0).id}: 277CA received date 2026-11-21 is before the claim was sent on 2026-11-22`,
    ];
    // Most often the send date was entered wrong: recording it says so at once.
    expect(sent.warnings).toEqual(expected);
    const accepted = (await claimTimeline(ws.ctx, claim(0).id)).events.find((e) => e.kind === 'claim_accepted');
    expect(accepted?.warnings).toEqual(expected);
    const november = (await timelinessMetrics(ws.ctx, { payerId: 'healthnet' })).payers[0]!.months[0]!;
    expect(november).toMatchObject({ receiptMonth: '2026-11', cleanClaimsReceived: 3, dateAnomalies: 1 });
  });

  it('keeps a payment recorded by hand with a date before the send date, and says so', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    const early = await recordPayment(ws.ctx, { claimId: claim(1).id, date: '2026-11-19', amount: '10.00', reference: 'CHK 77' });
    expect(early).toMatchObject({ duplicate: false, paid: '10.00', warnings: [`claim ${claim(1).id}: recorded payment date 2026-11-19 is before the claim was sent on 2026-11-20`] });
    const onTime = await recordPayment(ws.ctx, { claimId: claim(2).id, date: '2026-11-20', amount: '10.00' });
    expect(onTime.warnings).toBeUndefined();
  });

  it('leaves such claims out of the rates, in the API and in the BI views alike', async () => {
    await submitBatch(ws.ctx, batch.batchId, '2026-11-20');
    await ingest(earlyRemittance());
    const result = await timelinessMetrics(ws.ctx, { payerId: 'healthnet' });
    const november = result.payers[0]!.months.find((m) => m.receiptMonth === '2026-11')!;
    // Claim 2 alone is judged: received 11-21, paid 11-24.
    expect(november).toMatchObject({ claimsReceived: 3, cleanClaimsReceived: 3, dateAnomalies: 2 });
    expect(november.paid.within30).toMatchObject({ within: 1, censored: 0, denominator: 1, rate: '100.0' });
    expect(november.adjudicated.within90).toMatchObject({ within: 1, denominator: 1 });
    const billed = sum(...claims.map((c) => c.charge));
    expect(november.amounts).toEqual({ billed, paid: billed, outstanding: '0.00' });

    const db = new Database(ws.dbPath, { readonly: true });
    try {
      const perClaim = db.prepare("SELECT claim_id, date_anomaly, paid_within_30, paid_censored_30 FROM v_claim_timeliness WHERE payer_id = 'healthnet' ORDER BY claim_id").all();
      expect(perClaim).toEqual(
        claims.map((c, i) => ({ claim_id: c.id, date_anomaly: i < 2 ? 1 : 0, paid_within_30: i < 2 ? null : 1, paid_censored_30: 0 })),
      );
      const view = db.prepare("SELECT * FROM v_timeliness_monthly WHERE payer_id = 'healthnet' AND receipt_month = '2026-11'").get() as Record<string, unknown>;
      expect(view).toMatchObject({
        clean_claims_received: 3,
        date_anomalies: 2,
        paid_within_30: 1,
        paid_denominator_30: 1,
        paid_rate_30: '100.0',
        adjudicated_denominator_90: 1,
        billed_cents: cents(billed),
        paid_cents: cents(billed),
        outstanding_cents: 0,
      });
    } finally {
      db.close();
    }
  });
});

describe('migration 11 on a store made before it', () => {
  it('derives every claim again, so an old payment dated before its send date leaves the rates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-11-'));
    const path = join(dir, 'ecm.db');
    try {
      const db = storeAtVersion(path, 10);
      db.exec(`
        INSERT INTO payers (payer_id, data, row_hash, updated_at) VALUES ('healthnet', '{}', 'h', 'at');
        INSERT INTO members (member_cin, payer_id, data, row_hash, updated_at) VALUES ('91234567A', 'healthnet', '{}', 'h', 'at');
        INSERT INTO claims (claim_id, claim_key, member_cin, payer_id, period, format, status, frequency, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at)
          VALUES ('C0000001', 'k1', '91234567A', 'healthnet', '2026-10', '837p', 'paid', '1', '12', '[]', 0, 16500, 'at', 'at');
        INSERT INTO claim_events (event_id, claim_id, kind, event_date, amount_cents, details, source, recorded_at) VALUES
          (1, 'C0000001', 'submitted', '2026-11-20', NULL, '{"batchId":"B000001"}', 'batch:B000001', 'at'),
          (2, 'C0000001', 'paid', '2026-11-18', 16500, '{"interchangeControlNumber":"1","traceNumber":"T","paymentDate":"2026-11-18","claimStatusCode":"1","charge":"165.00","reportedCharge":"165.00","paid":"165.00","adjustments":[],"lineAdjustments":[],"remarkCodes":[]}', 'payer-file:1', 'at');
        INSERT INTO claim_timeliness (claim_id, payer_id, status, clean, receipt_date, receipt_month, receipt_day, submitted_date, payment_date, payment_day, adjudication_date, adjudicated_day, charge_cents, paid_cents, submissions, last_event_id)
          VALUES ('C0000001', 'healthnet', 'paid', 1, '2026-11-20', '2026-11', 20777, '2026-11-20', '2026-11-18', 20775, '2026-11-18', 20775, 16500, 16500, 1, 2);
        INSERT INTO timeliness_as_of (id, as_of, as_of_day) VALUES (1, '2026-11-25', 20782);
      `);
      db.close();

      const ctx = createContext({ dbPath: path, clock: { now: () => new Date('2026-11-25T20:00:00Z') } });
      try {
        const view = () => sqliteConnections(ctx.store).read.prepare("SELECT date_anomaly, paid_within_30 FROM v_claim_timeliness WHERE claim_id = 'C0000001'").get();
        // Migrated: the old row stands until it is derived again, and is marked stale for that.
        expect(view()).toEqual({ date_anomaly: 0, paid_within_30: 1 });
        await ensureTimelinessCache(ctx);
        expect(view()).toEqual({ date_anomaly: 1, paid_within_30: null });
      } finally {
        ctx.store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
