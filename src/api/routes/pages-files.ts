// The workspace's file pages: /upload (organization, payers, staff, members, services, through
// the same import use case as POST /api/imports/{kind}) and /payer-files (999, 277CA, 835, through
// the same ingest as POST /api/remittances). Admin and billing may post; every post carries the
// session's CSRF token. A file that cannot be read is told in the CLI's sentence, status 400.
//
// Rejected rows as CSV: the store keeps each import's issues (line, column, reason) but not the
// raw rows, so a CSV upload with rejections has its rejected rows cut from the uploaded file at
// upload time and kept in memory, keyed by import id, for the person who uploaded it. They are
// lost when the server restarts and only the last REJECTED_KEPT uploads are kept; the issues
// themselves stay in the store (GET /upload/imports/{id}, GET /api/imports/{id}/issues).

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { csvQuoted } from '../../domain/csv.js';
import { IMPORT_KINDS, importFile, importIssues, type ImportKind, type ImportReport } from '../../app/imports/import-file.js';
import { ingestPayerFile } from '../../app/remittances/ingest.js';
import { listPayerFiles, listUnmatched } from '../../app/remittances/queries.js';
import type { ActiveSession } from '../../app/users/users.js';
import type { ImportIssue } from '../../store/import-store.js';
import { page } from '../../web/pages/layout.js';
import { payerFilesPage, type IngestOutcome } from '../../web/pages/payer-files.js';
import { tableQuery } from '../../web/pages/kit.js';
import { uploadPage, type UploadOutcome } from '../../web/pages/upload.js';
import type { ApiEnv } from '../auth.js';
import { formTokenOk, pageSession, pageUser, renderPage } from './page-session.js';

/** The API's upload limit (createApi's default maxUploadBytes). */
const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const WRITERS = ['admin', 'billing'] as const;
const REJECTED_KEPT = 50;

interface RejectedRows {
  userId: string;
  fileName: string;
  csv: string;
}

/** The last uploads' rejected rows, oldest first (a Map keeps insertion order). */
const rejectedRows = new Map<number, RejectedRows>();

function keepRejected(importId: number, rows: RejectedRows): void {
  rejectedRows.set(importId, rows);
  while (rejectedRows.size > REJECTED_KEPT) rejectedRows.delete(rejectedRows.keys().next().value!);
}

/** A file name to show and record: the last path part, in characters that need no escaping. */
function displayName(name: string): string {
  const clean = (name.split(/[\\/]/).pop() ?? '').replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
  return clean === '' ? 'upload' : clean;
}

/**
 * The rows of a CSV file whose line an error names, with the header and a reason column. A
 * record's line is its last line, as the import counts it (CsvChunkReader).
 */
export function rejectedCsv(text: string, issues: readonly ImportIssue[]): string {
  const reasons = new Map<number, string[]>();
  for (const issue of issues) {
    if (issue.severity !== 'error' || issue.line === undefined) continue;
    const said = issue.column && !issue.message.startsWith(issue.column) ? `${issue.column}: ${issue.message}` : issue.message;
    reasons.set(issue.line, [...(reasons.get(issue.line) ?? []), said]);
  }
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...rows] = records;
  if (header === undefined) return '';
  const lines = [[...header.record, 'reason']];
  for (const row of rows) {
    const why = reasons.get(row.info.lines);
    if (why) lines.push([...row.record, why.join('; ')]);
  }
  return `${lines.map((cells) => cells.map(csvQuoted).join(',')).join('\r\n')}\r\n`;
}

const expired = (c: Context, session: ActiveSession) =>
  renderPage(c, page({ title: 'The form had expired', user: pageUser(session), body: html`<section class="card narrow"><h1>The form had expired</h1><p class="error" role="alert">The form did not carry this session's token, so nothing was done.</p><p><a href="${new URL(c.req.url).pathname === '/payer-files' ? '/payer-files' : '/upload'}">Open the page again</a> and send the file from there.</p></section>` }), 403);

const notFound = (c: Context, session: ActiveSession, what: string) =>
  renderPage(c, page({ title: 'Not found', user: pageUser(session), body: html`<section class="card narrow"><h1>Not found</h1><p>${what}</p><p><a href="/upload">Back to Upload</a></p></section>` }), 404);

/** A file problem the CLI would print as `error: …`; anything else is the app's failure. */
function fileProblem(err: unknown): string {
  if (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'too_large' || err.kind === 'conflict' || err.kind === 'not_found')) return err.message;
  throw err;
}

async function postedFile(c: Context, session: ActiveSession): Promise<File | Response> {
  const form = await c.req.parseBody();
  if (!formTokenOk(session, form)) return expired(c, session);
  const file = form.file;
  if (!(file instanceof File) || file.size === 0) throw new AppError('invalid', 'choose a file to upload (the form had none, or it was empty)');
  return file;
}

