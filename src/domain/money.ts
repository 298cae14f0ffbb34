// Money travels as decimal strings ("498.75") and rests in the store as integer cents.

import { Decimal } from 'decimal.js';

export function toCents(amount: string | Decimal): number {
  return new Decimal(amount).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
}

export function fromCents(cents: number): string {
  return new Decimal(cents).div(100).toFixed(2);
}
