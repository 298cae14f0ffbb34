// The finance dashboard at GET /, served by the same service with no CDN.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';

export function dashboardRoutes(_app: OpenAPIHono<ApiEnv>, _ctx: AppContext): void {}
