// A signed-in person's own page: who they are, where to go, and how to sign out here or on every
// device at once.

import { html } from 'hono/html';
import { page, type Markup, type PageUser } from './layout.js';

export function accountPage(user: PageUser): Markup {
  return page({
    title: 'Your account',
    user,
    body: html`<section class="card narrow">
  <h1>Your account</h1>
  <p>Signed in as <strong>${user.email}</strong>, role <strong>${user.role}</strong>.</p>
  <p><a href="/dashboard">Open the payment timeliness dashboard</a></p>
  <p class="hint">A session ends after a while without use. "Sign out everywhere" ends your sessions on every device, for example after using a shared computer.</p>
</section>`,
  });
}
