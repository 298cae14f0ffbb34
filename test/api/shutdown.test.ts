// The server says once, in its log, that it stopped: on SIGTERM and SIGINT (the built server as a
// child process, as `npm start` runs it) and when closed from code.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/api/server.js';
import { workspace, type Workspace } from '../support/workspace.js';
import { startInstance, stopInstances, type Instance } from '../../bench/instances.js';

let ws: Workspace | undefined;
let running: Instance | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (running) await stopInstances([running], 'SIGKILL');
  running = undefined;
  ws?.dispose();
  ws = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** `node dist/src/api/server.js` on a free loopback port, as `npm start` runs it. */
async function startChild(dbPath: string): Promise<Instance> {
  running = await startInstance({ ECM_DB: dbPath });
  return running;
}

describe('server shutdown', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('logs one "server.stopped" line on %s and exits 0', async (signal) => {
    dir = mkdtempSync(join(tmpdir(), 'ecm-shutdown-'));
    const server = await startChild(join(dir, 'ecm.db'));
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    server.child.kill(signal);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const stopped = server.lines.filter((l) => l.event === 'server.stopped');
    expect(stopped).toEqual([expect.objectContaining({ level: 'info', reason: signal, url: server.url, uptimeMs: expect.any(Number) })]);
    // Operational fields only: nothing a request or a row carried.
    expect(Object.keys(stopped[0]!).sort()).toEqual(['at', 'event', 'level', 'reason', 'uptimeMs', 'url']);
    expect(server.lines.at(-1)).toBe(stopped[0]);
  });

  it('logs one "server.stopped" line when closed from code, however often close() is called', async () => {
    const events: Array<{ event: string; fields?: Record<string, unknown> }> = [];
    ws = workspace({ logger: { info: (event, fields) => events.push({ event, fields }), error: (event, fields) => events.push({ event, fields }) } });
    const server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1' });
    await Promise.all([server.close(), server.close()]);
    await server.close();
    expect(events.filter((e) => e.event === 'server.stopped')).toEqual([{ event: 'server.stopped', fields: expect.objectContaining({ reason: 'close', url: server.url }) }]);
    // The context is the caller's: it stays open for them.
    expect(await ws.ctx.store.read.imports.list()).toEqual([]);
  });
});
