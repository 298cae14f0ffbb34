// Text as the paper claim forms want it (CMS-1500 and UB-04): capitals for OCR, names and
// addresses without the punctuation the manuals forbid, dates and amounts split the way the
// form's boxes are drawn. Shared by every form's values module.

import { Decimal } from 'decimal.js';
import type { Address, Member } from '../../domain/reference.js';
import { zipWithHyphen } from '../address-text.js';
import { fitName, loadStreetAbbreviations } from '../cms1500-names.js';

/** What a renderer prints in a checkbox. */
export const CHECKED = 'X';

/** Forms are read by OCR: capitals, single spaces. */
export function formText(value: string): string {
  return value.toUpperCase().replace(/\s+/g, ' ').trim();
}

/** A name without periods ("ST. JOHN'S" becomes "ST JOHN'S"). */
export function nameText(value: string): string {
  return formText(value.replace(/\./g, ''));
}

/** NUCC asks for addresses without commas, periods or other punctuation ("#101" becomes "101"). */
export function addressText(value: string): string {
  return formText(value.replace(/[.,#]/g, ' '));
}

/**
 * A street line for a line of `width` characters: written out when it fits, else with the USPS
 * short forms of its street words (STREET -> ST, SUITE -> STE) from the end, so a suite number
 * is not what the form cuts off.
 */
export function streetText(value: string, width: number): string {
  const text = addressText(value);
  if (text.length <= width) return text;
  return fitName(text, width, loadStreetAbbreviations())?.text ?? text;
}

/** City, state and ZIP on one line: "SACRAMENTO CA 95814-1234". */
export function cityStateZip(address: Address): string {
  return formText(`${addressText(address.city)} ${address.state} ${zipWithHyphen(address.zip)}`);
}

/** NUCC: last name, first name, middle initial, separated by commas, no periods. */
export function personName(member: Pick<Member, 'last_name' | 'first_name' | 'middle_name'>): string {
  const parts = [member.last_name, member.first_name];
  const initial = member.middle_name?.trim().charAt(0);
  if (initial) parts.push(initial);
  return nameText(parts.map((p) => p.trim()).join(', '));
}

/**
 * A name part with letters, digits, spaces and hyphens only: NUBC asks for names without
 * punctuation ("O'BRIEN" becomes "OBRIEN"); a hyphen stays, since it joins a double surname.
 */
export function plainName(value: string): string {
  return formText(value.replace(/[^\p{L}\p{N}\s-]/gu, ''));
}

export interface DateParts {
  month: string;
  day: string;
  year: string;
  shortYear: string;
}

/** A YYYY-MM-DD date in the pieces the forms print. */
export function dateParts(date: string): DateParts {
  const [year = '', month = '', day = ''] = date.split('-');
  return { month, day, year, shortYear: year.slice(2) };
}

/** MM DD YY, the six-digit form date NUCC asks for where the form has no separators. */
export function shortDate(date: string): string {
  const parts = dateParts(date);
  return `${parts.month} ${parts.day} ${parts.shortYear}`;
}

/** Dollars and cents go either side of the form's dotted line, without the decimal point. */
export function moneyParts(amount: Decimal): [string, string] {
  const [dollars = '0', cents = '00'] = amount.toFixed(2).split('.');
  return [dollars, cents];
}

/** Fractional ECM hours keep their decimal point (NUCC 24G); trailing zeros add nothing. */
export function unitsText(units: string): string {
  return new Decimal(units).toString();
}
