// CSV cells as billers' and finance's spreadsheets will read them: RFC 4180 quoting, and text
// that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) kept as text with a
// leading apostrophe, negative numbers included (a spreadsheet evaluates "-2+3" as well).

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(values: readonly string[]): string {
  return values.map(csvCell).join(',');
}
