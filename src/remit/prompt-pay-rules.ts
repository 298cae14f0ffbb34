// The prompt-pay rules and the state holidays from codesets/prompt-pay.json, checked once: the law
// changes by statute, so its figures live in data with their dates and sources, not in code.

import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';
import { isCalendarDate } from '../domain/calendar.js';
import type { PromptPayRules } from './prompt-pay.js';

const day = z.string().refine(isCalendarDate, 'a YYYY-MM-DD date');
const amount = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal number');

const PromptPaySchema = z.object({
  rules: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        source: z.string().min(1),
        receivedFrom: day.optional(),
        receivedBefore: day.optional(),
        deadline: z.discriminatedUnion('count', [
          z.object({ count: z.literal('calendar'), days: z.number().int().positive() }),
          z.object({ count: z.literal('working'), days: z.object({ hmo: z.number().int().positive(), other: z.number().int().positive() }) }),
        ]),
        annualRate: amount,
        penalty: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('greater-of'), minimum: amount, shareOfInterest: amount }),
          z.object({ kind: z.literal('fixed'), amount }),
        ]),
      }),
    )
    .min(1),
  holidays: z.object({ source: z.string().min(1), dates: z.array(z.object({ date: day, name: z.string().min(1) })) }),
});

let cache: PromptPayRules | undefined;

export function promptPayRules(): PromptPayRules {
  if (cache === undefined) {
    const data = readDataFile('codesets/prompt-pay.json', PromptPaySchema);
    // Two rules over the same day would make the answer depend on their order in the file.
    for (const [i, a] of data.rules.entries()) {
      for (const b of data.rules.slice(i + 1)) {
        const overlap = (a.receivedBefore === undefined || b.receivedFrom === undefined || b.receivedFrom < a.receivedBefore) && (b.receivedBefore === undefined || a.receivedFrom === undefined || a.receivedFrom < b.receivedBefore);
        if (overlap) throw new Error(`codesets/prompt-pay.json: rules ${a.id} and ${b.id} cover the same days`);
      }
    }
    cache = { rules: data.rules, holidays: new Set(data.holidays.dates.map((h) => h.date)) };
  }
  return cache;
}
