// The installed command line and the HTTP API as a test drives them.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { NOW, PROJECT_ROOT } from './workspace.js';

const BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'ecm-claims');

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/** `ecm-claims <args> --db <dbPath>` with the test clock, as a biller's shell would run it. */
export function runCli(dbPath: string, ...args: string[]): CliResult {
  const r = spawnSync(BIN, [...args, '--db', dbPath], { encoding: 'utf8', env: { ...process.env, ECM_NOW: NOW }, maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** fetch() against a running server, with an optional API key. */
export function apiClient(baseUrl: () => string) {
  return (path: string, init: RequestInit & { key?: string } = {}) =>
    fetch(`${baseUrl()}${path}`, { ...init, headers: { ...(init.key ? { authorization: `Bearer ${init.key}` } : {}), ...(init.headers as Record<string, string> | undefined) } });
}
