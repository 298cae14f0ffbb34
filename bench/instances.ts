// Service instances as separate processes (`node dist/src/api/server.js`), each on a free
// loopback port, as a deployment runs them behind a load balancer: the load run and the tests of
// several instances and of shutdown start them here. Each instance's stderr is its log, one JSON
// object a line; the instance is ready when it logs "server.started".

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/codesets/index.js';

const SERVER_SCRIPT = join(PROJECT_ROOT, 'dist', 'src', 'api', 'server.js');

export interface LogLine {
  event?: string;
  level?: string;
  [field: string]: unknown;
}

export interface Instance {
  child: ChildProcess;
  url: string;
  /** every log line so far, in order */
  lines: LogLine[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts an instance with `env` over this process's environment (ECM_DB at least). */
export async function startInstance(env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, [SERVER_SCRIPT], { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
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
    void exited.then(({ code }) => reject(new Error(`the instance exited (${code}) before it started: ${pending}`)));
  });
  return { child, url, lines, exited };
}

function isRunning(instance: Instance): boolean {
  return instance.child.exitCode === null && instance.child.signalCode === null;
}

/** Asks every instance still running to stop, and waits until all have exited. */
export async function stopInstances(instances: readonly Instance[], signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  for (const instance of instances) if (isRunning(instance)) instance.child.kill(signal);
  await Promise.all(instances.map((i) => i.exited));
}
