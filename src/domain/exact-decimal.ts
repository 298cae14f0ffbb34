// Exact decimal arithmetic on plain decimal strings ("1.5", "165.00"), as a scaled bigint.
// Validation prices every line of every claim twice (at build and at export); decimal.js objects
// cost four times as much for the same exact answer, and only add, multiply, round half-up and
// compare are needed here.

import { memoByText } from './memo.js';

export interface ExactDecimal {
  /** the value times 10^scale */
  readonly scaled: bigint;
  readonly scale: number;
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The exact value of a plain decimal string (surrounding blanks allowed), or undefined. Rates,
 * units and charges repeat across a build's lines, so each text is parsed once.
 */
export const parseExact = memoByText((value: string): ExactDecimal | undefined => {
  const v = value.trim();
  if (!PLAIN_DECIMAL.test(v)) return undefined;
  const dot = v.indexOf('.');
  return Object.freeze(dot < 0 ? { scaled: BigInt(v), scale: 0 } : { scaled: BigInt(v.slice(0, dot) + v.slice(dot + 1)), scale: v.length - dot - 1 });
}, 50_000);

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function rescale(a: ExactDecimal, scale: number): bigint {
  return a.scaled * pow10(scale - a.scale);
}

export function exactEquals(a: ExactDecimal, b: ExactDecimal): boolean {
  const scale = Math.max(a.scale, b.scale);
  return rescale(a, scale) === rescale(b, scale);
}

export function exactTimes(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return { scaled: a.scaled * b.scaled, scale: a.scale + b.scale };
}

export function exactPlus(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { scaled: rescale(a, scale) + rescale(b, scale), scale };
}

export const EXACT_ZERO: ExactDecimal = { scaled: 0n, scale: 0 };

/** Rounded to `places` decimals, halves away from zero (decimal.js ROUND_HALF_UP). */
export function roundHalfUp(a: ExactDecimal, places: number): ExactDecimal {
  if (a.scale <= places) return { scaled: rescale(a, places), scale: places };
  const divisor = pow10(a.scale - places);
  let quotient = a.scaled / divisor;
  const remainder = a.scaled % divisor;
  if ((remainder < 0n ? -remainder : remainder) * 2n >= divisor) quotient += a.scaled < 0n ? -1n : 1n;
  return { scaled: quotient, scale: places };
}

/** Written with exactly `places` decimals, rounding half-up when it has more. */
export function exactToFixed(a: ExactDecimal, places: number): string {
  const { scaled } = roundHalfUp(a, places);
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  const sign = scaled < 0n ? '-' : '';
  return places === 0 ? `${sign}${whole}` : `${sign}${whole}.${digits.slice(digits.length - places)}`;
}

const TRAILING_FRACTION_ZEROS = /\.?0+$/;

/** Written without trailing zeros: "500", "498.75". */
export function exactToString(a: ExactDecimal): string {
  const text = exactToFixed(a, a.scale);
  return a.scale === 0 ? text : text.replace(TRAILING_FRACTION_ZEROS, '');
}
