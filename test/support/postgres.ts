// A private PostgreSQL server for the tests of the PostgreSQL engine: ECM_TEST_PG_URL when it is
// set (a cluster the caller runs), else one made with initdb in a temporary folder and started on
// a free loopback port, with durability off (the data is thrown away). PostgreSQL refuses to run
// as root, so under root the server runs as the `postgres` system user.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { executable, onPath } from './prerequisites.js';

export interface TestPostgres {
  url: string;
  stop(): Promise<void>;
}

const DEBIAN_PACKAGE = 'postgresql';
const START_TIMEOUT_MS = 30_000;

interface Binaries {
  initdb: string;
  postgres: string;
  psql: string;
}

/** Debian's versioned folders first (highest version), then PATH. */
function findBinaries(): Binaries | undefined {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v));
  } catch {
    // no Debian packages: PATH may still have them
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    const found = { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres'), psql: join(bin, 'psql') };
    if (executable(found.initdb) && executable(found.postgres)) return found;
  }
  const initdb = onPath(['initdb']);
  const postgres = onPath(['postgres']);
  return initdb && postgres ? { initdb, postgres, psql: onPath(['psql']) ?? 'psql' } : undefined;
}

const asRoot = (): boolean => process.getuid?.() === 0;

function postgresUserIds(): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  return uid && gid ? { uid: Number(uid), gid: Number(gid) } : undefined;
}

export function postgresUnavailable(): string | undefined {
  if (process.env.ECM_TEST_PG_URL) return undefined;
  const install = `install Debian's ${DEBIAN_PACKAGE} (apt-get install -y ${DEBIAN_PACKAGE}) or set ECM_TEST_PG_URL`;
  if (!findBinaries()) return `PostgreSQL (initdb and postgres): not found; ${install}`;
  if (asRoot()) {
    if (!postgresUserIds()) return `PostgreSQL: running as root and there is no postgres user to run the server as; ${install}`;
    if (!onPath(['runuser'])) return 'PostgreSQL: running as root and runuser is not on PATH; install Debian\'s util-linux';
  }
  return undefined;
}

/** A command line, run as the postgres user when we are root. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const given = process.env.ECM_TEST_PG_URL;
  if (given) return { url: given, stop: async () => {} };

  const unavailable = postgresUnavailable();
  const binaries = findBinaries();
  if (unavailable || !binaries) throw new Error(unavailable ?? 'PostgreSQL not found');

  const dir = mkdtempSync(join(tmpdir(), 'ecm-pg-'));
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  if (asRoot()) {
    const ids = postgresUserIds();
    if (ids) chownSync(dir, ids.uid, ids.gid);
  }
  const data = join(dir, 'data');

  const [initCommand, initArgs] = asServerUser(binaries.initdb, ['-D', data, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    removeDir();
    throw new Error(`initdb failed (${init.status ?? init.signal}): ${(init.stderr || init.stdout || String(init.error)).trim()}`);
  }

  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const [command, args] = asServerUser(binaries.postgres, [
    '-D', data,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-k', dir,
    // test data only: nothing needs to survive a crash
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
  ]);
  const server = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer): void => {
    log = (log + chunk.toString('utf8')).slice(-8_000);
  };
  server.stdout?.on('data', keep);
  server.stderr?.on('data', keep);
  let spawnError: Error | undefined;
  server.once('error', (e) => (spawnError = e));

  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      // runuser passes SIGTERM on to postgres: a "smart" shutdown once clients have gone
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited(server);
      clearTimeout(timer);
    }
    removeDir();
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (await canConnect(url)) return { url, stop };
    const gone = spawnError !== undefined || server.exitCode !== null || server.signalCode !== null;
    if (gone || Date.now() > deadline) {
      await stop();
      const why = spawnError ? String(spawnError) : gone ? `postgres exited (${server.exitCode ?? server.signalCode})` : `postgres did not accept connections within ${START_TIMEOUT_MS / 1000} s`;
      const lastLines = log.trim().split('\n').slice(-15).join('\n');
      throw new Error(`${why} on port ${port}; its last log lines:\n${lastLines || '(none)'}`);
    }
    await sleep(100);
  }
}

/** The cluster URL with another database in place of its own. */
function withDatabase(clusterUrl: string, name: string): string {
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function freshDatabase(clusterUrl: string, name?: string): Promise<string> {
  const database = name ?? `ecm_test_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`not a safe database name: ${database}`);
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${database}`);
  } finally {
    await client.end();
  }
  return withDatabase(clusterUrl, database);
}

/**
 * A fresh database owned by a role of its own, as the service would run in production: not a
 * superuser, so row-level security applies to everything it does (the tables force it on their
 * owner too). Returns the URL that connects as that role.
 */
export async function appDatabase(clusterUrl: string): Promise<string> {
  const suffix = randomBytes(6).toString('hex');
  const role = `ecm_app_${suffix}`;
  const database = `ecm_app_db_${suffix}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS`);
    await client.query(`CREATE DATABASE ${database} OWNER ${role}`);
  } finally {
    await client.end();
  }
  const url = new URL(withDatabase(clusterUrl, database));
  url.username = role;
  return url.toString();
}

/**
 * appDatabase, made before it returns: a test workspace is made synchronously, so the role and
 * the database are made with psql rather than a client.
 */
export function appDatabaseSync(clusterUrl: string): string {
  const suffix = randomBytes(6).toString('hex');
  const role = `ecm_app_${suffix}`;
  const database = `ecm_app_db_${suffix}`;
  const psql = findBinaries()?.psql ?? 'psql';
  const made = spawnSync(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', clusterUrl, '-c', `CREATE ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS`, '-c', `CREATE DATABASE ${database} OWNER ${role}`], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`could not make a test database: ${made.stderr || made.error?.message}`);
  const url = new URL(withDatabase(clusterUrl, database));
  url.username = role;
  return url.toString();
}
