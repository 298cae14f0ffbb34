// PDF content operators written as text. The paper forms write their pages this way instead of
// through pdfkit's text layout, which measured and encoded every string again on every page and
// was what held the forms to a few hundred pages a second. Coordinates here are pdfkit's: origin
// at the top-left of the page, y growing downwards (every pdfkit page starts with that flip).

/** A number as PDF writes it: at most three decimals, never an exponent. */
export function pdfNumber(n: number): string {
  const rounded = Math.round(n * 1000) / 1000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A colour as #RRGGBB, in the operands of rg/RG. */
export function rgb(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`colour ${hex} is not written #RRGGBB`);
  return match
    .slice(1)
    .map((part) => pdfNumber(parseInt(part, 16) / 255))
    .join(' ');
}

// WinAnsiEncoding (PDF 1.7, annex D) where it differs from Latin-1: the 0x80-0x9F range.
const WIN_ANSI_EXTRA: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c,
  'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

/**
 * A PDF literal string in WinAnsiEncoding, the encoding of the standard fonts as the forms name
 * them. A character the encoding lacks prints as "?" rather than as a wrong letter.
 */
export function pdfString(text: string): string {
  let out = '(';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0x3f;
    if (char === '(' || char === ')' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else {
      const byte = WIN_ANSI_EXTRA[char] ?? (code >= 0xa0 && code <= 0xff ? code : 0x3f);
      out += byte === 0x3f ? '?' : `\\${byte.toString(8).padStart(3, '0')}`;
    }
  }
  return `${out})`;
}

/** The text matrix that puts a glyph's baseline at (x, y) upright on a flipped page. */
export function textAt(x: number, baseline: number): string {
  return `1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm`;
}
