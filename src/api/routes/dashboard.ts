// The finance dashboard at GET /dashboard, served by the same service with no CDN: the page, its
// script (/dashboard.js) and styles (/dashboard.css), under a strict Content-Security-Policy. The
// page holds no data; a signed-in person's page reads the /api metrics with their session, any
// other visitor is asked for a finance key.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import { DASHBOARD_CSP, DASHBOARD_PATHS, dashboardAsset, signedInDashboard } from '../../web/dashboard-assets.js';
import { sessionOfRequest, type ApiEnv } from '../auth.js';

export function dashboardRoutes(app: OpenAPIHono<ApiEnv>, ctx: AppContext): void {
  for (const path of DASHBOARD_PATHS) {
    app.get(path, async (c) => {
      const asset = dashboardAsset(path);
      const session = path === '/dashboard' ? await sessionOfRequest(ctx, c) : undefined;
      return c.body(session ? signedInDashboard(asset.body, session.user.email) : asset.body, 200, {
        'content-type': asset.contentType,
        'content-security-policy': DASHBOARD_CSP,
        'cache-control': 'no-cache',
      });
    });
  }
}
