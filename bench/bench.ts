// npm run bench: the throughput and memory figures quoted in the README. Not a test: it prints.
// Imports, builds and exports 100,000 service rows (25,000 claims of four lines) on a fresh
// SQLite file, timing each step and sampling resident memory. npm run bench passes --expose-gc so
// that each step starts from a collected heap. `npm run bench -- --db postgres://...` runs the
// same steps on PostgreSQL, in two new organizations of that database (bench-... and
// bench-demo-...), which it leaves there: give it a scratch database.

import { mkdtempSync, rmSync, createReadStream, readFileSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable, type Writable } from 'node:stream';
import { createContext, fixedClock, systemClock, type AppContext } from '../src/app/context.js';
import { describeLocation } from '../src/store/store.js';
import { isPostgresUrl } from '../src/store/postgres/pg-store.js';
import { importDocument, importFile } from '../src/app/imports/import-file.js';
import { buildClaims } from '../src/app/claims/build.js';
import { batchFile, exportX12Batch } from '../src/app/exports/x12-batch.js';
import { PROJECT_ROOT } from '../src/codesets/index.js';
import { generateInput, write835 } from './generate.js';
import { inNewOrganization, runStamp } from './new-organization.js';
import { loadParties, submissionClock, withMembers } from '../src/app/submission-parties.js';
import { writeCms1500 } from '../src/pdf/cms1500.js';
import { writeUb04 } from '../src/pdf/ub04.js';
import { FORM_MODES, type FormMode } from '../src/pdf/paper/form-page.js';
import { buildInvoice } from '../src/pdf/invoice.js';
import { invoiceCsv } from '../src/pdf/invoice-csv.js';
import { writeInvoicePdf } from '../src/pdf/invoice-pdf.js';
import { ingestPayerFile } from '../src/app/remittances/ingest.js';
import { submitBatch } from '../src/app/remittances/submit.js';
import { timelinessReport } from '../src/metrics/timeliness.js';
import { addDays } from '../src/domain/calendar.js';
import { demoIntoDatabase, runDemo, type DemoReport } from '../src/app/demo/run-demo.js';
import { createApi } from '../src/api/app.js';
import { signIn } from '../src/app/users/users.js';

interface Step {
  name: string;
  seconds: number;
  detail: string;
  peakMb: number;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

async function timed(steps: Step[], name: string, work: () => Promise<string>): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const detail = await work();
  sample();
  steps.push({ name, seconds: (performance.now() - started) / 1000, detail, peakMb: peakRss / 1024 / 1024 });
  overallPeak = Math.max(overallPeak, peakRss);
}

let overallPeak = 0;

async function loadReference(ctx: AppContext): Promise<void> {
  const samples = resolve(PROJECT_ROOT, 'test', 'fixtures', 'samples');
  await importDocument(ctx, 'organization', JSON.parse(readFileSync(join(samples, 'organization.json'), 'utf8')), 'bench');
  await importDocument(ctx, 'payers', JSON.parse(readFileSync(join(samples, 'payers.json'), 'utf8')), 'bench');
  await importFile(ctx, 'staff', createReadStream(join(samples, 'staff.csv')), { source: 'bench' });
}

