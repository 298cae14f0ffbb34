// A workspace whose clock the test moves: claims are exported, sent, acknowledged and paid on
// the days they would be, and the report is read "today".

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type AppContext, type Clock } from '../../src/app/context.js';
import { buildClaims } from '../../src/app/claims/build.js';
import { showClaim } from '../../src/app/claims/claim-queries.js';
import { exportX12Batch } from '../../src/app/exports/x12-batch.js';
import type { BatchRecord } from '../../src/store/batch-store.js';
import { loadSamples } from './workspace.js';

export interface ClockWorkspace {
  dir: string;
  dbPath: string;
  ctx: AppContext;
  /** moves the clock to noon, California time, of this date */
  setDate(date: string): void;
  dispose(): void;
}

export function clockWorkspace(startDate: string): ClockWorkspace {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-remit-'));
  const dbPath = join(dir, 'ecm.db');
  let at = noon(startDate);
  const clock: Clock = { now: () => at };
  const ctx = createContext({ dbPath, clock });
  return {
    dir,
    dbPath,
    ctx,
    setDate: (date) => {
      at = noon(date);
    },
    dispose: () => {
      ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function noon(date: string): Date {
  return new Date(`${date}T20:00:00Z`);
}

/**
 * The sample month loaded, built and exported as one 837P for Health Net on the workspace's
 * first day, the clock then moved to 2026-11-25: the batch and its three claims in id order.
 */
export async function exportedSampleBatch(ws: ClockWorkspace): Promise<{ batch: BatchRecord; claims: Array<{ id: string; charge: string }> }> {
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
  ws.setDate('2026-11-25');
  return { batch: report.batch!, claims: await Promise.all([...report.claimIds].sort().map(async (id) => ({ id, charge: (await showClaim(ws.ctx, id)).totalCharge }))) };
}
