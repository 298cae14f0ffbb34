// SIGKILL at random moments during a large import and a large build: the database always opens,
// nothing is duplicated or half-written, and running the command again completes the job. On
// PostgreSQL the server ends a killed CLI's session itself, rolling back its transaction and
// releasing its locks: the next command must not wait on them for long.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { file835 } from '../support/payer-files.js';
import { generateInput } from '../../bench/generate.js';
import { PROJECT_ROOT, SAMPLE_FILES, SAMPLES, workspace, type Workspace, onPostgres } from '../support/workspace.js';
import { storedCount } from '../../bench/stored-rows.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const env = { ...process.env, ECM_NOW: '2026-11-25T18:00:00Z' };
let ws: Workspace;
let files: Awaited<ReturnType<typeof generateInput>>;

function cli(...args: string[]) {
  // spawnSync blocks the test's own timeout: a command left waiting on a lock must fail, not hang the run.
  return spawnSync(process.execPath, [CLI, ...args, '--db', ws.dbPath], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024, timeout: 100_000, killSignal: 'SIGKILL' });
}

/** Starts the command and kills it after `ms`; true when it had already finished. */
async function killAfter(ms: number, ...args: string[]): Promise<boolean> {
  const child = spawn(process.execPath, [CLI, ...args, '--db', ws.dbPath], { env, stdio: 'ignore' });
  let exited = false;
  child.on('exit', () => (exited = true));
  await new Promise((r) => setTimeout(r, ms));
  const finished = exited;
  child.kill('SIGKILL');
  await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(undefined) : child.on('close', r)));
  return finished;
}

/** A SQLite file a killed writer left behind must still pass SQLite's own check. */
function checkSqliteFile(): void {
  if (onPostgres()) return;
  const db = new Database(ws.dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  } finally {
    db.close();
  }
}

async function inspect() {
  checkSqliteFile();
  const count = (sql: string) => storedCount(ws, sql);
  return {
    services: await ws.ctx.store.read.services.count(),
    unfinishedImports: await count('SELECT COUNT(*) FROM imports WHERE finished_at IS NULL'),
    claims: await count('SELECT COUNT(*) FROM claims'),
    lineRows: await count('SELECT COUNT(*) FROM claim_line_services'),
    duplicateRows: await count('SELECT COUNT(*) FROM (SELECT service_id FROM claim_line_services GROUP BY service_id HAVING COUNT(*) > 1) AS twice'),
    builds: await count('SELECT COUNT(*) FROM builds'),
  };
}

beforeAll(async () => {
  // The workspace's store stays open: the checks read through it (on SQLite, its read connection).
  ws = workspace();
  for (const [kind, file] of SAMPLE_FILES) if (kind !== 'services') cli('import', kind, join(SAMPLES, file));
  files = await generateInput(ws.dir, { members: 6000, rowsPerMember: 5, period: '2026-10' });
  expect(cli('import', 'members', files.members).status).toBe(0);
}, 120_000);
afterAll(() => ws.dispose());

describe('killed at random moments', () => {
  it('an import is all or nothing, and running it again completes it', async () => {
    const delays = [80, 250, 500, 900, 1400, 2000];
    for (const ms of delays) {
      await killAfter(ms, 'import', 'services', files.services);
      const state = await inspect();
      expect([0, files.serviceCount]).toContain(state.services);
      expect(state.unfinishedImports).toBe(0);
    }
    const again = cli('import', 'services', files.services, '--json');
    expect(again.status, again.stderr).toBe(0);
    expect((await inspect()).services).toBe(files.serviceCount);
  }, 180_000);

  it('a build is all or nothing, never bills a row twice, and running it again completes it', async () => {
    for (const ms of [100, 400, 800, 1500]) {
      const finished = await killAfter(ms, 'claims', 'build', '--period', '2026-10');
      const state = await inspect();
      expect(state.duplicateRows).toBe(0);
      if (!finished && state.builds === 0) expect(state.claims).toBe(0);
      if (state.claims > 0) expect(state.lineRows).toBe(files.serviceCount);
    }
    const again = cli('claims', 'build', '--period', '2026-10', '--json');
    expect(again.status, again.stderr).toBe(0);
    const state = await inspect();
    expect(state.claims).toBe(6000);
    expect(state.lineRows).toBe(files.serviceCount);
    expect(state.duplicateRows).toBe(0);
  }, 180_000);

  it('an ingest is all or nothing, and running it again applies the file once', async () => {
    const exported = cli('export', '837p', '--payer', 'healthnet', '--out', join(ws.dir, 'out.x12'), '--json');
    expect(exported.status, exported.stderr).toBe(0);
    const claimIds = (JSON.parse(exported.stdout) as { claimIds: string[] }).claimIds;
    const remit = join(ws.dir, 'remit.835');
    const env = { control: 800, sender: 'HNMC1', receiver: 'BRIGHTPATH01', date: '2026-12-01' };
    writeFileSync(remit, file835(env, [{ trace: 'EFT1', paymentDate: '2026-12-10', claims: claimIds.map((id) => ({ claimId: id, status: '1', charge: '100', paid: '90', payerClaimControlNumber: `P${id}` })) }] as never));
    const files = async () => ({
      files: await storedCount(ws, 'SELECT COUNT(*) FROM payer_files'),
      paid: await storedCount(ws, "SELECT COUNT(*) FROM claim_events WHERE kind IN ('paid', 'partially_paid')"),
    });
    for (const ms of [150, 400, 700]) {
      await killAfter(ms, 'ingest', remit);
      const state = await files();
      expect([0, 1]).toContain(state.files);
      expect(state.paid).toBe(state.files === 1 ? claimIds.length : 0);
    }
    expect(cli('ingest', remit).status).toBe(0);
    expect(cli('ingest', remit).status).toBe(0);
    expect(await files()).toEqual({ files: 1, paid: claimIds.length });
  }, 180_000);
});
