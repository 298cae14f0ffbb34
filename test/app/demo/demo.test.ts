// `ecm-claims demo` in process: the examples into an empty database, one file of every format,
// the payers' answers played back with dates relative to "today", and figures for the dashboard.
// The same run on another day moves the examples with it; a database with data is refused.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoIntoDatabase, type DemoReport } from '../../../src/app/demo/run-demo.js';
import { shiftCsvDates } from '../../../src/app/demo/examples.js';
import { createContext, fixedClock, type AppContext } from '../../../src/app/context.js';
import { timelinessMetrics } from '../../../src/app/reports/timeliness.js';
import { listClaims } from '../../../src/app/claims/claim-queries.js';
import { signIn } from '../../../src/app/users/users.js';
import { demoTimeline } from '../../../src/demo/timeline.js';
import { EXAMPLES } from '../../support/paths.js';
import { parseWithX12Parser } from '../../x12/fixtures.js';
import { readClaims } from '../../x12/read-back.js';

const TODAY = '2026-12-07T20:00:00Z';
let dir: string;
let report: DemoReport;
let ctx: AppContext;
const out = () => join(dir, 'out');
const text = (file: string) => readFileSync(join(out(), file), 'latin1');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-demo-'));
  report = await demoIntoDatabase(join(dir, 'ecm.db'), { examplesDir: EXAMPLES, outDir: out() }, { clock: fixedClock(TODAY) });
  ctx = createContext({ dbPath: join(dir, 'ecm.db'), clock: fixedClock(TODAY) });
});
afterAll(async () => {
  ctx?.store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('ecm-claims demo', () => {
  it('moves the example month to three months before today and builds every example claim', async () => {
    expect(report.period).toBe('2026-09');
    expect(report.rowsRejected).toBe(1);
    expect(report.rowsImported).toBe(48);
    expect(report.claims).toBe(17);
    expect((await listClaims(ctx, { period: '2026-09', limit: 100 })).map((c) => c.period)).toEqual(Array(17).fill('2026-09'));
  });

  it('writes one file of every format and a manifest that lists each with its format', async () => {
    const manifest = JSON.parse(text('manifest.json')) as { notice: string; files: Array<{ file: string; format: string; fabricated: boolean }> };
    expect(manifest.notice).toMatch(/^Demonstration data/);
    const formats = new Set(manifest.files.map((f) => f.format));
    for (const format of ['837p', '837i', 'cms1500-form', 'cms1500-print', 'ub04-form', 'ub04-print', 'invoice-csv', 'invoice-pdf', '999', '277ca', '835']) expect(formats, format).toContain(format);
    for (const f of manifest.files) expect(statSync(join(out(), f.file)).size, f.file).toBeGreaterThan(0);
    expect(manifest.files.filter((f) => f.fabricated).map((f) => f.format).sort()).toEqual(['277ca', '277ca', '835', '835', '835', '835', '835', '835', '835', '835', '999', '999']);
    expect(existsSync(`${out()}.partial-${process.pid}`)).toBe(false);
  });

  it('marks every interchange as test data, and what it made up as demonstration data', async () => {
    const manifest = JSON.parse(text('manifest.json')) as { files: Array<{ file: string; format: string; fabricated: boolean }> };
    for (const f of manifest.files.filter((m) => m.file.endsWith('.x12'))) {
      const segments = await parseWithX12Parser(text(f.file));
      expect(segments[0]!['15'], f.file).toBe('T');
      if (f.fabricated && f.format !== '999') expect(text(f.file), f.file).toContain('DEMONSTRATION DATA');
    }
    const p837 = manifest.files.find((f) => f.format === '837p')!;
    expect(readClaims(await parseWithX12Parser(text(p837.file))).map((c) => c.id)).toHaveLength(5);
  });

  it('plays the payers back: most paid on time, some late, one denied, one rejected', async () => {
    const claims = await listClaims(ctx, { limit: 100 });
    const byStatus = (status: string) => claims.filter((c) => c.status === status).length;
    expect(byStatus('rejected')).toBe(1);
    expect(byStatus('denied')).toBe(1);
    expect(byStatus('paid')).toBe(14);
    const metrics = await timelinessMetrics(ctx, {});
    const rows = metrics.payers.flatMap((p) => p.months);
    const paid30 = rows.reduce((n, r) => n + r.paid.within30.within, 0);
    const clean = rows.reduce((n, r) => n + r.paid.within30.denominator, 0);
    expect(clean).toBe(16);
    expect(paid30).toBe(10);
    expect(rows.every((r) => r.receiptMonth === '2026-10')).toBe(true);
  });

  it('prints a finance key that opens the dashboard', async () => {
    expect(report.financeKey).toMatch(/^ecm_/);
    expect((await ctx.store.read.keys.list()).map((k) => k.role)).toEqual(['finance']);
  });

  it('creates a billing clerk who signs in with the password it prints', async () => {
    expect(report.user.email).toBe('billing@riverbend.example');
    expect(report.user.password.length).toBeGreaterThanOrEqual(12);
    const signedIn = await signIn(ctx, report.user);
    expect(signedIn.user.role).toBe('billing');
  });

  it('refuses a database that already holds data, and leaves it as it was', async () => {
    const before = readFileSync(join(dir, 'ecm.db'));
    await expect(demoIntoDatabase(join(dir, 'ecm.db'), { examplesDir: EXAMPLES, outDir: join(dir, 'again') }, { clock: fixedClock(TODAY) })).rejects.toThrow(/already holds data/);
    expect(existsSync(join(dir, 'again'))).toBe(false);
    expect(readFileSync(join(dir, 'ecm.db')).equals(before)).toBe(true);
  });
});

describe('the demonstration timeline', () => {
  it('never dates anything after today, whichever day it runs', async () => {
    for (const today of ['2026-12-01', '2026-12-31', '2027-03-01', '2027-05-31', '2028-02-29']) {
      const t = demoTimeline(today);
      expect(t.day(52) <= today, today).toBe(true);
      expect(t.sent > `${t.period}-28`, today).toBe(true);
    }
  });
});

describe('moving the example dates', () => {
  it('moves only the named date columns and keeps every other cell as written', () => {
    const text = 'service_id,service_date,note\nA-1,2026-11-30,"-2 units, then +1"\nA-2,2026-11-02,=SUM(1)\n';
    expect(shiftCsvDates(text, ['service_date'], -2)).toBe('service_id,service_date,note\nA-1,2026-09-30,"-2 units, then +1"\nA-2,2026-09-02,=SUM(1)\n');
  });
});
