// The timeliness numbers of scenario.ts, computed by hand, read through the real HTTP server;
// the BI views in the SQLite file give the same numbers; the CLI prints the same CSV.

import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/api/server.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { timestamp } from '../../../src/app/context.js';
import type { TimelinessResult } from '../../../src/app/reports/timeliness.js';
import type { TimelinessRow, WindowResult } from '../../../src/metrics/timeliness.js';
import { PROJECT_ROOT } from '../../support/workspace.js';
import { clockWorkspace, type ClockWorkspace } from '../../support/clock-workspace.js';
import { liveScenario, REPORT_DATE, type Scenario } from '../../web/scenario.js';

let ws: ClockWorkspace;
let scenario: Scenario;
let server: RunningServer;
let finance: string;

beforeAll(async () => {
  ws = clockWorkspace('2026-08-05');
  scenario = await liveScenario(ws.ctx, ws.setDate, (claimId) => ws.ctx.store.write.claims.setStatus(claimId, 'ready', timestamp(ws.ctx)));
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  finance = (await createApiKey(ws.ctx, 'finance')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${finance}`, ...headers } });
const report = async (query = ''): Promise<TimelinessResult> => {
  const res = await get(`/api/metrics/timeliness${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as TimelinessResult;
};
const w = (days: number, within: number, censored: number, denominator: number, rate: string | null, targetMet: boolean | null): WindowResult => ({
  days,
  targetPercent: days === 30 ? 90 : 99,
  within,
  censored,
  denominator,
  rate,
  targetMet,
});
const row = (r: TimelinessResult, payerId: string, month: string): TimelinessRow => {
  const payer = r.payers.find((p) => p.payerId === payerId)!;
  return month === 'all' ? payer.total : payer.months.find((m) => m.receiptMonth === month)!;
};

describe('clean-claim payment timeliness, by hand', () => {
  it('reports every payer as of the clock date, each month of receipt of Health Net', async () => {
    const r = await report();
    expect(r.asOf).toBe(REPORT_DATE);
    expect(r.payers.map((p) => p.payerId)).toEqual(['healthnet', 'iehp', 'molina']);
    expect(r.payers[0]!.months.map((m) => m.receiptMonth)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('rates a month with one claim', async () => {
    const august = row(await report(), 'healthnet', '2026-08');
    expect(august).toMatchObject({ claimsReceived: 1, cleanClaimsReceived: 1 });
    expect(august.paid).toEqual({ within30: w(30, 1, 0, 1, '100.0', true), within90: w(90, 1, 0, 1, '100.0', true) });
    expect(august.adjudicated).toEqual(august.paid);
  });

  it('leaves a claim held for missing information out, and counts a clean denial as not paid', async () => {
    // B paid on day 44, C denied CO-16 (not clean), D denied CO-50 on day 22; E's rejected first try is not here.
    const september = row(await report(), 'healthnet', '2026-09');
    expect(september).toMatchObject({ claimsReceived: 3, cleanClaimsReceived: 2 });
    expect(september.paid).toEqual({ within30: w(30, 0, 0, 2, '0.0', false), within90: w(90, 1, 0, 2, '50.0', false) });
    expect(september.adjudicated).toEqual({ within30: w(30, 1, 0, 2, '50.0', false), within90: w(90, 2, 0, 2, '100.0', true) });
  });

  it('counts a rejected claim sent again in the month of its new receipt, and censors claims 29 days old but not 30 or 31', async () => {
    // E (resent, paid day 14) and I (paid day 30) are within 30; F (31 days) and G (30 days) unpaid are late; H (29 days) is too recent.
    const october = row(await report(), 'healthnet', '2026-10');
    expect(october).toMatchObject({ claimsReceived: 5, cleanClaimsReceived: 5 });
    expect(october.paid).toEqual({ within30: w(30, 2, 1, 4, '50.0', false), within90: w(90, 2, 3, 2, '100.0', true) });
    expect(october.open).toEqual([
      { label: '0-30', count: 2, amount: '330.00' },
      { label: '31-60', count: 1, amount: '165.00' },
      { label: '61-90', count: 0, amount: '0.00' },
      { label: '90+', count: 0, amount: '0.00' },
    ]);
  });

  it('sums the months into the payer total, and ranks the denial reasons', async () => {
    const r = await report();
    const total = row(r, 'healthnet', 'all');
    expect(total).toMatchObject({ claimsReceived: 9, cleanClaimsReceived: 8 });
    // paid 30: A, E, I of 7 (H censored) = 42.857 -> 42.9; paid 90: A, B, E, I of 5 (F, G, H censored)
    expect(total.paid).toEqual({ within30: w(30, 3, 1, 7, '42.9', false), within90: w(90, 4, 3, 5, '80.0', false) });
    // adjudicated adds D (denied on day 22)
    expect(total.adjudicated).toEqual({ within30: w(30, 4, 1, 7, '57.1', false), within90: w(90, 5, 3, 5, '100.0', true) });
    // 9 claims of 165.00 billed; A, B, E and I paid; F, G and H still open
    expect(total.amounts).toEqual({ billed: '1485.00', paid: '660.00', outstanding: '495.00' });
    expect(total.dateAnomalies).toBe(0);
    expect(row(r, 'healthnet', '2026-09').amounts).toEqual({ billed: '495.00', paid: '165.00', outstanding: '0.00' });
    expect(r.payers[0]!.denialReasons).toEqual([
      { code: '16', description: expect.stringMatching(/lacks information/), claims: 1, amount: '165.00' },
      { code: '50', description: expect.stringMatching(/medically necessary/), claims: 1, amount: '165.00' },
    ]);
  });

  it('reports a payer with no claims with no rates', async () => {
    const molina = (await report()).payers.find((p) => p.payerId === 'molina')!;
    expect(molina.months).toEqual([]);
    expect(molina.denialReasons).toEqual([]);
    expect(molina.total).toMatchObject({ claimsReceived: 0, cleanClaimsReceived: 0 });
    expect(molina.total.paid.within30).toEqual(w(30, 0, 0, 0, null, null));
  });

  it('filters by payer and by receipt months', async () => {
    const r = await report('?payer=healthnet&from=2026-09&to=2026-09');
    expect(r.filter).toEqual({ payerId: 'healthnet', from: '2026-09-01', to: '2026-09-30' });
    expect(r.payers.map((p) => p.payerId)).toEqual(['healthnet']);
    expect(r.payers[0]!.months.map((m) => m.receiptMonth)).toEqual(['2026-09']);
    expect(r.payers[0]!.total.claimsReceived).toBe(3);
    expect((await get('/api/metrics/timeliness?payer=nobody')).status).toBe(404);
    expect((await get('/api/metrics/timeliness?from=2026-13')).status).toBe(400);
  });

  it('lists the late claims, oldest first', async () => {
    const res = await get('/api/metrics/late-claims?payer=healthnet');
    expect(await res.json()).toEqual([
      { claimId: scenario.claimIds.F, payerId: 'healthnet', status: 'accepted', receiptDate: '2026-10-25', daysSinceReceipt: 31, charge: '165.00', paid: '0.00', unpaid: '165.00' },
      { claimId: scenario.claimIds.G, payerId: 'healthnet', status: 'accepted', receiptDate: '2026-10-26', daysSinceReceipt: 30, charge: '165.00', paid: '0.00', unpaid: '165.00' },
    ]);
  });

  it('answers CSV to Accept: text/csv', async () => {
    const res = await get('/api/metrics/timeliness?payer=healthnet', { accept: 'text/csv' });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^payer_id,receipt_month,claims_received,clean_claims_received,paid_within_30,/);
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 9).join(','))).toEqual([
      'healthnet,2026-08,1,1,1,0,1,100.0,yes',
      'healthnet,2026-09,3,2,0,0,2,0.0,no',
      'healthnet,2026-10,5,5,2,1,4,50.0,no',
      'healthnet,all,9,8,3,1,7,42.9,no',
    ]);
  });

  it('gives the finance key no way to change anything', async () => {
    const post = await fetch(`${server.url}/api/remittances`, { method: 'POST', headers: { authorization: `Bearer ${finance}` }, body: 'ISA' });
    expect(post.status).toBe(403);
  });
});

/** v_timeliness_monthly's columns for one window, in the API's shape. */
function viewWindow(v: Record<string, unknown>, kind: 'paid' | 'adjudicated', days: 30 | 90): WindowResult {
  const met = v[`${kind}_target_${days}_met`];
  return {
    days,
    targetPercent: days === 30 ? 90 : 99,
    within: v[`${kind}_within_${days}`] as number,
    censored: v[`${kind}_censored_${days}`] as number,
    denominator: v[`${kind}_denominator_${days}`] as number,
    rate: (v[`${kind}_rate_${days}`] as string | null) ?? null,
    targetMet: met === null ? null : met === 1,
  };
}

const cents = (amount: string) => Math.round(Number(amount) * 100);

describe('the BI views in the SQLite file', () => {
  it('v_timeliness_monthly equals the API, row for row', async () => {
    const api = await report();
    const db = new Database(ws.dbPath, { readonly: true });
    try {
      const rows = db.prepare('SELECT * FROM v_timeliness_monthly ORDER BY payer_id, receipt_month').all() as Array<Record<string, unknown>>;
      const fromApi = api.payers.flatMap((p) => [...p.months, p.total]);
      expect(rows.map((v) => `${String(v.payer_id)} ${String(v.receipt_month)}`).sort()).toEqual(fromApi.map((r) => `${r.payerId} ${r.receiptMonth}`).sort());
      for (const v of rows) {
        const a = row(api, v.payer_id as string, v.receipt_month as string);
        expect({ received: v.claims_received, clean: v.clean_claims_received, anomalies: v.date_anomalies }).toEqual({ received: a.claimsReceived, clean: a.cleanClaimsReceived, anomalies: a.dateAnomalies });
        expect([v.billed_cents, v.paid_cents, v.outstanding_cents]).toEqual([cents(a.amounts.billed), cents(a.amounts.paid), cents(a.amounts.outstanding)]);
        expect({
          paid: { within30: viewWindow(v, 'paid', 30), within90: viewWindow(v, 'paid', 90) },
          adjudicated: { within30: viewWindow(v, 'adjudicated', 30), within90: viewWindow(v, 'adjudicated', 90) },
        }).toEqual({ paid: a.paid, adjudicated: a.adjudicated });
        const open = ['0_30', '31_60', '61_90', 'over_90'].map((b) => [v[`open_${b}_count`], v[`open_${b}_amount_cents`]]);
        expect(open).toEqual(a.open.map((b) => [b.count, cents(b.amount)]));
      }
      const reasons = db.prepare("SELECT reason_code, claims, amount_cents FROM v_denial_reasons WHERE payer_id = 'healthnet' ORDER BY claims DESC, amount_cents DESC, reason_code").all();
      expect(reasons).toEqual(api.payers[0]!.denialReasons.map((r) => ({ reason_code: r.code, claims: r.claims, amount_cents: cents(r.amount) })));
    } finally {
      db.close();
    }
  });

  it('v_claim_timeliness has each claim with its receipt and payment dates', async () => {
    const db = new Database(ws.dbPath, { readonly: true });
    try {
      const byId = new Map((db.prepare('SELECT * FROM v_claim_timeliness').all() as Array<Record<string, unknown>>).map((r) => [r.claim_id, r]));
      expect(byId.get(scenario.claimIds.E)).toMatchObject({ receipt_date: '2026-10-06', payment_date: '2026-10-20', days_to_payment: 14, paid_within_30: 1, submissions: 2, clean: 1, as_of: REPORT_DATE });
      expect(byId.get(scenario.claimIds.H)).toMatchObject({ receipt_date: '2026-10-27', age_days: 29, paid_within_30: null, paid_censored_30: 1, open_bucket: '0-30', status: 'accepted' });
      expect(byId.get(scenario.claimIds.G)).toMatchObject({ age_days: 30, paid_within_30: 0, paid_censored_30: 0 });
      expect(byId.get(scenario.claimIds.C)).toMatchObject({ status: 'denied', clean: 0, paid_within_30: null });
      expect(byId.get(scenario.claimIds.D)).toMatchObject({ status: 'denied', clean: 1, days_to_adjudication: 22, paid_within_90: 0, paid_censored_90: 0, adjudicated_within_30: 1 });
    } finally {
      db.close();
    }
  });
});

describe('the report on the command line', () => {
  it('prints the same CSV as the API', async () => {
    const csv = await (await get('/api/metrics/timeliness', { accept: 'text/csv' })).text();
    const bin = join(PROJECT_ROOT, 'node_modules', '.bin', 'ecm-claims');
    const run = spawnSync(bin, ['report', 'timeliness', '--format', 'csv', '--db', ws.dbPath], { encoding: 'utf8', env: { ...process.env, ECM_NOW: `${REPORT_DATE}T20:00:00Z` } });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe(csv);
    const text = spawnSync(bin, ['report', 'timeliness', '--payer', 'healthnet', '--db', ws.dbPath], { encoding: 'utf8', env: { ...process.env, ECM_NOW: `${REPORT_DATE}T20:00:00Z` } });
    expect(text.stdout).toMatch(/2026-10\s+5\s+5\s+50\.0% \(2\/4, 1 too recent\) LOW/);
    expect(text.stdout).toMatch(/CARC 16: 1 claim, 165\.00/);
  });
});
