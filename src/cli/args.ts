// Command-line arguments shared by every command module.

import { parseArgs } from 'node:util';

export class UsageError extends Error {}

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
  };
}

export function parse(argv: string[]): Parsed {
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
    },
  });
  return { positionals, values };
}
