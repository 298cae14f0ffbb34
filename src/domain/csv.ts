// CSV cells as billers' and finance's spreadsheets will read them: RFC 4180 quoting, and text
// that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return) kept as text with a
// leading apostrophe, negative numbers included (a spreadsheet evaluates "-2+3" as well).

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** RFC 4180 quoting alone: for CSV that goes back into a program, not to a spreadsheet. */
export function csvQuoted(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvCell(value: string): string {
  return csvQuoted(FORMULA_START.test(value) ? `'${value}` : value);
}

export function csvRecord(values: readonly string[]): string {
  return values.map(csvCell).join(',');
}
