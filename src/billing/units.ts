// Minutes become billable units only after a line's minutes are summed (domain.md, step 2):
// rounding each row first would lose or invent time.

import { Decimal } from 'decimal.js';
import type { UnitPolicy } from '../domain/reference.js';

export function minutesToUnits(minutes: number, policy: UnitPolicy): Decimal {
  const step = new Decimal(policy.minutesPerUnit).times(policy.increment);
  const steps = new Decimal(minutes).div(step);
  const mode = policy.rounding === 'up' ? Decimal.ROUND_CEIL : policy.rounding === 'down' ? Decimal.ROUND_FLOOR : Decimal.ROUND_HALF_UP;
  return steps.toDecimalPlaces(0, mode).times(policy.increment);
}

/** Units as written on claims: no trailing zeros (1.5, 0.75, 2). */
export function formatUnits(units: Decimal): string {
  return units.toFixed();
}

export function formatMoney(amount: Decimal): string {
  return amount.toFixed(2);
}
