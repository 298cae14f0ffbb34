// The Claims pages of the workspace: the list with its filters (a GET form, so a filtered view is
// a link), and one claim with its lines, the log rows behind each line, its issues and its
// timeline. Pure functions of what the app's use cases return. A member's CIN shows as text for
// billing staff; it is never put in a link or a query string.

import { CLAIM_FORMAT_LABELS } from '../../domain/reference.js';
import { html } from 'hono/html';
import type { ClaimDetail, listClaims } from '../../app/claims/claim-queries.js';
import type { ClaimTimeline, TimelineEvent } from '../../app/remittances/queries.js';
import type { ValidationIssue } from '../../domain/claim.js';
import { table, type Column } from './kit.js';
import { page, type Markup, type PageUser } from './layout.js';

export type ClaimRow = Awaited<ReturnType<typeof listClaims>>[number];

/** The filters as the form sends them back: only values that passed the checks are kept. */
export interface ClaimFilters {
  payer?: string;
  period?: string;
  status?: string;
  format?: string;
}

export interface ClaimListView {
  user: PageUser;
  filters: ClaimFilters;
  /** what was wrong with the filters, in words */
  errors: string[];
  /** the text typed in the payer and period boxes, kept so a bad value can be corrected */
  entered?: { payer?: string; period?: string };
  claims: readonly ClaimRow[];
  statuses: readonly string[];
  formats: readonly string[];
  sort?: string;
  dir?: 'asc' | 'desc';
  page?: number;
}

export const claimHref = (id: string) => `/claims/${encodeURIComponent(id)}`;

