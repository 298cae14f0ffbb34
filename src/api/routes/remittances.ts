// Payer responses (999, 277CA, 835), payments, claim timelines and timeliness metrics over HTTP.

import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../../app/context.js';
import type { ApiEnv } from '../auth.js';

export function remittanceRoutes(_app: OpenAPIHono<ApiEnv>, _ctx: AppContext): void {}
