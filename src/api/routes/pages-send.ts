// The Today and Send pages: reads for every role, and for admin and billing the forms that build,
// export and mark sent, each answered on the same page with what happened or why it could not.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { html } from 'hono/html';
import type { ActiveSession } from '../../app/users/users.js';
import { buildClaims } from '../../app/claims/build.js';
import { validateClaims } from '../../app/claims/validate.js';
import { today, type AppContext } from '../../app/context.js';
import { exportInvoiceBatch, exportPaperBatch } from '../../app/documents/document-batch.js';
import { AppError } from '../../app/errors.js';
import { exportX12Batch, listBatches, type ExportReport } from '../../app/exports/x12-batch.js';
import { submitBatch } from '../../app/remittances/submit.js';
import { attention } from '../../app/workspace/attention.js';
import { CLAIM_FORMAT_LABELS, ClaimFormatSchema } from '../../domain/reference.js';
import { tableQuery } from '../../web/pages/kit.js';
import type { Markup } from '../../web/pages/layout.js';
import { sendPage } from '../../web/pages/send.js';
import { todayPage } from '../../web/pages/today.js';
import type { ApiEnv } from '../auth.js';
import { formBodyLimit, formTokenOk, pageSession, pageUser, renderPage } from './page-session.js';

const WORKERS = ['admin', 'billing'] as const;
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function sendPageRoutes(app: OpenAPIHono<ApiEnv>): void {
  const small = formBodyLimit();

  app.get('/', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return c.redirect('/signin', 303);
    return renderPage(c, todayPage(pageUser(session), await attention(c.var.ctx), (k) => c.req.query(k)));
  });

  app.get('/send', async (c) => {
    const session = await pageSession(c.var.ctx, c);
    if (session instanceof Response) return session;
    return showSend(c.var.ctx, c, session, c.req.query('payer'));
  });

  app.post('/send/:action{build|validate|export|submit}', small, async (c) => {
    const session = await pageSession(c.var.ctx, c, WORKERS);
    if (session instanceof Response) return session;
    const form = await c.req.parseBody();
    const payerId = text(form.payer) || undefined;
    if (!formTokenOk(session, form)) return showSend(c.var.ctx, c, session, payerId, { error: 'The form had expired: it did not carry this session\'s token. Try again.' }, 403);
    try {
      const result = await act(c.var.ctx, c.req.param('action'), form, payerId);
      return showSend(c.var.ctx, c, session, result.payerId ?? payerId, { result: result.markup });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return showSend(c.var.ctx, c, session, payerId, { error: err.message }, err.kind === 'conflict' ? 409 : 400);
    }
  });
}

async function act(ctx: AppContext, action: string, form: Record<string, unknown>, payerId: string | undefined): Promise<{ markup: Markup; payerId?: string }> {
  if (action === 'build') {
    const period = text(form.period);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new AppError('invalid', 'the month must be written YYYY-MM, e.g. 2026-11');
    const report = await buildClaims(ctx, { period, ...(payerId ? { payerId } : {}) });
    const { claims, ready, draft, rowsNotBilled } = report.counts;
    return {
      markup: html`<p>Built ${claims} claims for ${period}: ${ready} ready, ${draft} held with errors.</p>
${rowsNotBilled > 0 ? html`<p>${rowsNotBilled} log rows were not billed:</p><ul>${report.notBilled.map((i) => html`<li>${i.message}</li>`)}</ul>` : ''}`,
    };
  }
  if (action === 'validate') {
    if (!payerId) throw new AppError('invalid', 'choose a payer to check its claims');
    const { claims, ready, draft, errors, warnings } = (await validateClaims(ctx, { payerId })).counts;
    return { payerId, markup: html`<p>Checked ${claims} unsent claims again for today: ${ready} ready, ${draft} held (${errors} errors, ${warnings} warnings).</p>` };
  }
  if (action === 'submit') {
    const report = await submitBatch(ctx, text(form.batchId), text(form.date) || undefined);
    const batch = (await listBatches(ctx)).find((b) => b.batchId === report.batchId);
    return {
      payerId: batch?.payerId,
      markup: html`<p>${report.alreadyRecorded ? 'Already recorded:' : 'Recorded:'} batch ${report.batchId} sent on ${report.submittedOn} (${report.claimIds.length} claims).</p>
${report.warnings.length > 0 ? html`<ul>${report.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : ''}`,
    };
  }
  const format = ClaimFormatSchema.safeParse(text(form.format));
  if (!payerId || !format.success) throw new AppError('invalid', 'choose a payer and a format to export');
  const mode = text(form.mode) === 'print' ? 'print' : 'form';
  const report: ExportReport =
    format.data === '837p' || format.data === '837i'
      ? await exportX12Batch(ctx, { payerId, format: format.data })
      : format.data === 'invoice'
        ? await exportInvoiceBatch(ctx, { payerId, fileFormat: text(form.invoiceFormat) === 'pdf' ? 'pdf' : 'csv' })
        : await exportPaperBatch(ctx, format.data, { payerId, mode });
  const label = CLAIM_FORMAT_LABELS[format.data];
  const batch = report.batch;
  return {
    payerId,
    markup: html`${batch
      ? html`<p>Batch ${batch.batchId}: ${batch.claimCount} ${label} claims, ${batch.totalCharge}. <a href="/api/batches/${batch.batchId}/file" download>Download ${batch.fileName}</a>, send it, then mark it sent below.</p>`
      : html`<p>No ${label} batch was made: every claim was held back.</p>`}
${report.held.length > 0 ? html`<p>Held back, with the reasons:</p><ul>${report.held.map((h) => html`<li><a href="/claims/${h.claimId}">${h.claimId}</a>: ${h.issues.filter((i) => i.severity === 'error').map((i) => i.message).join('; ')}</li>`)}</ul>` : ''}`,
  };
}

async function showSend(ctx: AppContext, c: Context, session: ActiveSession, payerId: string | undefined, outcome: { result?: Markup; error?: string } = {}, status: 200 | 400 | 403 | 409 = 200) {
  const repos = ctx.store.read;
  const payers = await repos.reference.listPayers();
  const payer = payers.find((p) => p.id === payerId);
  const [ready, draft, batches] = payer
    ? await Promise.all([repos.claims.list({ payerId: payer.id, status: 'ready' }), repos.claims.list({ payerId: payer.id, status: 'draft' }), listBatches(ctx, payer.id)])
    : [[], [], []];
  const query = (k: string) => c.req.query(k);
  return renderPage(
    c,
    sendPage({
      user: pageUser(session),
      payers,
      ...(payer ? { payer } : {}),
      claims: [...ready, ...draft],
      batches,
      today: today(ctx),
      ...outcome,
      ...(payerId && !payer ? { error: `payer ${payerId} does not exist` } : {}),
      tables: { ready: tableQuery(query, 'ready'), held: tableQuery(query, 'held'), batches: tableQuery(query, 'batches') },
    }),
    status,
  );
}
