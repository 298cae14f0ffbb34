// A fresh SQLite file per test in a temp folder, loaded from the sample fixtures when asked.

import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLES } from './paths.js';
import { createContext, fixedClock, type AppContext } from '../../src/app/context.js';
import { importFile, type ImportKind } from '../../src/app/imports/import-file.js';
import type { Logger } from '../../src/app/logger.js';
import { appDatabaseSync } from './postgres.js';
import { inject } from 'vitest';

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

/**
 * Where a test's data lives: a SQLite file in its folder, or, on the PostgreSQL run of the suite
 * (ECM_TEST_ENGINE=postgres), a fresh database of its own on the run's server.
 */
export function testDatabase(dir: string): string {
  if (!onPostgres()) return join(dir, 'ecm.db');
  const cluster = process.env.ECM_TEST_PG_URL ?? inject('pgUrl');
  if (!cluster) throw new Error("ECM_TEST_ENGINE=postgres needs the server: ECM_TEST_PG_URL, or the run's global setup");
  return appDatabaseSync(cluster);
}

export function onPostgres(): boolean {
  return process.env.ECM_TEST_ENGINE === 'postgres';
}

export function workspace(options: { logger?: Logger; now?: string } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-test-'));
  const dbPath = testDatabase(dir);
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
