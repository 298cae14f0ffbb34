// The finance dashboard at GET /, served by the same service with no CDN: the page, its script
// (/dashboard.js) and styles (/dashboard.css), under a strict Content-Security-Policy. The page
// holds no data; it asks for a finance key and reads the /api metrics with it.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import { DASHBOARD_CSP, DASHBOARD_PATHS, dashboardAsset } from '../../web/dashboard-assets.js';
import type { ApiEnv } from '../auth.js';

export function dashboardRoutes(app: OpenAPIHono<ApiEnv>, _ctx: AppContext): void {
  for (const path of DASHBOARD_PATHS) {
    app.get(path, (c) => {
      const asset = dashboardAsset(path);
      return c.body(asset.body, 200, {
        'content-type': asset.contentType,
        'content-security-policy': DASHBOARD_CSP,
        'cache-control': 'no-cache',
      });
    });
  }
}
