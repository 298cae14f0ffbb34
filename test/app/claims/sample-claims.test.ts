import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClaims } from '../../../src/app/claims/build.js';
import { listClaims, showClaim } from '../../../src/app/claims/claim-queries.js';
import { importFile } from '../../../src/app/imports/import-file.js';
import { loadSamples, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const lineView = (l: { serviceDate: string; code: string; modifiers: string[]; units: string }) => `${l.serviceDate} ${[l.code, ...l.modifiers].join(' ')} ${l.units}`;

describe('claims from the sample files', () => {
  it('builds the Health Net October claim for 91234567A, priced from the fee schedule', async () => {
    const report = await buildClaims(ws.ctx, { period: '2026-10' });
    const summary = report.claims.find((c) => c.memberCin === '91234567A')!;
    const claim = await showClaim(ws.ctx, summary.id);
    expect(claim.payerId).toBe('healthnet');
    expect(claim.lines.map(lineView)).toEqual(['2026-10-03 G9008 U1 1.5', '2026-10-03 G9012 U2 GQ 0.75', '2026-10-10 G9012 U2 1', '2026-10-24 G9008 U1 GQ 0.25']);
    expect(claim.lines.map((l) => [l.rate, l.charge])).toEqual([
      ['165.00', '247.50'],
      ['120.00', '90.00'],
      ['120.00', '120.00'],
      ['165.00', '41.25'],
    ]);
    expect(claim.totalCharge).toBe('498.75');
    expect(claim.status).toBe('ready');
    expect(claim.lines.map((l) => l.serviceIds)).toEqual([['SL-1001'], ['SL-1002'], ['SL-1003'], ['SL-1004']]);
    expect(claim.sourceRows.map((r) => r.serviceId)).toEqual(['SL-1001', 'SL-1002', 'SL-1003', 'SL-1004']);
  });

  it('reports IEHP row SL-1010 as not billable (20 minutes, whole-hour increment)', async () => {
    const report = await buildClaims(ws.ctx, { period: '2026-10' });
    const issue = report.notBilled.find((i) => i.serviceIds.includes('SL-1010'));
    expect(issue).toMatchObject({ code: 'LINE_ROUNDS_TO_ZERO', severity: 'warning' });
    expect(issue!.message).toMatch(/20 minutes/);
    const billed: string[] = [];
    for (const c of report.claims) billed.push(...(await showClaim(ws.ctx, c.id)).lines.flatMap((l) => l.serviceIds));
    expect(billed).not.toContain('SL-1010');
    expect(billed).toContain('SL-1009');
    const iehp = await showClaim(ws.ctx, report.claims.find((c) => c.payerId === 'iehp')!.id);
    expect(iehp).toMatchObject({ format: 'invoice', formatReason: 'payer prefers invoice', status: 'ready' });
  });

  it('gives 92345678B a September outreach claim and an October shelter claim', async () => {
    await buildClaims(ws.ctx, {});
    const claims = await Promise.all((await listClaims(ws.ctx, { memberCin: '92345678B' })).map((c) => showClaim(ws.ctx, c.id)));
    const sept = claims.find((c) => c.period === '2026-09')!;
    const oct = claims.find((c) => c.period === '2026-10')!;
    expect(sept.lines.map(lineView)).toEqual(['2026-09-20 G9012 U8 0.5', '2026-09-27 G9012 U8 GQ 0.5']);
    expect(sept.totalCharge).toBe('80.00');
    expect(oct.lines.map(lineView)).toEqual(['2026-10-02 G9008 U1 2']);
    expect(oct.lines[0]!.placeOfService).toBe('04');
    expect(oct.placeOfService).toBe('04');
    expect(oct.totalCharge).toBe('330.00');
  });

  it('rebuilding a period replaces its drafts, keeps their ids, and never duplicates', async () => {
    const first = await buildClaims(ws.ctx, { period: '2026-10' });
    const second = await buildClaims(ws.ctx, { period: '2026-10' });
    expect(second.claims.map((c) => c.id)).toEqual(first.claims.map((c) => c.id));
    expect(await listClaims(ws.ctx, { period: '2026-10' })).toHaveLength(first.claims.length);
  });

  it('never touches a claim that has left the building, nor bills its rows again', async () => {
    const first = await buildClaims(ws.ctx, { period: '2026-10' });
    const sent = first.claims.find((c) => c.memberCin === '91234567A')!;
    await ws.ctx.store.write.claims.setStatus(sent.id, 'submitted', '2026-11-01T00:00:00Z');
    const again = await buildClaims(ws.ctx, { period: '2026-10' });
    expect(again.claims.map((c) => c.id)).not.toContain(sent.id);
    expect(again.claims.find((c) => c.memberCin === '91234567A')).toBeUndefined();
    const kept = await showClaim(ws.ctx, sent.id);
    expect(kept.status).toBe('submitted');
    expect(kept.totalCharge).toBe('498.75');
  });

  it('bills the rows of a claim rejected at the front door again, on a new claim', async () => {
    const first = await buildClaims(ws.ctx, { period: '2026-10' });
    const sent = first.claims.find((c) => c.memberCin === '91234567A')!;
    await ws.ctx.store.write.claims.setStatus(sent.id, 'rejected', '2026-11-01T00:00:00Z');
    const again = await buildClaims(ws.ctx, { period: '2026-10' });
    const fresh = again.claims.find((c) => c.memberCin === '91234567A')!;
    expect(fresh.id).not.toBe(sent.id);
    expect(fresh).toMatchObject({ status: 'ready', totalCharge: '498.75' });
    expect((await showClaim(ws.ctx, sent.id)).status).toBe('rejected');
  });

  it('reports ECM services outside the member enrollment, but not outreach', async () => {
    // 92345678B enrolled 2026-09-15: an ECM visit on 09-10 is outside, outreach on 09-11 is exempt
    const file = join(ws.dir, 'extra.csv');
    writeFileSync(
      file,
      [
        readFileSync(join(SAMPLES, 'services.csv'), 'utf8').split('\n')[0],
        'SL-2001,92345678B,2026-09-10,,,60,S001,ecm,in_person,04,,healthnet,,early visit',
        'SL-2002,92345678B,2026-09-11,,,60,S004,outreach,in_person,27,,healthnet,,outreach',
      ].join('\n'),
    );
    await importFile(ws.ctx, 'services', createReadStream(file), { source: file });
    await buildClaims(ws.ctx, { period: '2026-09' });
    const sept = await showClaim(ws.ctx, (await listClaims(ws.ctx, { memberCin: '92345678B', period: '2026-09' }))[0]!.id);
    const outside = sept.issues.filter((i) => i.code.includes('ENROLL'));
    expect(outside).toHaveLength(1);
    expect(outside[0]!.severity).toBe('error');
    expect(outside[0]!.serviceIds).toEqual(['SL-2001']);
    expect(sept.status).toBe('draft');
  });
});
