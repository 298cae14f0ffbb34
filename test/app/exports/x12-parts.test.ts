// The 837 export renders its transaction sets in parts, on the main thread or in a worker that
// reads the claims through its own connection. Parts must cut only between subscriber groups and
// number HL levels as one set would, and a part rendered in the worker must be the part the main
// thread renders.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClaims } from '../../../src/app/claims/build.js';
import { openComputeSession } from '../../../src/app/compute-session.js';
import { createPartRenderer, planParts, type ExportPartSetup } from '../../../src/app/exports/x12-parts.js';
import { loadParties, submissionClock } from '../../../src/app/submission-parties.js';
import { planSets } from '../../../src/x12/write/837-common.js';
import { loadSamples, workspace, type Workspace } from '../../support/workspace.js';

const claims = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}` }));

describe('planning the parts of an 837', () => {
  it('cuts each transaction set between whole subscriber groups, numbering HL levels across its parts', async () => {
    // Set 0: 150 members with one claim each, then a member with 100; set 1: three members of two.
    const set0 = [...Array.from({ length: 150 }, (_, i) => claims(`m${i}-`, 1)), claims('big-', 100)];
    const set1 = [claims('x-', 2), claims('y-', 2), claims('z-', 2)];
    const parts = planParts([set0, set1]);
    const shape = parts.map((p) => ({ set: p.set, groups: p.groups.length, claims: p.groups.flat().length, firstHl: p.firstHl, header: p.header, last: p.last }));
    expect(shape).toEqual([
      { set: 0, groups: 100, claims: 100, firstHl: 2, header: true, last: false },
      // the big member's group is never split: it joins the part it falls in
      { set: 0, groups: 51, claims: 150, firstHl: 102, header: false, last: true },
      { set: 1, groups: 3, claims: 6, firstHl: 2, header: true, last: true },
    ]);
    expect(parts.flatMap((p) => p.groups)).toEqual([...set0, ...set1].map((g) => g.map((c) => c.id)));
  });
});

describe('rendering a part', () => {
  let ws: Workspace;
  let setup: ExportPartSetup;
  let groups: string[][];
  beforeAll(async () => {
    ws = workspace();
    await loadSamples(ws.ctx);
    await buildClaims(ws.ctx, { period: '2026-10' });
    const repos = ws.ctx.store.read;
    const ready = await repos.claims.exportFacts(await repos.claims.ids({ payerId: 'healthnet', status: 'ready' }));
    expect(ready.length).toBeGreaterThan(0);
    groups = planSets(ready, (c) => c.memberCin).flat().map((g) => g.map((c) => c.id));
    const { separators, newline } = (await loadParties(repos, 'healthnet')).payer.interchange;
    setup = { dbPath: ws.ctx.store.path, org: ws.ctx.store.org, format: '837p', parties: await loadParties(repos, 'healthnet'), clock: submissionClock(ws.ctx), batchId: 'B000001', writer: { separators, newline } };
  });
  afterAll(() => ws.dispose());

  it('gives the same text, counts and findings in a worker thread as on the main thread', async () => {
    const local = await createPartRenderer(setup, ws.ctx.store.read)({ groups, firstHl: 2, header: true });
    if (!('part' in local)) throw new Error(local.failure.message);
    expect(local.part.claims).toBe(groups.flat().length);
    expect(local.part.text.startsWith('BHT*0019*00*B000001*')).toBe(true);
    expect(local.part.text.match(/~/g)).toHaveLength(local.part.segments);
    expect(local.part.text.match(/(^|~\n?)CLM\*/g)).toHaveLength(local.part.claims);

    const session = openComputeSession('render-837-parts', setup, { thread: true });
    try {
      expect(session.threaded).toBe(true);
      expect(await session.run({ groups, firstHl: 2, header: true })).toEqual(local);
      // A later part of the same set: no header loops, HL numbers continue from firstHl.
      const later = await session.run({ groups: groups.slice(0, 1), firstHl: 40, header: false });
      if (!('part' in later)) throw new Error(later.failure.message);
      expect(later.part.text.startsWith('HL*40*1*22*0~')).toBe(true);
    } finally {
      await session.close();
    }
  });

  it('answers a claim the 837 cannot express with the reason, the field and the claim', async () => {
    const repos = ws.ctx.store.read;
    const [id] = groups[0]!;
    const source = {
      reference: repos.reference,
      // five modifiers: more than SV101 carries
      claims: { loadMany: async (ids: readonly string[]) => (await repos.claims.loadMany(ids)).map((c) => ({ ...c, lines: c.lines.map((l) => ({ ...l, modifiers: ['U1', 'U2', 'U3', 'U4', 'U5'] })) })) },
    };
    expect(await createPartRenderer(setup, source)({ groups: [[id!]], firstHl: 2, header: true })).toEqual({
      failure: { message: expect.stringMatching(/has 5 modifiers; X12 carries 4/), field: 'modifiers', claimId: id },
    });
  });
});
