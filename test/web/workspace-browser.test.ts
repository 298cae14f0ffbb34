// A billing clerk's month in the workspace, in a real (headless) Chromium against the real server
// on a loopback port and a real SQLite file: set a password from the one-time link, upload the
// examples, see the rejected row, download it, fix it and upload it again, build the month, look
// at a claim and its log rows, export an 837P and download it, print the CMS-1500 claims, mark
// the batch sent, post the payer's 835 and see the dashboard change. axe-core checks every page
// for serious or critical accessibility violations; screenshots of each page go to a folder
// (WORKSPACE_SCREENSHOTS, default /tmp/ecm-workspace-screens) for a person to look at.

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { listClaims } from '../../src/app/claims/claim-queries.js';
import { createUser } from '../../src/app/users/users.js';
import { clockWorkspace, type ClockWorkspace } from '../support/clock-workspace.js';
import { file835 } from '../support/payer-files.js';
import { EXAMPLES } from '../support/paths.js';
import { CHROMIUM, chromiumLaunchOptions, lacks } from '../support/prerequisites.js';

const noBrowser = lacks(CHROMIUM);
const SCREENS = process.env.WORKSPACE_SCREENSHOTS ?? '/tmp/ecm-workspace-screens';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PASSWORD = 'a clerk password of some length';

let ws: ClockWorkspace;
let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let link: string;
const problems: string[] = [];
const violations: string[] = [];
/** how each form went: in the background ("xhr", with progress) or as a page load ("document") */
const posts: string[] = [];

beforeAll(async () => {
  if (noBrowser) return;
  mkdirSync(SCREENS, { recursive: true });
  ws = clockWorkspace('2026-12-02');
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  link = (await createUser(ws.ctx, { email: 'clerk@riverbend.example', role: 'billing' })).link;
  browser = await chromium.launch(chromiumLaunchOptions());
  // The pages allow no script; the accessibility check is injected past the policy, by the test only.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: true });
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    if (request.method() === 'POST') posts.push(`${request.resourceType()} ${new URL(request.url()).pathname}`);
  });
  // A request the browser itself abandons when the next page loads (the icon) is not a fault.
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`requestfailed: ${request.url()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  ws?.dispose();
});

/** The page as it is: a screenshot for a person, and axe's serious and critical findings. */
async function look(name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENS, `${name}.png`), fullPage: true });
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
  });
  violations.push(...found.map((v) => `${name}: ${v}`));
}

const text = () => page.evaluate(() => document.body.innerText);

async function upload(kind: string, path: string): Promise<void> {
  await page.goto(`${server.url}/upload`);
  await page.setInputFiles(`#file-${kind}`, path);
  await Promise.all([page.waitForURL(`**/upload/${kind}`), page.click(`form[action="/upload/${kind}"] button[type=submit]`)]);
}

