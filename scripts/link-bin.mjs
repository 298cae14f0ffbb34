// npm links the bins of dependencies into node_modules/.bin but not the project's own, so after
// the build this links `ecm-claims` there too: `npx ecm-claims` then works in a fresh clone.
import { chmodSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'src', 'cli', 'main.js');
const bin = join(root, 'node_modules', '.bin', 'ecm-claims');
chmodSync(target, 0o755);
mkdirSync(dirname(bin), { recursive: true });
rmSync(bin, { force: true });
symlinkSync(relative(dirname(bin), target), bin);
