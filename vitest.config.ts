import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The guide-map checks read maps that are not ours to ship: `npm run conformance` runs them.
    exclude: ['test/conformance/**', '**/node_modules/**'],
    globalSetup: ['test/support/prerequisites-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
