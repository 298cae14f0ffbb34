// The Upload page: one form per import kind (organization and payers as JSON, staff, members and
// services as CSV), and what the last upload did: its counts, the rows it rejected (line, column,
// reason) and a link to those rows as CSV, to fix in a spreadsheet and upload again.

import { html } from 'hono/html';
import type { ImportIssue } from '../../store/import-store.js';
import type { ImportReport } from '../../app/imports/import-file.js';
import { csrfField, table, type Column, type TableState } from './kit.js';
import { canWork, page, type Markup, type PageUser } from './layout.js';

export const UPLOAD_KINDS: ReadonlyArray<{ kind: ImportReport['kind']; label: string; accept: string; hint: string }> = [
  { kind: 'organization', label: 'Organization', accept: '.json,application/json', hint: 'organization.json: the organization, its NPI, tax id and locations' },
  { kind: 'payers', label: 'Payers', accept: '.json,application/json', hint: 'payers.json: each plan, its rates and how it takes claims' },
  { kind: 'staff', label: 'Staff', accept: '.csv,text/csv', hint: 'staff.csv: care managers and their roles' },
  { kind: 'members', label: 'Members', accept: '.csv,text/csv', hint: "members.csv: the plan's member file" },
  { kind: 'services', label: 'Services', accept: '.csv,text/csv', hint: 'services.csv: the month of logged service time' },
];

export interface UploadOutcome {
  /** the kind that was uploaded */
  kind: string;
  fileName?: string;
  report?: ImportReport;
  /** every issue of the import (the store keeps them all) */
  issues?: readonly ImportIssue[];
  /** where the rejected rows can be downloaded as CSV, when they are kept */
  rejectedCsv?: string;
  /** the sentence the CLI would print for a file that could not be read */
  error?: string;
}


const ISSUE_COLUMNS: ReadonlyArray<Column<ImportIssue>> = [
  { key: 'line', label: 'Line', cell: (i) => i.line ?? '', sortValue: (i) => i.line ?? 0, numeric: true },
  { key: 'column', label: 'Column', cell: (i) => i.column ?? '', sortValue: (i) => i.column ?? '' },
  { key: 'severity', label: 'Kind', cell: (i) => (i.severity === 'error' ? 'rejected' : 'warning'), sortValue: (i) => i.severity },
  { key: 'reason', label: 'Reason', cell: (i) => i.message },
];

function form(kind: (typeof UPLOAD_KINDS)[number], csrf: string): Markup {
  const id = `file-${kind.kind}`;
  return html`<form method="post" enctype="multipart/form-data" action="/upload/${kind.kind}" class="filters" data-progress>
  ${csrfField(csrf)}
  <label for="${id}">${kind.label}</label>
  <input id="${id}" name="file" type="file" accept="${kind.accept}" required aria-describedby="${id}-hint">
  <button type="submit">Upload ${kind.label.toLowerCase()}</button>
  <p class="hint" id="${id}-hint">${kind.hint}</p>
</form>`;
}

function facts(report: ImportReport): Markup {
  const c = report.counts;
  const rows: Array<[string, number]> = [
    ['Rows read', c.rowsRead],
    ['Inserted', c.inserted],
    ['Updated', c.updated],
    ['Unchanged', c.unchanged],
    ['Rejected', c.rejected],
    ['Warnings', c.warnings],
  ];
  return html`<dl class="facts">${rows.map(([label, value]) => html`<dt>${label}</dt><dd class="num">${value}</dd>`)}</dl>`;
}

function outcome(result: UploadOutcome, view: TableState): Markup {
  if (result.error !== undefined) {
    return html`<section class="card" aria-labelledby="result">
  <h2 id="result">The ${result.kind} file was not imported</h2>
  <p class="error" role="alert">error: ${result.error}</p>
  <p class="hint">Nothing was changed. Fix the file and upload it again.</p>
</section>`;
  }
  const report = result.report!;
  const issues = result.issues ?? report.issues;
  return html`<section class="card" aria-labelledby="result">
  <h2 id="result">Imported ${report.kind}${result.fileName ? html` from ${result.fileName}` : ''} (import ${report.importId})</h2>
  ${report.counts.rejected === 0 ? html`<p class="notice" role="status">Every row was accepted.</p>` : html`<p class="error" role="alert">${report.counts.rejected} row${report.counts.rejected === 1 ? ' was' : 's were'} rejected; the other rows were kept.</p>`}
  ${facts(report)}
  ${result.rejectedCsv ? html`<p><a href="${result.rejectedCsv}" download>Download the rejected rows as CSV</a> <span class="hint">(the rows as they were, with a reason column: fix them and upload that file again)</span></p>` : ''}
  ${issues.length > 0
    ? table(issues, ISSUE_COLUMNS, { base: `/upload/imports/${report.importId}`, ...view, caption: 'Rejected rows and warnings', empty: 'No issues.' })
    : ''}
</section>`;
}

export function uploadPage(user: PageUser, result?: UploadOutcome, view: TableState = {}): Markup {
  return page({
    title: 'Upload',
    user,
    body: html`<h1>Upload</h1>
<p class="hint">Upload in this order the first time: organization, payers, staff, members, services. A row that cannot be used is rejected with its line, column and reason; the good rows are kept. The same row again changes nothing.</p>
${result ? outcome(result, view) : ''}
<section class="card" aria-labelledby="forms">
  <h2 id="forms">Files</h2>
  ${canWork(user) ? UPLOAD_KINDS.map((k) => form(k, user.csrf)) : html`<p class="hint">Uploading is for billing staff and administrators; a ${user.role} user sees the results here.</p>`}
</section>`,
  });
}
