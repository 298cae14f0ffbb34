// The shape of the code, kept true by the build: dependencies run one way (cli, api, web, worker
// -> app -> store and the pure core -> domain), there is no import cycle anywhere, the store
// depends on the domain alone, app/ holds feature folders and the few files they share, and no
// source file grows past about 350 lines. Read from the sources, so a new import that breaks a
// rule fails here with the file and the line.

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { PROJECT_ROOT } from '../support/paths.js';

const SRC = join(PROJECT_ROOT, 'src');

/** Each top folder of src/ and its layer: an import may only reach the same layer or a lower one. */
const LAYER: Record<string, number> = {
  domain: 0,
  codesets: 1,
  billing: 2, validation: 2, x12: 2, pdf: 2, remit: 2, metrics: 2, intake: 2, demo: 2,
  store: 3,
  app: 4,
  worker: 5, api: 5, web: 5, cli: 5,
};
/** Entry points side by side: the CLI starts the server, the server serves the pages. */
const ENTRY_EDGES = new Set(['cli->api', 'api->web']);
/** The only packages the store may use: its driver, and Node's own modules. */
const STORE_PACKAGES = /^(node:|better-sqlite3$|pg$)/;
/** What every app feature shares stays at app/ level; everything else lives in a feature folder. */
const APP_SHARED = new Set(['api-keys.ts', 'audit.ts', 'compute-session.ts', 'compute-tasks.ts', 'context.ts', 'errors.ts', 'logger.ts', 'submission-parties.ts']);
const MAX_LINES = 360;

interface Import {
  from: string;
  to: string;
  line: number;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

const SPECIFIER = /(?:^|\s)(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): { relative: Import[]; packages: Import[] } {
  const text = readFileSync(file, 'utf8');
  const rel: Import[] = [];
  const packages: Import[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? '';
    const line = text.slice(0, m.index).split('\n').length;
    const from = relative(SRC, file);
    if (spec.startsWith('.')) rel.push({ from, to: relative(SRC, normalize(join(dirname(file), spec))).replace(/\.js$/, '.ts'), line });
    else packages.push({ from, to: spec, line });
  }
  return { relative: rel, packages };
}

const files = sources(SRC);
const graph = new Map(files.map((f) => [relative(SRC, f), importsOf(f)]));
const top = (path: string) => path.split('/')[0] ?? '';
const at = (i: Import) => `src/${i.from}:${i.line} imports ${i.to}`;

function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const { to } of graph.get(node)?.relative ?? []) {
      if (state.get(to) === 'open') found.push([...stack.slice(stack.indexOf(to)), to]);
      else if (!state.has(to) && graph.has(to)) visit(to);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('how the code depends on itself', () => {
  it('reads every source file and knows the layer of each top folder', () => {
    expect(files.length).toBeGreaterThan(100);
    expect([...new Set([...graph.keys()].map(top))].filter((t) => !t.endsWith('.ts') && LAYER[t] === undefined)).toEqual([]);
  });

  it('has no import cycle', () => {
    expect(cycles().map((c) => c.join(' -> '))).toEqual([]);
  });

  it('never imports upward, and entry points only as the CLI starts the server and the server serves the pages', () => {
    const wrong: string[] = [];
    for (const { relative: imports } of graph.values()) {
      for (const i of imports) {
        const [a, b] = [top(i.from), top(i.to)];
        if (a === b) continue;
        const [la, lb] = [LAYER[a] ?? -1, LAYER[b] ?? -1];
        if (lb > la || (la === 5 && lb === 5 && !ENTRY_EDGES.has(`${a}->${b}`))) wrong.push(at(i));
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the store on the domain alone: no core, app or entry module, no package but its driver', () => {
    const wrong: string[] = [];
    for (const [file, { relative: imports, packages }] of graph) {
      if (top(file) !== 'store') continue;
      for (const i of imports) if (!['store', 'domain'].includes(top(i.to))) wrong.push(at(i));
      for (const p of packages) if (!STORE_PACKAGES.test(p.to)) wrong.push(at(p));
    }
    expect(wrong).toEqual([]);
  });

  it('keeps app/ to feature folders and the files they share', () => {
    const loose = readdirSync(join(SRC, 'app')).filter((name) => !statSync(join(SRC, 'app', name)).isDirectory() && !APP_SHARED.has(name));
    expect(loose).toEqual([]);
  });

  it(`keeps every source file under ${MAX_LINES} lines`, () => {
    const long = files.map((f) => [relative(PROJECT_ROOT, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > MAX_LINES);
    expect(long).toEqual([]);
  });
});
