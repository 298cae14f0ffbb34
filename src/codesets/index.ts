// Typed, validated-once access to the data files in ../codesets. Code tables are data so that
// DHCS revisions are a file edit, not a code change.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ActivitySchema } from '../domain/service-log.js';
import { StaffRoleSchema } from '../domain/reference.js';

function findRoot(): string {
  // Works from src/ (tests) and from dist/src/ (built CLI and server).
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'codesets', 'ecm-hcpcs.json');
    try {
      readFileSync(candidate);
      return dir;
    } catch {
      dir = resolve(dir, '..');
    }
  }
  throw new Error('codesets/ folder not found next to the installed service');
}

export const PROJECT_ROOT = findRoot();

export function readDataFile<T>(relative: string, schema: z.ZodType<T>): T {
  const path = join(PROJECT_ROOT, relative);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${relative} is not valid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const CodingSchema = z.object({
  modalities: z.record(z.string(), z.enum(['in_person', 'telehealth'])),
  codes: z.array(
    z.object({
      activity: ActivitySchema,
      staffRole: StaffRoleSchema,
      modality: z.enum(['in_person', 'telehealth']),
      code: z.string(),
      modifiers: z.array(z.string()),
    }),
  ),
});
export type CodingTable = z.infer<typeof CodingSchema>;

const CodeListSchema = z.object({ codes: z.record(z.string(), z.string()) });

const FormatLimitsSchema = z.object({
  linesPerClaim: z.record(z.string(), z.number().int().positive().nullable()),
  diagnosesPerClaim: z.record(z.string(), z.number().int().positive()),
});
export type FormatLimits = z.infer<typeof FormatLimitsSchema>;

let cache: { coding: CodingTable; placeOfService: Record<string, string>; frequency: Record<string, string>; limits: FormatLimits } | undefined;

export function codesets() {
  cache ??= {
    coding: readDataFile('codesets/ecm-hcpcs.json', CodingSchema),
    placeOfService: readDataFile('codesets/place-of-service.json', CodeListSchema).codes,
    frequency: readDataFile('codesets/claim-frequency.json', CodeListSchema).codes,
    limits: readDataFile('codesets/format-limits.json', FormatLimitsSchema),
  };
  return cache;
}
