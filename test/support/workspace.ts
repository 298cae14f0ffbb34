// A fresh SQLite file per test in a temp folder, loaded from the sample fixtures when asked.

import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES } from './paths.js';
import { createContext, fixedClock, type AppContext } from '../../src/app/context.js';
import { importFile, type ImportKind } from '../../src/app/imports/import-file.js';
import type { Logger } from '../../src/app/logger.js';

export { EXAMPLES, PROJECT_ROOT, SAMPLES } from './paths.js';
export const NOW = '2026-11-25T18:00:00Z';

export const SAMPLE_FILES: ReadonlyArray<[ImportKind, string]> = [
  ['organization', 'organization.json'],
  ['payers', 'payers.json'],
  ['staff', 'staff.csv'],
  ['members', 'members.csv'],
  ['services', 'services.csv'],
];

export interface Workspace {
  dir: string;
  dbPath: string;
  ctx: AppContext;
  dispose(): void;
}

export function workspace(options: { logger?: Logger; now?: string } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-test-'));
  const dbPath = join(dir, 'ecm.db');
  const ctx = createContext({ dbPath, clock: fixedClock(options.now ?? NOW), logger: options.logger });
  return {
    dir,
    dbPath,
    ctx,
    dispose: () => {
      ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function loadSamples(ctx: AppContext, except: ImportKind[] = []): Promise<void> {
  for (const [kind, file] of SAMPLE_FILES) {
    if (except.includes(kind)) continue;
    const path = join(SAMPLES, file);
    await importFile(ctx, kind, createReadStream(path), { source: path });
  }
}

export function textStream(text: string) {
  return (async function* () {
    yield Buffer.from(text);
  })();
}
