// Calendar dates are strings "YYYY-MM-DD" throughout: no Date objects, so no timezone drift.

import { DATE_PATTERN } from './identifiers.js';
import { memoByText } from './memo.js';

export type CalendarDate = string;

// A month of claims asks about the same thirty-odd dates hundreds of thousands of times.
export const isCalendarDate = memoByText((value: string): boolean => {
  if (!DATE_PATTERN.test(value)) return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}, 4096);

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : MONTH_DAYS[month - 1]!;
}

const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const HYPHENS = /-/g;

/** Accepts ISO dates and the US forms billers paste from spreadsheets (MM/DD/YYYY, M/D/YYYY). */
export function parseCalendarDate(value: string): CalendarDate | null {
  const v = value.trim();
  if (isCalendarDate(v)) return v;
  const us = US_DATE.exec(v);
  if (us) {
    const iso = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`;
    return isCalendarDate(iso) ? iso : null;
  }
  const compact = COMPACT_DATE.exec(v);
  if (compact) {
    const iso = `${compact[1]}-${compact[2]}-${compact[3]}`;
    return isCalendarDate(iso) ? iso : null;
  }
  return null;
}

/** The number written in `text` from `from` to `to`, read in place (NaN if a character is not a digit). */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return Number.NaN;
    n = n * 10 + c;
  }
  return n;
}

// Days since 1970-01-01 by arithmetic on the proleptic Gregorian calendar: validation asks for
// it several times per claim line, and Date objects (or the substrings of slice) would cost more
// than the rules themselves.
function toDayNumber(date: CalendarDate): number {
  let y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 7);
  const d = digitsAt(date, 8, 10);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date((toDayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

export function periodOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

/** The calendar date of an instant in the organization's time zone (California). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

let lastDay = { time: Number.NaN, timeZone: '', date: '' };

export function calendarDateOf(instant: Date, timeZone = 'America/Los_Angeles'): CalendarDate {
  // Validation asks for "today" once per claim; the answer for the same instant is remembered.
  const time = instant.getTime();
  if (time === lastDay.time && timeZone === lastDay.timeZone) return lastDay.date;
  let format = dayFormats.get(timeZone);
  if (!format) dayFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  const date = format.format(instant);
  lastDay = { time, timeZone, date };
  return date;
}

export function compactDate(date: CalendarDate): string {
  return date.replace(HYPHENS, '');
}

export function periodBounds(period: string): { first: CalendarDate; last: CalendarDate } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return { first: `${period}-01`, last: `${period}-${String(daysInMonth(y, m)).padStart(2, '0')}` };
}

/** The same day `months` months later (earlier when negative), at most the last day of that month. */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole months from one YYYY-MM period to another. */
export function monthsBetween(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));
}
