// A load run on loopback: 50 concurrent clients mixing reads, imports, builds and exports against
// a real server, then a check that no row was lost or billed twice. On SQLite (the default) the
// server runs in this process on a fresh file; with `--db postgres://...` two (or `--instances N`)
// separate server processes share a new organization of that database, the clients split evenly
// between them, as behind a load balancer. `npm run load` runs it for 60 seconds and prints
// requests/s and latency; the test suite runs it for a few seconds and asserts the invariants.

import autocannon from 'autocannon';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/api/server.js';
import { createApiKey } from '../src/app/api-keys.js';
import { createContext, fixedClock, type AppContext } from '../src/app/context.js';
import { importDocument, importFile } from '../src/app/imports/import-file.js';
import { PROJECT_ROOT } from '../src/codesets/index.js';
import { isPostgresUrl } from '../src/store/postgres/pg-store.js';
import { Readable } from 'node:stream';
import { generateInput, memberCin } from './generate.js';
import { startInstance, stopInstances, type Instance } from './instances.js';
import { inNewOrganization, runStamp } from './new-organization.js';
import { storedCount } from './stored-rows.js';

const HEADER = 'service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service,payer_id\n';
const ROWS_PER_IMPORT = 5;
const MEMBERS = 2000;
const NOW = '2026-11-25T18:00:00Z';

export interface LoadResult {
  /** where it ran: "SQLite, 1 instance" or "PostgreSQL, 2 instances" */
  setting: string;
  requests: number;
  requestsPerSecond: number;
  /** the slowest instance's, when there are several */
  p99Ms: number;
  p50Ms: number;
  errors: number;
  timeouts: number;
  byRoute: Record<string, Record<string, number>>;
  /** the 4xx answers by route, status and what they said */
  refusals: Record<string, number>;
  invariants: {
    servicesExpected: number;
    servicesFound: number;
    partialImports: number;
    importsAnswered: number;
    rowsBilledTwice: number;
    claimsInTwoBatches: number;
    repeatedControlNumbers: number;
  };
}

export interface LoadOptions {
  seconds: number;
  connections: number;
  /** a postgres:// URL: the run takes a new organization there; otherwise a fresh SQLite file */
  db?: string;
  /** server processes on PostgreSQL (2 unless told) */
  instances?: number;
}

/** The servers the clients call, and how to stop them. */
interface Servers {
  urls: string[];
  stop(): Promise<void>;
}

async function startServers(ctx: AppContext, options: LoadOptions): Promise<Servers> {
  if (options.db === undefined || !isPostgresUrl(options.db)) {
    const server = await startServer({ ctx, port: 0, host: '127.0.0.1', quiet: true });
    return { urls: [server.url], stop: () => server.close() };
  }
  const running: Instance[] = [];
  try {
    for (let i = 0; i < (options.instances ?? 2); i++) running.push(await startInstance({ ECM_DB: options.db, ECM_NOW: NOW }));
  } catch (err) {
    await stopInstances(running);
    throw err;
  }
  return { urls: running.map((r) => r.url), stop: () => stopInstances(running) };
}

