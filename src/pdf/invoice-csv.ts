// The invoice as CSV: one row per service line, with the invoice-level elements repeated on
// every row so each row stands alone when a plan loads it as an encounter. Columns follow
// codesets/invoice-fields.json.

import { csvCell, csvRecord } from '../domain/csv.js';
import { type Invoice, type InvoiceField, invoiceFieldValue, loadInvoiceFields } from './invoice.js';

export { csvCell, csvRecord };

const RECORD_SEPARATOR = '\r\n';

export function invoiceCsv(invoice: Invoice, fields: readonly InvoiceField[] = loadInvoiceFields()): string {
  const records = [csvRecord(fields.map((field) => field.label))];
  for (const line of invoice.lines) {
    records.push(csvRecord(fields.map((field) => invoiceFieldValue(field.key, invoice, line) ?? '')));
  }
  return records.join(RECORD_SEPARATOR) + RECORD_SEPARATOR;
}
