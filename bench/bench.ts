// npm run bench: the throughput and memory figures quoted in the README. Not a test: it prints.
// Imports, builds and exports 100,000 service rows (25,000 claims of four lines) on a fresh
// SQLite file, timing each step and sampling resident memory.

import { mkdtempSync, rmSync, createReadStream, readFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createContext, fixedClock, type AppContext } from '../src/app/context.js';
import { importDocument, importFile } from '../src/app/import-data.js';
import { buildClaims } from '../src/app/build-claims.js';
import { batchFile, exportX12Batch } from '../src/app/export-batch.js';
import { PROJECT_ROOT } from '../src/codesets/index.js';
import { generateInput } from './generate.js';
import { loadParties, submissionClock, withMembers } from '../src/app/submission-parties.js';
import { writeCms1500 } from '../src/pdf/cms1500.js';
import { buildInvoice } from '../src/pdf/invoice.js';
import { invoiceCsv } from '../src/pdf/invoice-csv.js';
import { writeInvoicePdf } from '../src/pdf/invoice-pdf.js';

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
  const samples = resolve(PROJECT_ROOT, '..', 'shared', 'samples');
  await importDocument(ctx, 'organization', JSON.parse(readFileSync(join(samples, 'organization.json'), 'utf8')), 'bench');
  await importDocument(ctx, 'payers', JSON.parse(readFileSync(join(samples, 'payers.json'), 'utf8')), 'bench');
  await importFile(ctx, 'staff', createReadStream(join(samples, 'staff.csv')), { source: 'bench' });
}

async function main(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 100_000);
  const perMember = 4;
  const dir = mkdtempSync(join(tmpdir(), 'ecm-bench-'));
  const ctx = createContext({ dbPath: join(dir, 'bench.db'), clock: fixedClock('2026-11-25T18:00:00Z') });
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
      await pipeline(Readable.from(batchFile(ctx, r.batch!.batchId).chunks), createWriteStream(join(dir, 'out.x12')));
      return `${r.batch!.claimCount} claims, ${(r.batch!.bytes / 1e6).toFixed(1)} MB`;
    });
    const pipelineSteps = [...steps];
    await paperBenchmarks(ctx, dir, steps);
    const total = pipelineSteps.reduce((s, x) => s + x.seconds, 0);
    console.log(`ecm-claims benchmark: ${rows.toLocaleString('en-US')} service rows, node ${process.version}, ${process.platform}/${process.arch}`);
    const show = (s: Step) => console.log(`  ${s.name.padEnd(18)} ${s.seconds.toFixed(2).padStart(6)} s  peak RSS ${s.peakMb.toFixed(0).padStart(4)} MB  ${s.detail}`);
    pipelineSteps.forEach(show);
    console.log(`  ${'import+build+export'.padEnd(18)} ${total.toFixed(2).padStart(6)} s  ${Math.round(rows / total).toLocaleString('en-US')} rows/s end to end`);
    steps.slice(pipelineSteps.length).forEach(show);
    console.log(`  peak RSS ${(overallPeak / 1024 / 1024).toFixed(0)} MB over the whole run`);
  } finally {
    clearInterval(sampler);
    ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 10,000 CMS-1500 pages in each mode and an invoice of 10,000 lines, streamed to files. */
async function paperBenchmarks(ctx: AppContext, dir: string, steps: Step[]): Promise<void> {
  const repos = ctx.store.read;
  const parties = loadParties(repos, 'healthnet');
  const clock = submissionClock(ctx);
  const ids = repos.claims.ids({ payerId: 'healthnet' });
  const forms = withMembers(repos, repos.claims.loadMany(ids.slice(0, 10_000)));
  for (const mode of ['form', 'print'] as const) {
    await timed(steps, `CMS-1500 ${mode}`, async () => {
      const started = performance.now();
      await writeCms1500({ parties, claims: forms }, { mode, clock }, createWriteStream(join(dir, `${mode}.pdf`)));
      return `${forms.length} pages, ${Math.round(forms.length / ((performance.now() - started) / 1000))} pages/s`;
    });
  }
  const invoiceClaims = withMembers(repos, repos.claims.loadMany(ids.slice(0, 2_500)));
  await timed(steps, 'invoice CSV+PDF', async () => {
    const invoice = buildInvoice(parties, invoiceClaims, 'INV-BENCH', clock.date);
    const lines = invoiceClaims.reduce((n, c) => n + c.claim.lines.length, 0);
    const csv = invoiceCsv(invoice);
    await writeInvoicePdf(invoice, { clock }, createWriteStream(join(dir, 'invoice.pdf')));
    return `${lines} lines, ${(csv.length / 1e6).toFixed(1)} MB CSV, PDF streamed`;
  });
}

await main();
