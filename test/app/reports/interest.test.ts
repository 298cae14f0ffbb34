// Late-payment interest from the claims' own 835s: Health Net pays four clean claims received on
// 2026-11-03 (deadline 2026-12-03, 30 calendar days): on day 30, on day 31 without interest, on
// day 95 with the interest in AMT*I, and on day 95 with the interest in a PLB L6 naming the
// claim; one more L6 names no claim. Figures worked out by hand below.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaims } from '../../../src/app/claims/build.js';
import { exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import { ingestPayerFile } from '../../../src/app/remittances/ingest.js';
import { submitBatch } from '../../../src/app/remittances/submit.js';
import { interestCsv, interestReport } from '../../../src/app/reports/interest.js';
import { AppError } from '../../../src/app/errors.js';
import { fixedClock } from '../../../src/app/context.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { startServer } from '../../../src/api/server.js';
import { file835 } from '../../support/payer-files.js';
import { loadSamples, textStream, workspace, type Workspace } from '../../support/workspace.js';
import { runCli } from '../../support/runners.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';
import { pageLines, pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let ws: Workspace;

beforeAll(async () => {
  ws = workspace({ now: '2026-11-02T18:00:00Z' });
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  const { batch, claimIds } = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
  await submitBatch(ws.ctx, batch!.batchId, '2026-11-02');
  ws.ctx.clock = fixedClock('2027-03-01T18:00:00Z');
  expect(claimIds).toEqual(['C000001', 'C000002', 'C000003']);
  const charges = [];
  for (const id of claimIds) charges.push((await ws.ctx.store.read.claims.get(id))!.totalCharge);
  expect(charges).toEqual(['498.75', '80.00', '330.00']);
  const received = '2026-11-03';
  // Day 31: C000002, with its one day of interest in AMT*I.
  await ingest(file835({ control: 801, date: '2026-12-04' }, [{ trace: 'EFT1', paymentDate: '2026-12-04', claims: [{ claimId: 'C000002', status: '1', charge: '80.00', paid: '80.00', payerClaimControlNumber: 'HN0000002', receivedDate: received, interest: '0.03' }] }]));
  // Day 95: C000001 with no interest at all; C000003 with its interest in a PLB L6 that names it by
  // the payer's claim number, and 5.00 of L6 that names no claim.
  await ingest(
    file835({ control: 802, date: '2027-02-06' }, [
      {
        trace: 'EFT2',
        paymentDate: '2027-02-06',
        claims: [
          { claimId: 'C000001', status: '1', charge: '498.75', paid: '498.75', payerClaimControlNumber: 'HN0000001', receivedDate: received },
          { claimId: 'C000003', status: '1', charge: '330.00', paid: '330.00', payerClaimControlNumber: 'HN0000003', receivedDate: received },
        ],
        providerAdjustments: [
          ['L6', 'HN0000003', '-8.82'],
          ['L6', undefined, '-5.00'],
        ],
      },
    ]),
  );
});
afterAll(() => ws.dispose());

async function ingest(text: string): Promise<void> {
  await ingestPayerFile(ws.ctx, textStream(text), { source: 'test' });
}

describe('interest your plan still owes you', () => {
  it('lists each clean claim paid late with the interest owed, the penalty, what was paid and what is still owed', async () => {
    const report = await interestReport(ws.ctx);
    const common = { payerId: 'healthnet', receivedDate: '2026-11-03', deadline: '2026-12-03', rule: 'hsc-1371-ab3275' };
    expect(report.rows).toEqual([
      // 80.00 x 0.15 x 1 / 365 = 0.0329 -> 0.03, paid with the claim: nothing owed.
      { ...common, claimId: 'C000002', paidDate: '2026-12-04', daysLate: 1, principal: '80.00', interestOwed: '0.03', penalty: '0.00', interestPaid: '0.03', stillOwed: '0.00' },
      // 498.75 x 0.15 x 65 / 365 = 13.3226 -> 13.32, none paid: the $15 penalty (10% would be 1.33).
      { ...common, claimId: 'C000001', paidDate: '2027-02-06', daysLate: 65, principal: '498.75', interestOwed: '13.32', penalty: '15.00', interestPaid: '0.00', stillOwed: '28.32' },
      // 330.00 x 0.15 x 65 / 365 = 8.8151 -> 8.82, paid in the PLB L6 that names it.
      { ...common, claimId: 'C000003', paidDate: '2027-02-06', daysLate: 65, principal: '330.00', interestOwed: '8.82', penalty: '0.00', interestPaid: '8.82', stillOwed: '0.00' },
    ]);
    // February: 28.32 still owed on the claims, less the 5.00 of L6 that named none.
    expect(report.byPayerMonth).toEqual([
      { payerId: 'healthnet', month: '2026-12', claims: 1, principal: '80.00', interestOwed: '0.03', penalty: '0.00', interestPaid: '0.03', interestPaidWithoutClaim: '0.00', stillOwed: '0.00' },
      { payerId: 'healthnet', month: '2027-02', claims: 2, principal: '828.75', interestOwed: '22.14', penalty: '15.00', interestPaid: '8.82', interestPaidWithoutClaim: '5.00', stillOwed: '23.32' },
    ]);
    expect(report.totals).toEqual({ claims: 3, principal: '908.75', interestOwed: '22.17', penalty: '15.00', interestPaid: '8.85', interestPaidWithoutClaim: '5.00', stillOwed: '23.32' });
    expect(report.rules.map((r) => r.id)).toEqual(['hsc-1371-ab3275', 'ccr-1300.71']);
  });

  it('filters by payer and month of payment, and says which filter is wrong', async () => {
    expect((await interestReport(ws.ctx, { from: '2027-01' })).rows.map((r) => r.claimId)).toEqual(['C000001', 'C000003']);
    expect((await interestReport(ws.ctx, { to: '2026-12' })).totals.claims).toBe(1);
    expect((await interestReport(ws.ctx, { payerId: 'iehp' })).rows).toEqual([]);
    await expect(interestReport(ws.ctx, { from: '2027-1' })).rejects.toThrow(/--from must be a month, YYYY-MM/);
    await expect(interestReport(ws.ctx, { payerId: 'nobody' })).rejects.toBeInstanceOf(AppError);
  });

  it('writes one CSV line per claim', async () => {
    const csv = interestCsv(await interestReport(ws.ctx));
    expect(csv.split('\r\n')).toEqual([
      'claim_id,payer_id,received_date,deadline,paid_date,days_late,principal,interest_owed,penalty,interest_paid,still_owed,rule',
      'C000002,healthnet,2026-11-03,2026-12-03,2026-12-04,1,80.00,0.03,0.00,0.03,0.00,hsc-1371-ab3275',
      'C000001,healthnet,2026-11-03,2026-12-03,2027-02-06,65,498.75,13.32,15.00,0.00,28.32,hsc-1371-ab3275',
      'C000003,healthnet,2026-11-03,2026-12-03,2027-02-06,65,330.00,8.82,0.00,8.82,0.00,hsc-1371-ab3275',
      '',
    ]);
  });

  it('answers the same report over HTTP, as JSON or CSV, to a finance key', async () => {
    const server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true, jobs: false });
    try {
      const { key } = await createApiKey(ws.ctx, 'finance');
      const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}`, ...headers } });
      const json = await get('/api/metrics/interest?from=2027-02');
      expect(json.status).toBe(200);
      const body = (await json.json()) as { totals: { stillOwed: string }; rows: Array<{ claimId: string }> };
      expect(body.rows.map((r) => r.claimId)).toEqual(['C000001', 'C000003']);
      expect(body.totals.stillOwed).toBe('23.32');
      const csv = await get('/api/metrics/interest', { accept: 'text/csv' });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(await csv.text()).toBe(interestCsv(await interestReport(ws.ctx)));
      const bad = await get('/api/metrics/interest?from=February');
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/YYYY-MM/);
    } finally {
      await server.close();
    }
  });

  it('prints it on the command line: a summary and tables, JSON, or CSV', () => {
    const json = runCli(ws.dbPath, 'report', 'interest', '--json');
    expect(json.code, json.err).toBe(0);
    expect((JSON.parse(json.out) as { totals: { stillOwed: string } }).totals.stillOwed).toBe('23.32');
    const text = runCli(ws.dbPath, 'report', 'interest', '--payer', 'healthnet');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('3 clean claims paid late; interest owed 22.17, penalties 15.00, paid 8.85 (and 5.00 naming no claim). Your plans still owe you 23.32.');
    expect(text.out).toMatch(/C000001 +healthnet +2026-11-03 +2026-12-03 +2027-02-06 +65 +498\.75 +13\.32 +15\.00 +0\.00 +28\.32/);
    const csv = runCli(ws.dbPath, 'report', 'interest', '--format', 'csv');
    expect(csv.out.split('\r\n')[1]).toBe('C000002,healthnet,2026-11-03,2026-12-03,2026-12-04,1,80.00,0.03,0.00,0.03,0.00,hsc-1371-ab3275');
    const wrong = runCli(ws.dbPath, 'report', 'interest', '--to', '2027');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('--to must be a month, YYYY-MM');
  });

  it.skipIf(lacks(PDFTOTEXT))('writes the letter to one plan, read back with pdftotext, from the command line and over HTTP', async () => {
    const out = join(ws.dir, 'letter.pdf');
    const cli = runCli(ws.dbPath, 'report', 'interest', '--payer', 'healthnet', '--format', 'pdf', '--out', out);
    expect(cli.code, cli.err).toBe(0);
    expect(cli.out).toContain('the letter to healthnet for 3 claims paid late, 23.32 still owed');
    const pdf = readFileSync(out);
    expect(await pdfPageCount(pdf)).toBe(1);
    const [page] = await pdfWords(pdf);
    const text = pageText(page!);
    const lines = pageLines(page!);
    for (const phrase of [
      'Health Net',
      'Late-payment interest still owed on clean claims',
      'pay the $23.32 still owed',
      'without naming a claim $5.00: still owed $23.32.',
      'AB 3275',
    ]) expect(text).toContain(phrase);
    expect(lines).toContain('C000001 11/03/2026 12/03/2026 02/06/2027 65 498.75 13.32 15.00 0.00 28.32 1');
    expect(lines).toContain('C000002 11/03/2026 12/03/2026 12/04/2026 1 80.00 0.03 0.00 0.03 0.00 1');
    // Claim numbers only: no member's name or CIN travels in the letter.
    expect(text).not.toMatch(/\b\d{8}[A-Z]\b/);

    const server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true, jobs: false });
    try {
      const { key } = await createApiKey(ws.ctx, 'finance');
      const res = await fetch(`${server.url}/api/metrics/interest/letter?payer=healthnet&from=2027-02`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const february = pageText((await pdfWords(Buffer.from(await res.arrayBuffer())))[0]!);
      expect(february).toContain('paid from 2027-02');
      expect(february).not.toContain('C000002');
      const none = await fetch(`${server.url}/api/metrics/interest/letter?payer=iehp`, { headers: { authorization: `Bearer ${key}` } });
      expect(none.status).toBe(400);
      expect(await none.text()).toContain('payer iehp paid no clean claim late');
    } finally {
      await server.close();
    }
  });
});
