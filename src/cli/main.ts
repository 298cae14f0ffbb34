#!/usr/bin/env node
// ecm-claims: the command line beside the service. Thin: parse arguments, call app/, print.

import { userInfo } from 'node:os';
import { createContext, type AppContext } from '../app/context.js';
import { AppError, describeStoreFailure } from '../app/errors.js';
import { recordAudit } from '../app/audit.js';
import { jsonLogger } from '../app/logger.js';
import { parse, UsageError, type CommandHandler, type Parsed } from './args.js';
import { batchCommands } from './commands/batches.js';
import { claimCommands } from './commands/claims.js';
import { documentCommands } from './commands/documents.js';
import { importCommands } from './commands/imports.js';
import { keyCommands } from './commands/keys.js';
import { remittanceCommands } from './commands/remittances.js';
import { runDemoCommand } from './commands/demo.js';
import { userCommands } from './commands/users.js';
import { orgCommands } from './commands/orgs.js';
import { scopeForCommand } from './org-scope.js';
import { runMigrateCommand } from './commands/migrate.js';
import { commandHelp, packageVersion, unknownCommand, USAGE, usageErrorText } from './usage.js';

// The usage text, and each command's lines in it, are in usage.ts.

/**
 * command name -> handler: a new command adds its entry here and its usage lines in usage.ts.
 * batchCommands comes after documentCommands so that its `export` is the one called: it does 837P
 * and 837I and hands cms1500, ub04 and invoice on to documentCommands.export.
 */
const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  ...documentCommands,
  ...remittanceCommands,
  ...batchCommands,
  ...importCommands,
  ...claimCommands,
  ...keyCommands,
  ...userCommands,
  ...orgCommands,
};

/** Reads (list, show, audit, keys list) are not audited from the CLI; everything else is. */
function isAuditedCommand(p: Parsed): boolean {
  const [command, sub] = p.positionals;
  if (!command || command === 'audit') return false;
  return !['list', 'show'].includes(sub ?? '');
}

function usageFailure(err: UsageError, command: string | undefined): number {
  process.stderr.write(usageErrorText(err, command));
  return 2;
}

/** The command word of arguments that could not be parsed: the first that is not an option. */
function commandIn(argv: readonly string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

async function main(argv: string[]): Promise<number> {
  let p: Parsed;
  try {
    p = parse(argv);
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err, commandIn(argv));
    throw err;
  }
  const command = p.positionals[0];
  if (p.values.version) {
    process.stdout.write(`ecm-claims ${packageVersion()}\n`);
    return 0;
  }
  if (!command) {
    // Not asked for, but what someone who typed only `ecm-claims` needs: exit 2 all the same.
    process.stdout.write(`${USAGE}\n`);
    return p.values.help ? 0 : 2;
  }
  if (p.values.help) {
    const help = commandHelp(command);
    if (help === undefined) return usageFailure(new UsageError(unknownCommand(command)), undefined);
    process.stdout.write(`${help}\n`);
    return 0;
  }
  if (command === 'serve') {
    const { startServer } = await import('../api/server.js');
    await startServer({ dbPath: p.values.db, port: p.values.port ? Number(p.values.port) : undefined, host: p.values.host });
    return -1;
  }
  let ctx: AppContext | undefined;
  let code = 1;
  try {
    // The demonstration opens its own database (a new file, moved into place when it is done).
    if (command === 'demo') return (code = await runDemoCommand(p));
    if (command === 'migrate') return (code = await runMigrateCommand(p));
    const handler = COMMANDS[command];
    if (!handler) throw new UsageError(unknownCommand(command));
    ctx = createContext({ dbPath: p.values.db, logger: process.env.ECM_LOG === 'json' ? jsonLogger() : undefined });
    ctx = await scopeForCommand(ctx, p);
    code = await handler(ctx, p);
    return code;
  } catch (err) {
    if (err instanceof UsageError) return usageFailure(err, command);
    const storeFailure = describeStoreFailure(err);
    if (storeFailure) err = storeFailure;
    if (err instanceof AppError) {
      if (p.values.json) process.stdout.write(`${JSON.stringify({ error: err.message, details: err.details ?? null })}\n`);
      else process.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    // Unexpected failures: say what kind, never the data that caused it.
    process.stderr.write(`error: ${(err as Error).name ?? 'Error'}: the command failed unexpectedly${(err as { code?: string }).code ? ` (${(err as { code?: string }).code})` : ''}\n`);
    return 1;
  } finally {
    if (ctx && isAuditedCommand(p)) await recordAudit(ctx, { actor: `cli:${userInfo().username}`, action: p.positionals.slice(0, 2).join(' '), target: p.positionals.slice(2).join(' ') || (p.values.email ?? p.values.payer ?? '-'), outcome: `exit ${code}` });
    ctx?.store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  () => {
    process.exitCode = 1;
  },
);
