// `ecm-claims demo`: the examples loaded, claims built and sent in every format, and the payers'
// answers played back over the following weeks, so that a new user sees every screen with data
// before loading any of their own. It fills only an empty database, and everything it makes up
// (the payers' files, their dates and amounts) is labelled as demonstration data.

import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { demoTimeline, type DemoTimeline } from '../../demo/timeline.js';
import { CLAIM_FORMAT_LABELS, type Organization, type Payer } from '../../domain/reference.js';
import { randomBytes } from 'node:crypto';
import { createApiKey } from '../api-keys.js';
import { createUser, redeemSignInLink } from '../users/users.js';
import { buildClaims } from '../claims/build.js';
import { showClaim } from '../claims/claim-queries.js';
import { createContext, today, type AppContext, type Clock } from '../context.js';
import { describeLocation } from '../../store/store.js';
import type { Logger } from '../logger.js';
import { exportInvoiceBatch, exportPaperBatch } from '../documents/document-batch.js';
import { AppError } from '../errors.js';
import type { BatchRecord } from '../../store/batch-store.js';
import { batchFile, exportX12Batch, type ExportReport } from '../exports/x12-batch.js';
import { ingestPayerFile } from '../remittances/ingest.js';
import { invoiceFile } from '../documents/invoices.js';
import { recordPayment } from '../remittances/payments.js';
import { submitBatch } from '../remittances/submit.js';
import { loadExamples } from './examples.js';
import { invoicePayments, payerFiles, type SentClaim } from './payer-side.js';
import { redrawPaperBatch } from '../documents/redraw.js';

export interface DemoRequest {
  /** the examples/ folder */
  examplesDir: string;
  /** where the files go */
  outDir: string;
  /** the clerk's email; an email signs into one organization, so a second demonstration in the same database needs another */
  userEmail?: string;
}

export interface DemoFile {
  file: string;
  format: string;
  payerId: string;
  description: string;
  /** true for what the demonstration made up in a payer's place */
  fabricated: boolean;
}

export interface DemoReport {
  period: string;
  outDir: string;
  rowsImported: number;
  rowsRejected: number;
  claims: number;
  batches: string[];
  files: DemoFile[];
  financeKey: string;
  financeKeyId: string;
  /** the billing clerk the demonstration creates, with the password it made up (shown once) */
  user: { email: string; password: string };
}

const DEMO_USER = 'billing@riverbend.example';

const DEMO_NOTICE = 'Demonstration data: made-up organization, members and payer answers; not for submission.';

/** Noon in California on a calendar date: the demonstration's clock stands there. */
function noonOn(date: string): Date {
  return new Date(`${date}T20:00:00Z`);
}

async function refuseIfHoldsData(ctx: AppContext): Promise<void> {
  if (await ctx.store.read.imports.holdsData()) {
    throw new AppError('conflict', `the database ${describeLocation(ctx.store.path)} already holds data; the demonstration only fills an empty database, so that real and made-up data never mix (give it another file with --db)`);
  }
}

