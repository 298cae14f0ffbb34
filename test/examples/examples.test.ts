// The example data set does what examples/README.md says: every file loads, the three deliberate
// mistakes give the findings it quotes, and the rest builds into ready claims in all five formats.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { buildClaims, type BuildReport } from '../../src/app/claims/build.js';
import { importFile, type ImportReport } from '../../src/app/imports/import-file.js';
import { EXAMPLE_FILES } from '../../src/app/demo/examples.js';
import { EXAMPLES } from '../support/paths.js';
import { workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
const reports = new Map<string, ImportReport>();
let build: BuildReport;

beforeAll(async () => {
  ws = workspace({ now: '2026-12-07T18:00:00Z' });
  for (const [kind, file] of EXAMPLE_FILES) reports.set(kind, await importFile(ws.ctx, kind, createReadStream(join(EXAMPLES, file)), { source: file }));
  build = await buildClaims(ws.ctx, { period: '2026-11' });
});
afterAll(() => ws.dispose());

describe('the example data set', () => {
  it('loads the organization, five payers, five staff and sixteen members cleanly', () => {
    expect([...reports.values()].map((r) => [r.kind, r.counts.inserted, r.counts.rejected])).toEqual([
      ['organization', 1, 0],
      ['payers', 5, 0],
      ['staff', 5, 0],
      ['members', 16, 0],
      ['services', 48, 1],
    ]);
  });

  it('rejects the row of a member who is not in the member file', () => {
    const issues = reports.get('services')!.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 45, column: 'member_cin', severity: 'error', code: 'UNKNOWN_MEMBER' });
  });

  it('bills nothing for the call that rounds to zero units, and says so', () => {
    const zero = build.notBilled.find((i) => i.code === 'LINE_ROUNDS_TO_ZERO');
    expect(zero?.serviceIds).toEqual(['RCC-11043']);
    expect(zero?.message).toContain("RCC-11043: 20 minutes of 2026-11-20 G9012 U2 GQ round to 0 units under Delta Bay Health Alliance's unit policy");
  });

  it('keeps the overlapping row off the claims and bills the earlier one', () => {
    const overlap = build.notBilled.find((i) => i.code === 'SERVICE_TIME_OVERLAP');
    expect(overlap?.message).toBe(
      'RCC-11013 (13:30-14:15) overlaps RCC-11012 (13:00-14:00), both logged by staff RB02 on 2026-11-17; correct the times in the care-management log and import the row again',
    );
    const lines = build.claims.length;
    expect(lines).toBe(17);
    expect(build.counts.rowsNotBilled).toBe(2);
    expect(build.counts.rowsBilled).toBe(46);
  });

  it('builds 17 ready claims: five 837P, three 837I, four CMS-1500 (one split at six lines), two UB-04 and three invoices', () => {
    expect(build.counts).toMatchObject({ claims: 17, ready: 17, draft: 0 });
    const formats = build.claims.map((c) => c.format).sort();
    expect(formats.filter((f) => f === '837p')).toHaveLength(5);
    expect(formats.filter((f) => f === '837i')).toHaveLength(3);
    expect(formats.filter((f) => f === 'cms1500')).toHaveLength(4);
    expect(formats.filter((f) => f === 'ub04')).toHaveLength(2);
    expect(formats.filter((f) => f === 'invoice')).toHaveLength(3);
    expect(build.claims.filter((c) => c.memberCin === '72415580D').map((c) => c.lineCount)).toEqual([6, 1]);
  });
});
