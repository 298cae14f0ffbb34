// A build large enough to run in a worker thread gives exactly the claims the same build gives on
// the main thread: same ids, lines, formats, findings and statuses.

import { afterEach, describe, expect, it } from 'vitest';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../../src/app/imports/import-file.js';
import { buildClaims } from '../../../src/app/claims/build.js';
import { openComputeSession } from '../../../src/app/compute-session.js';
import { generateInput } from '../../../bench/generate.js';
import { loadSamples, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';

const open: Workspace[] = [];
afterEach(async () => {
  delete process.env.ECM_WORKERS;
  for (const w of open.splice(0)) w.dispose();
});

async function builtWith(workers: boolean) {
  process.env.ECM_WORKERS = workers ? '1' : '0';
  const logged: Array<Record<string, unknown>> = [];
  const w = workspace({ logger: { info: (event, fields) => logged.push({ event, ...fields }), error: () => undefined } });
  open.push(w);
  await loadSamples(w.ctx, ['members', 'services']);
  // Enough members for a worker to take part (builds of fewer run on one thread).
  const files = await generateInput(w.dir, { members: 4_100, rowsPerMember: 2, period: '2026-10', payers: ['healthnet', 'iehp'], hostile: true });
  await importFile(w.ctx, 'members', createReadStream(files.members), { source: 'test' });
  await importFile(w.ctx, 'services', createReadStream(files.services), { source: 'test' });
  // A second build replaces the first one's drafts and keeps their ids.
  await buildClaims(w.ctx, { period: '2026-10' });
  const report = await buildClaims(w.ctx, { period: '2026-10' });
  const repos = w.ctx.store.read;
  const threaded = logged.filter((l) => l.event === 'claims.built').map((l) => l.threaded);
  return { report, claims: await repos.claims.loadMany(await repos.claims.ids({})), next: await repos.claims.lastClaimNumber(), threaded };
}

describe('a build split across threads', () => {
  it('numbers, prices, decides and validates every claim as the single-threaded build does', async () => {
    const threaded = await builtWith(true);
    const single = await builtWith(false);
    expect(threaded.report.counts).toEqual(single.report.counts);
    expect(threaded.threaded).toEqual([true, true]);
    expect(single.threaded).toEqual([false, false]);
    expect(threaded.report.counts.claims).toBe(4_100);
    expect(threaded.report.notBilled).toEqual(single.report.notBilled);
    expect(threaded.claims).toEqual(single.claims);
    expect(threaded.next).toBe(single.next);
    expect(new Set(threaded.claims.map((c) => c.format))).toEqual(new Set(['837p', 'invoice']));
  });

  it('runs in a worker thread, reads its slice from the database and passes a failure inside it back to the caller', async () => {
    const w = workspace();
    open.push(w);
    await loadSamples(w.ctx);
    const cins = await w.ctx.store.read.services.buildMembers({ period: '2026-10' });
    const session = openComputeSession(
      'build-slices',
      {
        organization: JSON.parse(readFileSync(join(SAMPLES, 'organization.json'), 'utf8')),
        // The slice's rows name payers this setup does not have.
        payers: [],
        staff: [],
        day: '2026-11-25',
        keptIds: [],
        billed: [],
        held: [],
        duplicates: [],
        stampBase: 'test',
        filter: { period: '2026-10' },
        buildId: 1,
        at: '2026-11-25T18:00:00Z',
        dbPath: w.dbPath,
        org: w.ctx.store.org,
      },
      { thread: true },
    );
    try {
      expect(session.threaded).toBe(true);
      expect(cins.length).toBeGreaterThan(0);
      await expect(session.run({ slice: 0, memberCins: cins })).rejects.toThrow(/payer \S+ is not loaded/);
    } finally {
      await session.close();
    }
  });
});
