// The worker thread's entry as one file. A worker that loads the compiled modules one by one
// (about 190 of them, most of them zod's) spends about 0.1 s in the module loader before it
// computes anything, and an import, a build and an export each start one; bundled, it starts in
// about half that (npm run bench). better-sqlite3 stays outside: it loads its native addon.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'dist', 'src', 'worker', 'compute-worker.js')],
  outfile: join(root, 'dist', 'src', 'worker', 'compute-worker.bundle.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  logLevel: 'warning',
});
