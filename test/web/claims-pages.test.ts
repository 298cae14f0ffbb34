// The workspace's Claims pages over HTTP against a real SQLite workspace: the Health Net history
// of scenario.ts (claims sent, acknowledged, paid, denied) plus one more month built from extra
// rows, one of them too old to bill (a draft with errors). The list filters, sorts and says what
// is wrong with a bad filter; a claim's page shows its lines, the rows behind them, its issues in
// words and its timeline; signed-out visitors go to sign in; no member CIN is ever in a link.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { timestamp } from '../../src/app/context.js';
import { importFile } from '../../src/app/imports/import-file.js';
import { claimTimeline } from '../../src/app/remittances/queries.js';
import { claimListPage, type ClaimRow } from '../../src/web/pages/claims.js';
import { clockWorkspace, type ClockWorkspace } from '../support/clock-workspace.js';
import { textStream } from '../support/workspace.js';
import { liveScenario, type Scenario } from './scenario.js';
import { signedInPerson } from '../support/people.js';

const SERVICE_HEADER = 'service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note';
const EXTRA_ROWS = [
  'SV-X,95000001A,2025-06-03,09:00,10:00,,S001,ecm,in_person,12,Z59.00,healthnet,,', // 540 days old: a draft with errors
  'SV-Y,95000002A,2026-08-04,,,60,S001,ecm,in_person,12,Z59.00,healthnet,,',
  'SV-Z,95000003A,2026-08-04,,,60,S001,ecm,in_person,12,Z59.00,healthnet,,',
  'SV-W,95000003A,2026-08-04,,,45,S002,ecm,in_person,12,Z59.00,healthnet,,',
];
const CIN = /\d{8}[A-Z]/;

let ws: ClockWorkspace;
let scenario: Scenario;
let server: RunningServer;
let base: string;
let billing: string;
let finance: string;
let draftId: string;
let biggestId: string;

async function sessionCookie(email: string, role: 'billing' | 'finance'): Promise<string> {
  return (await signedInPerson(ws.ctx, email, role)).cookie;
}

beforeAll(async () => {
  ws = clockWorkspace('2026-08-05');
  scenario = await liveScenario(ws.ctx, ws.setDate, (id) => ws.ctx.store.write.claims.setStatus(id, 'ready', timestamp(ws.ctx)));
  await importFile(ws.ctx, 'services', textStream(`${SERVICE_HEADER}\n${EXTRA_ROWS.join('\n')}\n`), { source: 'extra.csv' });
  const built = await buildClaims(ws.ctx, {});
  draftId = built.claims.find((c) => c.status === 'draft')!.id;
  biggestId = built.claims.find((c) => c.totalCharge === '255.00')!.id;
  billing = await sessionCookie('clerk@riverbend.example', 'billing');
  finance = await sessionCookie('finance@riverbend.example', 'finance');
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  base = server.url;
});
afterAll(async () => {
  await server?.close();
  ws?.dispose();
});

async function get(path: string, cookie = billing): Promise<{ status: number; html: string; location: string | null; csp: string | null }> {
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), csp: res.headers.get('content-security-policy') };
}

/** The claim ids the list shows, in order. */
const listedIds = (html: string) => [...html.matchAll(/<a href="\/claims\/(C\d+)">/g)].map((m) => m[1]);
const hrefs = (html: string) => [...html.matchAll(/(?:href|action)="([^"]*)"/g)].map((m) => m[1]!);

