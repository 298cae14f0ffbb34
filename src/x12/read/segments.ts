// Typed access to the segments x12-parser emits. The parser keys element n as "n" and puts the
// 2nd, 3rd... components of a composite under "n-1", "n-2" (not "n-2", "n-3" as its README
// suggests), so every read goes through here.

import type { FormattedSegment } from 'x12-parser';
import { parseCalendarDate, type CalendarDate } from '../../domain/calendar.js';
import { normalizeAmount } from '../../domain/money.js';
import { PayerFileError } from './payer-file-error.js';
import { memoByText } from '../../domain/memo.js';

const EIGHT_DIGITS = /^\d{8}$/;

/** A file repeats a handful of dates many thousand times; parse each once. */
const compactDate = memoByText((value: string): CalendarDate | null => {
  const first = value.split('-')[0] ?? '';
  return EIGHT_DIGITS.test(first) ? parseCalendarDate(first) : null;
});

export class SegmentView {
  readonly id: string;

  constructor(
    readonly raw: FormattedSegment,
    /** 1-based position in the file, ISA = 1 */
    readonly position: number,
    /** ST02 of the enclosing transaction set */
    readonly transaction?: string,
  ) {
    this.id = raw.name;
  }

  /** Element n (1-based); for a composite, its first component. '' when absent. */
  element(n: number): string {
    return this.raw[String(n)] ?? '';
  }

  /** Component k (1-based) of composite element n. */
  component(n: number, k: number): string {
    return (k === 1 ? this.raw[String(n)] : this.raw[`${n}-${k - 1}`]) ?? '';
  }

  /** Every component of element n, trailing empty ones dropped. */
  components(n: number): string[] {
    const out: string[] = [];
    for (let k = 1; ; k++) {
      const key = k === 1 ? String(n) : `${n}-${k - 1}`;
      const value = this.raw[key];
      if (value === undefined) break;
      out.push(value);
    }
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }

  /** Whether the segment has more than `max` elements (a cheap check for every segment). */
  hasMoreElementsThan(max: number): boolean {
    return this.raw[String(max + 1)] !== undefined;
  }

  /** Highest element number present, trailing empty elements included. */
  get elementCount(): number {
    let max = 0;
    for (const key of Object.keys(this.raw)) {
      if (key === 'name' || key.includes('-')) continue;
      const n = Number(key);
      if (n > max) max = n;
    }
    return max;
  }

  required(n: number, what: string): string {
    const value = this.element(n);
    if (value === '') this.fail(`${this.ref(n)} (${what}) is required but empty`);
    return value;
  }

  amount(n: number, what: string): string | undefined {
    const value = this.element(n);
    if (value === '') return undefined;
    const normalized = normalizeAmount(value);
    if (normalized === undefined) this.fail(`${this.ref(n)} (${what}) "${value}" is not an amount`);
    return normalized;
  }

  requiredAmount(n: number, what: string): string {
    const value = this.amount(n, what);
    if (value === undefined) this.fail(`${this.ref(n)} (${what}) is required but empty`);
    return value;
  }

  /** A CCYYMMDD date (format D8) in element n. */
  date(n: number, what: string): CalendarDate | undefined {
    const value = this.element(n);
    if (value === '') return undefined;
    return this.toDate(value, n, what);
  }

  requiredDate(n: number, what: string): CalendarDate {
    const value = this.date(n, what);
    if (value === undefined) this.fail(`${this.ref(n)} (${what}) is required but empty`);
    return value;
  }

  /** DTM/DTP periods may be RD8 "CCYYMMDD-CCYYMMDD": the first date is the one kept. */
  toDate(value: string, n: number, what: string): CalendarDate {
    const date = compactDate(value);
    if (date === null) this.fail(`${this.ref(n)} (${what}) "${value}" is not a CCYYMMDD date`);
    return date;
  }

  ref(n: number): string {
    return `${this.id}${String(n).padStart(2, '0')}`;
  }

  fail(problem: string): never {
    throw new PayerFileError(problem, { segment: this.id, position: this.position, ...(this.transaction !== undefined ? { transaction: this.transaction } : {}) });
  }
}
