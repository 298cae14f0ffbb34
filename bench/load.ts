// A load run on loopback: 50 concurrent clients mixing reads, imports, builds and exports against
// a real server on a real SQLite file, then a check that no row was lost or billed twice.
// `npm run load` runs it for 60 seconds and prints requests/s and latency; the test suite runs it
// for a few seconds and asserts the invariants.

import autocannon from 'autocannon';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/api/server.js';
import { createApiKey } from '../src/app/api-keys.js';
import { createContext, fixedClock } from '../src/app/context.js';
import { importDocument, importFile } from '../src/app/imports/import-file.js';
import { PROJECT_ROOT } from '../src/codesets/index.js';
import { Readable } from 'node:stream';
import { generateInput, memberCin } from './generate.js';
import { sqliteConnections } from '../src/store/store.js';

const HEADER = 'service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service,payer_id\n';
const ROWS_PER_IMPORT = 5;
const MEMBERS = 2000;

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p99Ms: number;
  p50Ms: number;
  errors: number;
  timeouts: number;
  byRoute: Record<string, Record<string, number>>;
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

export async function runLoad(options: { seconds: number; connections: number }): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-load-'));
  const ctx = createContext({ dbPath: join(dir, 'load.db'), clock: fixedClock('2026-11-25T18:00:00Z') });
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
  const server = await startServer({ ctx, port: 0, host: '127.0.0.1', quiet: true });
  const billing = (await createApiKey(ctx, 'billing')).key;
  const finance = (await createApiKey(ctx, 'finance')).key;

  let sequence = 0;
  let importsOk = 0;
  const byRoute: Record<string, Record<string, number>> = {};
  const tally = (route: string) => (status: number) => {
    const r = (byRoute[route] ??= {});
    r[status] = (r[status] ?? 0) + 1;
    if (route === 'import' && status === 200) importsOk++;
  };
  const json = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });

  try {
    const result = await autocannon({
      url: server.url,
      connections: options.connections,
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
    });
    const db = sqliteConnections(ctx.store).read;
    const count = (sql: string) => db.prepare(sql).pluck().get() as number;
    return {
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      p50Ms: result.latency.p50,
      errors: result.errors,
      timeouts: result.timeouts,
      byRoute,
      invariants: {
        // Counted from the store, not from responses: a request still in flight when the run
        // stops may have committed without its client hearing back.
        servicesExpected: before + count(`SELECT COALESCE(SUM(inserted), 0) FROM imports WHERE import_id > ${lastSetupImport}`),
        partialImports: count(`SELECT COUNT(*) FROM imports WHERE import_id > ${lastSetupImport} AND inserted <> ${ROWS_PER_IMPORT}`),
        importsAnswered: importsOk,
        servicesFound: await ctx.store.read.services.count(),
        rowsBilledTwice: count(
          "SELECT COUNT(*) FROM (SELECT s.service_id FROM claim_line_services s JOIN claims c ON c.claim_id = s.claim_id WHERE c.status NOT IN ('draft', 'ready') AND c.frequency = '1' GROUP BY s.service_id HAVING COUNT(*) > 1)",
        ),
        claimsInTwoBatches: count('SELECT COUNT(*) FROM (SELECT claim_id FROM batch_claims GROUP BY claim_id HAVING COUNT(*) > 1)'),
        repeatedControlNumbers: count('SELECT COUNT(*) FROM (SELECT interchange_control FROM batches WHERE interchange_control IS NOT NULL GROUP BY sender_id, interchange_control HAVING COUNT(*) > 1)'),
      },
    };
  } finally {
    await server.close();
    ctx.store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.env.LOAD_SECONDS ?? 60);
  const r = await runLoad({ seconds, connections: 50 });
  console.log(`ecm-claims load: 50 connections for ${seconds} s on loopback, node ${process.version}`);
  console.log(`  ${r.requests} requests, ${r.requestsPerSecond.toFixed(0)} requests/s, latency p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ${r.errors} errors, ${r.timeouts} timeouts`);
  for (const [route, statuses] of Object.entries(r.byRoute)) console.log(`  ${route.padEnd(13)} ${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}`);
  console.log(`  invariants: ${JSON.stringify(r.invariants)}`);
}
