// Where the tests find their inputs. Everything a test reads lives in this repository, so a fresh
// clone runs the suite; only `npm run conformance` reads the implementation-guide maps, which are
// not ours to ship (test/conformance/x12-map.ts).

import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');
export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures');
/** The sample input files, in the exact shapes our users' care-management systems export. */
export const SAMPLES = join(FIXTURES, 'samples');
export const EXAMPLES = join(PROJECT_ROOT, 'examples');
