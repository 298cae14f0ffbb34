// "A service row is on at most one live claim, and a claim in at most one batch that was not
// rejected", kept by the app and held by the database (partial unique indexes on `live`), on
// both engines: a correction takes its rows over, a front-door rejection gives them up to the
// next build, and a second live claim for a row is refused with a sentence, not a stack trace.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildClaims } from '../../src/app/claims/build.js';
import { showClaim } from '../../src/app/claims/claim-queries.js';
import { correctClaim } from '../../src/app/claims/correct.js';
import { describeStoreFailure } from '../../src/app/errors.js';
import { ingestPayerFile } from '../../src/app/remittances/ingest.js';
import { submitBatch } from '../../src/app/remittances/submit.js';
import { LIVE_FLAGS_OF_STORED_ROWS_SQL } from '../../src/store/migrations/015-live-flags.js';
import { sqliteConnections } from '../../src/store/store.js';
import { clockWorkspace, exportedSampleBatch, type ClockWorkspace } from '../support/clock-workspace.js';
import { file277ca } from '../support/payer-files.js';
import { onPostgres, textStream } from '../support/workspace.js';

let ws: ClockWorkspace;
let claims: Array<{ id: string; charge: string }>;
let batchId: string;

beforeEach(async () => {
  ws = clockWorkspace('2026-11-10');
  const exported = await exportedSampleBatch(ws);
  claims = exported.claims;
  batchId = exported.batch.batchId;
  await submitBatch(ws.ctx, batchId, '2026-11-25');
});
afterEach(() => ws.dispose());

const rowsOf = async (claimId: string) => (await showClaim(ws.ctx, claimId)).sourceRows.map((r) => r.serviceId);
const liveOn = async (ids: string[]) => [...new Set((await ws.ctx.store.read.claims.liveClaimsOf(ids)).values())];

describe('one live claim per service row', () => {
  it('moves the rows to each correction in turn, the last one holding them', async () => {
    const original = claims[0]!.id;
    const rows = await rowsOf(original);
    expect(await liveOn(rows)).toEqual([original]);
    const first = await correctClaim(ws.ctx, { claimId: original, kind: 'replace', payerClaimNumber: 'HN0001' });
    expect(await liveOn(rows)).toEqual([first.id]);
    const again = await correctClaim(ws.ctx, { claimId: original, kind: 'void', payerClaimNumber: 'HN0001' });
    expect(await liveOn(rows)).toEqual([again.id]);
  });

  it('frees the rows of a claim rejected at the front door, and the next build bills them on a new claim', async () => {
    const rejected = claims[2]!;
    const rows = await rowsOf(rejected.id);
    const ack = file277ca({ control: 60, date: '2026-11-26' }, { claims: [{ claimId: rejected.id, accepted: false, statusDate: '2026-11-26', charge: rejected.charge, message: 'SUBSCRIBER ID NOT FOUND' }] });
    await ingestPayerFile(ws.ctx, textStream(ack), { source: '277ca.x12' });
    expect((await showClaim(ws.ctx, rejected.id)).status).toBe('rejected');
    expect(await liveOn(rows)).toEqual([]);
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const [rebuilt] = await liveOn(rows);
    expect(rebuilt).toBeDefined();
    expect(rebuilt).not.toBe(rejected.id);
    expect(await rowsOf(rebuilt!)).toEqual(rows);
  });

  it('refuses a second live claim for a row in the database itself, saying so in words', async () => {
    const original = await ws.ctx.store.read.claims.get(claims[0]!.id);
    const copy = { ...original!, id: 'C900001', key: 'a copy that no build would make', status: 'ready' as const };
    const failure = await ws.ctx.writeLock
      .run(() => ws.ctx.store.withTransaction((tx) => tx.claims.insertAll([copy], null, '2026-11-25T00:00:00Z')))
      .then(() => undefined, (err: unknown) => err);
    expect(failure).toBeDefined();
    expect(describeStoreFailure(failure)?.message).toMatch(/service row would be on two live claims/);
    expect(await ws.ctx.store.read.claims.get('C900001')).toBeUndefined();
  });
});

// SQLite files billed before migration 15 exist in the field; a PostgreSQL database got its flags
// (migration 3) before it could hold a claim, and what `migrate` copies in carries them already.
describe.skipIf(onPostgres())('migration 15 on rows stored before the flags', () => {
  it('works out the same flags the app keeps', async () => {
    const original = claims[0]!.id;
    await correctClaim(ws.ctx, { claimId: original, kind: 'replace', payerClaimNumber: 'HN0001' });
    await correctClaim(ws.ctx, { claimId: original, kind: 'replace', payerClaimNumber: 'HN0001' });
    const ack = file277ca({ control: 61, date: '2026-11-26' }, { claims: [{ claimId: claims[1]!.id, accepted: false, statusDate: '2026-11-26', charge: claims[1]!.charge }] });
    await ingestPayerFile(ws.ctx, textStream(ack), { source: '277ca.x12' });
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const db = sqliteConnections(ws.ctx.store).write;
    const flags = () => db.prepare('SELECT claim_id, service_id, live FROM claim_line_services UNION ALL SELECT claim_id, batch_id, live FROM batch_claims ORDER BY 1, 2').all();
    const kept = flags();
    expect(kept.filter((r) => (r as { live: number }).live === 0).length).toBeGreaterThan(0);
    db.exec('DROP INDEX claim_line_services_one_live; DROP INDEX batch_claims_one_live; UPDATE claim_line_services SET live = TRUE; UPDATE batch_claims SET live = TRUE;');
    db.exec(LIVE_FLAGS_OF_STORED_ROWS_SQL);
    expect(flags()).toEqual(kept);
  });
});
