// The rate in effect on the date of service: the latest entry whose effective date is on or
// before that date (and whose end, if any, is not before it).

import { Decimal } from 'decimal.js';
import type { FeeScheduleEntry, Payer } from '../domain/reference.js';
import { procedureKey } from './coding.js';

export function feeScheduleEntryOn(payer: Pick<Payer, 'feeSchedule'>, code: string, modifiers: readonly string[], date: string): FeeScheduleEntry | undefined {
  const key = procedureKey(code, modifiers);
  let best: FeeScheduleEntry | undefined;
  for (const entry of payer.feeSchedule) {
    if (procedureKey(entry.code, entry.modifiers) !== key) continue;
    if (entry.effective > date) continue;
    if (entry.end && entry.end < date) continue;
    if (!best || entry.effective > best.effective) best = entry;
  }
  return best;
}

export function rateOn(payer: Pick<Payer, 'feeSchedule'>, code: string, modifiers: readonly string[], date: string): Decimal | undefined {
  const entry = feeScheduleEntryOn(payer, code, modifiers, date);
  return entry ? new Decimal(entry.rate) : undefined;
}
