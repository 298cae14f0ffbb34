// The administrator's part of Settings: people (add one and hand over a one-time sign-in link, a
// new link, sign out everywhere, disable) and API keys for machines (create, shown once; revoke).

import { html } from 'hono/html';
import { csrfField, table, type TableView } from './kit.js';
import type { Markup, PageUser } from './layout.js';

export const PEOPLE_ROLES = ['admin', 'billing', 'finance'] as const;

export interface PersonRow {
  userId: string;
  email: string;
  role: string;
  createdAt: string;
  lastSignInAt?: string;
  disabledAt?: string;
}

export interface KeyRow {
  keyId: string;
  role: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
}

export interface PeopleView {
  users: readonly PersonRow[];
  keys: readonly KeyRow[];
}

type Query = Pick<TableView, 'sort' | 'dir' | 'page'>;

const day = (at: string | undefined) => (at ? at.slice(0, 10) : '');
const at = (value: string | undefined, none: string) => (value ? `${value.slice(0, 16).replace('T', ' ')} UTC` : none);

function roleSelect(id: string): Markup {
  return html`<label for="${id}">Role <select id="${id}" name="role">${PEOPLE_ROLES.map((r) => html`<option value="${r}"${r === 'billing' ? ' selected' : ''}>${r}</option>`)}</select></label>`;
}

function action(user: PageUser, path: string, field: string, value: string, text: string): Markup {
  return html`<form method="post" action="${path}">
  ${csrfField(user.csrf)}
  <input type="hidden" name="${field}" value="${value}">
  <button type="submit" class="quiet">${text}</button>
</form>`;
}

function personActions(me: PageUser, u: PersonRow): Markup | string {
  if (u.disabledAt) return 'none (disabled)';
  return html`${action(me, '/settings/users/link', 'email', u.email, `New sign-in link for ${u.email}`)}
${action(me, '/settings/users/signout', 'email', u.email, `Sign ${u.email} out everywhere`)}
${u.email === me.email ? '' : action(me, '/settings/users/disable', 'email', u.email, `Disable ${u.email}`)}`;
}

export function usersSection(me: PageUser, people: PeopleView, query: Query): Markup {
  const columns = [
    { key: 'email', label: 'Email', cell: (u: PersonRow) => u.email, sortValue: (u: PersonRow) => u.email },
    { key: 'role', label: 'Role', cell: (u: PersonRow) => u.role, sortValue: (u: PersonRow) => u.role },
    { key: 'created', label: 'Created', cell: (u: PersonRow) => day(u.createdAt), sortValue: (u: PersonRow) => u.createdAt },
    { key: 'signin', label: 'Last sign-in', cell: (u: PersonRow) => at(u.lastSignInAt, 'never'), sortValue: (u: PersonRow) => u.lastSignInAt ?? '' },
    { key: 'disabled', label: 'Disabled', cell: (u: PersonRow) => (u.disabledAt ? day(u.disabledAt) : 'no'), sortValue: (u: PersonRow) => u.disabledAt ?? '' },
    { key: 'actions', label: 'Actions', cell: (u: PersonRow) => personActions(me, u) },
  ];
  return html`<section class="card">
  <h2>People</h2>
  ${table(people.users, columns, { base: '/settings', name: 'users', ...query, caption: 'Users', empty: 'No user yet.' })}
  <h3>Add a person</h3>
  <p class="hint">There is no mail server: the page shows a one-time sign-in link to hand over. The person opens it and sets a password.</p>
  <form method="post" action="/settings/users/create" class="filters">
    ${csrfField(me.csrf)}
    <label for="new-user-email">Email <input id="new-user-email" name="email" type="email" required autocomplete="off"></label>
    ${roleSelect('new-user-role')}
    <button type="submit">Add the person</button>
  </form>
</section>`;
}

export function keysSection(me: PageUser, people: PeopleView, query: Query): Markup {
  const columns = [
    { key: 'id', label: 'Key', cell: (k: KeyRow) => k.keyId, sortValue: (k: KeyRow) => k.keyId },
    { key: 'role', label: 'Role', cell: (k: KeyRow) => k.role, sortValue: (k: KeyRow) => k.role },
    { key: 'label', label: 'Label', cell: (k: KeyRow) => k.label ?? '', sortValue: (k: KeyRow) => k.label ?? '' },
    { key: 'created', label: 'Created', cell: (k: KeyRow) => day(k.createdAt), sortValue: (k: KeyRow) => k.createdAt },
    {
      key: 'revoked',
      label: 'Revoked',
      cell: (k: KeyRow) => (k.revokedAt ? day(k.revokedAt) : action(me, '/settings/keys/revoke', 'keyId', k.keyId, `Revoke ${k.keyId}`)),
      sortValue: (k: KeyRow) => k.revokedAt ?? '',
    },
  ];
  return html`<section class="card">
  <h2>API keys</h2>
  <p class="hint">Keys are for machines calling /api. A key is shown once, when it is made; only its hash is kept.</p>
  ${table(people.keys, columns, { base: '/settings', name: 'keys', ...query, caption: 'API keys', empty: 'No API key yet.' })}
  <h3>Make a key</h3>
  <form method="post" action="/settings/keys/create" class="filters">
    ${csrfField(me.csrf)}
    ${roleSelect('new-key-role')}
    <label for="new-key-label">Label <input id="new-key-label" name="label" maxlength="80" autocomplete="off"></label>
    <button type="submit">Make the key</button>
  </form>
</section>`;
}
