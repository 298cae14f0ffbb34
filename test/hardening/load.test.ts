// 50 concurrent clients on loopback mixing reads, imports, builds and exports: no errors, no
// lost or duplicated rows, no control number used twice. On the SQLite run, one server in this
// process on a fresh file; on the PostgreSQL run, two server processes on one database, the
// clients split between them. (`npm run load [-- --db postgres://...]` runs it for 60 s.)

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad } from '../../bench/load.js';
import { onPostgres, testDatabase } from '../support/workspace.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('under concurrent load', () => {
  it('serves every request and loses or duplicates nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ecm-load-test-'));
    // Each client builds before it exports, and builds take turns across both instances (one
    // writer per organization): on PostgreSQL the first exports come after some ten seconds.
    const r = await runLoad({ seconds: onPostgres() ? 20 : 6, connections: 50, db: testDatabase(dir) });
    expect(r.setting).toBe(onPostgres() ? 'PostgreSQL, 2 instances' : 'SQLite, 1 instance');
    expect(r.errors).toBe(0);
    expect(r.timeouts).toBe(0);
    for (const [route, statuses] of Object.entries(r.byRoute)) {
      // An export finds nothing ready when no build ran since the last one: a 400 that says so.
      const allowed = route === 'export' ? ['201', '400'] : ['200'];
      expect(Object.keys(statuses).filter((s) => !allowed.includes(s)), route).toEqual([]);
    }
    expect(r.byRoute.export?.['201'] ?? 0).toBeGreaterThan(0);
    expect(r.invariants.importsAnswered).toBeGreaterThan(0);
    expect(r.invariants.servicesFound).toBe(r.invariants.servicesExpected);
    expect(r.invariants.partialImports).toBe(0);
    expect(r.invariants.rowsBilledTwice).toBe(0);
    expect(r.invariants.claimsInTwoBatches).toBe(0);
    expect(r.invariants.repeatedControlNumbers).toBe(0);
  }, 120_000);
});
