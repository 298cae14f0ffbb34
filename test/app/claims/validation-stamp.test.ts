// A claim validated at build leaves on the strength of that validation only while the facts it
// read are unchanged: the same format, day, reference data and live claims. Each way those facts
// can change after a build is tried here, and the export must catch what a fresh validation
// would catch.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildClaims } from '../../../src/app/claims/build.js';
import { listClaims } from '../../../src/app/claims/claim-queries.js';
import { createContext, fixedClock } from '../../../src/app/context.js';
import { exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import { importFile } from '../../../src/app/imports/import-file.js';
import { loadSamples, SAMPLES, textStream, workspace, type Workspace } from '../../support/workspace.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const MARIA = '91234567A';
const mariaClaim = async (payerId = 'healthnet') => (await listClaims(ws.ctx, { payerId, memberCin: MARIA, period: '2026-10' }))[0]!;
const heldCodes = (report: Awaited<ReturnType<typeof exportX12Batch>>, claimId: string) => report.held.find((h) => h.claimId === claimId)?.issues.map((i) => i.code) ?? [];

/**
 * The same service as SL-1001, logged again under IEHP, in minutes: with SL-1001's clock times the
 * build's overlap check would keep it off every claim before duplicate validation could see it.
 */
const SAME_SERVICE_UNDER_IEHP = `service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note
SL-9001,${MARIA},2026-10-03,,,90,S001,ecm,in_person,12,Z59.00,iehp,,Logged twice
`;

describe('validation at export after a build', () => {
  it('passes the built claims as they are when nothing changed', async () => {
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
    expect(report.held).toEqual([]);
    expect(report.claimIds).toContain((await mariaClaim()).id);
  });

  it('checks a claim again when its member changed after the build', async () => {
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const claimId = (await mariaClaim()).id;
    const members = readFileSync(join(SAMPLES, 'members.csv'), 'utf8').replace(`${MARIA},HN00012345,Garcia,Maria,L,1958-03-14,F,455 Elm Ave,,Sacramento,CA,95822,9165550111,healthnet,2026-06-01`, `${MARIA},HN00012345,Garcia,Maria,L,1958-03-14,F,455 Elm Ave,,Sacramento,CA,95822,9165550111,healthnet,2026-10-20`);
    await importFile(ws.ctx, 'members', textStream(members), { source: 'test' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
    expect(heldCodes(report, claimId)).toContain('ECM_OUTSIDE_ENROLLMENT');
  });

  it('checks the dates again on a later day', async () => {
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const claimId = (await mariaClaim()).id;
    // The same database, opened half a year later: Health Net's 180-day window has closed.
    const later = createContext({ dbPath: ws.dbPath, clock: fixedClock('2027-05-20T18:00:00Z') });
    try {
      const report = await exportX12Batch(later, { payerId: 'healthnet', format: '837p' });
      expect(heldCodes(report, claimId)).toContain('TIMELY_FILING_EXPIRED');
    } finally {
      later.store.close();
    }
  });

  it('finds a duplicate that a later build put on another claim', async () => {
    await buildClaims(ws.ctx, { payerId: 'healthnet' });
    const claimId = (await mariaClaim()).id;
    await importFile(ws.ctx, 'services', textStream(SAME_SERVICE_UNDER_IEHP), { source: 'test' });
    await buildClaims(ws.ctx, { payerId: 'iehp' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
    expect(heldCodes(report, claimId)).toContain('DUPLICATE_SERVICE');
  });

  it('finds a duplicate that the same build put on another claim after this one', async () => {
    await importFile(ws.ctx, 'services', textStream(SAME_SERVICE_UNDER_IEHP), { source: 'test' });
    await buildClaims(ws.ctx, {});
    const healthNet = await mariaClaim();
    // Health Net's claim was built first and passed; IEHP's, built after it, was held.
    expect(healthNet.status).toBe('ready');
    expect((await mariaClaim('iehp')).status).toBe('draft');
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
    expect(heldCodes(report, healthNet.id)).toContain('DUPLICATE_SERVICE');
  });
});
