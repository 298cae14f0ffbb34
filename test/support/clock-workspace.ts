// A workspace whose clock the test moves: claims are exported, sent, acknowledged and paid on
// the days they would be, and the report is read "today".

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, type AppContext, type Clock } from '../../src/app/context.js';

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
