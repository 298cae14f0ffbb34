import { defineConfig } from 'vitest/config';
import { POSTGRES, skippedMessage, underCi } from './test/support/prerequisites.js';

const shared = {
  include: ['test/**/*.test.ts'],
  // The guide-map checks read maps that are not ours to ship: `npm run conformance` runs them.
  exclude: ['test/conformance/**', '**/node_modules/**'],
};

// The whole suite runs twice: on SQLite, and with every workspace on a PostgreSQL database of
// its own (ECM_TEST_ENGINE=postgres) on a private server the run starts. The tests that compare
// the engines themselves run once. Without PostgreSQL outside CI, the second run is left out
// (prerequisites-setup names the package); under CI it is required.
const postgresRun = POSTGRES.path !== undefined || underCi();
if (!postgresRun) process.stdout.write(`${skippedMessage(POSTGRES)} (the suite's PostgreSQL run)\n`);

export default defineConfig({
  test: {
    ...shared,
    globalSetup: ['test/support/prerequisites-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite' } },
      ...(postgresRun
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                env: { ECM_TEST_ENGINE: 'postgres' },
                globalSetup: ['test/support/prerequisites-setup.ts', 'test/support/postgres-global.ts'],
                exclude: [...shared.exclude, 'test/store/postgres-*.test.ts', 'test/cli/migrate-cli.test.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