describe.skipIf(noBrowser)('a billing clerk\'s month in the workspace', () => {
  it('sets a password from the one-time link and lands on Today', async () => {
    await page.goto(`${server.url}/welcome/${link}`);
    await look('01-set-password');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/`), page.click('button[type=submit]')]);
    expect(await text()).toContain('Today');
    expect(await text()).toContain('clerk@riverbend.example');
  });

  it('uploads the examples, sees the rejected row, downloads it, fixes it and uploads it again', async () => {
    for (const [kind, file] of [['organization', 'organization.json'], ['payers', 'payers.json'], ['staff', 'staff.csv'], ['members', 'members.csv']] as const) {
      await upload(kind, join(EXAMPLES, file));
      expect(await text(), kind).not.toMatch(/error:/);
    }
    await upload('services', join(EXAMPLES, 'services.csv'));
    expect(await text()).toMatch(/member_cin/);
    expect(await text()).toMatch(/45/);
    await look('02-upload-rejected');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download the rejected rows as CSV')]);
    const rows = parse(readFileSync((await download.path())!, 'utf8')) as string[][];
    expect(rows[0]![0]).toBe('service_id');
    expect(rows[0]!.at(-1)).toBe('reason');
    expect(rows.map((r) => r[0])).toEqual(['service_id', 'RCC-11044']);
    // The clerk finds the right member in the care-management system, fixes the row in a
    // spreadsheet and drops the reason column.
    const fixed = join(SCREENS, 'services-fixed.csv');
    const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
    writeFileSync(fixed, rows.map((r) => r.slice(0, -1).map((v) => cell(v === '79999999X' ? '70214836K' : v)).join(',')).join('\n') + '\n');
    await upload('services', fixed);
    expect(await text()).not.toMatch(/Download the rejected rows/);
  });

  it('builds the month and reads a claim with the log rows behind it', async () => {
    await page.goto(`${server.url}/send`);
    await page.fill('#build-period', '2026-11');
    await Promise.all([page.waitForURL('**/send/build'), page.click('form[action="/send/build"] button[type=submit]')]);
    expect(await text()).toMatch(/Built \d+ claims for 2026-11/);
    await page.goto(`${server.url}/claims?payer=valleycrest`);
    await look('03-claims');
    await page.click('table tbody tr:first-child a');
    expect(await text()).toMatch(/RCC-1\d{4}/);
    await look('04-claim');
  });

  it('exports an 837P and a CMS-1500 batch, downloads them and marks the 837P sent', async () => {
    await page.goto(`${server.url}/send?payer=valleycrest`);
    await look('05-send');
    await Promise.all([page.waitForURL('**/send/export'), page.click('form[action="/send/export"] button[type=submit]')]);
    const [x12] = await Promise.all([page.waitForEvent('download'), page.click('text=/^Download /')]);
    expect(readFileSync((await x12.path())!, 'utf8').startsWith('ISA*')).toBe(true);
    await page.fill('input[name=date]', '2026-12-02');
    await Promise.all([page.waitForURL('**/send/submit'), page.click('form[action="/send/submit"] button[type=submit]')]);
    expect(await text()).toMatch(/sent on 2026-12-02/);

    await page.goto(`${server.url}/send?payer=goldencoast`);
    await Promise.all([page.waitForURL('**/send/export'), page.click('form[action="/send/export"] button[type=submit]')]);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('text=/^Download /')]);
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
    await look('06-send-paper');
  });

  it('posts the payer\'s 835 and sees the dashboard change', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.waitForSelector('body[data-loaded="report"]');
    const before = await page.textContent('#report');
    const sent = (await listClaims(ws.ctx, { payerId: 'valleycrest', status: 'submitted' })).map((c) => c.id).sort();
    expect(sent.length).toBeGreaterThan(0);
    ws.setDate('2026-12-16');
    // Two weeks on, the session has long ended: the clerk signs in again and comes back here.
    await page.goto(`${server.url}/payer-files`);
    expect(page.url()).toContain('/signin?next=');
    await page.fill('#email', 'clerk@riverbend.example');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/payer-files`), page.click('button[type=submit]')]);
    const remit = file835({ control: 835001, date: '2026-12-16', sender: 'VCHP1', receiver: 'RIVERBEND01' }, [
      { trace: 'CHK1001', paymentDate: '2026-12-16', claims: sent.map((claimId, i) => ({ claimId, status: '1', charge: '0', paid: '100.00', payerClaimControlNumber: `VC-${i}`, receivedDate: '2026-12-04' })) },
    ]);
    const path = join(SCREENS, 'valleycrest-835.x12');
    writeFileSync(path, remit);
    await page.goto(`${server.url}/payer-files`);
    await page.setInputFiles('#payer-file', path);
    // The answer comes back to the same address, so the address cannot say it has arrived: wait
    // for the server's answer, then for the page to replace the progress line with it.
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/payer-files'),
      page.click('form[action="/payer-files"] button[type=submit]'),
    ]);
    await page.waitForSelector('[data-progress-status]', { state: 'detached' });
    expect(await text()).toMatch(/paid/);
    await look('07-payer-files');

    await page.goto(`${server.url}/dashboard`);
    await page.waitForSelector('body[data-loaded="report"]');
    expect(await text()).toContain('Valley Crest');
    // The payment shows: the dashboard reads differently than before the 835.
    expect(await page.textContent('#report')).not.toEqual(before);
    await look('08-dashboard');
    await page.goto(`${server.url}/`);
    await look('09-today');
    await page.goto(`${server.url}/account`);
    await look('10-account');
    await page.goto(`${server.url}/settings`);
    expect(await text()).toContain('Redwood Shore Health Plan');
    await look('11-settings');
    // On a tablet, held upright.
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${server.url}/`);
    await look('12-today-tablet');
    await page.goto(`${server.url}/claims`);
    await look('13-claims-tablet');
    await page.setViewportSize({ width: 1280, height: 900 });
    await context.clearCookies();
    await page.goto(`${server.url}/`);
    await look('14-signin');
  });

  it('sent uploads, the build, the export and the payer file in the background, with progress', () => {
    for (const path of ['/upload/services', '/send/build', '/send/export', '/payer-files']) expect(posts).toContain(`xhr ${path}`);
    expect(posts).toContain('document /send/submit');
  });

  it('found no serious or critical accessibility violation and no page error', () => {
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
  });
});
