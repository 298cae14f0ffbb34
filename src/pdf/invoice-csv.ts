// The invoice as CSV: one row per service line, with the invoice-level elements repeated on
// every row so each row stands alone when a plan loads it as an encounter. Columns follow
// codesets/invoice-fields.json.

import { type Invoice, type InvoiceField, invoiceFieldValue, loadInvoiceFields } from './invoice.js';

const RECORD_SEPARATOR = '\r\n';

/**
 * Characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
 * return, let one through on some importers). A leading apostrophe keeps the text as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One RFC 4180 field, neutralised against spreadsheet formula injection. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRecord(values: readonly string[]): string {
  return values.map(csvCell).join(',');
}

export function invoiceCsv(invoice: Invoice, fields: readonly InvoiceField[] = loadInvoiceFields()): string {
  const records = [csvRecord(fields.map((field) => field.label))];
  for (const line of invoice.lines) {
    records.push(csvRecord(fields.map((field) => invoiceFieldValue(field.key, invoice, line) ?? '')));
  }
  return records.join(RECORD_SEPARATOR) + RECORD_SEPARATOR;
}
