import { describe, expect, it } from 'vitest';
import { normalizeAmount } from '../../src/domain/money.js';
import { fromCents, toCents } from '../../src/domain/money.js';

describe('amounts', () => {
  it('normalizes X12 amounts to two decimals', () => {
    expect(['165', '165.5', '-165', '0.5', '.5', '-0', '007.10', '12.345'].map(normalizeAmount)).toEqual(['165.00', '165.50', '-165.00', '0.50', '0.50', '0.00', '7.10', '12.345']);
    expect(['', '1x5', '1.2.3', '-', '+5', '1,000.00'].map(normalizeAmount)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('parses to integer cents, rounding a third decimal half away from zero', () => {
    expect(['165.00', '165', '0.5', '-12.34', '12.345', '-12.345', '12.344', '0'].map(toCents)).toEqual([16500, 16500, 50, -1234, 1235, -1235, 1234, 0]);
    expect(() => toCents('')).toThrow(RangeError);
    expect(() => toCents('12a')).toThrow(/not an amount/);
  });

  it('formats cents', () => {
    expect([0, 5, 50, 16500, -1234, -5].map(fromCents)).toEqual(['0.00', '0.05', '0.50', '165.00', '-12.34', '-0.05']);
  });
});
