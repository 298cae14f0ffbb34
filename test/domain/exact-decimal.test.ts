// The validation rules price lines with exact bigint decimals; they must agree with decimal.js,
// which billing prices with, on every amount a claim can carry (decimal.js keeps 20 significant
// digits, so the operands stay within nine digits each).

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { exactEquals, exactPlus, exactTimes, exactToFixed, parseExact, roundHalfUp } from '../../src/domain/exact-decimal.js';
import { daysBetween, addDays } from '../../src/domain/calendar.js';

const decimalText = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, digits, places]) => {
    const text = digits.toString().padStart(places + 1, '0');
    const body = places === 0 ? text : `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
    return negative ? `-${body}` : body;
  });

describe('exact decimals', () => {
  it('multiply, add, round half-up and compare like decimal.js', () => {
    fc.assert(
      fc.property(decimalText, decimalText, fc.integer({ min: 0, max: 4 }), (a, b, places) => {
        const x = parseExact(a)!;
        const y = parseExact(b)!;
        expect(exactToFixed(roundHalfUp(exactTimes(x, y), places), places)).toBe(new Decimal(a).times(b).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places));
        expect(exactToFixed(exactPlus(x, y), 6)).toBe(new Decimal(a).plus(b).toFixed(6));
        expect(exactEquals(x, y)).toBe(new Decimal(a).equals(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads trailing zeros and blanks as the same number and refuses what is not a plain decimal', () => {
    expect(exactEquals(parseExact(' 165.00 ')!, parseExact('165')!)).toBe(true);
    expect(exactEquals(parseExact('0.10')!, parseExact('0.1')!)).toBe(true);
    for (const bad of ['', '1e3', '1.', '.5', '1,000.00', '$5', 'NaN', '1.2.3', '--1']) expect(parseExact(bad)).toBeUndefined();
  });
});

describe('calendar day arithmetic', () => {
  it('counts days like the UTC calendar across centuries and leap years', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1600, 0, 1), max: Date.UTC(2400, 11, 31) }), fc.integer({ min: -40_000, max: 40_000 }), (ms, delta) => {
        const from = new Date(ms).toISOString().slice(0, 10);
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + delta * 86_400_000).toISOString().slice(0, 10);
        expect(daysBetween(from, to)).toBe(delta);
        expect(addDays(from, delta)).toBe(to);
      }),
      { numRuns: 3000 },
    );
  });
});
