// One export request, whatever the file: an 837, a stack of paper forms, or a DHCS invoice. The
// API's export route and export jobs both take it, so a batch made now and one made by a job
// are made the same way.

import type { AppContext } from '../context.js';
import { exportInvoiceBatch, exportPaperBatch } from '../documents/document-batch.js';
import type { InvoiceFileFormat } from '../documents/invoices.js';
import type { FormMode, PaperFormat } from '../documents/paper-forms.js';
import { exportX12Batch, type ExportReport, type X12ExportFormat } from './x12-batch.js';

interface ExportScope {
  payerId: string;
  period?: string;
  claimIds?: string[];
}

export type AnyExportRequest =
  | (ExportScope & { format: X12ExportFormat })
  | (ExportScope & { format: PaperFormat; mode: FormMode; offsetX?: number; offsetY?: number })
  | (ExportScope & { format: 'invoice'; invoiceFormat: InvoiceFileFormat });

/** Makes the batch; `onProgress` hears how many claims are written so far (837 files). */
export function exportAny(ctx: AppContext, request: AnyExportRequest, onProgress?: (claims: number) => void): Promise<ExportReport> {
  switch (request.format) {
    case 'cms1500':
    case 'ub04': {
      const { format, mode, offsetX, offsetY, ...scope } = request;
      const printOffset = offsetX !== undefined || offsetY !== undefined ? { x: offsetX ?? 0, y: offsetY ?? 0 } : undefined;
      return exportPaperBatch(ctx, format, { ...scope, mode, offset: printOffset });
    }
    case 'invoice': {
      const { format: _format, invoiceFormat, ...scope } = request;
      return exportInvoiceBatch(ctx, { ...scope, fileFormat: invoiceFormat });
    }
    default:
      return exportX12Batch(ctx, request, onProgress);
  }
}
