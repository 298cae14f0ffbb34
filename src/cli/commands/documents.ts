// Paper and invoice output from the command line (CMS-1500 PDFs, DHCS invoices), and the per-claim
// format decision that chooses between them.

import type { AppContext } from '../../app/context.js';
import { CMS1500_MODES, exportCms1500Batch, exportInvoiceBatch, type DocumentExportReport } from '../../app/document-batch.js';
import { decideClaimFormats, type FormatDecision } from '../../app/document-formats.js';
import { INVOICE_FILE_FORMATS, invoiceFile, listInvoices, showInvoice, type InvoiceFileFormat } from '../../app/invoice-documents.js';
import { batchFile } from '../../app/export-batch.js';
import type { Cms1500Mode, PrintOffset } from '../../pdf/cms1500.js';
import { UsageError, type Parsed } from '../args.js';
import { issueLines, print, table, writeAtomically } from '../output.js';

export const documentUsage: string[] = [
  'ecm-claims formats [--payer ID] [--period YYYY-MM]        (decide 837/CMS-1500/invoice per claim)',
  'ecm-claims export cms1500 --payer ID --mode form|print [--offset-x PT --offset-y PT] [--period YYYY-MM] [--claim ID,ID] --out FILE.pdf',
  '                                                          (a negative offset is written --offset-y=-2)',
  'ecm-claims export invoice --payer ID --format csv|pdf [--period YYYY-MM] [--claim ID,ID] --out FILE',
  'ecm-claims invoices list [--payer ID]',
  'ecm-claims invoices show <invoice-number>',
  'ecm-claims invoices file <invoice-number> --format csv|pdf --out FILE',
];

type Handler = (ctx: AppContext, p: Parsed) => Promise<number>;

/** Largest printer adjustment accepted, in points (an inch): more is a wrong number, not alignment. */
const MAX_OFFSET = 72;

function claimIds(p: Parsed): string[] | undefined {
  const raw = p.values.claim;
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new UsageError('--claim needs one or more claim ids, separated by commas');
  return ids;
}

function offsetOf(p: Parsed): PrintOffset | undefined {
  const x = p.values['offset-x'];
  const y = p.values['offset-y'];
  if (x === undefined && y === undefined) return undefined;
  const points = (name: string, value: string | undefined) => {
    if (value === undefined) return 0;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > MAX_OFFSET) throw new UsageError(`--${name} must be a number of points between -${MAX_OFFSET} and ${MAX_OFFSET}`);
    return n;
  };
  return { x: points('offset-x', x), y: points('offset-y', y) };
}

export function decisionLines(decisions: readonly FormatDecision[]): string[] {
  if (decisions.length === 0) return [];
  return [
    'Format per claim:',
    table(
      decisions.map((d) => ({ claim: d.claimId, period: d.period, preferred: d.preferred, format: d.format, status: d.status, reason: d.reason ?? '' })),
      [['claim', 'Claim'], ['period', 'Period'], ['preferred', 'Preferred'], ['format', 'Format'], ['status', 'Status'], ['reason', 'Reason']],
    ),
  ];
}

function reportText(report: DocumentExportReport, out: string): string {
  const lines = decisionLines(report.decisions);
  if (report.batch) {
    const b = report.batch;
    const invoice = report.invoice ? `Invoice ${report.invoice.number} dated ${report.invoice.invoiceDate}, ` : '';
    lines.push(`${invoice}batch ${b.batchId}: ${b.claimCount} claims, total ${b.totalCharge}, ${b.bytes} bytes written to ${out}.`);
  } else lines.push('Nothing was exported: every claim has errors.');
  if (report.held.length > 0) {
    lines.push(`${report.held.length} claims held back:`);
    for (const h of report.held) lines.push(`${h.claimId}:`, ...issueLines(h.issues));
  }
  return lines.join('\n');
}

async function finishExport(ctx: AppContext, p: Parsed, report: DocumentExportReport, out: string): Promise<number> {
  if (report.batch) await writeAtomically(out, batchFile(ctx, report.batch.batchId).chunks);
  print(p.values.json, report, () => reportText(report, out));
  return report.batch ? (report.held.length > 0 ? 3 : 0) : 1;
}