/** The value after `--db`, if given. */
function dbArgument(): string | undefined {
  const at = process.argv.indexOf('--db');
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** Where the bench runs: a fresh SQLite file, or new organizations of a PostgreSQL database. */
interface BenchTarget {
  engine: string;
  /** the context of the main run, and the place and context the demonstration runs in */
  open(): Promise<AppContext>;
  demo(dir: string, request: { examplesDir: string; outDir: string }): Promise<{ report: DemoReport; ctx: () => AppContext }>;
}

function benchTarget(dir: string): BenchTarget {
  const clock = fixedClock('2026-11-25T18:00:00Z');
  const url = dbArgument();
  if (url === undefined || !isPostgresUrl(url)) {
    const demoPath = join(dir, 'demo.db');
    return {
      engine: 'SQLite',
      open: async () => createContext({ dbPath: url ?? join(dir, 'bench.db'), clock }),
      demo: async (_dir, request) => ({ report: await demoIntoDatabase(demoPath, request), ctx: () => createContext({ dbPath: demoPath }) }),
    };
  }
  const stamp = runStamp();
  return {
    engine: `PostgreSQL (${describeLocation(url)})`,
    open: () => inNewOrganization(url, `bench-${stamp}`, clock),
    demo: async (_dir, request) => {
      const ctx = await inNewOrganization(url, `bench-demo-${stamp}`, systemClock);
      try {
        return { report: await runDemo(ctx, { ...request, userEmail: `billing+${stamp}@riverbend.example` }), ctx: () => createContext({ dbPath: url, org: `bench-demo-${stamp}` }) };
      } finally {
        ctx.store.close();
      }
    },
  };
}

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const perMember = 4;
  const dir = mkdtempSync(join(tmpdir(), 'ecm-bench-'));
  const target = benchTarget(dir);
  const ctx = await target.open();
  const steps: Step[] = [];
  try {
    await loadReference(ctx);
    const files = await generateInput(dir, { members: rows / perMember, rowsPerMember: perMember, period: '2026-10' });
    await timed(steps, 'import members', async () => `${(await importFile(ctx, 'members', createReadStream(files.members), { source: 'bench' })).counts.inserted} members`);
    await timed(steps, 'import services', async () => `${(await importFile(ctx, 'services', createReadStream(files.services), { source: 'bench' })).counts.inserted} rows`);
    await timed(steps, 'build claims', async () => {
      const r = await buildClaims(ctx, { period: '2026-10' });
      return `${r.counts.claims} claims, ${r.counts.ready} ready`;
    });
    await timed(steps, 'export 837P', async () => {
      const r = await exportX12Batch(ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
      await pipeline(Readable.from((await batchFile(ctx, r.batch!.batchId)).chunks), createWriteStream(join(dir, 'out.x12')));
      return `${r.batch!.claimCount} claims, ${(r.batch!.bytes / 1e6).toFixed(1)} MB`;
    });
    const pipelineSteps = [...steps];
    await paperBenchmarks(ctx, dir, steps);
    await remittanceBenchmarks(ctx, dir, steps);
    let demo: { report: DemoReport; ctx: () => AppContext } | undefined;
    await timed(steps, 'ecm-claims demo', async () => {
      demo = await target.demo(dir, { examplesDir: join(PROJECT_ROOT, 'examples'), outDir: join(dir, 'demo-output') });
      return `${demo.report.claims} claims, ${demo.report.files.length} files, payer answers ingested (target: under 10 s)`;
    });
    const pages = await pageTimes(demo!.ctx(), demo!.report);
    const total = pipelineSteps.reduce((s, x) => s + x.seconds, 0);
    console.log(`ecm-claims benchmark: ${rows.toLocaleString('en-US')} service rows on ${target.engine}, node ${process.version}, ${process.platform}/${process.arch}`);
    const show = (s: Step) => console.log(`  ${s.name.padEnd(18)} ${s.seconds.toFixed(2).padStart(6)} s  peak RSS ${s.peakMb.toFixed(0).padStart(4)} MB  ${s.detail}`);
    pipelineSteps.forEach(show);
    console.log(`  ${'import+build+export'.padEnd(18)} ${total.toFixed(2).padStart(6)} s  ${Math.round(rows / total).toLocaleString('en-US')} rows/s end to end`);
    steps.slice(pipelineSteps.length).forEach(show);
    console.log(`  peak RSS ${(overallPeak / 1024 / 1024).toFixed(0)} MB over the whole run`);
    console.log('  workspace pages, server time with the demonstration loaded (median of 7, target under 300 ms):');
    for (const p of pages) console.log(`    ${p.path.padEnd(34)} ${p.ms.toFixed(1).padStart(6)} ms  ${p.status}`);
  } finally {
    clearInterval(sampler);
    ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * 10,000 pages of each paper form in each mode and an invoice of 10,000 lines, streamed to files.
 * The bench's claims are an 837P payer's; for the UB-04 the same payer is given the institutional
 * profile an 837I/UB-04 payer has.
 */
async function paperBenchmarks(ctx: AppContext, dir: string, steps: Step[]): Promise<void> {
  const repos = ctx.store.read;
  const parties = await loadParties(repos, 'healthnet');
  const institutional = { ...parties, payer: { ...parties.payer, institutional: { revenueCode: '0500', facilityTypeCode: '13' } } };
  const clock = submissionClock(ctx);
  const ids = await repos.claims.ids({ payerId: 'healthnet' });
  const forms = await withMembers(repos, await repos.claims.loadMany(ids.slice(0, 10_000)));
  const writers = {
    'CMS-1500': (mode: FormMode, out: Writable) => writeCms1500({ parties, claims: forms }, { mode, clock }, out),
    'UB-04': (mode: FormMode, out: Writable) => writeUb04({ parties: institutional, claims: forms }, { mode, clock }, out),
  };
  for (const [form, write] of Object.entries(writers)) {
    for (const mode of FORM_MODES) {
      await timed(steps, `${form} ${mode}`, async () => {
        const path = join(dir, `${form}-${mode}.pdf`);
        const startRss = process.memoryUsage().rss;
        const started = performance.now();
        await write(mode, createWriteStream(path));
        const seconds = (performance.now() - started) / 1000;
        sample();
        const bytes = statSync(path).size;
        // The claims were loaded before the step; what the pages add shows whether memory stays flat.
        const grew = (peakRss - startRss) / 1024 / 1024;
        return `${forms.length} pages, ${Math.round(forms.length / seconds)} pages/s, ${(bytes / 1e6).toFixed(1)} MB (${(bytes / forms.length / 1024).toFixed(1)} KB a page), RSS +${grew.toFixed(0)} MB`;
      });
    }
  }
  const invoiceClaims = await withMembers(repos, await repos.claims.loadMany(ids.slice(0, 2_500)));
  await timed(steps, 'invoice CSV+PDF', async () => {
    const invoice = buildInvoice(parties, invoiceClaims, 'INV-BENCH', clock.date);
    const lines = invoiceClaims.reduce((n, c) => n + c.claim.lines.length, 0);
    const csv = invoiceCsv(invoice);
    await writeInvoicePdf(invoice, { clock }, createWriteStream(join(dir, 'invoice.pdf')));
    return `${lines} lines, ${(csv.length / 1e6).toFixed(1)} MB CSV, PDF streamed`;
  });
}

async function remittanceBenchmarks(ctx: AppContext, dir: string, steps: Step[]): Promise<void> {
  const batch = (await ctx.store.read.batches.list({ payerId: 'healthnet' }))[0]!;
  const ids = await ctx.store.read.batches.claimIds(batch.batchId);
  await submitBatch(ctx, batch.batchId, '2026-11-25');
  const file = join(dir, 'remit.835');
  await write835(file, ids, 100_000);
  await timed(steps, 'ingest 835', async () => {
    const r = await ingestPayerFile(ctx, createReadStream(file), { source: 'bench' });
    return `100000 claims (${ids.length} ours, ${r.file.unmatched} unmatched), ${r.statusChanges.length} status changes`;
  });
  await timed(steps, 'report 1M claims', async () => {
    const claims = (function* () {
      for (let i = 0; i < 1_000_000; i++) {
        const received = addDays('2026-01-01', i % 300);
        const paid = i % 10 === 0 ? undefined : addDays(received, i % 97);
        yield { claimId: `C${i}`, payerId: i % 3 === 0 ? 'iehp' : 'healthnet', receiptDate: received, paymentDate: paid, adjudicationDate: paid, clean: i % 50 !== 0, status: paid ? 'paid' : 'accepted', charge: '165.00', paid: paid ? '165.00' : '0.00' };
      }
    })();
    const report = timelinessReport(claims, '2026-11-25');
    return `${report.payers.length} payers, ${report.payers.reduce((n, p) => n + p.months.length, 0)} payer-months from 1,000,000 claims`;
  });
}

await main();

/**
 * Each workspace page as the demonstration's clerk sees it, answered in process (no network):
 * the server's own time to build the page from the store.
 */
async function pageTimes(ctx: AppContext, demo: DemoReport): Promise<Array<{ path: string; ms: number; status: number }>> {
  try {
    const app = createApi(ctx);
    const { session } = await signIn(ctx, demo.user);
    const claimId = (await ctx.store.read.claims.list({ payerId: 'valleycrest' }))[0]?.id ?? 'C000001';
    const paths = ['/', '/upload', '/claims', `/claims/${claimId}`, '/send?payer=valleycrest', '/payer-files', '/settings', '/account', '/dashboard', '/api/metrics/timeliness', '/api/metrics/late-claims'];
    const out: Array<{ path: string; ms: number; status: number }> = [];
    for (const path of paths) {
      const times: number[] = [];
      let status = 0;
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        const res = await app.request(path, { headers: { cookie: `ecm_session=${session}` } });
        await res.arrayBuffer();
        times.push(performance.now() - started);
        status = res.status;
      }
      out.push({ path, ms: times.sort((a, b) => a - b)[3]!, status });
    }
    return out;
  } finally {
    ctx.store.close();
  }
}
