// The server says once, in its log, that it stopped: on SIGTERM and SIGINT (the built server as a
// child process, as `npm start` runs it) and when closed from code.

import { afterEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/api/server.js';
import { PROJECT_ROOT, workspace, type Workspace } from '../support/workspace.js';

const SERVER = join(PROJECT_ROOT, 'dist', 'src', 'api', 'server.js');

type LogLine = Record<string, unknown> & { event?: string };

interface Started {
  child: ChildProcess;
  url: string;
  lines: LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let ws: Workspace | undefined;
let running: ChildProcess | undefined;
let dir: string | undefined;
afterEach(async () => {
  if (running && running.exitCode === null && running.signalCode === null) running.kill('SIGKILL');
  running = undefined;
  ws?.dispose();
  ws = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** `node dist/src/api/server.js` on a free loopback port, its stderr read as log lines. */
async function startChild(dbPath: string): Promise<Started> {
  const child = spawn(process.execPath, [SERVER], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ECM_DB: dbPath }, stdio: ['ignore', 'ignore', 'pipe'] });
  running = child;
  const lines: LogLine[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let pending = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (text: string) => {
      pending += text;
      const complete = pending.split('\n');
      pending = complete.pop()!;
      for (const raw of complete) {
        const line = JSON.parse(raw) as LogLine;
        lines.push(line);
        if (line.event === 'server.started') resolve(String(line.url));
      }
    });
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before it started: ${pending}`)));
  });
  return { child, url, lines, exited };
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
