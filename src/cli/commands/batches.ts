// 837 exports and the batches already made: the list, and the file of one again, either as it was
// issued or, for a paper batch (CMS-1500 or UB-04), drawn again in the other mode.

import type { AppContext } from '../../app/context.js';
import type { FormMode, PrintOffset } from '../../app/documents/paper-forms.js';
import { redrawPaperBatch } from '../../app/documents/redraw.js';
import { batchFile, exportX12Batch, listBatches, X12_EXPORT_FORMATS, type X12ExportFormat } from '../../app/exports/x12-batch.js';
import { UsageError, type Parsed, type CommandHandler } from '../args.js';
import { count, issueLines, print, Progress, table, writeAtomically } from '../output.js';
import { documentCommands, EXPORT_FORMATS, offsetOf, paperMode, printOffset } from './documents.js';

export const batchUsage: string[] = [
  'ecm-claims export 837p|837i --payer ID [--period YYYY-MM] --out FILE   (an X12 file for the clearinghouse)',
  'ecm-claims batches list [--payer ID]',
  'ecm-claims batches file <batch-id> [--mode form|print [--offset-x PT --offset-y PT]] --out FILE',
  '                                                          (--mode: a CMS-1500 or UB-04 batch drawn again in that mode)',
];


function isX12(format: string | undefined): format is X12ExportFormat {
  return X12_EXPORT_FORMATS.includes(format as X12ExportFormat);
}

const exportBatch: CommandHandler = async (ctx, p) => {
  const format = p.positionals[1];
  const { payer, period, out, json } = p.values;
  if (format && !isX12(format) && documentCommands.export) return documentCommands.export(ctx, p);
  if (!isX12(format) || !payer || !out) throw new UsageError(`export needs a format (${EXPORT_FORMATS}), --payer and --out`);
  const progress = new Progress(`Exporting ${format}`);
  const report = await exportX12Batch(ctx, { payerId: payer, format, period }, (n) => progress.update(n));
  progress.done();
  if (report.batch) await writeAtomically(out, (await batchFile(ctx, report.batch.batchId)).chunks);
  print(json, report, () => {
    const lines: string[] = [];
    if (report.batch) {
      const b = report.batch;
      lines.push(`Batch ${b.batchId}: ${count(b.claimCount, 'claim')}, total ${b.totalCharge}, ${count(b.bytes, 'byte')} written to ${out} (ISA13 ${b.interchangeControl}, GS06 ${b.groupControl}).`);
    } else lines.push('Nothing was exported: every claim has errors.');
    if (report.held.length > 0) {
      lines.push(`${count(report.held.length, 'claim')} held back:`);
      for (const h of report.held) lines.push(`${h.claimId}:`, ...issueLines(h.issues));
    }
    return lines.join('\n');
  });
  return report.batch ? (report.held.length > 0 ? 3 : 0) : 1;
};

async function redraw(ctx: AppContext, p: Parsed, batchId: string, out: string, mode: FormMode, offset: PrintOffset | undefined): Promise<number> {
  const drawing = await redrawPaperBatch(ctx, batchId, { mode, offset });
  await writeAtomically(out, drawing.chunks);
  const summary = { batchId, format: drawing.format, mode, ...(drawing.offset ? { offset: drawing.offset } : {}), claimCount: drawing.claimCount, out, issuedSha256: drawing.batch.sha256 };
  print(p.values.json, summary, () => `Drew batch ${batchId} again in ${mode} mode (${count(drawing.claimCount, 'claim')}) to ${out}; the file issued with the batch is unchanged.`);
  return 0;
}

const batches: CommandHandler = async (ctx, p) => {
  const sub = p.positionals[1];
  if (sub === 'list') {
    const list = await listBatches(ctx, p.values.payer);
    print(p.values.json, list, () =>
      list.length === 0
        ? 'No batches.'
        : table(list.map((b) => ({ ...b, submittedOn: b.submittedOn ?? '' })), [['batchId', 'Batch'], ['payerId', 'Payer'], ['format', 'Format'], ['claimCount', 'Claims'], ['totalCharge', 'Total'], ['interchangeControl', 'ISA13'], ['createdAt', 'Created'], ['submittedOn', 'Submitted']]),
    );
    return 0;
  }
  if (sub === 'file') {
    const id = p.positionals[2];
    const out = p.values.out;
    if (!id || !out) throw new UsageError('batches file needs a batch id and --out');
    if (p.values.mode !== undefined) {
      const mode = paperMode(p.values.mode);
      return redraw(ctx, p, id, out, mode, printOffset(p, mode));
    }
    if (offsetOf(p)) throw new UsageError('--offset-x and --offset-y draw a paper batch (CMS-1500 or UB-04) again for pre-printed forms: use them with --mode print');
    const file = await batchFile(ctx, id);
    await writeAtomically(out, file.chunks);
    print(p.values.json, file.batch, () => `Wrote batch ${id} (${count(file.batch.bytes, 'byte')}, sha256 ${file.batch.sha256}) to ${out}.`);
    return 0;
  }
  throw new UsageError('batches needs list or file');
};

/** command name -> handler; `export` hands formats other than 837p/837i to the document commands */
export const batchCommands: Record<string, CommandHandler> = { export: exportBatch, batches };
