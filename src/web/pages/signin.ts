// Signing in, and setting a password from the one-time link an admin hands over (there is no
// mail server). Both forms carry a token that must match a cookie set with the page, so another
// site cannot post them.

import { html } from 'hono/html';
import { page, type Markup } from './layout.js';

export interface SignInPage {
  csrf: string;
  /** where to go once signed in: a path on this site */
  next: string;
  email?: string;
  error?: string;
  notice?: string;
}

export function signInPage(view: SignInPage): Markup {
  return page({
    title: 'Sign in',
    body: html`<section class="card narrow">
  <h1>Sign in</h1>
  ${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
  ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
  <form method="post" action="/signin" class="stack">
    <input type="hidden" name="csrf" value="${view.csrf}">
    <input type="hidden" name="next" value="${view.next}">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" autocomplete="username" required value="${view.email ?? ''}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
  </form>
  <p class="hint">No account yet? An administrator creates it and gives you a one-time link to set your password.</p>
</section>`,
  });
}

export interface WelcomePage {
  csrf: string;
  email: string;
  error?: string;
}

export function welcomePage(view: WelcomePage): Markup {
  return page({
    title: 'Set your password',
    body: html`<section class="card narrow">
  <h1>Set your password</h1>
  <p>For <strong>${view.email}</strong>. This link works once.</p>
  ${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
  <form method="post" class="stack">
    <input type="hidden" name="csrf" value="${view.csrf}">
    <label for="password">New password (12 characters or more)</label>
    <input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required>
    <button type="submit">Set password and sign in</button>
  </form>
</section>`,
  });
}

export function linkUsedPage(): Markup {
  return page({
    title: 'Link not valid',
    body: html`<section class="card narrow">
  <h1>This link cannot be used</h1>
  <p>It has been used already, has expired, or was replaced by a newer one. Ask an administrator for a new sign-in link, or <a href="/signin">sign in</a> if you have set your password.</p>
</section>`,
  });
}
