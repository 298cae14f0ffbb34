// The installed command line, run as a billing office would: `ecm-claims ...` against a SQLite file.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { SAMPLE_FILES, SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
});
afterAll(() => ws.dispose());

describe('ecm-claims command line', () => {
  it('imports the sample files, twice without changing anything', () => {
    for (const [kind, file] of SAMPLE_FILES) {
      const first = cli('import', kind, join(SAMPLES, file));
      expect(first.code, first.err).toBe(0);
      expect(first.out).toMatch(/0 rejected/);
    }
    const again = cli('import', 'services', join(SAMPLES, 'services.csv'), '--json');
    expect(JSON.parse(again.out).counts).toMatchObject({ rowsRead: 10, inserted: 0, updated: 0, unchanged: 10 });
  });

  it('builds, lists and shows claims', () => {
    const build = cli('claims', 'build', '--period', '2026-10');
    expect(build.code).toBe(0);
    expect(build.out).toMatch(/3 claims/);
    expect(build.out).toMatch(/SL-1010: 20 minutes .* not billable/);
    const list = JSON.parse(cli('claims', 'list', '--payer', 'healthnet', '--json').out) as Array<{ id: string; memberCin: string; totalCharge: string }>;
    const claim = list.find((c) => c.memberCin === '91234567A')!;
    expect(claim.totalCharge).toBe('498.75');
    const show = cli('claims', 'show', claim.id);
    expect(show.code).toBe(0);
    expect(show.out).toMatch(/G9012 U2 GQ\s+10\s+S002\s+45\s+0\.75\s+120\.00\s+90\.00/);
    expect(show.out).toMatch(/SL-1004/);
  });

  it('says what is wrong, with exit codes a script can use', () => {
    const missing = cli('claims', 'show', 'C999999');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/claim C999999 does not exist/);
    const usage = cli('claims', 'fly');
    expect(usage.code).toBe(2);
    const badPeriod = cli('claims', 'build', '--period', '2026-1');
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.err).toMatch(/YYYY-MM/);
    const noFile = cli('import', 'services', join(ws.dir, 'nope.csv'));
    expect(noFile.code).toBe(1);
    expect(noFile.err).toMatch(/does not exist/);
  });

  it('refuses the wrong file for a kind, naming the missing columns', () => {
    const r = cli('import', 'staff', join(SAMPLES, 'members.csv'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing the columns? staff_id/);
  });

  it('exits 4 when some rows were rejected, and names them', () => {
    const file = join(ws.dir, 'bad.csv');
    writeFileSync(file, 'service_id,member_cin,service_date,minutes,staff_id,activity,modality,place_of_service\nZ1,91234567A,2026-10-03,60,S001,ecm,in_person,12\nZ2,91234567A,2026-10-03,0,S001,ecm,in_person,12\n');
    const r = cli('import', 'services', file);
    expect(r.code).toBe(4);
    expect(r.out).toMatch(/1 new, .* 1 rejected/);
    expect(r.out).toMatch(/ERROR line 3, column minutes: minutes must be more than 0/);
  });

  it('creates a key once and stores only its hash', () => {
    const r = cli('keys', 'create', '--role', 'finance', '--json');
    expect(r.code).toBe(0);
    const { key, keyId } = JSON.parse(r.out) as { key: string; keyId: string };
    expect(key).toMatch(/^ecm_[0-9a-f]{12}_/);
    const listed = cli('keys', 'list', '--json').out;
    expect(listed).toContain(keyId);
    // The secret is everything after the key id; it may itself contain underscores.
    expect(listed).not.toContain(key.slice(`ecm_${keyId}_`.length));
    expect(cli('keys', 'create', '--role', 'root').code).toBe(2);
  });
});
