// CARC/RARC descriptions from ../codesets/carc-rarc.json, loaded and validated once.

import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';

const ReasonCodesSchema = z.object({
  carc: z.record(z.string(), z.string()),
  rarc: z.record(z.string(), z.string()),
  missingInformation: z.array(z.string()),
});

export interface ReasonCodes {
  carc: ReadonlyMap<string, string>;
  rarc: ReadonlyMap<string, string>;
  /** CARCs whose denial means "held for missing information": the claim is not clean */
  missingInformation: ReadonlySet<string>;
}

let cache: ReasonCodes | undefined;

export function reasonCodes(): ReasonCodes {
  if (cache === undefined) {
    const data = readDataFile('codesets/carc-rarc.json', ReasonCodesSchema);
    for (const code of data.missingInformation) {
      if (!(code in data.carc)) throw new Error(`codesets/carc-rarc.json: missingInformation code ${code} has no CARC description`);
    }
    cache = { carc: new Map(Object.entries(data.carc)), rarc: new Map(Object.entries(data.rarc)), missingInformation: new Set(data.missingInformation) };
  }
  return cache;
}

/** A CARC or RARC description; undefined for codes outside the subset. */
export function describeReasonCode(code: string): string | undefined {
  const codes = reasonCodes();
  return codes.carc.get(code) ?? codes.rarc.get(code);
}
