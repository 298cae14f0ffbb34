// What the command line says about itself: the whole usage (--help), one command's lines
// (<command> --help), its version (--version), and the two lines of a usage error. A command's
// help comes from its lines in USAGE, so a new command documents itself by adding them.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnknownOptionError, type UsageError } from './args.js';
import { batchUsage } from './commands/batches.js';
import { documentUsage } from './commands/documents.js';
import { remittanceUsage } from './commands/remittances.js';
import { demoUsage } from './commands/demo.js';
import { userUsage } from './commands/users.js';
import { migrateUsage } from './commands/migrate.js';

const COMMAND_LINES = [
  'ecm-claims import organization|payers|staff|members|services <file>',
  'ecm-claims claims build [--payer ID] [--period YYYY-MM]',
  'ecm-claims claims list [--payer ID] [--period YYYY-MM] [--status STATUS]',
  'ecm-claims claims show <claim-id>',
  'ecm-claims claims proof <claim-id> [--format csv|pdf --out FILE]',
  'ecm-claims claims correct <claim-id> --replace|--void --payer-claim-number X',
  'ecm-claims validate [--payer ID] [--period YYYY-MM] [--format 837p|837i|cms1500|ub04|invoice]',
  ...batchUsage,
  'ecm-claims orgs list',
  'ecm-claims orgs create <org-id>',
  'ecm-claims keys create --role admin|billing|finance|platform [--label TEXT]',
  'ecm-claims keys list',
  'ecm-claims keys revoke <key-id>',
  ...userUsage,
  'ecm-claims audit [--from ISO-TIME] [--to ISO-TIME]',
  'ecm-claims serve [--port 8080] [--host 127.0.0.1]',
  '',
  ...documentUsage,
  ...remittanceUsage,
  '',
  ...demoUsage,
  ...migrateUsage,
];

const EVERY_COMMAND = `Options on every command:
  --db PATH      the SQLite file (default ./data/ecm.db, or $ECM_DB)
  --org ID       the organization to work for (default: the only one there is)
  --json         print JSON instead of text
  --help, -h     this text; ecm-claims <command> --help shows one command's lines
  --version, -v  the version of ecm-claims`;

export const USAGE = `ecm-claims: ECM service time -> claims

Usage:
${COMMAND_LINES.map((l) => (l ? `  ${l}` : '')).join('\n')}

${EVERY_COMMAND}

Exit codes: 0 done; 1 error; 2 usage; 3 some claims have errors (held back or left draft);
4 import finished but some rows were rejected.`;

const MORE = "Run 'ecm-claims --help' (or 'ecm-claims <command> --help') for more.";

/** Each command with its usage lines, a line's indented continuation included, in USAGE order. */
function commandLines(): Map<string, string[]> {
  const byCommand = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of COMMAND_LINES) {
    const command = /^ecm-claims ([a-z][\w-]*)/.exec(line)?.[1];
    if (command) {
      current = byCommand.get(command) ?? [];
      byCommand.set(command, current);
      current.push(line);
    } else if (/^ +\S/.test(line) && current) current.push(line);
    else current = undefined;
  }
  return byCommand;
}

export function commandNames(): string[] {
  return [...commandLines().keys()];
}

export function unknownCommand(command: string): string {
  return `unknown command ${command} (commands: ${commandNames().join(', ')})`;
}

/** `ecm-claims <command> --help`; undefined for a command there is none of. */
export function commandHelp(command: string): string | undefined {
  const lines = commandLines().get(command);
  return lines ? `Usage:\n${lines.map((l) => `  ${l}`).join('\n')}\n\n${EVERY_COMMAND}` : undefined;
}

/** The options a command's usage lines name, and those every command takes. */
function optionsOf(command: string): string[] {
  const named = (commandLines().get(command) ?? []).join(' ').match(/--[a-z][a-z-]*/g) ?? [];
  return [...new Set([...named, '--db', '--org', '--json', '--help'])];
}

/** One line saying what was wrong, and where to read more: never the whole usage. */
export function usageErrorText(err: UsageError, command: string | undefined): string {
  const known = command !== undefined && commandLines().has(command);
  const hint = err instanceof UnknownOptionError && known ? ` (${command} takes ${optionsOf(command).join(', ')})` : '';
  return `error: ${err.message}${hint}\n${MORE}\n`;
}

/** The version in package.json: two folders up from src/cli/, three from dist/src/cli/. */
export function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'ecm-claims' && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}