export async function runDemo(ctx: AppContext, request: DemoRequest): Promise<DemoReport> {
  await refuseIfHoldsData(ctx);
  const timeline = demoTimeline(today(ctx));
  let on = timeline.sent;
  const clock: Clock = { now: () => noonOn(on) };
  const demo: AppContext = { ...ctx, clock };
  const outDir = resolve(request.outDir);
  // Files are written aside and moved in at the end: a demonstration that fails leaves no half set.
  const staging = `${outDir}.partial-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const files: DemoFile[] = [];
  const write = async (file: DemoFile, content: string | Buffer | AsyncIterable<Buffer>) => {
    const bytes = typeof content === 'string' || Buffer.isBuffer(content) ? content : await collect(content);
    await writeFile(join(staging, file.file), bytes);
    files.push(file);
  };
  try {
    const loaded = await loadExamples(demo, request.examplesDir, timeline.shift);
    const services = loaded.imports.find((r) => r.kind === 'services');
    const build = await buildClaims(demo, { period: timeline.period });
    const organization = (await ctx.store.read.reference.getOrganization()) as Organization;
    const payers = await ctx.store.read.reference.listPayers();

    const sent: SentBatch[] = [];
    for (const payer of payers) {
      const report = await exportFor(demo, payer, timeline, write);
      if (!report?.batch) continue;
      const claims: SentClaim[] = [];
      for (const claimId of report.claimIds) {
        const claim = await showClaim(ctx, claimId);
        const dates = claim.lines.map((l) => l.serviceDate).sort();
        claims.push({ claimId, charge: claim.totalCharge, memberCin: claim.memberCin, firstDate: dates[0] ?? '', lastDate: dates[dates.length - 1] ?? '' });
      }
      sent.push({ payer, batch: report.batch, claims });
      await submitBatch(demo, report.batch.batchId, timeline.sent);
    }

    // The payers answer in the order of their dates, as files and checks would arrive; the
    // clock stands on each day as its answer is taken in.
    for (const action of payerActions(demo, timeline, organization, sent, write)) {
      on = action.date;
      await action.run();
    }

    on = timeline.today;
    const key = await createApiKey(demo, 'finance', 'demonstration dashboard');
    // A billing clerk to sign in as. The password is made up here (hex: nothing to misread or to
    // mistake for an option when copied) and printed once, as a one-time link would be; the link
    // is spent on setting it.
    const password = randomBytes(9).toString('hex');
    const email = request.userEmail ?? DEMO_USER;
    const clerk = await createUser(demo, { email, role: 'billing' });
    await redeemSignInLink(demo, clerk.link, password);
    const manifest = { notice: DEMO_NOTICE, period: timeline.period, createdOn: timeline.today, files };
    await writeFile(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(outDir, { recursive: true });
    for (const name of [...files.map((f) => f.file), 'manifest.json']) renameSync(join(staging, name), join(outDir, name));
    return {
      period: timeline.period,
      outDir,
      rowsImported: services?.counts.inserted ?? 0,
      rowsRejected: services?.counts.rejected ?? 0,
      claims: build.counts.claims,
      batches: sent.map((s) => s.batch.batchId),
      files,
      financeKey: key.key,
      financeKeyId: key.keyId,
      user: { email, password },
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

interface SentBatch {
  payer: Payer;
  batch: BatchRecord;
  claims: SentClaim[];
}

interface PayerAction {
  date: string;
  run(): Promise<unknown>;
}

/** Every answer of the payers, in date order: their files ingested, and invoice checks recorded by hand. */
function payerActions(ctx: AppContext, timeline: DemoTimeline, organization: Organization, sent: readonly SentBatch[], write: Write): PayerAction[] {
  let control = 0;
  const actions: PayerAction[] = [];
  for (const { payer, batch, claims } of sent) {
    for (const file of payerFiles(timeline, organization, payer, batch, claims, () => ++control)) {
      const described: DemoFile = { file: file.name, format: file.format, payerId: payer.id, description: `${file.format.toUpperCase()} from ${payer.name} (${DEMO_NOTICE})`, fabricated: true };
      actions.push({
        date: file.date,
        run: async () => {
          await write(described, file.text);
          await ingestPayerFile(ctx, Readable.from([Buffer.from(file.text, 'latin1')]), { source: `demo/${file.name}` });
        },
      });
    }
    if (batch.format !== 'invoice') continue;
    for (const payment of invoicePayments(timeline, payer, claims)) {
      actions.push({ date: payment.date, run: () => recordPayment(ctx, { ...payment, reference: `DEMO-CHECK-${payment.claimId}`, note: DEMO_NOTICE }) });
    }
  }
  // A stable sort: answers of one day keep the order of their batches, files before checks.
  return actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

type Write = (file: DemoFile, content: string | Buffer | AsyncIterable<Buffer>) => Promise<void>;

/** Sends a payer's ready claims in the format its profile prefers, and writes every rendering of it. */
async function exportFor(ctx: AppContext, payer: Payer, timeline: DemoTimeline, write: Write): Promise<ExportReport | undefined> {
  const format = payer.formats.preferred;
  const period = timeline.period;
  if (format === '837p' || format === '837i') {
    const report = await exportX12Batch(ctx, { payerId: payer.id, format, period });
    if (report.batch) await write({ file: `${format}-${payer.id}-${report.batch.batchId}.x12`, format, payerId: payer.id, description: `${format.toUpperCase()} claims for ${payer.name}, interchange marked as test data (ISA15 T)`, fabricated: false }, (await batchFile(ctx, report.batch.batchId)).chunks);
    return report;
  }
  if (format === 'cms1500' || format === 'ub04') {
    const report = await exportPaperBatch(ctx, format, { payerId: payer.id, period, mode: 'form' });
    if (report.batch) {
      const id = report.batch.batchId;
      const label = CLAIM_FORMAT_LABELS[format];
      await write({ file: `${format}-form-${payer.id}-${id}.pdf`, format: `${format}-form`, payerId: payer.id, description: `${label} claims for ${payer.name}, the whole red form drawn under the data`, fabricated: false }, (await batchFile(ctx, id)).chunks);
      await write({ file: `${format}-print-${payer.id}-${id}.pdf`, format: `${format}-print`, payerId: payer.id, description: `The same ${label} claims, data only, for pre-printed red forms`, fabricated: false }, await collect((await redrawPaperBatch(ctx, id, { mode: 'print' })).chunks));
    }
    return report;
  }
  const report = await exportInvoiceBatch(ctx, { payerId: payer.id, period, fileFormat: 'csv' });
  const number = report.invoice?.number;
  if (report.batch && number) {
    await write({ file: `invoice-${payer.id}-${number}.csv`, format: 'invoice-csv', payerId: payer.id, description: `DHCS minimum-data invoice ${number} for ${payer.name}, as CSV`, fabricated: false }, (await invoiceFile(ctx, number, 'csv')).content);
    await write({ file: `invoice-${payer.id}-${number}.pdf`, format: 'invoice-pdf', payerId: payer.id, description: `The same invoice ${number}, as a PDF to read and sign`, fabricated: false }, (await invoiceFile(ctx, number, 'pdf')).content);
  }
  return report;
}

/**
 * Runs the demonstration into `dbPath` as one piece: into a new file beside it, moved into place
 * only when everything worked, so a failure leaves the database as it was. An existing file
 * that holds anything is refused before any work.
 */
export async function demoIntoDatabase(dbPath: string, request: DemoRequest, options: { clock?: Clock; logger?: Logger } = {}): Promise<DemoReport> {
  if (dbPath === ':memory:') throw new AppError('invalid', 'the demonstration needs a database file, not :memory:');
  if (existsSync(dbPath)) {
    const existing = createContext({ dbPath, ...options });
    try {
      await refuseIfHoldsData(existing);
    } finally {
      existing.store.close();
    }
  }
  const fresh = `${dbPath}.demo-${process.pid}`;
  const sidecars = (path: string) => [path, `${path}-wal`, `${path}-shm`];
  const ctx = createContext({ dbPath: fresh, ...options });
  let report: DemoReport;
  try {
    report = await runDemo(ctx, request);
  } catch (err) {
    ctx.store.close();
    for (const file of sidecars(fresh)) rmSync(file, { force: true });
    throw err;
  }
  ctx.store.close();
  for (const file of sidecars(dbPath)) rmSync(file, { force: true });
  renameSync(fresh, dbPath);
  return report;
}
