// The finance dashboard in a real (headless) Chromium against the real server on a loopback
// port: a signed-out visitor signs in first; the page shows per payer the rates the API computes (in the
// table and in the chart), the open claims by age and the late claims, and opens a claim's
// timeline; all under the page's strict Content-Security-Policy with no error in the console.

import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { createUser, redeemSignInLink, signOutEverywhere } from '../../src/app/users/users.js';
import { timestamp } from '../../src/app/context.js';
import type { LateClaim } from '../../src/app/reports/timeliness.js';
import type { TimelinessReport, TimelinessRow, WindowResult } from '../../src/metrics/timeliness.js';
import { clockWorkspace, type ClockWorkspace } from '../support/clock-workspace.js';
import { liveScenario, type Scenario } from './scenario.js';
import { CHROMIUM, chromiumLaunchOptions, lacks } from '../support/prerequisites.js';

// Without a Chromium outside CI the browser tests are skipped (and the run says which package to install).
const noBrowser = lacks(CHROMIUM);

const SCREENSHOT = '/tmp/ecm-dashboard.png';
const TIMELINE_SCREENSHOT = '/tmp/ecm-dashboard-timeline.png';
const SINGLE_MONTH_SCREENSHOT = '/tmp/ecm-dashboard-single-month.png';

