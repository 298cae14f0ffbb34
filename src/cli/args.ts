// Command-line arguments shared by every command module.

import { parseArgs } from 'node:util';
import type { AppContext } from '../app/context.js';
import { isPeriod, notAPeriod } from '../domain/period.js';

export class UsageError extends Error {}

/** What a command does with the store's context and its parsed arguments: its exit code. */
export type CommandHandler = (ctx: AppContext, p: Parsed) => Promise<number> | number;

/** An option no command takes: main names the options the command does take. */
export class UnknownOptionError extends UsageError {
  constructor(readonly option: string) {
    super(`unknown option ${option}`);
  }
}

export interface Parsed {
  positionals: string[];
  values: {
    db?: string;
    json?: boolean;
    payer?: string;
    period?: string;
    status?: string;
    role?: string;
    label?: string;
    port?: string;
    host?: string;
    help?: boolean;
    version?: boolean;
    out?: string;
    format?: string;
    replace?: boolean;
    void?: boolean;
    'payer-claim-number'?: string;
    mode?: string;
    date?: string;
    amount?: string;
    reference?: string;
    from?: string;
    to?: string;
    'offset-x'?: string;
    'offset-y'?: string;
    claim?: string;
    email?: string;
    org?: string;
    'from-org'?: string;
  };
}

/**
 * Options whose value is a number, which may be negative (a printer offset often is). parseArgs
 * takes `--offset-y -2` for an option missing its value followed by a flag -2, so a negative
 * number after one of these is joined to it (`--offset-y=-2`) before parsing.
 */
const NUMBER_OPTIONS: ReadonlySet<string> = new Set(['offset-x', 'offset-y', 'port', 'amount']);
const NEGATIVE_NUMBER = /^-\.?\d/;

function joinNegativeNumbers(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    // After `--` everything is positional, as parseArgs reads it.
    if (arg === '--') return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    if (arg.startsWith('--') && NUMBER_OPTIONS.has(arg.slice(2)) && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** parseArgs explains itself over three lines and suggests `--` tricks; one line says enough. */
function usageErrorOf(err: unknown): UsageError {
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  const option = /'(-{1,2}[^'\s=<]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UnknownOptionError(option);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return new UsageError(message.includes('does not take') ? `${option} takes no value` : `${option} needs a value`);
  return new UsageError(message.split('\n')[0]!);
}

export function parse(argv: string[]): Parsed {
  let parsed: Parsed;
  try {
    parsed = parseOptions(joinNegativeNumbers(argv));
  } catch (err) {
    throw usageErrorOf(err);
  }
  // Checked here, once, for every command that takes a period.
  const period = parsed.values.period;
  if (period !== undefined && !isPeriod(period)) throw new UsageError(`--period ${notAPeriod(period)}`);
  return parsed;
}

function parseOptions(argv: string[]): Parsed {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean' },
      payer: { type: 'string' },
      period: { type: 'string' },
      status: { type: 'string' },
      role: { type: 'string' },
      label: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
      out: { type: 'string' },
      format: { type: 'string' },
      replace: { type: 'boolean' },
      void: { type: 'boolean' },
      'payer-claim-number': { type: 'string' },
      mode: { type: 'string' },
      date: { type: 'string' },
      amount: { type: 'string' },
      reference: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      'offset-x': { type: 'string' },
      'offset-y': { type: 'string' },
      claim: { type: 'string' },
      email: { type: 'string' },
      org: { type: 'string' },
      'from-org': { type: 'string' },
    },
  });
  return { positionals, values };
}
