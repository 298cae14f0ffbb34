// Minutes become billable units only after a line's minutes are summed (domain.md, step 2):
// rounding each row first would lose or invent time.

import { Decimal } from 'decimal.js';
import type { UnitPolicy } from '../domain/reference.js';
import { TextMemo } from '../domain/memo.js';

// A build prices every line of every claim, but a payer's lines take only a few dozen distinct
// minute totals and rates: the decimal arithmetic is done once per distinct question. Decimals
// are immutable, so a remembered answer is safe to share.
const unitsMemo = new TextMemo<Decimal>();
const chargeMemo = new TextMemo<{ rate: string; charge: string }>();

export function minutesToUnits(minutes: number, policy: UnitPolicy): Decimal {
  return unitsMemo.get(`${minutes}|${policy.minutesPerUnit}|${policy.increment}|${policy.rounding}`, () => computeUnits(minutes, policy));
}

function computeUnits(minutes: number, policy: UnitPolicy): Decimal {
  const step = new Decimal(policy.minutesPerUnit).times(policy.increment);
  const steps = new Decimal(minutes).div(step);
  const mode = policy.rounding === 'up' ? Decimal.ROUND_CEIL : policy.rounding === 'down' ? Decimal.ROUND_FLOOR : Decimal.ROUND_HALF_UP;
  return steps.toDecimalPlaces(0, mode).times(policy.increment);
}

/** Units as written on claims: no trailing zeros (1.5, 0.75, 2). */
export function formatUnits(units: Decimal): string {
  return units.toFixed();
}

function formatMoney(amount: Decimal): string {
  return amount.toFixed(2);
}

/** A line's rate and charge (units x rate, half-up to the cent) as written on the claim. */
export function lineCharge(units: string, rate: string): { rate: string; charge: string } {
  return chargeMemo.get(`${units}|${rate}`, () => {
    const r = new Decimal(rate);
    return { rate: formatMoney(r), charge: formatMoney(new Decimal(units).times(r)) };
  });
}
