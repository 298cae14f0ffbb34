// Send: per payer, what is ready in which format and what is held; build a month, export a batch
// and download it, mark a batch sent with its date, and fetch any earlier batch again.

import { html } from 'hono/html';
import { CLAIM_FORMAT_LABELS, type ClaimFormat, type Payer } from '../../domain/reference.js';
import type { BatchRecord } from '../../store/batch-store.js';
import type { ClaimSummary } from '../../store/claim-rows.js';
import { csrfField, table, type TableState } from './kit.js';
import { canWork, page, type Markup, type PageUser } from './layout.js';

export interface SendView {
  user: PageUser;
  payers: readonly Payer[];
  payer?: Payer;
  /** ready and draft claims of the chosen payer */
  claims: readonly ClaimSummary[];
  batches: readonly BatchRecord[];
  today: string;
  /** what the last action did, or why it could not */
  result?: Markup;
  error?: string;
  tables: Record<'ready' | 'held' | 'batches', TableState>;
}

const PAPER: readonly ClaimFormat[] = ['cms1500', 'ub04'];
const label = (format: string) => CLAIM_FORMAT_LABELS[format as ClaimFormat] ?? format;

export function sendPage(view: SendView): Markup {
  const base = view.payer ? `/send?payer=${encodeURIComponent(view.payer.id)}` : '/send';
  return page({
    title: 'Send',
    user: view.user,
    body: html`<h1>Send claims</h1>
<form method="get" action="/send" class="filters">
  <label for="payer">Payer
    <select id="payer" name="payer">
      <option value="">Choose a payer</option>
      ${view.payers.map((p) => html`<option value="${p.id}"${p.id === view.payer?.id ? ' selected' : ''}>${p.name} (prefers ${label(p.formats.preferred)})</option>`)}
    </select>
  </label>
  <button type="submit">Show</button>
</form>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${view.result ? html`<section class="card" role="status">${view.result}</section>` : ''}
${canWork(view.user) ? buildForm(view) : ''}
${view.payer ? payerSection(view, view.payer, base) : html`<p class="hint">Choose a payer to see what is ready and send it.</p>`}`,
  });
}

