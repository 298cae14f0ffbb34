// The finance dashboard at GET /dashboard, a page of the signed-in workspace, served by the same
// service with no CDN: the page, its script (/dashboard.js) and styles (/dashboard.css), under a
// strict Content-Security-Policy. The page holds no data; it reads the /api metrics with the
// person's session. A signed-out visitor is sent to sign in and brought back.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import { DASHBOARD_CSP, DASHBOARD_PATHS, dashboardAsset, signedInDashboard } from '../../web/dashboard-assets.js';
import { sessionOfRequest, type ApiEnv } from '../auth.js';

export function dashboardRoutes(app: OpenAPIHono<ApiEnv>): void {
  for (const path of DASHBOARD_PATHS) {
    app.get(path, async (c) => {
      const asset = dashboardAsset(path);
      let body = asset.body;
      if (path === '/dashboard') {
        const session = await sessionOfRequest(c.var.ctx, c);
        if (!session) return c.redirect(`/signin?next=${encodeURIComponent('/dashboard')}`, 303);
        body = signedInDashboard(asset.body, session.user.email);
      }
      return c.body(body, 200, {
        'content-type': asset.contentType,
        'content-security-policy': DASHBOARD_CSP,
        'cache-control': 'no-cache',
      });
    });
  }
}
