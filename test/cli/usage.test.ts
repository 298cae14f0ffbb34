// How the command line answers when it is asked for help or its version, and when it is used
// wrongly: a usage error is one line naming what was wrong and what is allowed, then where to
// read more; the whole usage is printed only when asked for.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';

const MORE = "Run 'ecm-claims --help' (or 'ecm-claims <command> --help') for more.";

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

/** A usage error: exit 2, nothing on stdout, and exactly two lines on stderr, the second MORE. */
function usageError(...args: string[]): string {
  const r = cli(...args);
  expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
  expect(r.out).toBe('');
  const lines = r.err.split('\n');
  expect(lines, r.err).toHaveLength(3);
  expect(lines[1]).toBe(MORE);
  expect(lines[2]).toBe('');
  return lines[0]!;
}

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
});
afterAll(() => ws.dispose());

describe('ecm-claims help and version', () => {
  it('prints the whole usage for --help and -h, and exits 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = cli(flag);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^ecm-claims: ECM service time -> claims\n\nUsage:\n/);
      for (const command of ['import', 'claims build', 'export cms1500', 'batches file', 'invoices file', 'report', 'serve']) expect(r.out).toContain(`  ecm-claims ${command}`);
      expect(r.out).toMatch(/Exit codes: 0 done/);
    }
  });

  it('prints the usage lines of one command for <command> --help', () => {
    const r = cli('export', '--help');
    expect(r.code, r.err).toBe(0);
    const commandLines = r.out.split('\n').filter((l) => l.trimStart().startsWith('ecm-claims '));
    expect(commandLines.length).toBe(3);
    for (const line of commandLines) expect(line).toMatch(/^ {2}ecm-claims export (837p\|837i|cms1500\|ub04|invoice) /);
    expect(r.out).toContain('--db PATH');
    expect(r.out).not.toContain('claims build');
    expect(r.out).not.toContain('Exit codes');

    const invoices = cli('invoices', '-h');
    expect(invoices.code).toBe(0);
    expect(invoices.out).toContain('ecm-claims invoices file <invoice-number>');
    expect(invoices.out).not.toContain('ecm-claims export');

    expect(usageError('frobnicate', '--help')).toMatch(/^error: unknown command frobnicate \(commands: import, claims, .*batches.*\)$/);
  });

  it('prints the version of package.json for --version and -v', () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const r = cli(flag);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toBe(`ecm-claims ${version}\n`);
    }
  });
});

describe('ecm-claims usage errors', () => {
  it('names an unknown option and the options the command takes', () => {
    expect(usageError('--bogus')).toBe('error: unknown option --bogus');
    const line = usageError('export', 'cms1500', '--bogus', '1');
    expect(line).toMatch(/^error: unknown option --bogus \(export takes --[a-z-]+(, --[a-z-]+)*\)$/);
    for (const option of ['--payer', '--period', '--mode', '--offset-y', '--format', '--claim', '--out', '--db', '--json']) expect(line).toContain(`${option},`);
    expect(usageError('claims', 'list', '-x')).toMatch(/^error: unknown option -x \(claims takes /);
  });

  it('names an option given without its value', () => {
    expect(usageError('claims', 'list', '--payer', '--json')).toBe('error: --payer needs a value');
    expect(usageError('claims', 'list', '--json=yes')).toBe('error: --json takes no value');
  });

  it('names a bad value and what is allowed', () => {
    expect(usageError('claims', 'fly')).toBe('error: claims needs build, list, show, correct or proof');
    expect(usageError('claims', 'list', '--status', 'nope')).toMatch(/^error: --status nope is not a claim status \(use draft, ready, .*\)$/);
    expect(usageError('frobnicate')).toMatch(/^error: unknown command frobnicate \(commands: import, claims, .*\)$/);
    expect(usageError('export', 'cms1500', '--payer', 'healthnet', '--mode', 'fax', '--out', join(ws.dir, 'x.pdf'))).toBe('error: --mode fax is not a CMS-1500 mode (use form or print)');
  });

  it('says a period with month 13 is not a valid month, for every command that takes --period', () => {
    for (const command of [['claims', 'build'], ['claims', 'list'], ['validate'], ['formats'], ['export', '837p', '--payer', 'healthnet', '--out', join(ws.dir, 'x.x12')]]) {
      expect(usageError(...command, '--period', '2026-13')).toBe('error: --period 2026-13 is not a valid month (use YYYY-MM, month 01-12)');
    }
    expect(usageError('claims', 'list', '--period', '2026-1')).toBe('error: --period 2026-1 is not a valid month (use YYYY-MM, month 01-12)');
  });

  it('takes a negative number after a numeric option, and still knows -h', () => {
    // --mode form refuses offsets: reaching that check means -2 was read as the offset's value.
    const line = usageError('export', 'cms1500', '--payer', 'healthnet', '--mode', 'form', '--offset-y', '-2', '--out', join(ws.dir, 'x.pdf'));
    expect(line).toMatch(/^error: --offset-x and --offset-y line data up with pre-printed forms/);
    expect(usageError('export', 'cms1500', '--payer', 'healthnet', '--mode', 'print', '--offset-x', '-100', '--out', join(ws.dir, 'x.pdf'))).toMatch(
      /^error: --offset-x -100 is not a number of points between -72 and 72$/,
    );
    expect(usageError('export', 'cms1500', '--payer', 'healthnet', '--mode', 'print', '--offset-x', '-2', '--offset-y', '-3', '--bogus', '--out', join(ws.dir, 'x.pdf'))).toMatch(
      /^error: unknown option --bogus/,
    );
    expect(cli('export', 'cms1500', '-h').code).toBe(0);
  });
});
