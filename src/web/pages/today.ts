// Today: what needs attention, each count a link to where the work is done.

import { html } from 'hono/html';
import type { Attention } from '../../app/workspace/attention.js';
import { CLAIM_FORMAT_LABELS, type ClaimFormat } from '../../domain/reference.js';
import { table, tableQuery } from './kit.js';
import { page, type Markup, type PageUser } from './layout.js';

const formatName = (format: ClaimFormat) => CLAIM_FORMAT_LABELS[format];

function tile(href: string, count: number | string, text: string, attention: boolean): Markup {
  return html`<a class="tile${attention ? ' attention' : ''}" href="${href}"><strong>${count}</strong>${text}</a>`;
}

export function todayPage(user: PageUser, today: Attention, query: (key: string) => string | undefined): Markup {
  const rejectedRows = today.rejectedImports.reduce((sum, i) => sum + i.rejected, 0);
  const readyClaims = today.ready.reduce((sum, g) => sum + g.claims, 0);
  return page({
    title: 'Today',
    user,
    body: html`<h1>Today</h1>
<section class="tiles" aria-label="What needs attention">
  ${tile('/upload', rejectedRows, ' rejected rows in recent uploads to fix', rejectedRows > 0)}
  ${tile('/claims?status=draft', today.draftClaims, ' claims held with errors', today.draftClaims > 0)}
  ${tile('/send', readyClaims, ' claims ready to send', false)}
  ${tile('/send', today.unsentBatches.length, ' batches made but not marked sent', today.unsentBatches.length > 0)}
  ${tile('/payer-files', 'Post', ' a 999, 277CA or 835 from a payer', false)}
  ${tile('/dashboard', today.late.claims, ` clean claims waiting past 30 days ($${today.late.unpaid} unpaid)`, today.late.claims > 0)}
</section>
<section class="card">
  <h2>Ready to send</h2>
  ${table(today.ready, [
    { key: 'payer', label: 'Payer', cell: (g) => g.payerName, sortValue: (g) => g.payerName },
    { key: 'format', label: 'Format', cell: (g) => formatName(g.format), sortValue: (g) => g.format },
    { key: 'claims', label: 'Claims', cell: (g) => g.claims, sortValue: (g) => g.claims, numeric: true },
    { key: 'total', label: 'Total charge', cell: (g) => g.total, sortValue: (g) => Number(g.total), numeric: true },
    { key: 'send', label: 'Send', cell: (g) => html`<a href="/send?payer=${g.payerId}">Send ${g.payerName}'s claims</a>` },
  ], { base: '/', name: 'ready', ...tableQuery(query, 'ready'), caption: 'Claims ready to send, by payer and format', empty: 'Nothing is ready to send.' })}
</section>
<section class="card">
  <h2>Uploads with rejected rows</h2>
  ${table(today.rejectedImports, [
    { key: 'when', label: 'Finished', cell: (i) => i.finishedAt ?? i.startedAt, sortValue: (i) => i.finishedAt ?? i.startedAt },
    { key: 'kind', label: 'Kind', cell: (i) => i.kind, sortValue: (i) => i.kind },
    { key: 'source', label: 'File', cell: (i) => i.source },
    { key: 'rejected', label: 'Rejected rows', cell: (i) => i.rejected, sortValue: (i) => i.rejected, numeric: true },
  ], { base: '/', name: 'uploads', ...tableQuery(query, 'uploads'), caption: 'Recent uploads that rejected rows', empty: 'No recent upload rejected a row.' })}
</section>`,
  });
}
