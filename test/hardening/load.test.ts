// 50 concurrent clients on loopback mixing reads, imports, builds and exports: no errors, no
// lost or duplicated rows, no control number used twice. (`npm run load` runs it for 60 s.)

import { describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load.js';

describe('under concurrent load', () => {
  it('serves every request and loses or duplicates nothing', async () => {
    const r = await runLoad({ seconds: 6, connections: 50 });
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
  }, 60_000);
});
