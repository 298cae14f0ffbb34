// The frame of every workspace page, rendered on the server with hono/html, which escapes every
// interpolated value: nothing a user typed or a file carried is ever read as markup. Pages load
// one stylesheet and one script (workspace.js: progress for long work) from this origin; they
// work without the script, and forms post back to this origin only.

import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The signed-in person as the header shows them, and the token their forms carry. */
export interface PageUser {
  email: string;
  role: string;
  csrf: string;
}

/** Whether the person may change data (upload, build, export, post): admin and billing may; finance reads. */
export function canWork(user: PageUser): boolean {
  return user.role === 'admin' || user.role === 'billing';
}

export interface PageOptions {
  title: string;
  user?: PageUser;
  body: Markup;
}

export function page(options: PageOptions): Markup {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ecm-claims</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/workspace.css">
<script src="/workspace.js" defer></script>
</head>
<body>
<header class="bar">
  <a class="brand" href="/">ecm-claims</a>
  ${options.user ? navigation(options.user) : ''}
</header>
<main class="content">
${options.body}
</main>
</body>
</html>`;
}

/** The workspace's pages, in the order of a month's work. */
export const NAVIGATION: ReadonlyArray<readonly [string, string]> = [
  ['/', 'Today'],
  ['/upload', 'Upload'],
  ['/claims', 'Claims'],
  ['/send', 'Send'],
  ['/payer-files', 'Payer files'],
  ['/dashboard', 'Dashboard'],
  ['/settings', 'Settings'],
  ['/account', 'Account'],
];

function navigation(user: PageUser): Markup {
  return html`<nav aria-label="Workspace">
    ${NAVIGATION.map(([href, text]) => html`<a href="${href}">${text}</a>`)}
  </nav>
  <div class="who">
    <span>${user.email} (${user.role})</span>
    <form method="post" action="/signout">
      <input type="hidden" name="csrf" value="${user.csrf}">
      <button type="submit" class="quiet">Sign out</button>
    </form>
    <form method="post" action="/signout/everywhere">
      <input type="hidden" name="csrf" value="${user.csrf}">
      <button type="submit" class="quiet">Sign out everywhere</button>
    </form>
  </div>`;
}
