// A billing period is a calendar month: the API says so, naming the value, when a request
// names month 13 or leaves out the leading zero.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { PeriodSchema } from '../../src/domain/period.js';
import { workspace, type Workspace } from '../support/workspace.js';
import { apiClient } from '../support/runners.js';

let ws: Workspace;
let server: RunningServer;
let billing: string;

beforeAll(async () => {
  ws = workspace();
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
  billing = (await createApiKey(ws.ctx, 'billing')).key;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

const call = apiClient(() => server.url);
const post = (path: string, body: unknown) => call(path, { method: 'POST', key: billing, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('billing periods', () => {
  it('accepts months 01 to 12 and nothing else', async () => {
    for (const good of ['2026-01', '2026-10', '2026-12']) expect(PeriodSchema.safeParse(good).success).toBe(true);
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-10', '2026-10-01', '']) {
      const result = PeriodSchema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/is not a valid month \(use YYYY-MM, month 01-12\)$/);
    }
    // A long value is not repeated back.
    expect(PeriodSchema.safeParse('x'.repeat(500)).error?.issues[0]?.message).toBe('is not a valid month (use YYYY-MM, month 01-12)');
  });

  it('answers 400 naming the month for an export or a validation of month 13', async () => {
    for (const [path, body] of [
      ['/api/batches', { payerId: 'healthnet', format: '837p', period: '2026-13' }],
      ['/api/batches', { payerId: 'healthnet', format: 'invoice', period: '2026-13' }],
      ['/api/claims/validate', { period: '2026-13' }],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, path).toBe(400);
      const answer = (await res.json()) as { error: string; details: Array<{ field: string; message: string }> };
      expect(answer.error).toBe('the request is not valid: period 2026-13 is not a valid month (use YYYY-MM, month 01-12)');
      expect(answer.details).toEqual([{ field: 'period', message: '2026-13 is not a valid month (use YYYY-MM, month 01-12)' }]);
    }
  });
});