let ws: ClockWorkspace;
let scenario: Scenario;
let server: RunningServer;
let browser: Browser;
let page: Page;
let finance: string;
const FINANCE_EMAIL = 'finance@riverbend.example';
const PASSWORD = 'a finance password, long';
const problems: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  ws = clockWorkspace('2026-08-05');
  scenario = await liveScenario(ws.ctx, ws.setDate, (claimId) => ws.ctx.store.write.claims.setStatus(claimId, 'ready', timestamp(ws.ctx)));
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  finance = (await createApiKey(ws.ctx, 'finance')).key;
  await redeemSignInLink(ws.ctx, (await createUser(ws.ctx, { email: FINANCE_EMAIL, role: 'finance' })).link, PASSWORD);
  browser = await chromium.launch(chromiumLaunchOptions());
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
const AMOUNTS = ['billed', 'paid', 'outstanding'] as const;
/** The page's dollars: "$1,485.00". */
const dollars = (amount: string) => `$${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
/** Everything a person would read on the page, hidden parts left out. */
const screenText = () => page.evaluate(() => document.body.innerText);
function windowOf(row: TimelinessRow, measure: (typeof MEASURES)[number]): WindowResult {
  return { paid30: row.paid.within30, paid90: row.paid.within90, adjudicated30: row.adjudicated.within30, adjudicated90: row.adjudicated.within90 }[measure];
}

describe.skipIf(noBrowser)('the finance dashboard', () => {
  async function signIn(): Promise<void> {
    await page.waitForURL(/\/signin\?next=/);
    await page.fill('#email', FINANCE_EMAIL);
    await page.fill('#password', PASSWORD);
    await page.click('button[type=submit]');
  }

  it('sends a signed-out visitor to sign in, then shows the rates the API computes, under a strict CSP', async () => {
    await page.goto(`${server.url}/dashboard`);
    await signIn();
    await page.waitForURL(`${server.url}/dashboard`);
    await page.waitForSelector('body[data-loaded="report"]');
    expect(await screenText()).toContain(FINANCE_EMAIL);
    // The page itself: its own script and styles, nothing inline, nothing from elsewhere.
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${server.url}/dashboard`, { headers: { cookie } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<script src="/dashboard.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>|style="|on(click|load|submit)=/i);
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${server.url}/dashboard.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);

    const api = await apiJson<TimelinessReport>('/api/metrics/timeliness');
    const shown = await page.$$eval('td[data-measure]', (cells) =>
      cells.map((c) => ({ payer: c.getAttribute('data-payer'), month: c.getAttribute('data-month'), measure: c.getAttribute('data-measure'), text: c.firstChild?.textContent ?? '' })),
    );
    const expected = api.payers.flatMap((p) =>
      p.months.length === 0 ? [] : [...p.months, p.total].flatMap((row) => MEASURES.map((measure) => ({ payer: p.payerId, month: row.receiptMonth, measure, text: windowOf(row, measure).rate === null ? '–' : `${windowOf(row, measure).rate}%` }))),
    );
    expect(shown).toEqual(expected);
    expect(shown.find((s) => s.month === '2026-10' && s.measure === 'paid30')?.text).toBe('50.0%');

    // Billed, paid and outstanding dollars beside the rates: per month row, and per payer.
    const amounts = await page.$$eval('td[data-amount]', (cells) => cells.map((c) => `${c.getAttribute('data-payer')} ${c.getAttribute('data-month')} ${c.getAttribute('data-amount')} ${c.textContent}`));
    expect(amounts).toEqual(
      api.payers.flatMap((p) => (p.months.length === 0 ? [] : [...p.months, p.total].flatMap((row) => AMOUNTS.map((name) => `${p.payerId} ${row.receiptMonth} ${name} ${dollars(row.amounts[name])}`)))),
    );
    const tiles = await page.$$eval('section.payer[data-payer="healthnet"] .tile.amount', (ts) => ts.map((t) => (t as HTMLElement).innerText.replace(/\s+/g, ' ')));
    expect(tiles).toEqual([expect.stringMatching(/^Billed \$1,485\.00 /), expect.stringMatching(/^Paid \$660\.00 /), expect.stringMatching(/^Outstanding \$495\.00 /)]);
    expect(await screenText()).toMatch(/Billed\s+Paid\s+Outstanding/);

    // The month filters say how to write a month, and what they are for.
    for (const id of ['from', 'to']) {
      expect(await page.getAttribute(`#${id}`, 'placeholder')).toBe('YYYY-MM');
      expect(await page.$eval(`#${id}`, (input) => input.matches(':placeholder-shown') && (input as HTMLInputElement).labels?.[0]?.textContent)).toMatch(id === 'from' ? /Received from/ : /to/);
    }
    expect(await page.isVisible('label[for="from"]')).toBe(true);

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

    await page.goto(`${server.url}/dashboard#/claims/${scenario.claimIds.E}`);
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

  it('draws bars labelled with their rates for a payer with a single month', async () => {
    await page.selectOption('#payer', 'healthnet');
    await page.fill('#from', '2026-08');
    await page.fill('#to', '2026-08');
    await page.click('#filter-form button[type=submit]');
    await page.waitForSelector('svg.chart[data-payer="healthnet"] rect.bar', { timeout: 10_000 });
    const api = await apiJson<TimelinessReport>('/api/metrics/timeliness?payer=healthnet&from=2026-08&to=2026-08');
    expect(api.payers[0]!.months.map((m) => m.receiptMonth)).toEqual(['2026-08']);
    const bars = await page.$$eval('svg.chart[data-payer="healthnet"] rect.bar', (rs) =>
      rs.map((r) => ({ measure: r.getAttribute('data-measure'), rate: r.getAttribute('data-rate'), height: r.getBoundingClientRect().height, width: r.getBoundingClientRect().width })),
    );
    expect(bars.map((b) => `${b.measure} ${b.rate}`).sort()).toEqual(['paid30 100.0', 'paid90 100.0']);
    // Big enough to see: a 100% bar spans most of the plot.
    for (const bar of bars) expect(bar.height).toBeGreaterThan(100);
    for (const bar of bars) expect(bar.width).toBeGreaterThan(20);
    const labels = await page.$$eval('svg.chart[data-payer="healthnet"] text', (ts) => ts.map((t) => t.textContent));
    expect(labels.filter((t) => t === '100.0%')).toHaveLength(2);
    expect(labels).toContain('Aug 2026');
    await page.screenshot({ path: SINGLE_MONTH_SCREENSHOT, fullPage: true });

    // A month cut off from its neighbours by months with no rate is labelled, as is a month with none.
    const drawn = await page.evaluate(() => {
      const w = (rate: string | null) => ({ days: 30, targetPercent: 90, within: 0, censored: 0, denominator: rate === null ? 0 : 1, rate, targetMet: null });
      const month = (receiptMonth: string, rate: string | null) => ({ receiptMonth, paid: { within30: w(rate), within90: w(rate) }, adjudicated: { within30: w(rate), within90: w(rate) } });
      const chart = (window as unknown as { EcmChart: { rateChart: (payer: unknown) => SVGElement } }).EcmChart;
      const apart = chart.rateChart({ payerId: 'x', months: [month('2026-01', '80.0'), month('2026-02', null), month('2026-03', '40.0')] });
      const none = chart.rateChart({ payerId: 'x', months: [month('2026-01', null)] });
      return {
        labels: [...apart.querySelectorAll('text.value')].map((t) => t.textContent),
        paths: [...apart.querySelectorAll('path')].map((p) => p.getAttribute('d')?.includes(' L ')),
        none: [...none.querySelectorAll('text.no-rate')].map((t) => t.textContent),
      };
    });
    expect(drawn.labels.sort()).toEqual(['40.0%', '40.0%', '80.0%', '80.0%']);
    expect(drawn.paths).toEqual([false, false]);
    expect(drawn.none).toEqual(['no rate yet', 'no rate yet']);
    expect(problems).toEqual([]);
  });

  it('sends the page to sign in when the session ends, and back to where it was', async () => {
    await signOutEverywhere(ws.ctx, (await ws.ctx.store.read.users.findUserByEmail(FINANCE_EMAIL))!.userId);
    await page.evaluate(() => (location.hash = '#/claims/C000001'));
    await signIn();
    await page.waitForURL(`${server.url}/dashboard#/claims/C000001`);
    await page.waitForSelector('body[data-loaded="timeline"]');
    // The browser reports the refused API call of the ended session, and the calls the move to sign
    // in cut short; that is the point, not a fault.
    expect(problems.filter((p) => !p.includes('401') && !p.startsWith('requestfailed:'))).toEqual([]);
    problems.length = 0;
  });
});
