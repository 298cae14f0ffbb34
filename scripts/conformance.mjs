// `npm run conformance`: walks the X12 we write through the implementation-guide maps. The maps
// are not part of this repository (they are not ours to ship), so the folder is named by X12_MAPS
// and defaults to ../shared/x12-maps beside the repository.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const maps = resolve(process.env.X12_MAPS ?? join(root, '..', 'shared', 'x12-maps'));
const needed = ['837.5010.X222.A1.xml', '837Q3.I.5010.X223.A1.xml', 'dataele.xml'];
const missing = needed.filter((file) => !existsSync(join(maps, file)));
if (missing.length > 0) {
  const what = existsSync(maps) ? `has no ${missing.join(', ')}` : 'does not exist';
  console.error(`conformance: the X12 map folder ${maps} ${what}; set X12_MAPS to the folder that holds the implementation-guide maps.`);
  process.exit(1);
}
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.conformance.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, X12_MAPS: maps },
});
process.exit(run.status ?? 1);
