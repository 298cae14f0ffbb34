// Paper and invoice output from the command line (CMS-1500 PDFs, DHCS invoices).

import type { AppContext } from '../../app/context.js';
import type { Parsed } from '../args.js';

export const documentUsage: string[] = [];

/** command name -> handler; `export` receives formats other than 837p/837i */
export const documentCommands: Record<string, (ctx: AppContext, p: Parsed) => Promise<number>> = {};
