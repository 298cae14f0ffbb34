// Exporting batches through the app layer on a real SQLite file: the file read back with
// x12-parser equals the claims, claims with errors are held, control numbers are never reused,
// and a killed export leaves nothing behind. (The same exports walk the guide maps in
// test/conformance/exports.test.ts, under `npm run conformance`.)

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClaims } from '../../../src/app/claims/build.js';
import { listClaims, showClaim } from '../../../src/app/claims/claim-queries.js';
import { createContext, fixedClock } from '../../../src/app/context.js';
import { correctClaim } from '../../../src/app/claims/correct.js';
import { batchFile, exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import { importDocument, importFile } from '../../../src/app/imports/import-file.js';
import { validateClaims } from '../../../src/app/claims/validate.js';
import { parseWithX12Parser } from '../../x12/fixtures.js';
import { readClaims } from '../../x12/read-back.js';
import { loadSamples, PROJECT_ROOT, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';
import { generateInput } from '../../../bench/generate.js';
import { allBytes } from '../../support/bytes.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const fileText = async (batchId: string) => (await allBytes((await batchFile(ws.ctx, batchId)).chunks)).toString('latin1');
const x12Date = (d: string) => d.replace(/-/g, '');

describe('837P export of the sample claims', () => {
  it('reads back with x12-parser equal to the claims', async () => {
    await buildClaims(ws.ctx, {});
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
    expect(report.held).toEqual([]);
    const batch = report.batch!;
    expect(batch.claimCount).toBe(3);
    expect(batch.totalCharge).toBe('908.75');
    const text = await fileText(batch.batchId);
    expect(text.length).toBe(batch.bytes);

    const segments = await parseWithX12Parser(text);
    const read = readClaims(segments);
    expect(read.map((c) => c.id).sort()).toEqual([...report.claimIds].sort());
    for (const r of read) {
      const claim = await showClaim(ws.ctx, r.id);
      const member = (await ws.ctx.store.read.reference.getMember(claim.memberCin))!;
      expect(r.subscriber).toMatchObject({ last: member.last_name, first: member.first_name, id: member.member_cin, dob: x12Date(member.dob!), sex: member.sex });
      expect(r.payerId).toBe('HNMC1');
      expect(Number(r.total)).toBe(Number(claim.totalCharge));
      expect(r.location).toEqual([claim.placeOfService, 'B', '1']);
      expect(r.diagnoses.map((d) => d[1])).toEqual(claim.diagnoses);
      expect(r.lines).toHaveLength(claim.lines.length);
      r.lines.forEach((l, i) => {
        const line = claim.lines[i]!;
        expect([l.code, ...l.modifiers]).toEqual([line.code, ...line.modifiers]);
        expect(Number(l.units)).toBe(Number(line.units));
        expect(Number(l.charge)).toBe(Number(line.charge));
        expect(l.date).toBe(x12Date(line.serviceDate));
        expect(l.pointers.map(Number)).toEqual(line.diagnosisPointers);
      });
    }
    const byName = (n: string) => segments.filter((s) => s.name === n);
    expect(byName('ISA')[0]!['13']).toBe(batch.interchangeControl);
    expect(byName('GS')[0]!['6']).toBe(batch.groupControl);
    const se = byName('SE')[0]!;
    const stIndex = segments.findIndex((s) => s.name === 'ST');
    const seIndex = segments.findIndex((s) => s.name === 'SE');
    expect(Number(se['1'])).toBe(seIndex - stIndex + 1);
    expect(byName('GE')[0]!['1']).toBe('1');
    expect(byName('IEA')[0]!['1']).toBe('1');

    for (const id of report.claimIds) expect((await showClaim(ws.ctx, id)).status).toBe('batched');
    expect((await ws.ctx.store.read.events.forClaim(report.claimIds[0]!)).map((e) => e.kind)).toEqual(['batched']);
  });

  it('returns the same bytes again, and never exports a claim twice', async () => {
    await buildClaims(ws.ctx, { period: '2026-10' });
    const first = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
    const again = await batchFile(ws.ctx, first.batch!.batchId);
    expect((await allBytes(again.chunks)).toString('latin1')).toBe(await fileText(first.batch!.batchId));
    await expect(exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' })).rejects.toThrow(/no ready claims/);
    const rebuilt = await buildClaims(ws.ctx, { period: '2026-10' });
    expect(rebuilt.claims.filter((c) => c.payerId === 'healthnet')).toEqual([]);
  });

  it('refuses a claim named twice with a sentence, and exports nothing', async () => {
    await buildClaims(ws.ctx, { period: '2026-10' });
    const [first] = await listClaims(ws.ctx, { payerId: 'healthnet', status: 'ready' });
    await expect(exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', claimIds: [first!.id, first!.id] })).rejects.toThrow(`claim ${first!.id} is named more than once`);
    expect(await ws.ctx.store.read.batches.list()).toEqual([]);
    expect((await showClaim(ws.ctx, first!.id)).status).toBe('ready');
  });

  it('holds back claims with errors for the target format and sends the rest', async () => {
    await buildClaims(ws.ctx, {});
    // Five months later the September claim is past Health Net's 180-day filing limit.
    const later = createContext({ dbPath: ws.dbPath, clock: fixedClock('2027-03-25T18:00:00Z') });
    try {
      const report = await exportX12Batch(later, { payerId: 'healthnet', format: '837p' });
      expect(report.batch!.claimCount).toBe(2);
      expect(report.held).toHaveLength(1);
      const held = report.held[0]!;
      const issue = held.issues.find((i) => i.code === 'TIMELY_FILING_EXPIRED')!;
      expect(issue.severity).toBe('error');
      // Filing limits run per date of service: 09-20 is past 180 days, 09-27 not yet.
      expect(issue.serviceIds).toEqual(['SL-1005']);
      expect((await showClaim(later, held.claimId)).status).toBe('draft');
    } finally {
      later.store.close();
    }
  });

  it('exports nothing and says why when every claim fails the format', async () => {
    await buildClaims(ws.ctx, { period: '2026-10' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837i', period: '2026-10' });
    expect(report.batch).toBeUndefined();
    expect(report.held.flatMap((h) => h.issues.map((i) => i.code))).toContain('INSTITUTIONAL_PROFILE_MISSING');
    expect(await ws.ctx.store.read.batches.list()).toEqual([]);
    // They are 837P claims: failing the 837I leaves them ready for the 837P, findings unchanged.
    for (const { claimId } of report.held) expect(await showClaim(ws.ctx, claimId)).toMatchObject({ status: 'ready', format: '837p', issues: [] });
    const p = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
    expect(p.batch!.claimCount).toBe(report.held.length);
  });

  it('writes an 837I for a payer whose profile asks for it', async () => {
    const payers = JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')) as Array<Record<string, unknown>>;
    payers[0]!.formats = { preferred: '837i' };
    payers[0]!.institutional = { revenueCode: '0500', facilityTypeCode: '13' };
    await importDocument(ws.ctx, 'payers', payers, 'payers-837i.json');
    await buildClaims(ws.ctx, { period: '2026-10' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837i', period: '2026-10' });
    expect(report.held).toEqual([]);
    const text = await fileText(report.batch!.batchId);
    const read = readClaims(await parseWithX12Parser(text));
    expect(read.flatMap((c) => c.lines.map((l) => `${l.revenueCode} ${l.code} ${l.units}`))).toContain('0500 G9008 1.5');
  });

  it("uses the separators and line breaks the payer's clearinghouse asks for", async () => {
    const payers = JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')) as Array<{ interchange: Record<string, unknown> }>;
    payers[0]!.interchange.separators = { element: '|', component: '>', repetition: '!', segment: '~' };
    payers[0]!.interchange.newline = true;
    await importDocument(ws.ctx, 'payers', payers, 'payers-pipes.json');
    await buildClaims(ws.ctx, { period: '2026-10' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
    const text = await fileText(report.batch!.batchId);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ISA\|00\|/);
    expect(lines[0]!.endsWith('|!|00501|000000001|0|T|>~')).toBe(true);
    expect(lines.every((l) => l.endsWith('~'))).toBe(true);
    expect(text).toContain('SV1|HC>G9008>U1|247.5|UN|1.5|||1>2~');
  });

  it('sends a replacement with frequency 7 and REF*F8, and a void with 8', async () => {
    await buildClaims(ws.ctx, { period: '2026-10' });
    const first = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
    const members = await Promise.all(first.claimIds.map(async (id) => [id, (await showClaim(ws.ctx, id)).memberCin] as const));
    const original = members.find(([, cin]) => cin === '91234567A')![0];
    await expect(correctClaim(ws.ctx, { claimId: (await listClaims(ws.ctx, { payerId: 'iehp' }))[0]!.id, kind: 'void', payerClaimNumber: 'X1' })).rejects.toThrow(/only a claim the payer has received/);
    const replacement = await correctClaim(ws.ctx, { claimId: original, kind: 'replace', payerClaimNumber: 'HN2026110400123' });
    const voided = await correctClaim(ws.ctx, { claimId: original, kind: 'void', payerClaimNumber: 'HN2026110400123' });
    expect(replacement).toMatchObject({ frequency: '7', status: 'ready', originalClaimId: original, totalCharge: '498.75' });
    expect(voided).toMatchObject({ frequency: '8', status: 'ready' });
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', claimIds: [replacement.id, voided.id] });
    const read = readClaims(await parseWithX12Parser(await fileText(report.batch!.batchId)));
    expect(read.map((c) => [c.id, c.location[2], c.originalReference])).toEqual([
      [replacement.id, '7', 'HN2026110400123'],
      [voided.id, '8', 'HN2026110400123'],
    ]);
  });

  it('validates without exporting and moves claims between draft and ready', async () => {
    await buildClaims(ws.ctx, { period: '2026-10' });
    const report = await validateClaims(ws.ctx, { payerId: 'iehp', format: 'cms1500' });
    expect(report.counts.claims).toBe(1);
    expect(await ws.ctx.store.read.batches.list()).toEqual([]);
  });
});

describe('control numbers and interrupted exports', () => {
  function cli(args: string[]) {
    return spawnSync(process.execPath, [CLI, ...args, '--db', ws.dbPath], { encoding: 'utf8', env: { ...process.env, ECM_NOW: '2026-11-25T18:00:00Z' } });
  }

  it('two concurrent exports never share a control number', async () => {
    await buildClaims(ws.ctx, {});
    const run = (period: string, out: string) =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'export', '837p', '--payer', 'healthnet', '--period', period, '--out', out, '--db', ws.dbPath, '--json'], { env: { ...process.env, ECM_NOW: '2026-11-25T18:00:00Z' } });
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', () => resolve(stdout));
      });
    const outputs = await Promise.all([run('2026-09', join(ws.dir, 'a.x12')), run('2026-10', join(ws.dir, 'b.x12'))]);
    const batches = outputs.map((o) => (JSON.parse(o) as { batch: { interchangeControl: string; groupControl: string; firstTransactionControl: string } }).batch);
    expect(new Set(batches.map((b) => b.interchangeControl)).size).toBe(2);
    expect(new Set(batches.map((b) => b.groupControl)).size).toBe(2);
    const isa13 = (file: string) => readFileSync(file, 'latin1').split('*')[13];
    expect(new Set([isa13(join(ws.dir, 'a.x12')), isa13(join(ws.dir, 'b.x12'))]).size).toBe(2);
  });

  it('an export killed partway leaves no half batch and burns no control number', async () => {
    const files = await generateInput(ws.dir, { members: 4000, rowsPerMember: 3, period: '2026-10' });
    await importFile(ws.ctx, 'members', createReadStream(files.members), { source: 'gen' });
    await importFile(ws.ctx, 'services', createReadStream(files.services), { source: 'gen' });
    await buildClaims(ws.ctx, { period: '2026-10', payerId: 'healthnet' });
    const ready = (await listClaims(ws.ctx, { payerId: 'healthnet', status: 'ready', limit: 100_000 })).length;
    expect(ready).toBeGreaterThan(3000);

    const out = join(ws.dir, 'killed.x12');
    for (const delay of [150, 400]) {
      const child = spawn(process.execPath, [CLI, 'export', '837p', '--payer', 'healthnet', '--out', out, '--db', ws.dbPath], { env: { ...process.env, ECM_NOW: '2026-11-25T18:00:00Z' } });
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));
      const probe = createContext({ dbPath: ws.dbPath });
      const batches = await probe.store.read.batches.list();
      if (batches.length > 0) {
        // The kill came after the commit: then the batch is whole and its claims are batched.
        expect(await probe.store.read.batches.claimIds(batches[0]!.batchId)).toHaveLength(batches[0]!.claimCount);
        probe.store.close();
        return;
      }
      expect(await listClaims(probe, { payerId: 'healthnet', status: 'ready', limit: 100_000 })).toHaveLength(ready);
      expect(existsSync(out)).toBe(false);
      probe.store.close();
    }
    const done = cli(['export', '837p', '--payer', 'healthnet', '--out', out, '--json']);
    expect(done.status, done.stderr).toBe(0);
    const batch = (JSON.parse(done.stdout) as { batch: { interchangeControl: string; claimCount: number } }).batch;
    expect(batch.interchangeControl).toBe('000000001');
    expect(batch.claimCount).toBe(ready);
    expect(readFileSync(out, 'latin1').endsWith('IEA*1*000000001~')).toBe(true);
  });
});
