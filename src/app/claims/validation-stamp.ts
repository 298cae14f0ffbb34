// A claim is validated at build for the format it is decided for; an export on the same day
// would run the same rules on the same facts. The stamp names those facts: the format, the day,
// the generation of the reference data and live claims (ClaimStore.validationInputs), and the
// rule set and code tables of this release. A ready claim whose stamp still matches passes with
// the findings it has; any other claim is validated again. The rendered file is always checked
// in full (segment-rules.ts).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { codesets, PROJECT_ROOT } from '../../codesets/index.js';
import type { ClaimFormat } from '../../domain/reference.js';
import type { Repositories } from '../../store/store.js';
import { ALL_RULES } from '../../validation/rules.js';
import { today, type AppContext } from '../context.js';

let ruleSet: string | undefined;

/** The rules, code tables and release a validation ran with. */
function ruleSetFingerprint(): string {
  if (ruleSet === undefined) {
    const release = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '';
    const facts = JSON.stringify({ release, rules: ALL_RULES.map((r) => `${r.code}:${r.severity}:${(r.formats ?? []).join(',')}`), codesets: codesets() });
    ruleSet = createHash('sha256').update(facts).digest('hex').slice(0, 16);
  }
  return ruleSet;
}

/** Everything in a stamp but the format, as of now. */
export async function stampBase(ctx: AppContext, repos: Repositories): Promise<string> {
  return `${today(ctx)}|${await repos.claims.validationInputs()}|${ruleSetFingerprint()}`;
}

export function validationStamp(format: ClaimFormat, base: string): string {
  return `${format}|${base}`;
}
