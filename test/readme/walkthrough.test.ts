// The README is true on a fresh clone: every shell block marked `<!-- walkthrough -->` runs, line
// by line, with the built command line against a temporary database, in a folder that holds only
// the examples. A line may say the exit code it expects (`# exits 4`); any other line must exit 0.
// A renamed flag, a changed example or a failing step breaks this test.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, PROJECT_ROOT } from '../support/paths.js';

const CLI = join(PROJECT_ROOT, 'dist', 'src', 'cli', 'main.js');
const MARK = '<!-- walkthrough -->';

interface Step {
  command: string;
  expectedExit: number;
}

/** The lines of the marked shell blocks, in order; variables set on earlier lines are kept. */
export function walkthroughSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  const blocks = markdown.split(MARK).slice(1);
  for (const block of blocks) {
    const fence = /^\s*```sh\n([\s\S]*?)\n```/.exec(block);
    if (!fence?.[1]) throw new Error(`a ${MARK} mark is not followed by a \`\`\`sh block`);
    for (const raw of fence[1].split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#')) continue;
      const exit = /#\s*exits\s+(\d+)\b/.exec(line);
      steps.push({ command: line, expectedExit: exit ? Number(exit[1]) : 0 });
    }
  }
  return steps;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-readme-'));
  symlinkSync(EXAMPLES, join(dir, 'examples'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const steps = walkthroughSteps(readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8'));

describe('the README walkthrough', () => {
  it('has walkthrough blocks', () => {
    expect(steps.length).toBeGreaterThan(10);
  });

  // `npx ecm-claims` is the built CLI of this checkout; any other npx would reach for the network.
  const preamble = `npx() { if [ "$1" = ecm-claims ]; then shift; node "$ECM_CLI" "$@"; else echo "walkthrough: npx $1 is not ours" >&2; return 127; fi; }`;
  const assignments: string[] = [];
  for (const step of steps) {
    if (/^[A-Z_]+=\S*$/.test(step.command)) {
      assignments.push(step.command);
      continue;
    }
    it(`${step.command}`, () => {
      const run = spawnSync('bash', ['-c', [preamble, ...assignments, step.command].join('\n')], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, ECM_CLI: CLI, ECM_DB: join(dir, 'ecm.db'), ECM_NOW: '', CI: process.env.CI ?? '' },
        timeout: 60_000,
      });
      expect(run.status, `${step.command}\n${run.stdout}\n${run.stderr}`).toBe(step.expectedExit);
    });
  }
});
