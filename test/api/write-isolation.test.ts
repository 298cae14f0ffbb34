// Imports, builds and exports keep one write transaction open across awaits. A key created or
// revoked over the API meanwhile must wait for it, not join it: an import that fails and rolls
// back must not take the new key (or a revocation) with it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { startServer, type RunningServer } from '../../src/api/server.js';
import { authenticate, createApiKey } from '../../src/app/api-keys.js';
import { importFile } from '../../src/app/imports/import-file.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
let server: RunningServer;
let admin: string;

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
  admin = (await createApiKey(ws.ctx, 'admin')).key;
  server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true });
});
afterAll(async () => {
  await server.close();
  ws.dispose();
});

describe('API keys while an import is open', () => {
  it('are created and revoked after the import, and survive its rollback', async () => {
    const victim = await createApiKey(ws.ctx, 'billing');
    const upload = new PassThrough();
    const importing = importFile(ws.ctx, 'services', upload, { source: 'test' });
    upload.write('service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service\n');
    upload.write('ISO-1,91234567A,2026-10-03,60,S001,ecm,in_person,12\n');
    await new Promise((r) => setTimeout(r, 50));

    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const created = fetch(`${server.url}/api/keys`, { method: 'POST', headers, body: JSON.stringify({ role: 'finance', label: 'during import' }) });
    const revoked = fetch(`${server.url}/api/keys/${victim.keyId}`, { method: 'DELETE', headers });
    await new Promise((r) => setTimeout(r, 100));
    upload.destroy(new Error('the upload was cut off'));
    await expect(importing).rejects.toThrow(/cut off/);

    const res = await created;
    expect(res.status).toBe(201);
    const key = (await res.json()) as { key: string; role: string };
    expect(await authenticate(ws.ctx, key.key)).toMatchObject({ role: 'finance' });
    expect((await revoked).status).toBe(204);
    expect(await authenticate(ws.ctx, victim.key)).toBeUndefined();
    expect(await ws.ctx.store.read.services.count()).toBe(0);
  });
});
