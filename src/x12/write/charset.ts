// Reduces any text to what an X12 element may carry: the basic and extended character sets in
// plain ASCII, with none of the interchange's separators inside.
//
// Choice: a separator character found in a value becomes a space (then runs of spaces collapse
// and the ends are trimmed). A space keeps words apart ("Smith*Jones" -> "Smith Jones"); removing
// the character would fuse two words into something that looks like a different name or id.

/**
 * Basic set: A-Z 0-9 space ! " & ' ( ) * + , - . / : ; ? =
 * Extended set (ASCII part): a-z % @ [ ] _ { } \ | < > ~ # $
 * Uppercase is not required by 5010, so lowercase is kept as written.
 */
const ALLOWED_PUNCTUATION = `!"&'()*+,-./:;?=%@[]_{}\\|<>~#$`;

/** Letters that canonical decomposition leaves alone but that have an obvious ASCII spelling. */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  'ß': 'ss', 'Æ': 'AE', 'æ': 'ae', 'Ø': 'O', 'ø': 'o', 'Œ': 'OE', 'œ': 'oe', 'Ł': 'L', 'ł': 'l',
  'Đ': 'D', 'đ': 'd', 'Þ': 'TH', 'þ': 'th', 'ı': 'i',
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': '"', '\u201d': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u2026': '...',
};

export interface SeparatorChars {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

function escapeForClass(chars: string): string {
  return chars.replace(/[\\\]\[^-]/g, (c) => `\\${c}`);
}

function allowedChars(separators: SeparatorChars): string {
  const seps = new Set([separators.element, separators.component, separators.repetition, separators.segment]);
  return [...ALLOWED_PUNCTUATION].filter((c) => !seps.has(c)).join('');
}

export type TextCleaner = (value: string) => string;

const cleaners = new Map<string, TextCleaner>();

/**
 * A cleaner for one set of separators. Cached, because a file of thousands of claims cleans
 * hundreds of thousands of values and most of them are already clean.
 */
export function x12TextCleaner(separators: SeparatorChars): TextCleaner {
  const key = `${separators.element}${separators.component}${separators.repetition}${separators.segment}`;
  const cached = cleaners.get(key);
  if (cached) return cached;
  const allowed = escapeForClass(allowedChars(separators));
  const alreadyClean = new RegExp(`^(?:[A-Za-z0-9${allowed}]+(?: [A-Za-z0-9${allowed}]+)*)?$`);
  const disallowed = new RegExp(`[^A-Za-z0-9 ${allowed}]`, 'g');
  const cleaner: TextCleaner = (value) => {
    if (alreadyClean.test(value)) return value;
    const decomposed = value
      // NFKD is NFD's canonical decomposition plus the compatibility forms (full-width
      // letters, ligatures, no-break spaces) that arrive from copy and paste.
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/[^\x00-\x7f]/g, (c) => TRANSLITERATION[c] ?? c);
    return decomposed
      .replace(/[\x00-\x1f\x7f]/g, ' ')
      .replace(disallowed, (c) => (isSeparator(c, separators) ? ' ' : ''))
      .replace(/ {2,}/g, ' ')
      .trim();
  };
  cleaners.set(key, cleaner);
  return cleaner;
}

function isSeparator(c: string, s: SeparatorChars): boolean {
  return c === s.element || c === s.component || c === s.repetition || c === s.segment;
}

/** One-off form of {@link x12TextCleaner}. */
export function toX12Text(value: string, separators: SeparatorChars): string {
  return x12TextCleaner(separators)(value);
}
