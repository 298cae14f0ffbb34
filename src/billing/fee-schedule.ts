// The rate in effect on the date of service: the latest entry whose effective date is on or
// before that date (and whose end, if any, is not before it).

import type { FeeScheduleEntry, Payer } from '../domain/reference.js';
import { procedureKey } from './coding.js';
import { groupBy } from '../domain/grouping.js';

export function feeScheduleEntryOn(payer: Pick<Payer, 'feeSchedule'>, code: string, modifiers: readonly string[], date: string): FeeScheduleEntry | undefined {
  let best: FeeScheduleEntry | undefined;
  for (const entry of entriesFor(payer.feeSchedule, procedureKey(code, modifiers))) {
    if (entry.effective > date) continue;
    if (entry.end && entry.end < date) continue;
    if (!best || entry.effective > best.effective) best = entry;
  }
  return best;
}

// Pricing and validation look up every line; a schedule is grouped by procedure once. Payer
// objects are replaced when a payer file is re-imported; the length check catches a schedule
// that was added to in place.
const grouped = new WeakMap<readonly FeeScheduleEntry[], { length: number; byKey: Map<string, FeeScheduleEntry[]> }>();

function entriesFor(schedule: readonly FeeScheduleEntry[], key: string): readonly FeeScheduleEntry[] {
  let group = grouped.get(schedule);
  if (!group || group.length !== schedule.length) {
    const byKey = groupBy(schedule, (entry) => procedureKey(entry.code, entry.modifiers));
    grouped.set(schedule, (group = { length: schedule.length, byKey }));
  }
  return group.byKey.get(key) ?? [];
}
