// Paper and invoice output from the command line (CMS-1500 and UB-04 PDFs, DHCS invoices), and the
// per-claim format decision that chooses between them.

import type { AppContext } from '../../app/context.js';
import { exportInvoiceBatch, exportPaperBatch, type DocumentExportReport } from '../../app/documents/document-batch.js';
import { FORM_MODES, isPaperFormat, paperForm, type FormMode, type PrintOffset } from '../../app/documents/paper-forms.js';
import { decideClaimFormats, type FormatDecision } from '../../app/claims/formats.js';
import { INVOICE_FILE_FORMATS, invoiceFile, listInvoices, showInvoice, type InvoiceFileFormat } from '../../app/documents/invoices.js';
import { batchFile } from '../../app/exports/x12-batch.js';
import { UsageError, type Parsed, type CommandHandler } from '../args.js';
import { count, issueLines, print, table, writeAtomically } from '../output.js';

export const documentUsage: string[] = [
  'ecm-claims formats [--payer ID] [--period YYYY-MM]        (decide 837/CMS-1500/UB-04/invoice per claim)',
  'ecm-claims export cms1500|ub04 --payer ID --mode form|print [--offset-x PT --offset-y PT] [--period YYYY-MM] [--claim ID,ID] --out FILE.pdf',
  'ecm-claims export invoice --payer ID --format csv|pdf [--period YYYY-MM] [--claim ID,ID] --out FILE',
  'ecm-claims invoices list [--payer ID]',
  'ecm-claims invoices show <invoice-number>',
  'ecm-claims invoices file <invoice-number> --format csv|pdf --out FILE',
];


/** What `export` takes, for its messages. */
export const EXPORT_FORMATS = '837p, 837i, cms1500, ub04 or invoice';

/** Largest printer adjustment accepted, in points (an inch): more is a wrong number, not alignment. */
const MAX_OFFSET = 72;

function invoiceFormat(value: string): InvoiceFileFormat {
  if (!INVOICE_FILE_FORMATS.includes(value as InvoiceFileFormat)) throw new UsageError(`--format ${value} is not an invoice format (use csv or pdf)`);
  return value as InvoiceFileFormat;
}

function claimIds(p: Parsed): string[] | undefined {
  const raw = p.values.claim;
  if (raw === undefined) return undefined;
  const ids = raw.split(',').map((id) => id.trim()).filter((id) => id !== '');
  if (ids.length === 0) throw new UsageError('--claim needs one or more claim ids, separated by commas');
  return ids;
}

export function offsetOf(p: Parsed): PrintOffset | undefined {
  const x = p.values['offset-x'];
  const y = p.values['offset-y'];
  if (x === undefined && y === undefined) return undefined;
  const points = (name: string, value: string | undefined) => {
    if (value === undefined) return 0;
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > MAX_OFFSET) {
      throw new UsageError(`--${name} ${value.trim() === '' ? 'needs' : `${value} is not`} a number of points between -${MAX_OFFSET} and ${MAX_OFFSET}`);
    }
    return n;
  };
  return { x: points('offset-x', x), y: points('offset-y', y) };
}

/** A paper form's mode; `form` names the form in the message (CMS-1500, UB-04) when it is known. */
export function paperMode(value: string, form = 'paper form'): FormMode {
  if (!FORM_MODES.includes(value as FormMode)) throw new UsageError(`--mode ${value} is not a ${form} mode (use ${FORM_MODES.join(' or ')})`);
  return value as FormMode;
}

/** The printer offset, which only print mode takes (form mode draws form and data together). */
export function printOffset(p: Parsed, mode: FormMode): PrintOffset | undefined {
  const offset = offsetOf(p);
  if (offset && mode !== 'print') throw new UsageError('--offset-x and --offset-y line data up with pre-printed forms: use them with --mode print');
  return offset;
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
    const what = report.invoice ? `Invoice ${report.invoice.number} dated ${report.invoice.invoiceDate}, batch` : 'Batch';
    lines.push(`${what} ${b.batchId}: ${count(b.claimCount, 'claim')}, total ${b.totalCharge}, ${count(b.bytes, 'byte')} written to ${out}.`);
  } else lines.push('Nothing was exported: every claim has errors.');
  if (report.held.length > 0) {
    lines.push(`${count(report.held.length, 'claim')} held back:`);
    for (const h of report.held) lines.push(`${h.claimId}:`, ...issueLines(h.issues));
  }
  return lines.join('\n');
}

