// Upload limits and security headers, on a real server.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { createApiKey } from '../../src/app/api-keys.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
let server: RunningServer;
let url: string;
let key: string;

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
  key = (await createApiKey(ws.ctx, 'billing')).key;
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true, api: { maxUploadBytes: 2048 } });
  url = server.url;
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

describe('limits', () => {
  it('answers 413 with a clear message for an upload over the limit, and stores nothing', async () => {
    const header = 'service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service\n';
    const rows = Array.from({ length: 100 }, (_, i) => `BIG-${i},91234567A,2026-10-03,60,S001,ecm,in_person,12`).join('\n');
    const res = await fetch(`${url}/api/imports/services`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, body: header + rows });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than this service accepts/);
    expect(await ws.ctx.store.read.services.count()).toBe(0);
  });

  it('sends security headers', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toBeTruthy();
  });
});
