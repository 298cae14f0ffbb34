// Money travels as decimal strings ("498.75") and rests in the store as integer cents. The
// conversions are hand-written because they run for every line of every claim and every
// remittance item: exact for amounts with up to two decimals, without allocating.

/**
 * Parses "165.00", "-12.5", "7" into cents without allocating. A third decimal rounds half away
 * from zero; anything that is not a plain decimal throws, so bad data cannot become 0 quietly.
 */
export function toCents(amount: string): number {
  let i = 0;
  let negative = false;
  if (amount.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
  }
  let whole = 0;
  let fraction = 0;
  let fractionDigits = 0;
  let roundUp = false;
  let digits = 0;
  let seenPoint = false;
  for (; i < amount.length; i++) {
    const c = amount.charCodeAt(i);
    if (c === 46 && !seenPoint) {
      seenPoint = true;
      continue;
    }
    if (c < 48 || c > 57) throw new RangeError(`not an amount: "${amount}"`);
    digits++;
    const d = c - 48;
    if (!seenPoint) whole = whole * 10 + d;
    else if (fractionDigits < 2) {
      fraction = fraction * 10 + d;
      fractionDigits++;
    } else if (fractionDigits === 2) {
      roundUp = d >= 5;
      fractionDigits++;
    }
  }
  if (digits === 0) throw new RangeError(`not an amount: "${amount}"`);
  const cents = whole * 100 + (fractionDigits === 1 ? fraction * 10 : fraction) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount out of range: "${amount}"`);
  return negative ? -cents : cents;
}

/** 49875 -> "498.75", -50 -> "-0.50". */
export function fromCents(cents: number): string {
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs - whole * 100;
  return `${cents < 0 ? '-' : ''}${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

// X12 amounts ("R" type) may drop trailing zeros or the point; read ones are written back the
// way the rest of the service writes money.
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
