// Thousands of random and mutated service rows and whole files: intake never crashes or hangs,
// always answers with a clear error or a per-row issue, and never half-writes an import.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFile } from '../../src/app/imports/import-file.js';
import { AppError } from '../../src/app/errors.js';
import { loadSamples, SAMPLES, textStream, workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace;
beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
});
afterAll(() => ws.dispose());

const sample = readFileSync(join(SAMPLES, 'services.csv'), 'utf8');
const [header, ...rows] = sample.trim().split('\n') as [string, ...string[]];
const countServices = () => ws.ctx.store.read.services.count();

/** A row with some of its cells replaced by hostile strings. */
const mutatedRow = fc
  .tuple(fc.constantFrom(...rows), fc.array(fc.tuple(fc.nat(13), fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '-1', '0', '99999999999', '=cmd()', '"', '""', ',', '\n', '2026-02-30', '25:99', 'NaN', '1e9', '\u0000'))), { maxLength: 4 }))
  .map(([row, edits]) => {
    const cells = row.split(',');
    for (const [i, value] of edits) cells[i % cells.length] = /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    return cells.join(',');
  });

async function importText(text: string | Buffer) {
  const before = await countServices();
  try {
    const report = await importFile(ws.ctx, 'services', (async function* () {
      yield typeof text === 'string' ? Buffer.from(text) : text;
    })(), { source: 'fuzz' });
    // Every row is accounted for: stored (new, updated, unchanged) or rejected with an issue.
    const c = report.counts;
    expect(c.inserted + c.updated + c.unchanged + c.rejected).toBe(c.rowsRead);
    expect(await countServices()).toBe(before + c.inserted);
    for (const issue of report.issues) expect(issue.message.length).toBeGreaterThan(5);
    return report;
  } catch (err) {
    // A whole-file problem: said in a sentence, and nothing was written.
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message.length).toBeGreaterThan(10);
    expect(await countServices()).toBe(before);
    return undefined;
  }
}

describe('intake under hostile input', () => {
  it('handles thousands of mutated rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutatedRow, { minLength: 1, maxLength: 20 }), async (lines) => {
        await importText([header, ...lines].join('\n'));
      }),
      { numRuns: 400, seed: 20261125 },
    );
  });

  it('handles random bytes, truncated files and wrong encodings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 2000 }), async (bytes) => {
        await importText(Buffer.from(bytes));
      }),
      { numRuns: 150, seed: 7 },
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(sample.length), async (cut) => {
        await importText(sample.slice(0, cut));
      }),
      { numRuns: 100, seed: 11 },
    );
    await importText(Buffer.from(sample, 'utf16le'));
    await importText(Buffer.from(sample.replace(/,/g, ';')));
    await importText(`${header}\n${'x'.repeat(1_000_000)}\n`);
  });
});
