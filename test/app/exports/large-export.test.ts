// An export larger than one transaction set is written in parts read from the store, on both
// threads (export-parts.ts); the file must be byte for byte the one the renderer gives with every
// claim in memory at once.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReadStream } from 'node:fs';
import { importFile } from '../../../src/app/imports/import-file.js';
import { buildClaims } from '../../../src/app/claims/build.js';
import { batchFile, exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import { loadParties, submissionClock, withMembers } from '../../../src/app/submission-parties.js';
import { render837p } from '../../../src/x12/write/837p.js';
import { generateInput } from '../../../bench/generate.js';
import { parseWithX12Parser } from '../../x12/fixtures.js';
import { loadSamples, workspace, type Workspace } from '../../support/workspace.js';
import { allBytes } from '../../support/bytes.js';

let ws: Workspace;
beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['members', 'services']);
  const files = await generateInput(ws.dir, { members: 5_150, rowsPerMember: 2, period: '2026-10' });
  await importFile(ws.ctx, 'members', createReadStream(files.members), { source: 'test' });
  await importFile(ws.ctx, 'services', createReadStream(files.services), { source: 'test' });
  await buildClaims(ws.ctx, { period: '2026-10' });
}, 60_000);
afterAll(() => ws.dispose());

describe('an 837P export of more claims than one transaction set holds', () => {
  it('writes the same bytes as rendering every claim at once, in two transaction sets', async () => {
    const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p', period: '2026-10' });
    const batch = report.batch!;
    expect(report.held).toEqual([]);
    expect(batch).toMatchObject({ claimCount: 5_150, transactionCount: 2 });
    const stored = (await allBytes((await batchFile(ws.ctx, batch.batchId)).chunks)).toString('latin1');

    const repos = ws.ctx.store.read;
    const parties = await loadParties(repos, 'healthnet');
    const claims = await withMembers(repos, await repos.claims.loadMany(report.claimIds));
    const control = { interchange: Number(batch.interchangeControl), group: Number(batch.groupControl), transaction: Number(batch.firstTransactionControl) };
    const { separators, newline } = parties.payer.interchange;
    expect(stored).toBe(render837p(parties, claims, submissionClock(ws.ctx), control, { batchId: batch.batchId, separators, newline }));

    const segments = await parseWithX12Parser(stored);
    expect(segments.filter((s) => s.name === 'ST')).toHaveLength(2);
    expect(segments.filter((s) => s.name === 'CLM')).toHaveLength(5_150);
  });
});
