// Plain-text tables and messages for billers at a terminal; --json gives the same data as JSON.

import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ValidationIssue } from '../domain/claim.js';
import { AppError } from '../app/errors.js';

export function print(json: boolean | undefined, data: unknown, text: () => string): void {
  const out = json ? JSON.stringify(data, null, 2) : text();
  // Text with nothing to say prints nothing, rather than a blank line.
  if (out !== '') process.stdout.write(`${out}\n`);
}

/** "1 claim", "2 claims": every count a sentence shows goes through here. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${noun(n, singular, plural)}`;
}

export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural;
}

export function issueLines(issues: readonly ValidationIssue[]): string[] {
  return issues.map((i) => {
    const where = i.path ? ` at ${[i.path.loop, i.path.segment, i.path.element].filter(Boolean).join(' ')}` : '';
    return `  ${i.severity === 'error' ? 'ERROR' : 'warning'} ${i.code}${where}: ${i.message}${i.serviceIds.length ? ` [rows ${i.serviceIds.join(', ')}]` : ''}`;
  });
}

/** Writes next to the target and renames, so a reader never sees half a file. */
export async function writeAtomically(path: string, chunks: Iterable<Buffer> | AsyncIterable<Buffer>): Promise<void> {
  const temp = `${path}.${process.pid}.partial`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(temp));
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw new AppError('invalid', `could not write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export function table(rows: ReadonlyArray<Record<string, string | number>>, columns: ReadonlyArray<[key: string, title: string]>): string {
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((r) => String(r[key] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(columns.map(([, t]) => t)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map(([k]) => String(r[k] ?? ''))))].join('\n');
}

export class Progress {
  private readonly tty: boolean;
  private last = 0;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  update(count: number): void {
    if (!this.tty) return;
    const now = Date.now();
    if (now - this.last < 100) return;
    this.last = now;
    this.stream.write(`\r${this.label}: ${count.toLocaleString('en-US')} ${noun(count, 'row')}`);
  }

  done(): void {
    if (this.tty && this.last > 0) this.stream.write('\n');
  }
}
