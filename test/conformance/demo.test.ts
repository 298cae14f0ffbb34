// The demonstration's files conform too: its 837P and 837I as we send them, and the 999, 277CA
// and 835 it writes in the payers' place, each walked through its implementation guide's map.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/app/context.js';
import { demoIntoDatabase, type DemoFile } from '../../src/app/demo/run-demo.js';
import { EXAMPLES } from '../support/paths.js';
import { checkX12, loadX12Map, type Finding } from './x12-map.js';

const MAPS: Record<string, string> = {
  '837p': '837.5010.X222.A1.xml',
  '837i': '837Q3.I.5010.X223.A1.xml',
  '999': '999.5010X231.A1.xml',
  '277ca': '277.5010.X214.xml',
  '835': '835.5010.X221.A1.xml',
};

let dir: string;
let files: DemoFile[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ecm-demo-conformance-'));
  files = (await demoIntoDatabase(join(dir, 'ecm.db'), { examplesDir: EXAMPLES, outDir: join(dir, 'out') }, { clock: fixedClock('2026-12-07T20:00:00Z') })).files;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const show = (findings: readonly Finding[]) => findings.slice(0, 10).map((f) => `#${f.index} ${f.loop} ${f.segment} ${f.element ?? ''}: ${f.message}`).join('\n');

describe('the demonstration files conform to their implementation guides', () => {
  for (const format of Object.keys(MAPS)) {
    it(`every ${format} file`, () => {
      const mine = files.filter((f) => f.format === format);
      expect(mine.length).toBeGreaterThan(0);
      for (const file of mine) {
        const findings = checkX12(readFileSync(join(dir, 'out', file.file), 'latin1'), loadX12Map(MAPS[format]!));
        expect(findings, `${file.file}\n${show(findings)}`).toEqual([]);
      }
    });
  }
});