async function finishExport(ctx: AppContext, p: Parsed, report: DocumentExportReport, out: string): Promise<number> {
  if (report.batch) await writeAtomically(out, (await batchFile(ctx, report.batch.batchId)).chunks);
  print(p.values.json, report, () => reportText(report, out));
  return report.batch ? (report.held.length > 0 ? 3 : 0) : 1;
}

const exportDocument: CommandHandler = async (ctx, p) => {
  const kind = p.positionals[1];
  const { payer, period, out } = p.values;
  if (kind !== undefined && isPaperFormat(kind)) {
    if (!payer || !out || !p.values.mode) throw new UsageError(`export ${kind} needs --payer, --mode form|print and --out`);
    const mode = paperMode(p.values.mode, paperForm(kind).label);
    const report = await exportPaperBatch(ctx, kind, { payerId: payer, period, claimIds: claimIds(p), mode, offset: printOffset(p, mode) });
    return finishExport(ctx, p, report, out);
  }
  if (kind === 'invoice') {
    if (!payer || !out || !p.values.format) throw new UsageError('export invoice needs --payer, --format csv|pdf and --out');
    const report = await exportInvoiceBatch(ctx, { payerId: payer, period, claimIds: claimIds(p), fileFormat: invoiceFormat(p.values.format) });
    return finishExport(ctx, p, report, out);
  }
  throw new UsageError(kind ? `export ${kind} is not a format (use ${EXPORT_FORMATS})` : `export needs a format: ${EXPORT_FORMATS}`);
};

const invoices: CommandHandler = async (ctx, p) => {
  const sub = p.positionals[1];
  if (sub === 'list') {
    const list = await listInvoices(ctx, p.values.payer);
    print(p.values.json, list, () =>
      list.length === 0
        ? 'No invoices.'
        : table(
            list.map((i) => ({ ...i, period: i.billingPeriod })),
            [['number', 'Invoice'], ['invoiceDate', 'Date'], ['payerId', 'Payer'], ['period', 'Period'], ['claimCount', 'Claims'], ['memberCount', 'Members'], ['lineCount', 'Lines'], ['totalCharge', 'Total'], ['batchId', 'Batch'], ['deliveredAs', 'Sent as']],
          ),
    );
    return 0;
  }
  if (sub === 'show') {
    const number = p.positionals[2];
    if (!number) throw new UsageError('invoices show needs an invoice number');
    const invoice = await showInvoice(ctx, number);
    print(p.values.json, invoice, () =>
      [
        `Invoice ${invoice.number} dated ${invoice.invoiceDate} to payer ${invoice.payerId} for ${invoice.billingPeriod}: total ${invoice.totalCharge}`,
        `${count(invoice.claimCount, 'claim')}, ${count(invoice.memberCount, 'member')}, ${count(invoice.lineCount, 'line')}; batch ${invoice.batchId}, sent as ${invoice.deliveredAs}`,
        `Claims: ${invoice.claimIds.join(', ')}`,
      ].join('\n'),
    );
    return 0;
  }
  if (sub === 'file') {
    const number = p.positionals[2];
    if (!number || !p.values.out || !p.values.format) throw new UsageError('invoices file needs an invoice number, --format csv|pdf and --out');
    const format = invoiceFormat(p.values.format);
    const file = await invoiceFile(ctx, number, format);
    await writeAtomically(p.values.out, [file.content]);
    const summary = { number: file.invoice.number, format, bytes: file.content.length, sha256: file.sha256, out: p.values.out };
    print(p.values.json, summary, () => `Wrote invoice ${file.invoice.number} as ${format} (${count(file.content.length, 'byte')}, sha256 ${file.sha256}) to ${p.values.out}.`);
    return 0;
  }
  throw new UsageError('invoices needs list, show or file');
};

const formats: CommandHandler = async (ctx, p) => {
  const report = await decideClaimFormats(ctx, { payerId: p.values.payer, period: p.values.period });
  print(p.values.json, report, () => {
    const c = report.counts;
    const by = Object.entries(c.byFormat).map(([format, n]) => `${n} ${format}`).join(', ');
    const head = `Decided ${count(c.claims, 'claim')}: ${c.ready} ready${by ? ` (${by})` : ''}, ${c.held} held, ${c.changed} changed.`;
    return c.claims === 0 ? 'No unsent claims in scope.' : [head, ...decisionLines(report.decisions)].join('\n');
  });
  return report.counts.held > 0 ? 3 : 0;
};

/** command name -> handler; `export` receives formats other than 837p/837i */
export const documentCommands: Record<string, CommandHandler> = {
  export: exportDocument,
  invoices,
  formats,
};
