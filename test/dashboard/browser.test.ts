// The finance dashboard in a real (headless) Chromium against the real server on a loopback
// port: the page asks for a finance key, shows per payer the rates the API computes (in the
// table and in the chart), the open claims by age and the late claims, and opens a claim's
// timeline; all under the page's strict Content-Security-Policy with no error in the console.

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { timestamp } from '../../src/app/context.js';
import type { LateClaim } from '../../src/app/metrics-timeliness.js';
import type { TimelinessReport, TimelinessRow, WindowResult } from '../../src/metrics/timeliness.js';
import { clockWorkspace, type ClockWorkspace } from '../remittances/clock-workspace.js';
import { liveScenario, type Scenario } from './scenario.js';

const SCREENSHOT = '/tmp/ecm-dashboard.png';
const TIMELINE_SCREENSHOT = '/tmp/ecm-dashboard-timeline.png';

let ws: ClockWorkspace;
let scenario: Scenario;
let server: RunningServer;
let browser: Browser;
let page: Page;
let finance: string;
const problems: string[] = [];

beforeAll(async () => {
  ws = clockWorkspace('2026-08-05');
  scenario = await liveScenario(ws.ctx, ws.setDate, (claimId) => ws.ctx.store.write.claims.setStatus(claimId, 'ready', timestamp(ws.ctx)));
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  finance = createApiKey(ws.ctx, 'finance').key;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  ws?.dispose();
});

async function apiJson<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${finance}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const MEASURES = ['paid30', 'paid90', 'adjudicated30', 'adjudicated90'] as const;
function windowOf(row: TimelinessRow, measure: (typeof MEASURES)[number]): WindowResult {
  return { paid30: row.paid.within30, paid90: row.paid.within90, adjudicated30: row.adjudicated.within30, adjudicated90: row.adjudicated.within90 }[measure];
}

