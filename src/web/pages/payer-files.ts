// The Payer files page: upload a 999, 277CA or 835 and see what it changed (each claim whose
// status moved) and what matched no claim; below, the payer files received (`ecm-claims
// remittances files`) and every item still unmatched (`ecm-claims remittances unmatched`).

import { html } from 'hono/html';
import type { IngestReport } from '../../app/remittances/ingest.js';
import type { StatusChange } from '../../app/remittances/derived.js';
import type { PayerFileRecord, UnmatchedRecord } from '../../store/remittance-store.js';
import { csrfField, table, type Column, type TableState } from './kit.js';
import { canWork, page, type Markup, type PageUser } from './layout.js';

export interface IngestOutcome {
  fileName?: string;
  report?: IngestReport;
  /** the sentence the CLI would print for a file that could not be read */
  error?: string;
}

export interface PayerFilesData {
  files: readonly PayerFileRecord[];
  unmatched: readonly UnmatchedRecord[];
  result?: IngestOutcome;
  /** which table the sort and page apply to */
  query: TableState & { table: 'files' | 'unmatched' };
}

const FILE_COLUMNS: ReadonlyArray<Column<PayerFileRecord>> = [
  { key: 'id', label: 'File', cell: (f) => f.fileId, sortValue: (f) => f.fileId, numeric: true },
  { key: 'received', label: 'Received', cell: (f) => f.receivedAt, sortValue: (f) => f.receivedAt },
  { key: 'kinds', label: 'Kind', cell: (f) => f.kinds.join(', '), sortValue: (f) => f.kinds.join(',') },
  { key: 'sender', label: 'Sender', cell: (f) => f.senderId, sortValue: (f) => f.senderId },
  { key: 'isa13', label: 'Interchange', cell: (f) => f.interchangeControl },
  { key: 'date', label: 'File date', cell: (f) => f.fileDate ?? '', sortValue: (f) => f.fileDate ?? '' },
  { key: 'source', label: 'Source', cell: (f) => f.source, sortValue: (f) => f.source },
  { key: 'events', label: 'Events', cell: (f) => f.events, sortValue: (f) => f.events, numeric: true },
  { key: 'updated', label: 'Claims updated', cell: (f) => f.claimsUpdated, sortValue: (f) => f.claimsUpdated, numeric: true },
  { key: 'unmatched', label: 'Unmatched', cell: (f) => f.unmatched, sortValue: (f) => f.unmatched, numeric: true },
  { key: 'warnings', label: 'Warnings', cell: (f) => f.warnings.length, sortValue: (f) => f.warnings.length, numeric: true },
];

const UNMATCHED_COLUMNS: ReadonlyArray<Column<UnmatchedRecord>> = [
  { key: 'item', label: 'Item', cell: (u) => u.itemId, sortValue: (u) => u.itemId, numeric: true },
  { key: 'file', label: 'File', cell: (u) => u.fileId, sortValue: (u) => u.fileId, numeric: true },
  { key: 'source', label: 'Kind', cell: (u) => u.source, sortValue: (u) => u.source },
  { key: 'claim', label: 'Claim id', cell: (u) => u.claimId ?? '', sortValue: (u) => u.claimId ?? '' },
  { key: 'pccn', label: 'Payer claim number', cell: (u) => u.payerClaimControlNumber ?? '' },
  { key: 'reason', label: 'Reason', cell: (u) => u.reason, sortValue: (u) => u.reason },
  { key: 'received', label: 'Received', cell: (u) => u.receivedAt, sortValue: (u) => u.receivedAt },
];

const CHANGE_COLUMNS: ReadonlyArray<Column<StatusChange>> = [
  { key: 'claim', label: 'Claim', cell: (s) => s.claimId },
  { key: 'from', label: 'From', cell: (s) => s.from },
  { key: 'to', label: 'To', cell: (s) => s.to },
];

function outcome(result: IngestOutcome): Markup {
  if (result.error !== undefined) {
    return html`<section class="card" aria-labelledby="result">
  <h2 id="result">The payer file was not ingested</h2>
  <p class="error" role="alert">error: ${result.error}</p>
  <p class="hint">Nothing was changed.</p>
</section>`;
  }
  const { file, duplicate, statusChanges, unmatched, unmatchedTruncated } = result.report!;
  const one = { base: '/payer-files', pageSize: 1000 };
  return html`<section class="card" aria-labelledby="result">
  <h2 id="result">Payer file ${file.fileId}${result.fileName ? html` (${result.fileName})` : ''}: ${file.kinds.join(', ')} from ${file.senderId}</h2>
  ${duplicate
    ? html`<p class="notice" role="status">This file had been ingested before (same sender, interchange ${file.interchangeControl} and content): nothing changed.</p>`
    : html`<p class="notice" role="status">${file.events} event${file.events === 1 ? '' : 's'} recorded, ${statusChanges.length} claim${statusChanges.length === 1 ? '' : 's'} changed status, ${file.unmatched} item${file.unmatched === 1 ? '' : 's'} unmatched.</p>`}
  ${file.warnings.length > 0 ? html`<ul class="hint">${file.warnings.map((w) => html`<li>${w.message}</li>`)}</ul>` : ''}
  ${duplicate ? '' : table(statusChanges, CHANGE_COLUMNS, { ...one, caption: 'Claims whose status changed', empty: 'No claim changed status.' })}
  ${duplicate ? '' : table(unmatched, UNMATCHED_COLUMNS, { ...one, caption: unmatchedTruncated ? 'Unmatched in this file (the first ones)' : 'Unmatched in this file', empty: 'Every item matched a claim.' })}
</section>`;
}

export function payerFilesPage(user: PageUser, data: PayerFilesData): Markup {
  const { table: which, ...view } = data.query;
  const filesView = which === 'files' ? view : {};
  const unmatchedView = which === 'unmatched' ? view : {};
  return page({
    title: 'Payer files',
    user,
    body: html`<h1>Payer files</h1>
${data.result ? outcome(data.result) : ''}
<section class="card" aria-labelledby="ingest">
  <h2 id="ingest">Ingest a payer file</h2>
${canWork(user) ? html`  <form method="post" enctype="multipart/form-data" action="/payer-files" class="filters" data-progress>
    ${csrfField(user.csrf)}
    <label for="payer-file">999, 277CA or 835 file</label>
    <input id="payer-file" name="file" type="file" required aria-describedby="payer-file-hint">
    <button type="submit">Ingest</button>
    <p class="hint" id="payer-file-hint">The kind is read from the file. The same file twice changes nothing; items that match no claim are kept and listed below.</p>
  </form>` : html`<p class="hint">Posting payer files is for billing staff and administrators.</p>`}
</section>
<p><a href="#unmatched">Items that matched no claim (${data.unmatched.length})</a></p>
<section class="card" aria-labelledby="files">
  <h2 id="files">Payer files received</h2>
  ${table(data.files, FILE_COLUMNS, { base: '/payer-files?table=files', ...filesView, caption: 'Payer files, newest first', empty: 'No payer file has been ingested yet.' })}
</section>
<section class="card" id="unmatched" aria-labelledby="unmatched-title">
  <h2 id="unmatched-title">Unmatched items</h2>
  ${table(data.unmatched, UNMATCHED_COLUMNS, { base: '/payer-files?table=unmatched', ...unmatchedView, caption: 'Items that matched no claim', empty: 'Every item of every payer file matched a claim.' })}
</section>`,
  });
}
