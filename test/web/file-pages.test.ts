// The Upload and Payer files pages over real HTTP on a real SQLite file: a billing clerk uploads
// the examples in order through the forms, sees the rejected services row, downloads it as CSV
// with its reason, fixes it and uploads again; finance and a form without its token are refused;
// an 835 for a sent claim shows the status change, the unmatched item and the files table.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { exportX12Batch } from '../../src/app/exports/x12-batch.js';
import { submitBatch } from '../../src/app/remittances/submit.js';
import { clockWorkspace, type ClockWorkspace } from '../support/clock-workspace.js';
import { file835 } from '../support/payer-files.js';
import { PROJECT_ROOT } from '../support/paths.js';
import { signedInPerson } from '../support/people.js';

const EXAMPLES = join(PROJECT_ROOT, 'examples');

let ws: ClockWorkspace;
let server: RunningServer;
let base: string;
let clerk: string;
let finance: string;

async function sessionCookie(email: string, role: 'billing' | 'finance'): Promise<string> {
  return (await signedInPerson(ws.ctx, email, role)).cookie;
}

beforeAll(async () => {
  ws = clockWorkspace('2026-11-25');
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  base = server.url;
  clerk = await sessionCookie('clerk@riverbend.example', 'billing');
  finance = await sessionCookie('finance@riverbend.example', 'finance');
});
afterAll(async () => {
  await server?.close();
  ws?.dispose();
});

const get = (path: string, cookie: string) => fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
const csrfOf = (html: string) => /name="csrf" value="([^"]*)"/.exec(html)?.[1] ?? '';

async function csrf(cookie: string, path = '/upload'): Promise<string> {
  const res = await get(path, cookie);
  expect(res.status).toBe(200);
  return csrfOf(await res.text());
}

function postFile(path: string, cookie: string, token: string | undefined, name: string, content: string) {
  const form = new FormData();
  if (token !== undefined) form.set('csrf', token);
  form.set('file', new Blob([content], { type: name.endsWith('.json') ? 'application/json' : 'text/csv' }), name);
  return fetch(`${base}${path}`, { method: 'POST', body: form, headers: { cookie }, redirect: 'manual' });
}

const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the Upload page', () => {
  it('shows one labelled multipart form per kind, each with the CSRF field', async () => {
    const html = await (await get('/upload', clerk)).text();
    for (const kind of ['organization', 'payers', 'staff', 'members', 'services']) {
      expect(html).toMatch(new RegExp(`<form method="post" enctype="multipart/form-data" action="/upload/${kind}" class="filters" data-progress>\\s*<input type="hidden" name="csrf" value="[^"]+">`));
      expect(html).toMatch(new RegExp(`<label for="file-${kind}">[^<]+</label>\\s*<input id="file-${kind}" name="file" type="file"`));
    }
  });

  it('imports the examples in order and shows the rejected services row, downloadable as CSV', async () => {
    const token = await csrf(clerk);
    for (const [kind, file] of [['organization', 'organization.json'], ['payers', 'payers.json'], ['staff', 'staff.csv'], ['members', 'members.csv']] as const) {
      const res = await postFile(`/upload/${kind}`, clerk, token, file, example(file));
      const html = await res.text();
      expect(res.status, html).toBe(200);
      expect(html).toContain('Every row was accepted.');
      expect(html).not.toContain('Download the rejected rows');
    }
    const res = await postFile('/upload/services', clerk, token, 'services.csv', example('services.csv'));
    const html = decode(await res.text());
    expect(res.status).toBe(200);
    expect(html).toContain('1 row was rejected');
    expect(html).toMatch(/<dt>Rejected<\/dt><dd class="num">1<\/dd>/);
    expect(html).toMatch(/<td class="num">45<\/td><td>member_cin<\/td><td>rejected<\/td><td>member_cin [^<]*not in the plan's member file/);
    const link = /<a href="(\/upload\/imports\/\d+\/rejected\.csv)"[^>]*>Download the rejected rows as CSV<\/a>/.exec(html)?.[1];
    expect(link).toBeDefined();

    const issuesPage = decode(await (await get(`${link!.replace('/rejected.csv', '')}?sort=line&dir=desc`, finance)).text());
    expect(issuesPage).toMatch(/aria-sort="descending"[^]*<td class="num">45<\/td><td>member_cin<\/td>/);
    expect(issuesPage).not.toContain('Download the rejected rows');
    expect((await get(link!, finance)).status).toBe(403);
    const csv = await get(link!, clerk);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="rejected-\d+-services\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`${example('services.csv').split('\n')[0]!.trim()},reason`);
    expect(lines[1]).toMatch(/^RCC-11044,79999999X,2026-11-18,,,60,RB02,ecm,in_person,12,,,,Visit for a member not in the member file,member_cin .*not in the plan's member file/);

    // Fixed in a spreadsheet: the CIN of a member in the file, the reason column taken off.
    const fixed = `${example('services.csv').split('\n')[0]!.trim()}\n${lines[1]!.replace('79999999X', '70214836K').replace(/,[^,]*$/, '')}\n`;
    const again = await postFile('/upload/services', clerk, token, 'services-fixed.csv', fixed);
    const againHtml = await again.text();
    expect(again.status, againHtml).toBe(200);
    expect(againHtml).toContain('Every row was accepted.');
    expect(againHtml).toMatch(/<dt>Inserted<\/dt><dd class="num">1<\/dd>/);
    expect(againHtml).not.toContain('Download the rejected rows');
  });

  it('shows a file it cannot read in the CLI sentence, with status 400', async () => {
    const token = await csrf(clerk);
    const res = await postFile('/upload/payers', clerk, token, 'payers.json', '{ not json');
    const html = decode(await res.text());
    expect(res.status).toBe(400);
    expect(html).toMatch(/<p class="error" role="alert">error: the file is not valid JSON: [^<]+<\/p>/);
    const wrong = await postFile('/upload/members', clerk, token, 'members.csv', 'a,b\n1,2\n');
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('error: ');
  });

  it('refuses finance (403) and a post without the CSRF field (403); a signed-out post goes to sign in', async () => {
    // Finance sees neither control: no upload or ingest form on their pages.
    expect(await (await get('/upload', finance)).text()).not.toContain('action="/upload/');
    expect(await (await get('/payer-files', finance)).text()).not.toContain('action="/payer-files"');
    const financeToken = await csrf(finance);
    const refused = await postFile('/upload/services', finance, financeToken, 'services.csv', example('services.csv'));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Not for your role');
    const noToken = await postFile('/upload/services', clerk, undefined, 'services.csv', example('services.csv'));
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain('The form had expired');
    const wrongToken = await postFile('/payer-files', clerk, 'x'.repeat(43), 'a.x12', 'ISA');
    expect(wrongToken.status).toBe(403);
    const signedOut = await postFile('/upload/services', '', undefined, 'services.csv', 'x');
    expect(signedOut.status).toBe(303);
  });
});