describe('the finance dashboard', () => {
  it('is served with its own script and styles under a strict CSP', async () => {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<script src="/dashboard.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>|style="|on(click|load|submit)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${server.url}/dashboard.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('asks for a key, refuses a wrong one, and shows the rates the API computes', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#login:not([hidden])');
    await page.fill('#key', 'ecm_000000000000_wrong');
    await page.click('#login-form button[type=submit]');
    await page.waitForFunction(() => (document.getElementById('login-error')?.textContent ?? '') !== '');
    expect(await page.textContent('#login-error')).toMatch(/refused/);
    // The browser reports the two refused API calls; that is the wrong key, not a fault.
    expect(problems.every((p) => p.includes('401'))).toBe(true);
    problems.length = 0;

    await page.fill('#key', finance);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('body[data-loaded="report"]');
    expect(await page.evaluate(() => sessionStorage.getItem('ecm.financeKey'))).toBe(finance);
    expect(await page.inputValue('#key')).toBe('');

    const api = await apiJson<TimelinessReport>('/api/metrics/timeliness');
    const shown = await page.$$eval('td[data-measure]', (cells) =>
      cells.map((c) => ({ payer: c.getAttribute('data-payer'), month: c.getAttribute('data-month'), measure: c.getAttribute('data-measure'), text: c.firstChild?.textContent ?? '' })),
    );
    const expected = api.payers.flatMap((p) =>
      p.months.length === 0 ? [] : [...p.months, p.total].flatMap((row) => MEASURES.map((measure) => ({ payer: p.payerId, month: row.receiptMonth, measure, text: windowOf(row, measure).rate === null ? '–' : `${windowOf(row, measure).rate}%` }))),
    );
    expect(shown).toEqual(expected);
    expect(shown.find((s) => s.month === '2026-10' && s.measure === 'paid30')?.text).toBe('50.0%');

    // The chart plots the same monthly paid rates, one point per month and window.
    const points = await page.$$eval('svg.chart[data-payer="healthnet"] circle', (cs) => cs.map((c) => `${c.getAttribute('data-measure')} ${c.getAttribute('data-month')} ${c.getAttribute('data-rate')}`));
    const healthnet = api.payers.find((p) => p.payerId === 'healthnet')!;
    expect(points.sort()).toEqual(healthnet.months.flatMap((m) => [`paid30 ${m.receiptMonth} ${m.paid.within30.rate}`, `paid90 ${m.receiptMonth} ${m.paid.within90.rate}`]).sort());
    expect(await page.$$eval('svg.chart[data-payer="healthnet"] line.target', (ls) => ls.length)).toBe(2);

    const aging = await page.$$eval('table.aging[data-payer="healthnet"] tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(aging).toEqual([
      ['0-30 days', '2', '$330.00'],
      ['31-60 days', '1', '$165.00'],
      ['61-90 days', '0', '$0.00'],
      ['90+ days', '0', '$0.00'],
      ['Open', '3', '$495.00'],
    ]);
    expect(await page.textContent('section.payer[data-payer="molina"]')).toMatch(/No claims received/);

    const late = await apiJson<LateClaim[]>('/api/metrics/late-claims');
    expect(await page.$$eval('#late-claims tbody tr', (rows) => rows.map((r) => r.getAttribute('data-claim')))).toEqual(late.map((c) => c.claimId));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("opens a late claim's timeline from its link, and comes back", async () => {
    await page.click(`#late-claims a[href="#/claims/${scenario.claimIds.F}"]`);
    await page.waitForSelector('body[data-loaded="timeline"]');
    expect(await page.textContent('#timeline-title')).toBe(`Claim ${scenario.claimIds.F}`);
    const kinds = await page.$$eval('#timeline-events tbody tr', (rows) => rows.map((r) => r.getAttribute('data-kind')));
    const timeline = await apiJson<{ events: Array<{ kind: string }> }>(`/api/claims/${scenario.claimIds.F}/timeline`);
    expect(kinds).toEqual(timeline.events.map((e) => e.kind));
    expect(kinds).toEqual(['batched', 'submitted', 'claim_accepted']);
    expect(await page.textContent('#timeline-summary')).toMatch(/Received by payer2026-10-25/);

    await page.goto(`${server.url}/#/claims/${scenario.claimIds.E}`);
    await page.waitForFunction((id) => document.getElementById('timeline-title')?.textContent === `Claim ${id}`, scenario.claimIds.E);
    expect(await page.$$eval('#timeline-events tbody tr', (rows) => rows.map((r) => r.getAttribute('data-kind')))).toEqual([
      'batched',
      'submitted',
      'claim_rejected',
      'batched',
      'submitted',
      'claim_accepted',
      'paid',
    ]);
    await page.screenshot({ path: TIMELINE_SCREENSHOT, fullPage: true });

    await page.click('#back');
    await page.waitForSelector('#report:not([hidden])');
    expect(problems).toEqual([]);
  });

  it('narrows the report to one payer and months of receipt', async () => {
    await page.selectOption('#payer', 'healthnet');
    await page.fill('#from', '2026-09');
    await page.fill('#to', '2026-10');
    await page.click('#filter-form button[type=submit]');
    await page.waitForFunction(() => document.querySelectorAll('section.payer').length === 1);
    const months = await page.$$eval('td[data-measure="paid30"]', (cells) => cells.map((c) => `${c.getAttribute('data-month')} ${c.getAttribute('data-rate')}`));
    const api = await apiJson<TimelinessReport>('/api/metrics/timeliness?payer=healthnet&from=2026-09&to=2026-10');
    expect(months).toEqual([...api.payers[0]!.months, api.payers[0]!.total].map((r) => `${r.receiptMonth} ${r.paid.within30.rate}`));
    expect(months).toEqual(['2026-09 0.0', '2026-10 50.0', 'all 33.3']);
    expect(problems).toEqual([]);
  });

  it('forgets the key when asked', async () => {
    await page.click('#forget');
    await page.waitForSelector('#login:not([hidden])');
    expect(await page.evaluate(() => sessionStorage.getItem('ecm.financeKey'))).toBeNull();
  });
});