async function openDatabase(dir: string, options: LoadOptions): Promise<{ ctx: AppContext; dbPath: string }> {
  const clock = fixedClock(NOW);
  if (options.db !== undefined && isPostgresUrl(options.db)) return { ctx: await inNewOrganization(options.db, `load-${runStamp()}`, clock), dbPath: options.db };
  const dbPath = options.db ?? join(dir, 'load.db');
  return { ctx: createContext({ dbPath, clock }), dbPath };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-load-'));
  const { ctx, dbPath } = await openDatabase(dir, options);
  const samples = resolve(PROJECT_ROOT, 'test', 'fixtures', 'samples');
  const read = (f: string) => readFileSync(join(samples, f), 'utf8');
  await importDocument(ctx, 'organization', JSON.parse(read('organization.json')), 'load');
  await importDocument(ctx, 'payers', JSON.parse(read('payers.json')), 'load');
  for (const kind of ['staff', 'members', 'services'] as const) await importFile(ctx, kind, Readable.from([read(`${kind}.csv`)]), { source: 'load' });
  // A member file large enough that concurrent imports rarely bill the same member, day and
  // code twice (that would be a duplicate, held back by validation, not exported).
  const generated = await generateInput(dir, { members: MEMBERS, rowsPerMember: 0, period: '2026-10' });
  await importFile(ctx, 'members', createReadStream(generated.members), { source: 'load' });
  const before = await ctx.store.read.services.count();
  const lastSetupImport = (await ctx.store.read.imports.list(1))[0]!.importId;
  const servers = await startServers(ctx, options);
  const billing = (await createApiKey(ctx, 'billing')).key;
  const finance = (await createApiKey(ctx, 'finance')).key;

  let sequence = 0;
  let importsOk = 0;
  const byRoute: Record<string, Record<string, number>> = {};
  const refusals: Record<string, number> = {};
  const tally = (route: string) => (status: number, body?: string) => {
    const r = (byRoute[route] ??= {});
    r[status] = (r[status] ?? 0) + 1;
    if (route === 'import' && status === 200) importsOk++;
    // A 4xx is an answer, not an error: what it said is counted, so that a run can tell "nothing
    // was ready" from anything else.
    if (status >= 400 && status < 500) {
      const said = `${route} ${status}: ${(JSON.parse(body ?? '{}') as { error?: string }).error ?? ''}`;
      refusals[said] = (refusals[said] ?? 0) + 1;
    }
  };
  const json = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

  try {
    // The clients split evenly between the servers, as a round-robin balancer would spread them.
    const results = await Promise.all(servers.urls.map((url, i) => autocannon({
      url,
      connections: Math.floor(options.connections / servers.urls.length) + (i < options.connections % servers.urls.length ? 1 : 0),
      duration: options.seconds,
      timeout: 30,
      requests: [
        { method: 'GET', path: '/api/claims?limit=50', headers: json(finance), onResponse: tally('list claims') },
        {
          method: 'POST',
          path: '/api/imports/services',
          headers: { authorization: `Bearer ${billing}`, 'content-type': 'text/csv' },
          setupRequest: (req) => {
            const rows = Array.from({ length: ROWS_PER_IMPORT }, () => {
              const n = ++sequence;
              return `LOAD-${n},${memberCin(n % MEMBERS)},2026-10-${String(1 + (Math.floor(n / MEMBERS) % 28)).padStart(2, '0')},${15 + (n % 90)},S00${1 + (n % 3)},ecm,in_person,12,healthnet`;
            });
            return { ...req, body: `${HEADER}${rows.join('\n')}\n` };
          },
          onResponse: tally('import'),
        },
        { method: 'GET', path: '/api/batches', headers: json(finance), onResponse: tally('list batches') },
        { method: 'POST', path: '/api/claims/build', headers: json(billing), body: JSON.stringify({ period: '2026-10', payerId: 'healthnet' }), onResponse: tally('build') },
        { method: 'POST', path: '/api/batches', headers: json(billing), body: JSON.stringify({ payerId: 'healthnet', format: '837p', period: '2026-10' }), onResponse: tally('export') },
        { method: 'GET', path: '/health', onResponse: tally('health') },
      ],
    })));
    const count = (sql: string) => storedCount({ dbPath, ctx }, sql);
    const sum = (of: (r: autocannon.Result) => number) => results.reduce((n, r) => n + of(r), 0);
    return {
      setting: `${isPostgresUrl(dbPath) ? 'PostgreSQL' : 'SQLite'}, ${servers.urls.length} instance${servers.urls.length === 1 ? '' : 's'}`,
      requests: sum((r) => r.requests.total),
      requestsPerSecond: sum((r) => r.requests.average),
      p99Ms: Math.max(...results.map((r) => r.latency.p99)),
      p50Ms: Math.max(...results.map((r) => r.latency.p50)),
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      byRoute,
      refusals,
      invariants: {
        // Counted from the store, not from responses: a request still in flight when the run
        // stops may have committed without its client hearing back.
        servicesExpected: before + await count(`SELECT COALESCE(SUM(inserted), 0) FROM imports WHERE import_id > ${lastSetupImport}`),
        partialImports: await count(`SELECT COUNT(*) FROM imports WHERE import_id > ${lastSetupImport} AND inserted <> ${ROWS_PER_IMPORT}`),
        importsAnswered: importsOk,
        servicesFound: await ctx.store.read.services.count(),
        rowsBilledTwice: await count(
          "SELECT COUNT(*) FROM (SELECT s.service_id FROM claim_line_services s JOIN claims c ON c.claim_id = s.claim_id WHERE c.status NOT IN ('draft', 'ready') AND c.frequency = '1' GROUP BY s.service_id HAVING COUNT(*) > 1) twice",
        ),
        claimsInTwoBatches: await count('SELECT COUNT(*) FROM (SELECT claim_id FROM batch_claims GROUP BY claim_id HAVING COUNT(*) > 1) twice'),
        repeatedControlNumbers: await count('SELECT COUNT(*) FROM (SELECT interchange_control FROM batches WHERE interchange_control IS NOT NULL GROUP BY sender_id, interchange_control HAVING COUNT(*) > 1) twice'),
      },
    };
  } finally {
    await servers.stop();
    ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The value after `--name` on the command line, if given. */
function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const db = argument('db');
  const instances = argument('instances');
  const r = await runLoad({ seconds, connections: 50, ...(db !== undefined ? { db } : {}), ...(instances !== undefined ? { instances: Number(instances) } : {}) });
  console.log(`ecm-claims load: 50 connections for ${seconds} s on loopback (${r.setting}), node ${process.version}`);
  console.log(`  ${r.requests} requests, ${r.requestsPerSecond.toFixed(0)} requests/s, latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.timeouts} timeouts`);
  for (const [route, statuses] of Object.entries(r.byRoute)) console.log(`  ${route.padEnd(13)} ${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  for (const [said, n] of Object.entries(r.refusals)) console.log(`  ${n} x ${said}`);
  console.log(`  invariants: ${JSON.stringify(r.invariants)}`);
}
