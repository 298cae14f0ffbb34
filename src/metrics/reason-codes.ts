// Plain-English descriptions for the codes payers send back: CARC/RARC from ../codesets/carc-rarc.json
// (835 remittances) and claim status from ../codesets/claim-status.json (277CA and 277). Each file is
// loaded and validated once, on first use.

import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';

// A blank description would show as an empty cell on the denial worklist: refuse the file instead.
const Descriptions = z.record(z.string().min(1), z.string().trim().min(1));

const ReasonCodesSchema = z.object({
  carc: Descriptions,
  rarc: Descriptions,
  missingInformation: z.array(z.string()),
});

const ClaimStatusSchema = z.object({
  categories: Descriptions,
  // STC01-2 is numeric; a letter here would be a category filed in the wrong place.
  statuses: z.record(z.string().regex(/^\d+$/), z.string().trim().min(1)),
});

export interface ReasonCodes {
  carc: ReadonlyMap<string, string>;
  rarc: ReadonlyMap<string, string>;
  /** CARCs whose denial means "held for missing information": the claim is not clean */
  missingInformation: ReadonlySet<string>;
}

export interface ClaimStatusCodes {
  /** STC01-1: where the claim stands (acknowledged, pending, finalized, information requested, error) */
  categories: ReadonlyMap<string, string>;
  /** STC01-2: what, within that category, the payer is pointing at */
  statuses: ReadonlyMap<string, string>;
}

let cache: ReasonCodes | undefined;
let statusCache: ClaimStatusCodes | undefined;

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

export function claimStatusCodes(): ClaimStatusCodes {
  if (statusCache === undefined) {
    const data = readDataFile('codesets/claim-status.json', ClaimStatusSchema);
    statusCache = { categories: new Map(Object.entries(data.categories)), statuses: new Map(Object.entries(data.statuses)) };
  }
  return statusCache;
}

/** A CARC or RARC description; undefined for codes outside the subset. */
export function describeReasonCode(code: string): string | undefined {
  const codes = reasonCodes();
  return codes.carc.get(code) ?? codes.rarc.get(code);
}

export type CodeKind = 'CARC' | 'RARC' | 'claim status category' | 'claim status';

export interface CodeDescription {
  kind: CodeKind;
  code: string;
  description: string;
}

/** What a worklist shows for a code the code sets do not carry, so the row still reads as a sentence. */
export const NO_DESCRIPTION = 'no description on file';

function lookUp(kind: CodeKind, code: string): string | undefined {
  switch (kind) {
    // Remittances and people write n290 as often as N290; the code lists themselves are upper case.
    case 'CARC':
      return reasonCodes().carc.get(code.toUpperCase());
    case 'RARC':
      return reasonCodes().rarc.get(code.toUpperCase());
    case 'claim status category':
      return claimStatusCodes().categories.get(code);
    case 'claim status':
      return claimStatusCodes().statuses.get(code);
  }
}

/**
 * The description billing staff read for one code. The kind is required because the code
 * lists overlap: 16 is a CARC (missing information) and a claim status (forwarded to an entity).
 * The code comes back trimmed but otherwise as given, so the row shows what the payer sent.
 */
export function describeCode(kind: CodeKind, code: string): CodeDescription {
  const trimmed = code.trim();
  return { kind, code: trimmed, description: lookUp(kind, trimmed) ?? NO_DESCRIPTION };
}
