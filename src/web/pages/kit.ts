// Pieces every workspace page uses: tables sorted and paged on the server (links, so they work
// without script and from the keyboard), the hidden CSRF field of a form, and a notice line.

import { html } from 'hono/html';
import type { Markup } from './layout.js';

export interface Column<Row> {
  key: string;
  label: string;
  /** the cell's text (escaped) or markup */
  cell(row: Row): string | number | Markup;
  /** the value sorted on; absent: the column cannot be sorted */
  sortValue?(row: Row): string | number;
  numeric?: boolean;
}

export interface TableView {
  /** the page's path and query without sort/dir/page, e.g. "/claims?payer=x" */
  base: string;
  /** where a page has two tables: the prefix of this one's query keys ("ready" -> ready.sort) */
  name?: string;
  sort?: string;
  dir?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
  caption: string;
  empty: string;
}

export const PAGE_SIZE = 50;

/** Which column a table is sorted on, which way, and which page shows: what its URL says. */
export type TableState = Pick<TableView, 'sort' | 'dir' | 'page'>;

/** A table's sort, direction and page as the query of the page's URL gives them. */
export function tableQuery(query: (key: string) => string | undefined, name?: string): TableState {
  const key = (k: string) => (name ? `${name}.${k}` : k);
  const page = Number(query(key('page')));
  return {
    ...(query(key('sort')) ? { sort: query(key('sort')) } : {}),
    dir: query(key('dir')) === 'desc' ? 'desc' : 'asc',
    ...(Number.isInteger(page) && page > 0 ? { page } : {}),
  };
}

function withQuery(base: string, params: Record<string, string | number | undefined>): string {
  const url = new URL(base, 'http://workspace.invalid');
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
  return `${url.pathname}${url.search}`;
}

/** The rows sorted by the chosen column and cut to the chosen page; links to the other pages. */
export function table<Row>(rows: readonly Row[], columns: readonly Column<Row>[], view: TableView): Markup {
  if (rows.length === 0) return html`<p class="hint">${view.empty}</p>`;
  const column = columns.find((c) => c.key === view.sort && c.sortValue);
  const dir = view.dir === 'desc' ? -1 : 1;
  const sorted = column?.sortValue
    ? [...rows].sort((a, b) => {
        const [x, y] = [column.sortValue!(a), column.sortValue!(b)];
        return (x < y ? -1 : x > y ? 1 : 0) * dir;
      })
    : rows;
  const size = view.pageSize ?? PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(sorted.length / size));
  const current = Math.min(Math.max(1, view.page ?? 1), pages);
  const shown = sorted.slice((current - 1) * size, current * size);
  const key = (k: string) => (view.name ? `${view.name}.${k}` : k);
  const state = { [key('sort')]: column?.key, [key('dir')]: column ? view.dir ?? 'asc' : undefined };
  const stateDir = column ? view.dir ?? 'asc' : undefined;
  const header = (c: Column<Row>) => {
    if (!c.sortValue) return html`<th scope="col"${c.numeric ? html` class="num"` : ''}>${c.label}</th>`;
    const active = column?.key === c.key;
    const next = active && stateDir === 'asc' ? 'desc' : 'asc';
    const aria = active ? (stateDir === 'asc' ? 'ascending' : 'descending') : 'none';
    return html`<th scope="col" aria-sort="${aria}"${c.numeric ? html` class="num"` : ''}><a href="${withQuery(view.base, { [key('sort')]: c.key, [key('dir')]: next })}">${c.label}${active ? (stateDir === 'asc' ? ' ▲' : ' ▼') : ''}</a></th>`;
  };
  // A table wider than the screen scrolls inside its own region, which the keyboard can reach.
  return html`<div class="scroll" role="region" aria-label="${view.caption}" tabindex="0"><table>
  <caption>${view.caption} (${sorted.length})</caption>
  <thead><tr>${columns.map(header)}</tr></thead>
  <tbody>${shown.map((row) => html`<tr>${columns.map((c) => html`<td${c.numeric ? html` class="num"` : ''}>${c.cell(row)}</td>`)}</tr>`)}</tbody>
</table></div>
${pages > 1
    ? html`<nav class="pager" aria-label="${view.caption}: pages">
  ${current > 1 ? html`<a href="${withQuery(view.base, { ...state, [key('page')]: current - 1 })}">Previous</a>` : ''}
  <span>Page ${current} of ${pages}</span>
  ${current < pages ? html`<a href="${withQuery(view.base, { ...state, [key('page')]: current + 1 })}">Next</a>` : ''}
</nav>`
    : ''}`;
}

export function csrfField(csrf: string): Markup {
  return html`<input type="hidden" name="csrf" value="${csrf}">`;
}
