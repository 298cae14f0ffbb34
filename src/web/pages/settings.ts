// Settings: the organization's facts and the payer profiles for every role; for admin and billing
// a form per payer to change its format preference and unit policy; for admin the people and API
// keys (settings-people.ts). Every form posts back here and is answered on this page.

import { html } from 'hono/html';
import { CLAIM_FORMAT_LABELS, ClaimFormatSchema, type ClaimFormat, type Organization, type Payer } from '../../domain/reference.js';
import { csrfField, table, type TableView } from './kit.js';
import { page, type Markup, type PageUser } from './layout.js';
import { keysSection, usersSection, type PeopleView } from './settings-people.js';

export type { PeopleView } from './settings-people.js';

export type SettingsTable = 'payers' | 'users' | 'keys';

export interface SettingsView {
  user: PageUser;
  organization?: Organization;
  payers: readonly Payer[];
  /** may change payer profiles (admin, billing) */
  canEditPayers: boolean;
  /** users and API keys: only for an administrator */
  people?: PeopleView;
  /** what the last action did, or why it could not */
  result?: Markup;
  error?: string;
  tables: Record<SettingsTable, Pick<TableView, 'sort' | 'dir' | 'page'>>;
}

export const ROUNDINGS = ['nearest', 'up', 'down'] as const;
const FORMATS: readonly ClaimFormat[] = ClaimFormatSchema.options;
const label = (format: string | undefined) => (format ? (CLAIM_FORMAT_LABELS[format as ClaimFormat] ?? format) : 'none');

export function settingsPage(view: SettingsView): Markup {
  return page({
    title: 'Settings',
    user: view.user,
    body: html`<h1>Settings</h1>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${view.result ? html`<section class="card" role="status">${view.result}</section>` : ''}
${organizationSection(view.organization)}
${payersSection(view)}
${view.people ? usersSection(view.user, view.people, view.tables.users) : ''}
${view.people ? keysSection(view.user, view.people, view.tables.keys) : ''}`,
  });
}

function organizationSection(org: Organization | undefined): Markup {
  if (!org) return html`<section class="card"><h2>Organization</h2><p class="hint">No organization is loaded yet: import organization.json (Upload).</p></section>`;
  const a = org.address;
  return html`<section class="card">
  <h2>Organization</h2>
  <dl class="facts">
    <dt>Name</dt><dd>${org.name}</dd>
    <dt>NPI</dt><dd>${org.npi ?? 'none'}</dd>
    <dt>TIN</dt><dd>${org.tin}</dd>
    <dt>Taxonomy</dt><dd>${org.taxonomy ?? 'none'}</dd>
    <dt>Address</dt><dd>${a.line1}${a.line2 ? html`, ${a.line2}` : ''}, ${a.city}, ${a.state} ${a.zip}</dd>
    <dt>Contact</dt><dd>${org.contact.name}, ${org.contact.phone}${org.contact.email ? html`, ${org.contact.email}` : ''}</dd>
  </dl>
  <p class="hint">The organization is changed by importing organization.json again.</p>
</section>`;
}

const payerColumns = [
  { key: 'id', label: 'Payer', cell: (p: Payer) => p.id, sortValue: (p: Payer) => p.id },
  { key: 'name', label: 'Name', cell: (p: Payer) => p.name, sortValue: (p: Payer) => p.name },
  { key: 'preferred', label: 'Preferred format', cell: (p: Payer) => label(p.formats.preferred), sortValue: (p: Payer) => p.formats.preferred },
  { key: 'fallback', label: 'Fallback', cell: (p: Payer) => label(p.formats.fallback), sortValue: (p: Payer) => p.formats.fallback ?? '' },
  { key: 'units', label: 'Unit policy', cell: (p: Payer) => unitPolicy(p) },
  { key: 'filing', label: 'Timely filing (days)', cell: (p: Payer) => p.timelyFilingDays, sortValue: (p: Payer) => p.timelyFilingDays, numeric: true },
];

export function unitPolicy(p: Payer): string {
  return `${p.units.minutesPerUnit} minutes per unit, in steps of ${p.units.increment}, rounded ${p.units.rounding}`;
}

function payersSection(view: SettingsView): Markup {
  return html`<section class="card">
  <h2>Payer profiles</h2>
  ${table(view.payers, payerColumns, { base: '/settings', name: 'payers', ...view.tables.payers, caption: 'Payers', empty: 'No payer is loaded yet: import payers.json (Upload).' })}
  ${view.canEditPayers && view.payers.length > 0
    ? html`<h3>Change a payer's format and units</h3>
  <p class="hint">Other fields of a profile (fee schedule, interchange, addresses) are changed by importing payers.json again.</p>
  ${view.payers.map((p) => payerForm(view.user, p))}`
    : ''}
</section>`;
}

function options(values: readonly string[], selected: string | undefined, text: (v: string) => string): Markup {
  return html`${values.map((v) => html`<option value="${v}"${v === selected ? ' selected' : ''}>${text(v)}</option>`)}`;
}

function payerForm(user: PageUser, p: Payer): Markup {
  const id = (field: string) => `payer-${p.id}-${field}`;
  return html`<form method="post" action="/settings/payers/${encodeURIComponent(p.id)}" class="filters" aria-labelledby="${id('name')}">
  ${csrfField(user.csrf)}
  <strong id="${id('name')}">${p.name} (${p.id})</strong>
  <label for="${id('preferred')}">Preferred format <select id="${id('preferred')}" name="preferred">${options(FORMATS, p.formats.preferred, label)}</select></label>
  <label for="${id('fallback')}">Fallback <select id="${id('fallback')}" name="fallback">${options(['none', ...FORMATS], p.formats.fallback ?? 'none', (v) => (v === 'none' ? 'none' : label(v)))}</select></label>
  <label for="${id('minutes')}">Minutes per unit <input id="${id('minutes')}" name="minutesPerUnit" inputmode="numeric" value="${p.units.minutesPerUnit}" required></label>
  <label for="${id('increment')}">Increment <input id="${id('increment')}" name="increment" inputmode="decimal" value="${p.units.increment}" required></label>
  <label for="${id('rounding')}">Rounding <select id="${id('rounding')}" name="rounding">${options(ROUNDINGS, p.units.rounding, (v) => v)}</select></label>
  <button type="submit">Save ${p.id}</button>
</form>`;
}
