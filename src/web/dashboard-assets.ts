// The dashboard's files (page, script, styles, icon), read once from src/web next to the
// installed service, so that the page, its script and its styles come from this origin only.
// They are plain files rather than strings in TypeScript so they can be edited and linted as
// what they are; tsc does not copy them to dist, hence the read from the project root.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../codesets/index.js';
import { NAVIGATION } from './pages/layout.js';

export interface WebAsset {
  body: string;
  contentType: string;
}

const FILES = {
  '/dashboard': { file: 'dashboard.html', contentType: 'text/html; charset=utf-8' },
  '/workspace.css': { file: 'workspace.css', contentType: 'text/css; charset=utf-8' },
  '/workspace.js': { file: 'workspace.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard-chart.js': { file: 'dashboard-chart.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard-report.js': { file: 'dashboard-report.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', contentType: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', contentType: 'image/svg+xml' },
} as const;

export type DashboardPath = keyof typeof FILES;
export const DASHBOARD_PATHS = Object.keys(FILES) as DashboardPath[];

/**
 * Same-origin script, styles and API calls only; no inline script or style, no framing, no
 * forms that post anywhere. The page works entirely within this.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

let cache: Map<DashboardPath, WebAsset> | undefined;

/**
 * The dashboard page for a signed-in person, inside the workspace: its navigation above, and
 * their account (where they sign out) beside the date.
 */
export function signedInDashboard(page: string, email: string): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const links = NAVIGATION.map(([href, text]) => `<a href="${href}"${href === '/dashboard' ? ' aria-current="page"' : ''}>${escape(text)}</a>`).join('');
  return page
    .replace('<!--navigation-->', `<nav class="workspace" aria-label="Workspace"><strong>ecm-claims</strong>${links}</nav>`)
    .replace('<!--account-->', `<a href="/account" id="account">${escape(email)}</a>`);
}

export function dashboardAsset(path: DashboardPath): WebAsset {
  if (cache === undefined) {
    cache = new Map();
    for (const p of DASHBOARD_PATHS) {
      const { file, contentType } = FILES[p];
      cache.set(p, { body: readFileSync(join(PROJECT_ROOT, 'src', 'web', file), 'utf8'), contentType });
    }
  }
  const asset = cache.get(path);
  if (asset === undefined) throw new Error(`no dashboard asset ${path}`);
  return asset;
}
