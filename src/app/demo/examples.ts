// Loads the project's example data set (examples/) into a database, with every date of the
// example month moved to the demonstration's month so that its claims are always in time.
// Birth dates stay as they are; service dates and ECM enrollment dates move together, so a row
// logged before a member's enrollment is still logged before it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { addMonths } from '../../domain/calendar.js';
import { csvQuoted } from '../../domain/csv.js';
import { AppError } from '../errors.js';
import { importDocument, importFile, type ImportKind, type ImportReport } from '../imports/import-file.js';
import type { AppContext } from '../context.js';

export const EXAMPLE_FILES: ReadonlyArray<readonly [ImportKind, string]> = [
  ['organization', 'organization.json'],
  ['payers', 'payers.json'],
  ['staff', 'staff.csv'],
  ['members', 'members.csv'],
  ['services', 'services.csv'],
];

/** The columns whose dates move with the example month; every other column is kept as written. */
const MOVING_DATES: Partial<Record<ImportKind, readonly string[]>> = {
  members: ['ecm_start_date', 'ecm_end_date'],
  services: ['service_date'],
};

function readExample(dir: string, file: string): string {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    throw new AppError('not_found', `the example file ${join(dir, file)} is missing; the demonstration needs the examples/ folder of this repository`);
  }
}

/** A CSV with the named date columns moved by `months`, written back cell for cell. */
export function shiftCsvDates(text: string, columns: readonly string[], months: number): string {
  const rows = parse(text, { skip_empty_lines: true }) as string[][];
  const [header, ...body] = rows;
  if (!header) return text;
  const at = columns.map((c) => header.indexOf(c)).filter((i) => i >= 0);
  const moved = body.map((row) => row.map((cell, i) => (at.includes(i) && cell !== '' ? addMonths(cell, months) : cell)));
  // Written back for our own import, so a cell keeps its value (no spreadsheet formula guard).
  return [header, ...moved].map((row) => row.map(csvQuoted).join(',')).join('\n') + '\n';
}

export interface LoadedExamples {
  imports: ImportReport[];
}

export async function loadExamples(ctx: AppContext, dir: string, months: number): Promise<LoadedExamples> {
  const imports: ImportReport[] = [];
  for (const [kind, file] of EXAMPLE_FILES) {
    const text = readExample(dir, file);
    const source = `examples/${file}`;
    if (kind === 'organization' || kind === 'payers') {
      imports.push(await importDocument(ctx, kind, JSON.parse(text) as unknown, source));
      continue;
    }
    const columns = MOVING_DATES[kind];
    const moved = columns && months !== 0 ? shiftCsvDates(text, columns, months) : text;
    imports.push(await importFile(ctx, kind, Readable.from([Buffer.from(moved, 'utf8')]), { source }));
  }
  return { imports };
}
