// CMS-1500 PDFs and DHCS invoices over HTTP.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';

export function documentRoutes(_app: OpenAPIHono<ApiEnv>, _ctx: AppContext): void {}
