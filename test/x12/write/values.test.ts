// X12 numbers carry no superfluous zeros and never exponent notation; the text fast path for
// plain decimal strings must give exactly what decimal.js gives.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { x12Amount, x12Decimal, x12Quantity } from '../../../src/x12/write/values.js';

const viaDecimal = (v: string) => {
  const d = new Decimal(v);
  return d.isZero() ? '0' : d.toFixed();
};

describe('X12 decimals', () => {
  it('trims zeros the way the data element type R wants', () => {
    expect(x12Amount('265.00')).toBe('265');
    expect(x12Amount('120.50')).toBe('120.5');
    expect(x12Amount('0.00')).toBe('0');
    expect(x12Amount('-0.00')).toBe('0');
    expect(x12Amount('007.10')).toBe('7.1');
    expect(x12Quantity('1.25')).toBe('1.25');
    expect(x12Quantity('4')).toBe('4');
    expect(x12Decimal('1e-7')).toBe('0.0000001');
    expect(x12Decimal(2.5)).toBe('2.5');
    expect(() => x12Decimal('Infinity')).toThrow(/not a finite number/);
  });

  it('gives what decimal.js gives for any plain decimal string', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    fc.assert(
      fc.property(fc.boolean(), digits(1, 12), fc.option(digits(1, 8)), (negative, whole, fraction) => {
        const text = `${negative ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}`;
        expect(x12Decimal(text)).toBe(viaDecimal(text));
      }),
      { numRuns: 5000 },
    );
  });
});
