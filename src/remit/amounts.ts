// X12 amounts ("R" type) may drop trailing zeros or the point; these are written back the way
// the rest of the service writes money (integer cents and conversions live in domain/money.ts).

const X12_AMOUNT = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** "165" -> "165.00", "-12.5" -> "-12.50"; more than two decimals are kept as sent. */
export function normalizeAmount(raw: string): string | undefined {
  const value = raw.trim();
  if (!X12_AMOUNT.test(value)) return undefined;
  const negative = value.startsWith('-');
  const unsigned = negative ? value.slice(1) : value;
  const [wholeRaw = '', fractionRaw = ''] = unsigned.split('.');
  const whole = wholeRaw.replace(/^0+(?=\d)/, '') || '0';
  const fraction = fractionRaw.length <= 2 ? fractionRaw.padEnd(2, '0') : fractionRaw;
  const isZero = /^0+$/.test(whole + fraction);
  return `${negative && !isZero ? '-' : ''}${whole}.${fraction}`;
}
