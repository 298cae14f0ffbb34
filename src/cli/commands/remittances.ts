// Payer responses, payments and timeliness reports from the command line.

import type { AppContext } from '../../app/context.js';
import type { Parsed } from '../args.js';

export const remittanceUsage: string[] = [];

/** command name -> handler */
export const remittanceCommands: Record<string, (ctx: AppContext, p: Parsed) => Promise<number>> = {};
