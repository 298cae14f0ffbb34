// A 50 MB services file is streamed: the CLI imports it under a 64 MB JavaScript heap and its
// peak resident memory stays far below the file's parsed size. The rows are read and checked in
// a worker thread with its own heap while the main thread writes, so the bound covers two heaps
// (about 220 MB measured; about 180 MB when the import ran on one thread).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { PROJECT_ROOT, SAMPLES, workspace, type Workspace } from '../support/workspace.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const HEADER = 'service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note\n';

let ws: Workspace;
let file: string;
let rows = 0;

async function writeBigFile(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(HEADER);
  let written = HEADER.length;
  let i = 0;
  while (written < bytes) {
    i++;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const line = `BIG-${String(i).padStart(8, '0')},${i % 2 ? '91234567A' : '92345678B'},2026-10-${day},,,${15 + (i % 60)},S00${1 + (i % 3)},ecm,${i % 2 ? 'in_person' : 'phone'},${i % 2 ? '12' : '10'},Z59.00,healthnet,,Routine follow-up about housing and transport\n`;
    written += line.length;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return i;
}

beforeAll(async () => {
  ws = workspace();
  ws.ctx.store.close();
  for (const [kind, name] of [['organization', 'organization.json'], ['payers', 'payers.json'], ['staff', 'staff.csv'], ['members', 'members.csv']]) {
    execFileSync(process.execPath, [CLI, 'import', kind!, join(SAMPLES, name!), '--db', ws.dbPath]);
  }
  file = join(ws.dir, 'services.csv');
  rows = await writeBigFile(file, 50 * 1024 * 1024);
}, 120_000);

afterAll(() => ws.dispose());

describe('a 50 MB services file', () => {
  it('imports every row with bounded memory', () => {
    const probe = `process.on('exit', () => process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n')); process.argv.splice(1, 0, 'cli'); await import(${JSON.stringify(CLI)});`;
    const result = spawnSync(process.execPath, ['--max-old-space-size=64', '--input-type=module', '-e', probe, 'import', 'services', file, '--db', ws.dbPath, '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ECM_NOW: '2026-11-25T18:00:00Z' },
    });
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { counts: { rowsRead: number; inserted: number; rejected: number } };
    expect(report.counts).toMatchObject({ rowsRead: rows, inserted: rows, rejected: 0 });
    const maxRssKb = Number(/MAXRSS_KB (\d+)/.exec(result.stderr)?.[1]);
    expect(maxRssKb).toBeGreaterThan(0);
    expect(maxRssKb).toBeLessThan(240 * 1024);
  }, 180_000);
});