const exportDocument: Handler = async (ctx, p) => {
  const kind = p.positionals[1];
  const { payer, period, out } = p.values;
  if (kind === 'cms1500') {
    const mode = p.values.mode;
    if (!payer || !out || !mode || !CMS1500_MODES.includes(mode as Cms1500Mode)) throw new UsageError('export cms1500 needs --payer, --mode form|print and --out');
    const offset = offsetOf(p);
    if (offset && mode !== 'print') throw new UsageError('--offset-x and --offset-y line data up with pre-printed forms: use them with --mode print');
    const report = await exportCms1500Batch(ctx, { payerId: payer, period, claimIds: claimIds(p), mode: mode as Cms1500Mode, offset });
    return finishExport(ctx, p, report, out);
  }
  if (kind === 'invoice') {
    const format = p.values.format;
    if (!payer || !out || !format || !INVOICE_FILE_FORMATS.includes(format as InvoiceFileFormat)) throw new UsageError('export invoice needs --payer, --format csv|pdf and --out');
    const report = await exportInvoiceBatch(ctx, { payerId: payer, period, claimIds: claimIds(p), fileFormat: format as InvoiceFileFormat });
    return finishExport(ctx, p, report, out);
  }
  throw new UsageError('export needs a format: 837p, 837i, cms1500 or invoice');
};

const invoices: Handler = async (ctx, p) => {
  const sub = p.positionals[1];
  if (sub === 'list') {
    const list = listInvoices(ctx, p.values.payer);
    print(p.values.json, list, () =>
      list.length === 0
        ? 'No invoices.'
        : table(
            list.map((i) => ({ ...i, period: i.period ?? '' })),
            [['number', 'Invoice'], ['invoiceDate', 'Date'], ['payerId', 'Payer'], ['period', 'Period'], ['claimCount', 'Claims'], ['memberCount', 'Members'], ['lineCount', 'Lines'], ['totalCharge', 'Total'], ['batchId', 'Batch'], ['deliveredAs', 'Sent as']],
          ),
    );
    return 0;
  }
  if (sub === 'show') {
    const number = p.positionals[2];
    if (!number) throw new UsageError('invoices show needs an invoice number');
    const invoice = showInvoice(ctx, number);
    print(p.values.json, invoice, () =>
      [
        `Invoice ${invoice.number} dated ${invoice.invoiceDate} to payer ${invoice.payerId}${invoice.period ? ` for ${invoice.period}` : ''}: total ${invoice.totalCharge}`,
        `${invoice.claimCount} claims, ${invoice.memberCount} members, ${invoice.lineCount} lines; batch ${invoice.batchId}, sent as ${invoice.deliveredAs}`,
        `Claims: ${invoice.claimIds.join(', ')}`,
      ].join('\n'),
    );
    return 0;
  }
  if (sub === 'file') {
    const number = p.positionals[2];
    const format = p.values.format;
    if (!number || !p.values.out || !format || !INVOICE_FILE_FORMATS.includes(format as InvoiceFileFormat)) throw new UsageError('invoices file needs an invoice number, --format csv|pdf and --out');
    const file = invoiceFile(ctx, number, format as InvoiceFileFormat);
    await writeAtomically(p.values.out, [file.content]);
    const summary = { number: file.invoice.number, format, bytes: file.content.length, sha256: file.sha256, out: p.values.out };
    print(p.values.json, summary, () => `Wrote invoice ${file.invoice.number} as ${format} (${file.content.length} bytes, sha256 ${file.sha256}) to ${p.values.out}.`);
    return 0;
  }
  throw new UsageError('invoices needs list, show or file');
};

const formats: Handler = async (ctx, p) => {
  const report = await decideClaimFormats(ctx, { payerId: p.values.payer, period: p.values.period });
  print(p.values.json, report, () => {
    const c = report.counts;
    const by = Object.entries(c.byFormat).map(([format, n]) => `${n} ${format}`).join(', ');
    const head = `Decided ${c.claims} claims: ${c.ready} ready${by ? ` (${by})` : ''}, ${c.held} held, ${c.changed} changed.`;
    return c.claims === 0 ? 'No unsent claims in scope.' : [head, ...decisionLines(report.decisions)].join('\n');
  });
  return report.counts.held > 0 ? 3 : 0;
};

/** command name -> handler; `export` receives formats other than 837p/837i */
export const documentCommands: Record<string, Handler> = {
  export: exportDocument,
  invoices,
  formats,
};
