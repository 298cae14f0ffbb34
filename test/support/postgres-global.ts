// vitest globalSetup: one PostgreSQL cluster for the whole run, shared by the test files that need
// one (each makes its own database with freshDatabase). Its URL reaches them as inject('pgUrl');
// undefined when PostgreSQL is not installed, and those files skip (or, under CI, fail).

import type { TestProject } from 'vitest/node';
import { postgresUnavailable, startTestPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string | undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (postgresUnavailable()) {
    project.provide('pgUrl', undefined);
    return async () => {};
  }
  const cluster = await startTestPostgres();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
