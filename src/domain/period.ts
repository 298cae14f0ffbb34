// A billing period is a calendar month, written YYYY-MM. The API's schemas and the command line
// say what is wrong with one in the same words, naming the value so "2026-13" reads as a bad
// month rather than a bad format.

import { z } from 'zod';
import { PERIOD_PATTERN } from './identifiers.js';

export const PERIOD_RULE = 'use YYYY-MM, month 01-12';

/** Short, plain values only: anything else could be a paste of something else entirely. */
const ECHOABLE = /^[\w-]{1,20}$/;

export function isPeriod(value: string): boolean {
  return PERIOD_PATTERN.test(value);
}

/** "2026-13 is not a valid month (use YYYY-MM, month 01-12)" */
export function notAPeriod(value: unknown): string {
  const shown = typeof value === 'string' && ECHOABLE.test(value) ? `${value} ` : '';
  return `${shown}is not a valid month (${PERIOD_RULE})`;
}

export const PeriodSchema = z.string().regex(PERIOD_PATTERN, { error: (issue) => notAPeriod(issue.input) });