function buildForm(view: SendView): Markup {
  return html`<section class="card">
  <h2>Build claims</h2>
  <form method="post" action="/send/build" class="filters" data-progress>
    ${csrfField(view.user.csrf)}
    <label for="build-period">Month (YYYY-MM)<input id="build-period" name="period" required pattern="[0-9]{4}-(0[1-9]|1[0-2])" placeholder="YYYY-MM"></label>
    <input type="hidden" name="payer" value="${view.payer?.id ?? ''}">
    <button type="submit">Build${view.payer ? ` ${view.payer.name}'s` : ''} claims</button>
  </form>
</section>`;
}

function payerSection(view: SendView, payer: Payer, base: string): Markup {
  const ready = view.claims.filter((c) => c.status === 'ready');
  const held = view.claims.filter((c) => c.status === 'draft');
  const formats = [...new Set(ready.map((c) => c.format))];
  return html`<section class="card">
  <h2>Ready for ${payer.name}</h2>
  ${table(ready, claimColumns, { base, name: 'ready', ...view.tables.ready, caption: 'Ready claims', empty: 'No claim of this payer is ready.' })}
  ${canWork(view.user) ? formats.map((format) => exportForm(view, payer, format)) : ''}
  ${canWork(view.user)
    ? html`<form method="post" action="/send/validate" class="filters" data-progress>
  ${csrfField(view.user.csrf)}
  <input type="hidden" name="payer" value="${payer.id}">
  <button type="submit" class="quiet">Check ${payer.name}'s unsent claims again</button>
  <span class="hint">Every claim is checked again when it leaves, too.</span>
</form>`
    : ''}
</section>
<section class="card">
  <h2>Held</h2>
  <p class="hint">Open a claim to see its findings in words and the log rows to fix.</p>
  ${table(held, claimColumns, { base, name: 'held', ...view.tables.held, caption: 'Claims held with errors', empty: 'No claim of this payer is held.' })}
</section>
<section class="card">
  <h2>Batches</h2>
  ${table(view.batches, batchColumns(view), { base, name: 'batches', ...view.tables.batches, caption: `Batches for ${payer.name}`, empty: 'No batch yet.' })}
</section>`;
}

const claimColumns = [
  { key: 'id', label: 'Claim', cell: (c: ClaimSummary) => html`<a href="/claims/${c.id}">${c.id}</a>`, sortValue: (c: ClaimSummary) => c.id },
  { key: 'period', label: 'Month', cell: (c: ClaimSummary) => c.period, sortValue: (c: ClaimSummary) => c.period },
  { key: 'format', label: 'Format', cell: (c: ClaimSummary) => label(c.format), sortValue: (c: ClaimSummary) => c.format },
  { key: 'lines', label: 'Lines', cell: (c: ClaimSummary) => c.lineCount, sortValue: (c: ClaimSummary) => c.lineCount, numeric: true },
  { key: 'errors', label: 'Errors', cell: (c: ClaimSummary) => c.errorCount, sortValue: (c: ClaimSummary) => c.errorCount, numeric: true },
  { key: 'total', label: 'Charge', cell: (c: ClaimSummary) => c.totalCharge, sortValue: (c: ClaimSummary) => Number(c.totalCharge), numeric: true },
];

function exportForm(view: SendView, payer: Payer, format: ClaimFormat): Markup {
  const id = `export-${format}`;
  return html`<form method="post" action="/send/export" class="filters" aria-labelledby="${id}" data-progress>
  ${csrfField(view.user.csrf)}
  <input type="hidden" name="payer" value="${payer.id}">
  <input type="hidden" name="format" value="${format}">
  <span id="${id}">${label(format)}:</span>
  ${PAPER.includes(format)
    ? html`<label for="${id}-mode">Mode <select id="${id}-mode" name="mode"><option value="form">whole form, plain paper</option><option value="print">data only, pre-printed forms</option></select></label>`
    : ''}
  ${format === 'invoice' ? html`<label for="${id}-as">As <select id="${id}-as" name="invoiceFormat"><option value="csv">CSV</option><option value="pdf">PDF</option></select></label>` : ''}
  <button type="submit">Export the ready ${label(format)} claims</button>
</form>`;
}

function batchColumns(view: SendView) {
  return [
    { key: 'id', label: 'Batch', cell: (b: BatchRecord) => b.batchId, sortValue: (b: BatchRecord) => b.batchId },
    { key: 'format', label: 'Format', cell: (b: BatchRecord) => label(b.format), sortValue: (b: BatchRecord) => b.format },
    { key: 'created', label: 'Made', cell: (b: BatchRecord) => b.createdAt.slice(0, 10), sortValue: (b: BatchRecord) => b.createdAt },
    { key: 'claims', label: 'Claims', cell: (b: BatchRecord) => b.claimCount, sortValue: (b: BatchRecord) => b.claimCount, numeric: true },
    { key: 'total', label: 'Charge', cell: (b: BatchRecord) => b.totalCharge, sortValue: (b: BatchRecord) => Number(b.totalCharge), numeric: true },
    { key: 'file', label: 'File', cell: (b: BatchRecord) => downloads(b) },
    { key: 'sent', label: 'Sent', cell: (b: BatchRecord) => (b.submittedOn ?? (canWork(view.user) ? markSentForm(view, b) : 'not yet')), sortValue: (b: BatchRecord) => b.submittedOn ?? '' },
  ];
}

function downloads(batch: BatchRecord): Markup {
  const file = `/api/batches/${encodeURIComponent(batch.batchId)}/file`;
  if (!PAPER.includes(batch.format as ClaimFormat)) return html`<a href="${file}" download>${batch.fileName}</a>`;
  return html`<a href="${file}" download>${batch.fileName}</a> · <a href="${file}?mode=print" download>data only, for pre-printed forms</a>`;
}

function markSentForm(view: SendView, batch: BatchRecord): Markup {
  const id = `sent-${batch.batchId}`;
  return html`<form method="post" action="/send/submit" class="filters">
  ${csrfField(view.user.csrf)}
  <input type="hidden" name="batchId" value="${batch.batchId}">
  <label for="${id}">Sent on <input id="${id}" name="date" type="date" value="${view.today}" required></label>
  <button type="submit">Mark sent</button>
</form>`;
}
