// A CSV file of more than a few megabytes is read and checked in a worker thread while the main
// thread writes. The outcome must be the one the single-threaded import gives: the same rows
// stored, the same counts, the same issues on the same lines; and a file that breaks past the
// point where the worker took over still fails whole, with a sentence, keeping nothing.

import { afterEach, describe, expect, it } from 'vitest';
import { createReadStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importFile } from '../../src/app/imports/import-file.js';
import type { Logger } from '../../src/app/logger.js';
import { generateInput } from '../../bench/generate.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { storedRows } from '../../bench/stored-rows.js';

const open: Workspace[] = [];
afterEach(async () => {
  delete process.env.ECM_WORKERS;
  for (const w of open.splice(0)) w.dispose();
});

async function prepared(logged: Array<Record<string, unknown>>): Promise<{ ws: Workspace; services: string }> {
  const logger: Logger = { info: (event, fields) => logged.push({ event, ...fields }), error: () => undefined };
  const ws = workspace({ logger });
  open.push(ws);
  await loadSamples(ws.ctx, ['members', 'services']);
  const files = await generateInput(ws.dir, { members: 15_000, rowsPerMember: 4, period: '2026-10', payers: ['healthnet', 'iehp'], hostile: true });
  await importFile(ws.ctx, 'members', createReadStream(files.members), { source: 'test' });
  // Mistakes all through the file, so that rows checked on either thread carry some.
  const lines = readFileSync(files.services, 'utf8').split('\n');
  for (let k = 0, i = 1; i < lines.length - 1; k++, i += 997) {
    const cells = lines[i]!.split(',');
    const mistake = k % 5;
    if (mistake === 0) cells[6] = 'S999';
    else if (mistake === 1) cells[2] = '2026-02-30';
    else if (mistake === 2) cells[1] = '99999999Z';
    else if (mistake === 3) cells.push('extra');
    // a payer other than the member file's: kept, with a warning
    else cells[11] = cells[11] === 'iehp' ? 'healthnet' : 'iehp';
    lines[i] = cells.join(',');
  }
  writeFileSync(files.services, lines.join('\n'));
  return { ws, services: files.services };
}

async function importedWith(workers: boolean) {
  process.env.ECM_WORKERS = workers ? '1' : '0';
  const logged: Array<Record<string, unknown>> = [];
  const { ws, services } = await prepared(logged);
  expect(statSync(services).size).toBeGreaterThan(4 * 1024 * 1024);
  const report = await importFile(ws.ctx, 'services', createReadStream(services), { source: 'test' });
  const stored = await storedRows(ws, 'SELECT service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash FROM services ORDER BY service_id');
  const issues = await ws.ctx.store.read.imports.issues(report.importId, 100_000);
  return { report: { ...report, importId: 0 }, stored, issues, threaded: logged.find((l) => l.event === 'import.finished' && l.kind === 'services')?.threaded };
}

describe('a large CSV import read on two threads', () => {
  it('stores, counts and reports exactly what the single-threaded import does', async () => {
    const threaded = await importedWith(true);
    const single = await importedWith(false);
    expect(threaded.threaded).toBe(true);
    expect(single.threaded).toBe(false);
    expect(threaded.report.counts.rejected).toBeGreaterThan(40);
    expect(threaded.report.counts.warnings).toBeGreaterThan(5);
    expect(threaded.report).toEqual(single.report);
    expect(threaded.issues).toEqual(single.issues);
    expect(threaded.stored).toEqual(single.stored);
  }, 60_000);

  it('fails whole, with a sentence, when the file breaks after the worker took over', async () => {
    const { ws, services } = await prepared([]);
    const text = readFileSync(services, 'utf8');
    // An unclosed quote near the end: the parser meets it long after the first megabytes.
    const broken = `${text.slice(0, text.length - 200)}"${text.slice(text.length - 200)}`;
    await expect(importFile(ws.ctx, 'services', Readable.from([Buffer.from(broken)]), { source: 'test' })).rejects.toThrow(/could not be read as CSV past that point/);
    expect(await ws.ctx.store.read.services.count()).toBe(0);

    // An upload cut off partway fails the same way.
    const cut = Readable.from(
      (async function* () {
        for (let at = 0; at < 6 * 1024 * 1024; at += 64 * 1024) yield Buffer.from(text.slice(at, at + 64 * 1024));
        throw new Error('the connection was reset');
      })(),
    );
    await expect(importFile(ws.ctx, 'services', cut, { source: 'test' })).rejects.toThrow(/could not be read as CSV past that point: the connection was reset/);
    expect(await ws.ctx.store.read.services.count()).toBe(0);
  }, 60_000);
});