/** "/claims?payer=x&status=draft": the list's address with its filters, for sort and page links. */
export function claimListBase(filters: ClaimFilters): string {
  const query = new URLSearchParams();
  for (const key of ['payer', 'period', 'status', 'format'] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/claims?${text}` : '/claims';
}

const issueCount = (c: ClaimRow) => (c.errorCount ? `${c.errorCount} error${c.errorCount === 1 ? '' : 's'}` : c.warningCount ? `${c.warningCount} warning${c.warningCount === 1 ? '' : 's'}` : '');

const CLAIM_COLUMNS: ReadonlyArray<Column<ClaimRow>> = [
  { key: 'id', label: 'Claim', cell: (c) => html`<a href="${claimHref(c.id)}">${c.id}</a>`, sortValue: (c) => c.id },
  { key: 'payer', label: 'Payer', cell: (c) => c.payerId, sortValue: (c) => c.payerId },
  { key: 'member', label: 'Member CIN', cell: (c) => c.memberCin, sortValue: (c) => c.memberCin },
  { key: 'period', label: 'Period', cell: (c) => c.period, sortValue: (c) => c.period },
  { key: 'status', label: 'Status', cell: (c) => c.status, sortValue: (c) => c.status },
  { key: 'format', label: 'Format', cell: (c) => CLAIM_FORMAT_LABELS[c.format], sortValue: (c) => c.format },
  { key: 'lines', label: 'Lines', cell: (c) => c.lineCount, sortValue: (c) => c.lineCount, numeric: true },
  { key: 'total', label: 'Total charge', cell: (c) => c.totalCharge, sortValue: (c) => Number(c.totalCharge), numeric: true },
  { key: 'issues', label: 'Issues', cell: issueCount, sortValue: (c) => c.errorCount * 100_000 + c.warningCount },
];

function choice(name: string, label: string, options: readonly string[], chosen: string | undefined): Markup {
  return html`<label>${label}
    <select name="${name}">
      <option value="">any</option>
      ${options.map((o) => html`<option value="${o}"${o === chosen ? html` selected` : ''}>${o}</option>`)}
    </select>
  </label>`;
}

export function claimListPage(view: ClaimListView): Markup {
  const f = view.filters;
  return page({
    title: 'Claims',
    user: view.user,
    body: html`<section class="card">
  <h1>Claims</h1>
  <form method="get" action="/claims" class="filters" role="search">
    <label>Payer <input name="payer" value="${view.entered?.payer ?? f.payer ?? ''}" maxlength="40" size="12"></label>
    <label>Period <input name="period" value="${view.entered?.period ?? f.period ?? ''}" placeholder="YYYY-MM" maxlength="7" size="8"></label>
    ${choice('status', 'Status', view.statuses, f.status)}
    ${choice('format', 'Format', view.formats, f.format)}
    <button type="submit">Show</button>
    <a href="/claims">Clear</a>
  </form>
  ${view.errors.map((e) => html`<p class="error" role="alert">${e}</p>`)}
  ${table(view.claims, CLAIM_COLUMNS, {
    base: claimListBase(f),
    ...(view.sort ? { sort: view.sort } : {}),
    ...(view.dir ? { dir: view.dir } : {}),
    ...(view.page ? { page: view.page } : {}),
    caption: 'Claims',
    empty: view.errors.length > 0 ? 'Fix the filters to see claims.' : 'No claims match these filters.',
  })}
</section>`,
  });
}

type Line = ClaimDetail['lines'][number];
type SourceRow = ClaimDetail['sourceRows'][number];

const LINE_COLUMNS: ReadonlyArray<Column<Line>> = [
  { key: 'n', label: '#', cell: (l) => l.lineNumber, numeric: true },
  { key: 'date', label: 'Date', cell: (l) => l.serviceDate },
  { key: 'code', label: 'Code', cell: (l) => [l.code, ...l.modifiers].join(' ') },
  { key: 'units', label: 'Units', cell: (l) => l.units, numeric: true },
  { key: 'minutes', label: 'Minutes', cell: (l) => l.minutes, numeric: true },
  { key: 'charge', label: 'Charge', cell: (l) => l.charge, numeric: true },
  { key: 'staff', label: 'Rendering staff', cell: (l) => l.renderingStaffId },
  { key: 'pos', label: 'Place of service', cell: (l) => l.placeOfService },
  { key: 'rows', label: 'Source rows', cell: (l) => l.serviceIds.join(', ') },
];

const timesOf = (r: SourceRow) => (r.startTime && r.endTime ? `${r.startTime}–${r.endTime} (${r.minutes} min)` : `${r.minutes} min`);

const SOURCE_COLUMNS: ReadonlyArray<Column<SourceRow>> = [
  { key: 'id', label: 'Service id', cell: (r) => r.serviceId },
  { key: 'date', label: 'Date', cell: (r) => r.serviceDate },
  { key: 'time', label: 'Minutes or times', cell: timesOf },
  { key: 'staff', label: 'Staff', cell: (r) => r.staffId },
  { key: 'activity', label: 'Activity', cell: (r) => `${r.activity} (${r.modality})` },
  { key: 'code', label: 'Code', cell: (r) => [r.code, ...r.modifiers].join(' ') },
  { key: 'pos', label: 'Place of service', cell: (r) => r.placeOfService },
];

function issueWhere(i: ValidationIssue): string {
  const parts: string[] = [];
  if (i.lineNumber !== undefined) parts.push(`line ${i.lineNumber}`);
  if (i.path) parts.push([i.path.loop, i.path.segment, i.path.element].filter(Boolean).join(' '));
  if (i.serviceIds.length > 0) parts.push(`rows ${i.serviceIds.join(', ')}`);
  return parts.filter(Boolean).join('; ');
}

const ISSUE_COLUMNS: ReadonlyArray<Column<ValidationIssue>> = [
  { key: 'severity', label: 'Severity', cell: (i) => (i.severity === 'error' ? 'Error' : 'Warning') },
  { key: 'code', label: 'Check', cell: (i) => i.code },
  { key: 'message', label: 'What is wrong', cell: (i) => i.message },
  { key: 'where', label: 'Where', cell: issueWhere },
];

/** The codes worth a glance: adjustments, remarks, status codes, errors, a message. */
export function eventCodes(details: Record<string, unknown>): string {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const out: string[] = [];
  for (const a of [...list(details.adjustments), ...list(details.lineAdjustments)]) {
    if (typeof a === 'object' && a !== null) {
      const { group, reason, amount } = a as { group?: unknown; reason?: unknown; amount?: unknown };
      out.push(`${String(group)}-${String(reason)} ${String(amount)}`);
    }
  }
  for (const key of ['remarkCodes', 'statusCodes', 'errors']) for (const code of list(details[key])) out.push(String(code));
  if (typeof details.message === 'string') out.push(details.message);
  if (typeof details.traceNumber === 'string') out.push(`TRN ${details.traceNumber}`);
  if (typeof details.reference === 'string') out.push(`ref ${details.reference}`);
  return out.join(', ');
}

const EVENT_COLUMNS: ReadonlyArray<Column<TimelineEvent>> = [
  { key: 'date', label: 'Date', cell: (e) => e.date },
  { key: 'kind', label: 'Event', cell: (e) => e.kind },
  { key: 'amount', label: 'Amount', cell: (e) => e.amount ?? '', numeric: true },
  { key: 'codes', label: 'Codes', cell: (e) => eventCodes(e.details) },
  { key: 'source', label: 'Source', cell: (e) => e.source ?? '' },
  { key: 'warnings', label: 'Warnings', cell: (e) => (e.warnings ?? []).join(' ') },
];

const FREQUENCY: Record<string, string> = { '1': 'original (1)', '7': 'replacement (7)', '8': 'void (8)' };

function claimFacts(claim: ClaimDetail, timeline: ClaimTimeline): Markup {
  const h = timeline.history;
  return html`<dl class="facts">
    <dt>Payer</dt><dd>${claim.payerId}</dd>
    <dt>Member CIN</dt><dd>${claim.memberCin}</dd>
    <dt>Period</dt><dd>${claim.period}</dd>
    <dt>Status</dt><dd>${claim.status}</dd>
    <dt>Format</dt><dd>${CLAIM_FORMAT_LABELS[claim.format]}${claim.formatReason ? html` <span class="hint">(${claim.formatReason})</span>` : ''}</dd>
    <dt>Frequency</dt><dd>${FREQUENCY[claim.frequency] ?? claim.frequency}${claim.originalClaimId ? html`, replaces <a href="${claimHref(claim.originalClaimId)}">${claim.originalClaimId}</a>` : ''}${claim.originalReference ? ` (payer claim ${claim.originalReference})` : ''}</dd>
    <dt>Place of service</dt><dd>${claim.placeOfService}</dd>
    <dt>Diagnoses</dt><dd>${claim.diagnoses.join(', ')}${claim.defaultDiagnosisUsed ? ' (payer default used)' : ''}</dd>
    <dt>Total charge</dt><dd>${claim.totalCharge}</dd>
    <dt>Paid</dt><dd>${h.paid}</dd>
    <dt>Received by payer</dt><dd>${h.receiptDate ?? '–'}</dd>
    <dt>Paid on</dt><dd>${h.paymentDate ?? '–'}</dd>
    <dt>Times sent</dt><dd>${h.submissions}</dd>
  </dl>`;
}

export function claimDetailPage(user: PageUser, claim: ClaimDetail, timeline: ClaimTimeline): Markup {
  const errors = claim.issues.filter((i) => i.severity === 'error').length;
  return page({
    title: `Claim ${claim.id}`,
    user,
    body: html`<p><a href="/claims">All claims</a></p>
<section class="card">
  <h1>Claim ${claim.id}</h1>
  ${errors > 0 ? html`<p class="error" role="alert">This claim has ${errors} error${errors === 1 ? '' : 's'} and cannot go out until they are fixed.</p>` : ''}
  ${claimFacts(claim, timeline)}
</section>
<section class="card" aria-labelledby="lines">
  <h2 id="lines">Lines</h2>
  ${table(claim.lines, LINE_COLUMNS, { base: claimHref(claim.id), caption: 'Lines', empty: 'This claim has no lines.', pageSize: 1000 })}
</section>
<section class="card" aria-labelledby="rows">
  <h2 id="rows">Service log rows behind the lines</h2>
  ${table(claim.sourceRows, SOURCE_COLUMNS, { base: claimHref(claim.id), caption: 'Source rows', empty: 'No service rows are recorded for this claim.', pageSize: 1000 })}
</section>
<section class="card" aria-labelledby="issues">
  <h2 id="issues">Issues</h2>
  ${table(claim.issues, ISSUE_COLUMNS, { base: claimHref(claim.id), caption: 'Validation issues', empty: 'No validation issues.', pageSize: 1000 })}
</section>
<section class="card" aria-labelledby="timeline">
  <h2 id="timeline">Timeline</h2>
  <p class="hint">Built ${claim.createdAt}; last changed ${claim.updatedAt}.</p>
  ${table(timeline.events, EVENT_COLUMNS, { base: claimHref(claim.id), caption: 'Payer and submission events', empty: 'Nothing has happened to this claim since it was built.', pageSize: 1000 })}
</section>`,
  });
}

export function claimNotFoundPage(user: PageUser, id: string): Markup {
  return page({
    title: 'No such claim',
    user,
    body: html`<section class="card narrow">
  <h1>No such claim</h1>
  <p>There is no claim ${id}.</p>
  <p><a href="/claims">All claims</a></p>
</section>`,
  });
}