describe('the Payer files page', () => {
  it('ingests an 835 and shows the status change, what stayed unmatched and the files received', async () => {
    await buildClaims(ws.ctx, { period: '2026-11' });
    const exported = await exportX12Batch(ws.ctx, { payerId: 'valleycrest', format: '837p' });
    expect(exported.batch).toBeDefined();
    await submitBatch(ws.ctx, exported.batch!.batchId, '2026-11-25');
    const claimId = [...exported.claimIds].sort()[0]!;
    const remit = file835({ control: 835001, date: '2026-11-25', sender: 'VCHP1', receiver: 'RIVERBEND01' }, [
      {
        trace: 'TRN20261125',
        paymentDate: '2026-11-25',
        claims: [
          { claimId, status: '4', charge: '100.00', paid: '0.00', payerClaimControlNumber: 'VC-1', adjustments: [['CO', '16', '100.00']] },
          { claimId: 'C999999', status: '1', charge: '50.00', paid: '50.00', payerClaimControlNumber: 'VC-2' },
        ],
      },
    ]);
    const token = await csrf(clerk, '/payer-files');
    const res = await postFile('/payer-files', clerk, token, 'valleycrest-835.x12', remit);
    const html = await res.text();
    expect(res.status, html).toBe(200);
    expect(html).toMatch(new RegExp(`<td>${claimId}</td><td>submitted</td><td>denied</td>`));
    expect(html).toContain('C999999');
    expect(html).toMatch(/<caption>Payer files, newest first \(1\)<\/caption>/);
    expect(html).toContain('web:user:');
    expect(html).toMatch(/<caption>Items that matched no claim \(1\)<\/caption>/);
    expect(html).toContain('href="#unmatched"');

    const again = await postFile('/payer-files', clerk, token, 'valleycrest-835.x12', remit);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('had been ingested before');

    const bad = await postFile('/payer-files', clerk, token, 'junk.x12', 'not an interchange');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/<p class="error" role="alert">error: [^<]+<\/p>/);

    const financeView = await get('/payer-files?table=unmatched&sort=reason&dir=desc', finance);
    expect(financeView.status).toBe(200);
    const refused = await postFile('/payer-files', finance, csrfOf(await financeView.text()), 'valleycrest-835.x12', remit);
    expect(refused.status).toBe(403);
  });
});