describe('the claims list', () => {
  it('sends a signed-out visitor to sign in and back', async () => {
    const res = await get('/claims?payer=healthnet', '');
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/signin?next=${encodeURIComponent('/claims?payer=healthnet')}`);
    const detail = await get(`/claims/${scenario.claimIds.A}`, '');
    expect([detail.status, detail.location]).toEqual([303, `/signin?next=${encodeURIComponent(`/claims/${scenario.claimIds.A}`)}`]);
  });

  it('lists every claim with its payer, member, period, status, format, lines and total', async () => {
    const res = await get('/claims');
    expect(res.status).toBe(200);
    expect(res.csp).toContain("default-src 'none'");
    expect(res.html).toContain('Claims (12)');
    expect(listedIds(res.html)).toEqual(expect.arrayContaining([...Object.values(scenario.claimIds), draftId, biggestId]));
    expect(listedIds(res.html)).toHaveLength(12);
    expect(res.html).toContain('95000001A');
    expect(res.html).toContain('<td class="num">255.00</td>');
    expect(res.html).toContain('3 errors');
    expect(res.html).not.toContain('Page 1 of');
    for (const href of hrefs(res.html)) expect(href).not.toMatch(CIN);
  });

  it('filters by payer, status, period and format', async () => {
    const draft = await get('/claims?payer=healthnet&status=draft');
    expect(listedIds(draft.html)).toEqual([draftId]);
    expect(draft.html).toContain('<option value="draft" selected>');
    const august = await get('/claims?period=2026-08&format=837p');
    expect(listedIds(august.html)).toHaveLength(2);
    const paid = await get('/claims?status=paid');
    expect(new Set(listedIds(paid.html))).toEqual(new Set(['A', 'B', 'E', 'I'].map((l) => scenario.claimIds[l as 'A'])));
    expect(listedIds((await get('/claims?payer=molina')).html)).toEqual([]);
    expect((await get('/claims?format=ub04')).html).toContain('No claims match these filters.');
  });

  it('says what is wrong with a bad filter instead of failing', async () => {
    const month = await get('/claims?period=2026-13');
    expect(month.status).toBe(400);
    expect(month.html).toContain('class="error"');
    expect(month.html).toContain('2026-13 is not a valid month (use YYYY-MM, month 01-12)');
    expect(listedIds(month.html)).toEqual([]);
    expect(month.html).toContain('name="period" value="2026-13"');
    const status = await get('/claims?status=lost&format=fax');
    expect(status.status).toBe(400);
    expect(status.html).toContain('Status: not a claim status');
    expect(status.html).toContain('Format: not a claim format');
    const payer = await get(`/claims?payer=${encodeURIComponent('<script>x</script>')}`);
    expect(payer.status).toBe(400);
    expect(payer.html).not.toContain('<script>');
    expect(payer.html).toContain('value="&lt;script&gt;x&lt;/script&gt;"');
  });

  it('sorts by total charge both ways, keeping the filters in the links', async () => {
    const up = listedIds((await get('/claims?sort=total&dir=asc')).html);
    const down = listedIds((await get('/claims?sort=total&dir=desc')).html);
    expect(up[0]).toBe(draftId);
    expect(down[0]).toBe(biggestId);
    expect(down.at(-1)).toBe(draftId);
    const filtered = await get('/claims?payer=healthnet&sort=total&dir=asc');
    expect(filtered.html).toContain('href="/claims?payer=healthnet&amp;sort=total&amp;dir=desc"');
    expect(filtered.html).toContain('aria-sort="ascending"');
  });

  it('is open to finance too', async () => {
    const res = await get('/claims', finance);
    expect(res.status).toBe(200);
    expect(listedIds(res.html)).toHaveLength(12);
  });

  it('pages past 50 rows with links that keep filters and sort', () => {
    const rows: ClaimRow[] = Array.from({ length: 60 }, (_, i) => ({
      id: `C${String(i + 1).padStart(6, '0')}`, payerId: 'healthnet', memberCin: '95000001A', period: '2026-08', format: '837p', status: 'ready', frequency: '1', totalCharge: `${i}.00`, lineCount: 1, errorCount: 0, warningCount: 0,
    }));
    const html = String(claimListPage({ user: { email: 'a@b.example', role: 'billing', csrf: 'x' }, filters: { payer: 'healthnet' }, errors: [], claims: rows, statuses: ['ready'], formats: ['837p'], sort: 'total', dir: 'desc' }));
    expect(html).toContain('Page 1 of 2');
    expect(html).toContain('href="/claims?payer=healthnet&amp;sort=total&amp;dir=desc&amp;page=2"');
    expect(listedIds(html)).toHaveLength(50);
    expect(listedIds(html)[0]).toBe('C000060');
    for (const href of hrefs(html)) expect(href).not.toMatch(CIN);
  });
});

describe("a claim's page", () => {
  it('shows the facts, lines, source rows and the timeline of a paid claim', async () => {
    const id = scenario.claimIds.A;
    const res = await get(`/claims/${id}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain(`Claim ${id}`);
    expect(res.html).toMatch(/<dt>Member CIN<\/dt><dd>95000001A<\/dd>/);
    expect(res.html).toMatch(/<dt>Format<\/dt><dd>837P/);
    expect(res.html).toContain('G9008');
    expect(res.html).toContain('<td>SV-A</td>');
    expect(res.html).toContain('S001');
    const timeline = await claimTimeline(ws.ctx, id);
    expect(timeline.events.length).toBeGreaterThan(1);
    for (const e of timeline.events) expect(res.html).toContain(`<td>${e.date}</td><td>${e.kind}</td>`);
    expect(timeline.events.map((e) => e.kind)).toContain('paid');
    for (const href of hrefs(res.html)) expect(href).not.toMatch(CIN);
  });

  it('shows a denied claim with its reason codes', async () => {
    const res = await get(`/claims/${scenario.claimIds.C}`);
    expect(res.html).toContain('denied');
    expect(res.html).toContain('CO-16');
  });

  it("lists a draft claim's issues in words, with the rows they point at", async () => {
    const res = await get(`/claims/${draftId}`);
    expect(res.status).toBe(200);
    expect(res.html).toContain('cannot go out until they are fixed');
    expect(res.html).toContain('TIMELY_FILING_EXPIRED');
    expect(res.html).toContain('accepts claims for 180 days, so the payer will deny it as late');
    expect(res.html).toContain('rows SV-X');
    expect(res.html).toContain('09:00–10:00 (60 min)');
    expect(res.html).toContain('Nothing has happened to this claim since it was built.');
  });

  it('answers 404 with a page for an unknown claim', async () => {
    const res = await get('/claims/C999999');
    expect(res.status).toBe(404);
    expect(res.html).toContain('No such claim');
    expect(res.html).toContain('<!doctype html>');
    expect((await get(`/claims/${'X'.repeat(300)}`)).status).toBe(404);
  });
});
