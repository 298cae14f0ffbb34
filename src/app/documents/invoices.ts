// Invoices already issued: the list, one with its claims, and either rendering again, byte for
// byte as it was issued.

import { INVOICE_FILE_FORMATS, type InvoiceFileFormat, type InvoiceRecord } from '../../store/document-store.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

export { INVOICE_FILE_FORMATS, type InvoiceFileFormat, type InvoiceRecord };

export interface InvoiceDetail extends InvoiceRecord {
  claimIds: string[];
}

export interface InvoiceFile {
  invoice: InvoiceRecord;
  content: Buffer;
  fileName: string;
  mediaType: string;
  sha256: string;
}

const MEDIA_TYPES: Record<InvoiceFileFormat, string> = { csv: 'text/csv; charset=utf-8', pdf: 'application/pdf' };

export function listInvoices(ctx: AppContext, payerId?: string): Promise<InvoiceRecord[]> {
  return ctx.store.read.documents.listInvoices({ payerId });
}

export async function showInvoice(ctx: AppContext, number: string): Promise<InvoiceDetail> {
  const invoice = await ctx.store.read.documents.getInvoice(number);
  if (!invoice) throw new AppError('not_found', `invoice ${number} does not exist`);
  return { ...invoice, claimIds: await ctx.store.read.documents.invoiceClaimIds(number) };
}

export async function invoiceFile(ctx: AppContext, number: string, format: InvoiceFileFormat): Promise<InvoiceFile> {
  if (!INVOICE_FILE_FORMATS.includes(format)) throw new AppError('invalid', `an invoice is kept as ${INVOICE_FILE_FORMATS.join(' and ')}`);
  const documents = ctx.store.read.documents;
  const invoice = await documents.getInvoice(number);
  const content = invoice ? await documents.invoiceContent(number, format) : undefined;
  if (!invoice || !content) throw new AppError('not_found', `invoice ${number} does not exist`);
  return {
    invoice,
    content,
    fileName: `${invoice.number}-${invoice.payerId}.${format}`,
    mediaType: MEDIA_TYPES[format],
    sha256: format === 'csv' ? invoice.csvSha256 : invoice.pdfSha256,
  };
}