const streamOf = (file: File) => Readable.fromWeb(file.stream() as unknown as WebReadableStream<Uint8Array>);

async function payerFilesMarkup(ctx: AppContext, c: Context, session: ActiveSession, result?: IngestOutcome) {
  const [files, unmatched] = await Promise.all([listPayerFiles(ctx), listUnmatched(ctx)]);
  const which = c.req.query('table') === 'unmatched' ? 'unmatched' : 'files';
  return payerFilesPage(pageUser(session), { files, unmatched, ...(result ? { result } : {}), query: { table: which, ...tableQuery((k) => c.req.query(k)) } });
}

export function filePageRoutes(app: OpenAPIHono<ApiEnv>): void {
  const limit = bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: (c) => c.text('the upload is larger than this service accepts', 413) });

  app.get('/upload', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    return renderPage(c, uploadPage(pageUser(session)));
  });

  app.post('/upload/:kind', limit, async (c) => {
    const session = await pageSession(c.var.ctx, c, WRITERS);
    if (session instanceof Response) return session;
    const kind = c.req.param('kind');
    if (!(IMPORT_KINDS as readonly string[]).includes(kind)) return notFound(c, session, `There is no import of ${kind}; use organization, payers, staff, members or services.`);
    let result: UploadOutcome;
    try {
      const file = await postedFile(c, session);
      if (file instanceof Response) return file;
      const fileName = displayName(file.name);
      const report = await importFile(c.var.ctx, kind as ImportKind, streamOf(file), { source: `web:user:${session.user.userId}:${fileName}` });
      result = { kind, fileName, report, issues: report.issuesTruncated ? await importIssues(c.var.ctx, report.importId) : report.issues };
      if (report.counts.rejected > 0 && kind !== 'organization' && kind !== 'payers') {
        keepRejected(report.importId, { userId: session.user.userId, fileName, csv: rejectedCsv(await file.text(), result.issues!) });
        result.rejectedCsv = `/upload/imports/${report.importId}/rejected.csv`;
      }
    } catch (err) {
      return renderPage(c, uploadPage(pageUser(session), { kind, error: fileProblem(err) }), 400);
    }
    return renderPage(c, uploadPage(pageUser(session), result));
  });

  // One import's issues, sorted and paged (the links of the upload result's table).
  app.get('/upload/imports/:id', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    const id = Number(c.req.param('id'));
    const run = Number.isInteger(id) ? await c.var.ctx.store.read.imports.get(id) : undefined;
    if (run === undefined) return notFound(c, session, `There is no import ${c.req.param('id')}.`);
    const { importId, kind, source, startedAt: _s, finishedAt: _f, ...counts } = run;
    const report: ImportReport = { importId, kind: kind as ImportKind, source, counts, issues: [], issuesTruncated: false };
    const kept = rejectedRows.get(importId);
    const result: UploadOutcome = { kind, report, issues: await importIssues(c.var.ctx, importId), ...(kept?.userId === session.user.userId ? { rejectedCsv: `/upload/imports/${importId}/rejected.csv` } : {}) };
    return renderPage(c, uploadPage(pageUser(session), result, tableQuery((k) => c.req.query(k))));
  });

  app.get('/upload/imports/:id/rejected.csv', async (c) => {
    const session = await pageSession(c.var.ctx, c, WRITERS);
    if (session instanceof Response) return session;
    const id = Number(c.req.param('id'));
    const kept = rejectedRows.get(id);
    if (kept === undefined || kept.userId !== session.user.userId) {
      return notFound(c, session, `The rejected rows of import ${c.req.param('id')} are no longer kept (they are kept in memory for the person who uploaded the file, until the server restarts). Its issues are listed on the import's page; upload the file again to get them as CSV.`);
    }
    c.header('content-type', 'text/csv; charset=utf-8');
    c.header('content-disposition', `attachment; filename="rejected-${id}-${kept.fileName.replace(/\.csv$/i, '')}.csv"`);
    c.header('cache-control', 'no-store');
    return c.body(kept.csv, 200);
  });

  app.get('/payer-files', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    return renderPage(c, await payerFilesMarkup(c.var.ctx, c, session));
  });

  app.post('/payer-files', limit, async (c) => {
    const session = await pageSession(c.var.ctx, c, WRITERS);
    if (session instanceof Response) return session;
    let result: IngestOutcome;
    try {
      const file = await postedFile(c, session);
      if (file instanceof Response) return file;
      const fileName = displayName(file.name);
      result = { fileName, report: await ingestPayerFile(c.var.ctx, streamOf(file), { source: `web:user:${session.user.userId}:${fileName}` }) };
    } catch (err) {
      result = { error: fileProblem(err) };
    }
    return renderPage(c, await payerFilesMarkup(c.var.ctx, c, session, result), result.error !== undefined ? 400 : 200);
  });
}
