// vitest globalSetup: says once, at the end of the run, which prerequisites were missing and so
// which tests were skipped; under CI=true a missing one stops the run before any test.

import { missingMessage, PREREQUISITES, skippedMessage, underCi } from './prerequisites.js';

export default function setup(): () => void {
  const missing = PREREQUISITES.filter((p) => !p.path);
  if (missing.length > 0 && underCi()) throw new Error(`CI=true and ${missing.map(missingMessage).join('; ')}`);
  return () => {
    for (const p of missing) process.stdout.write(`${skippedMessage(p)}\n`);
  };
}
