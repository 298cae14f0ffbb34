// Invoices, invoice numbers and paper-claim documents.

import { createHash } from 'node:crypto';
import { fromCents } from '../domain/money.js';
import { Repository } from './repository.js';

export const INVOICE_FILE_FORMATS = ['csv', 'pdf'] as const;
export type InvoiceFileFormat = (typeof INVOICE_FILE_FORMATS)[number];

export interface InvoiceRecord {
  number: string;
  batchId: string;
  payerId: string;
  period?: string;
  /** the billing months of its claims: "2026-10", or "2026-09 to 2026-10" */
  billingPeriod: string;
  invoiceDate: string;
  claimCount: number;
  lineCount: number;
  memberCount: number;
  totalCharge: string;
  /** the rendering that went into the batch file; both are kept */
  deliveredAs: InvoiceFileFormat;
  csvSha256: string;
  pdfSha256: string;
  createdAt: string;
}

export interface NewInvoice {
  number: string;
  batchId: string;
  payerId: string;
  period?: string;
  invoiceDate: string;
  lineCount: number;
  memberCount: number;
  totalChargeCents: number;
  deliveredAs: InvoiceFileFormat;
  csv: Buffer;
  pdf: Buffer;
  createdAt: string;
}

interface InvoiceRow {
  invoice_number: string;
  batch_id: string;
  payer_id: string;
  period: string | null;
  /** "first|last" billing month of its claims */
  claim_periods: string | null;
  invoice_date: string;
  claim_count: number;
  line_count: number;
  member_count: number;
  total_charge_cents: number;
  delivered_as: InvoiceFileFormat;
  csv_sha256: string;
  pdf_sha256: string;
  created_at: string;
}

// Every column but the two documents, so listing invoices never reads their bytes, and the
// months its claims bill for: an export names a period only when it was limited to one.
const SUMMARY_COLUMNS = `invoice_number, batch_id, payer_id, period, invoice_date, claim_count, line_count, member_count, total_charge_cents, delivered_as, csv_sha256, pdf_sha256, created_at,
  (SELECT MIN(c.period) || '|' || MAX(c.period) FROM invoice_claims ic JOIN claims c ON c.org_id = ic.org_id AND c.claim_id = ic.claim_id WHERE ic.org_id = invoices.org_id AND ic.invoice_number = invoices.invoice_number) AS claim_periods`;

function billingPeriod(r: InvoiceRow): string {
  const [first, last] = (r.claim_periods ?? '').split('|');
  if (!first || !last) return r.period ?? '';
  return first === last ? first : `${first} to ${last}`;
}

function toRecord(r: InvoiceRow): InvoiceRecord {
  return {
    number: r.invoice_number,
    batchId: r.batch_id,
    payerId: r.payer_id,
    period: r.period ?? undefined,
    billingPeriod: billingPeriod(r),
    invoiceDate: r.invoice_date,
    claimCount: r.claim_count,
    lineCount: r.line_count,
    memberCount: r.member_count,
    totalCharge: fromCents(r.total_charge_cents),
    deliveredAs: r.delivered_as,
    csvSha256: r.csv_sha256,
    pdfSha256: r.pdf_sha256,
    createdAt: r.created_at,
  };
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

export class DocumentStore extends Repository {
  /**
   * The next invoice number of the organization. Taken inside the caller's write transaction:
   * an export that fails leaves no gap and two exports never share a number.
   */
  async nextInvoiceNumber(): Promise<string> {
    const value = await this.advanceSequence('invoice');
    return `INV-${String(value).padStart(6, '0')}`;
  }

  async insertInvoice(invoice: NewInvoice, claimIds: readonly string[]): Promise<void> {
    await this.sql(
      `INSERT INTO invoices (org_id, invoice_number, batch_id, payer_id, period, invoice_date, claim_count, line_count, member_count, total_charge_cents, delivered_as,
         csv_content, csv_sha256, pdf_content, pdf_sha256, created_at) VALUES (@org, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      invoice.number,
      invoice.batchId,
      invoice.payerId,
      invoice.period ?? null,
      invoice.invoiceDate,
      claimIds.length,
      invoice.lineCount,
      invoice.memberCount,
      invoice.totalChargeCents,
      invoice.deliveredAs,
      invoice.csv,
      sha256(invoice.csv),
      invoice.pdf,
      sha256(invoice.pdf),
      invoice.createdAt,
    );
    const link = this.sql('INSERT INTO invoice_claims (org_id, invoice_number, claim_id) VALUES (@org, ?, ?)');
    for (const id of claimIds) await link.run(invoice.number, id);
  }

  async getInvoice(number: string): Promise<InvoiceRecord | undefined> {
    const row = await this.sql(`SELECT ${SUMMARY_COLUMNS} FROM invoices WHERE org_id = @org AND invoice_number = ?`).get(number) as InvoiceRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async invoiceOfBatch(batchId: string): Promise<InvoiceRecord | undefined> {
    const row = await this.sql(`SELECT ${SUMMARY_COLUMNS} FROM invoices WHERE org_id = @org AND batch_id = ?`).get(batchId) as InvoiceRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  async listInvoices(filter: { payerId?: string } = {}): Promise<InvoiceRecord[]> {
    const rows = (
      filter.payerId
        ? await this.sql(`SELECT ${SUMMARY_COLUMNS} FROM invoices WHERE org_id = @org AND payer_id = ? ORDER BY invoice_number`).all(filter.payerId)
        : await this.sql(`SELECT ${SUMMARY_COLUMNS} FROM invoices WHERE org_id = @org ORDER BY invoice_number`).all()
    ) as InvoiceRow[];
    return rows.map(toRecord);
  }

  async invoiceClaimIds(number: string): Promise<string[]> {
    return await this.sql('SELECT claim_id FROM invoice_claims WHERE org_id = @org AND invoice_number = ? ORDER BY claim_id').pluck().all(number) as string[];
  }

  async invoiceContent(number: string, format: InvoiceFileFormat): Promise<Buffer | undefined> {
    const column = format === 'csv' ? 'csv_content' : 'pdf_content';
    return await this.sql(`SELECT ${column} FROM invoices WHERE org_id = @org AND invoice_number = ?`).pluck().get(number) as Buffer | undefined;
  }
}
