// Formatting of numbers, dates and times the way the X12 data element types want them.

import { Decimal } from 'decimal.js';
import { compactDate, isCalendarDate } from '../../domain/calendar.js';
import { memoByText } from '../../domain/memo.js';

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;
const LEADING_ZEROS = /^0+(?=\d)/;
const TRAILING_ZEROS = /0+$/;
const HHMM = /^([01]\d|2[0-3])([0-5]\d)$/;

/**
 * X12 type R: a decimal with no superfluous zeros ("120.00" -> "120", "1.50" -> "1.5").
 * toFixed() without an argument never switches to exponent notation, which X12 does not allow.
 */
export function x12Decimal(value: string | number | Decimal): string {
  return typeof value === 'string' ? decimalText(value) : decimalValue(value);
}

// Plain decimal strings (every amount and quantity we store) are trimmed as text, once per text:
// an 837 carries hundreds of thousands of them over a few dozen distinct values.
const decimalText = memoByText((value: string): string => {
  const m = PLAIN_DECIMAL.exec(value);
  if (!m) return decimalValue(value);
  const whole = m[2]!.replace(LEADING_ZEROS, '');
  const fraction = (m[3] ?? '').replace(TRAILING_ZEROS, '');
  const digits = fraction === '' ? whole : `${whole}.${fraction}`;
  return digits === '0' ? '0' : m[1] + digits;
});

function decimalValue(value: string | number | Decimal): string {
  const d = new Decimal(value);
  if (!d.isFinite()) throw new RangeError(`not a finite number: ${String(value)}`);
  return d.isZero() ? '0' : d.toFixed();
}

/** Money (data element 782). Kept apart from quantities so a rounding rule can be added in one place. */
export function x12Amount(value: string): string {
  return x12Decimal(value);
}

/** Quantities such as service units (data element 380). */
export function x12Quantity(value: string): string {
  return x12Decimal(value);
}

function checkedDate(date: string): string {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date YYYY-MM-DD: ${date}`);
  return date;
}

/** CCYYMMDD (DT, 8). */
export const x12Date = memoByText((date: string): string => compactDate(checkedDate(date)));

/** YYMMDD, only for ISA09, whose width the envelope fixes at 6. */
export function x12ShortDate(date: string): string {
  return x12Date(date).slice(2);
}

/** CCYYMMDD-CCYYMMDD, the RD8 range format. */
export function x12DateRange(first: string, last: string): string {
  return `${x12Date(first)}-${x12Date(last)}`;
}

/** HHMM (TM); the clock hands it already in that form, this only guards it. */
export function x12Time(time: string): string {
  const m = HHMM.exec(time);
  if (!m) throw new RangeError(`not a 24-hour time HHMM: ${time}`);
  return time;
}
