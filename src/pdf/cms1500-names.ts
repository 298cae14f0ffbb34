// Boxes 32 and 33 give the organization name one line of 26 or 28 characters. NUCC lets the
// biller shorten a name that does not fit, but a name cut inside a word is hard to read and one
// that quietly loses words may be mistaken for another organization. So a long name is first
// written with the usual short forms of business words (codesets/name-abbreviations.json), and
// only when that is not enough does it end after its last whole word, which the caller reports.

import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';

const UPPER_WORD = /^[A-Z0-9&]+$/;

const NameAbbreviationsSchema = z
  .object({
    source: z.string(),
    abbreviations: z.record(z.string().regex(UPPER_WORD), z.string().regex(UPPER_WORD)),
    /** words a shortened name should not end on: it reads as if something were missing */
    neverLast: z.array(z.string().regex(UPPER_WORD)).default([]),
  })
  .refine((table) => Object.entries(table.abbreviations).every(([word, short]) => short.length < word.length), {
    message: 'every short form must be shorter than its word',
  });
export type NameAbbreviations = z.infer<typeof NameAbbreviationsSchema>;

let cached: NameAbbreviations | undefined;
let streets: NameAbbreviations | undefined;

export function loadNameAbbreviations(): NameAbbreviations {
  cached ??= readDataFile('codesets/name-abbreviations.json', NameAbbreviationsSchema);
  return cached;
}

/** The USPS short forms of street words, for an address line that does not fit its line. */
export function loadStreetAbbreviations(): NameAbbreviations {
  streets ??= readDataFile('codesets/street-abbreviations.json', NameAbbreviationsSchema);
  return streets;
}

export interface NameFit {
  text: string;
  /** whether any word is printed in its short form */
  abbreviated: boolean;
  /** words left off the end because the name did not fit even abbreviated */
  wordsLeftOut: number;
  /** the abbreviated name's length, before any word was left out */
  abbreviatedLength: number;
}

/**
 * `name` (already in form text: capitals, single spaces) shortened to `width` characters, or
 * undefined when not even its first word fits, since no whole word could then be printed.
 */
export function fitName(name: string, width: number, table: NameAbbreviations = loadNameAbbreviations()): NameFit | undefined {
  if (name.length <= width) return { text: name, abbreviated: false, wordsLeftOut: 0, abbreviatedLength: name.length };
  const original = name.split(' ').filter((word) => word !== '');
  const words = [...original];
  const joinedLength = () => words.reduce((sum, word) => sum + word.length, 0) + words.length - 1;
  // From the end: the words that say what the organization is (SERVICES, ASSOCIATION) tend to
  // come last, while the first words are the part of the name people know it by.
  let abbreviated = false;
  for (let i = words.length - 1; i >= 0 && joinedLength() > width; i--) {
    const word = words[i] ?? '';
    const short = abbreviateWord(word, table);
    if (short !== word) {
      words[i] = short;
      abbreviated = true;
    }
  }
  const abbreviatedLength = joinedLength();
  if (abbreviatedLength <= width) return { text: words.join(' '), abbreviated, wordsLeftOut: 0, abbreviatedLength };

  let kept = 0;
  let length = -1;
  while (kept < words.length && length + 1 + (words[kept] ?? '').length <= width) {
    length += 1 + (words[kept] ?? '').length;
    kept += 1;
  }
  const neverLast = new Set(table.neverLast);
  while (kept > 1 && neverLast.has(wordCore(words[kept - 1] ?? '').core)) kept -= 1;
  if (kept === 0) return undefined;
  const text = words.slice(0, kept).join(' ').replace(/[\s,;:&/-]+$/, '');
  return {
    text,
    abbreviated: words.slice(0, kept).some((word, i) => word !== original[i]),
    wordsLeftOut: words.length - kept,
    abbreviatedLength,
  };
}

/** A word with its short form, keeping punctuation around it ("SERVICES," becomes "SVCS,"). */
function abbreviateWord(word: string, table: NameAbbreviations): string {
  const { before, core, after } = wordCore(word);
  const short = table.abbreviations[core];
  return short === undefined ? word : `${before}${short}${after}`;
}

function wordCore(word: string): { before: string; core: string; after: string } {
  const match = /^([^A-Z0-9&]*)(.*?)([^A-Z0-9&]*)$/.exec(word);
  return { before: match?.[1] ?? '', core: match?.[2] ?? word, after: match?.[3] ?? '' };
}
