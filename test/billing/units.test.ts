import { describe, expect, it } from 'vitest';
import { minutesToUnits } from '../../src/billing/units.js';

const units = (minutes: number, increment: number, rounding: 'nearest' | 'up' | 'down', minutesPerUnit = 60) =>
  minutesToUnits(minutes, { minutesPerUnit, increment, rounding }).toFixed();

describe('minutes to units', () => {
  it('rounds to the nearest increment, halves up', () => {
    expect(units(20, 0.25, 'nearest')).toBe('0.25'); // 0.333 -> 0.25
    expect(units(22, 0.25, 'nearest')).toBe('0.25'); // 0.3667 -> 0.25 (1.4667 steps)
    expect(units(23, 0.25, 'nearest')).toBe('0.5'); // 1.533 steps -> 2
    expect(units(7.5, 0.25, 'nearest')).toBe('0.25'); // exactly half a step rounds up
    expect(units(7, 0.25, 'nearest')).toBe('0');
    expect(units(45, 0.5, 'nearest')).toBe('1'); // 1.5 steps -> 2 -> 1 unit
    expect(units(44, 0.5, 'nearest')).toBe('0.5');
    expect(units(90, 1, 'nearest')).toBe('2'); // 1.5 -> 2
    expect(units(89, 1, 'nearest')).toBe('1');
    expect(units(20, 1, 'nearest')).toBe('0');
  });

  it('rounds up to the next increment', () => {
    expect(units(1, 0.25, 'up')).toBe('0.25');
    expect(units(15, 0.25, 'up')).toBe('0.25');
    expect(units(16, 0.25, 'up')).toBe('0.5');
    expect(units(31, 0.5, 'up')).toBe('1');
    expect(units(30, 0.5, 'up')).toBe('0.5');
    expect(units(61, 1, 'up')).toBe('2');
    expect(units(60, 1, 'up')).toBe('1');
  });

  it('rounds down to the previous increment', () => {
    expect(units(14, 0.25, 'down')).toBe('0');
    expect(units(29, 0.25, 'down')).toBe('0.25');
    expect(units(59, 0.5, 'down')).toBe('0.5');
    expect(units(119, 1, 'down')).toBe('1');
    expect(units(120, 1, 'down')).toBe('2');
  });

  it('honours minutes per unit other than 60', () => {
    expect(units(30, 1, 'nearest', 15)).toBe('2');
    expect(units(22, 1, 'down', 15)).toBe('1');
  });

  it('never drifts through binary floating point', () => {
    // 0.1 + 0.2 style errors would make 18 min at 0.1 increments 0.30000000000000004
    expect(units(18, 0.1, 'nearest')).toBe('0.3');
  });
});
