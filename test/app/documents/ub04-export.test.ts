// UB-04 (CMS-1450) batches through the app layer on a real SQLite file, with the sample data: a
// payer that prefers the UB-04 gets UB-04 batches (read back with poppler), the claims are
// batched, sent and drawn again like a CMS-1500 batch's, and a claim that cannot be a UB-04 falls
// back with the reason or is held back.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildClaims } from '../../../src/app/claims/build.js';
import { showClaim } from '../../../src/app/claims/claim-queries.js';
import { decideClaimFormats } from '../../../src/app/claims/formats.js';
import { claimUb04Pdf } from '../../../src/app/documents/claim-pdf.js';
import { exportCms1500Batch, exportUb04Batch } from '../../../src/app/documents/document-batch.js';
import { redrawPaperBatch } from '../../../src/app/documents/redraw.js';
import { batchFile } from '../../../src/app/exports/x12-batch.js';
import { submitBatch } from '../../../src/app/remittances/submit.js';
import { pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { loadSamples, workspace, type Workspace } from '../../support/workspace.js';
import { INSTITUTIONAL, setPreferredFormat } from './support.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';
import { allBytes } from '../../support/bytes.js';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const fileBytes = async (batchId: string) => (await allBytes((await batchFile(ws.ctx, batchId)).chunks));
const drawn = async (chunks: AsyncIterable<Buffer>) => {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
};
const claimsOf = (payerId: string) => ws.ctx.store.read.claims.list({ payerId });
const textOf = async (pdf: Buffer, name: string) => (await pdfWords(pdf, name)).map(pageText).join('\n');

describe.skipIf(lacks(PDFTOTEXT))('UB-04 batches', () => {
  it('prints the claims of a payer that prefers the UB-04, batches them, and sends them like any paper batch', async () => {
    await setPreferredFormat(ws.ctx, 'healthnet', 'ub04', 'invoice', INSTITUTIONAL);
    await buildClaims(ws.ctx, {});
    const claims = await claimsOf('healthnet');
    expect(claims.map((c) => [c.format, c.status])).toEqual(claims.map(() => ['ub04', 'ready']));

    const report = await exportUb04Batch(ws.ctx, { payerId: 'healthnet', mode: 'form' });
    expect(report.held).toEqual([]);
    for (const d of report.decisions) expect(d).toMatchObject({ preferred: 'ub04', format: 'ub04', status: 'ready' });
    const batch = report.batch!;
    expect(batch).toMatchObject({ format: 'ub04', mediaType: 'application/pdf', claimCount: 3, totalCharge: '908.75', transactionCount: 0 });
    expect(batch.fileName).toBe(`${batch.batchId}-healthnet-ub04.pdf`);
    expect(batch.interchangeControl).toBeUndefined();

    const pdf = await fileBytes(batch.batchId);
    expect(pdf.length).toBe(batch.bytes);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A sample claim has a few lines: one page each.
    expect(await pdfPageCount(pdf)).toBe(3);
    const pages = await pdfWords(pdf, 'healthnet-ub04');
    for (const [i, page] of pages.entries()) {
      const claim = await showClaim(ws.ctx, report.claimIds[i]!);
      const text = pageText(page);
      expect(text).toContain(claim.id);
      expect(text).toContain(claim.memberCin);
      expect(text).toContain('1234567893');
      expect(text).toContain(INSTITUTIONAL.revenueCode);
      for (const line of claim.lines) expect(text).toContain(line.code);
      expect(claim.status).toBe('batched');
      expect(await ws.ctx.store.read.events.forClaim(claim.id)).toMatchObject([{ kind: 'batched', date: '2026-11-25', details: { batchId: batch.batchId, format: 'ub04', mode: 'form' } }]);
    }

    // Drawn again in form mode on the batch's date: the issued file, byte for byte; in print mode
    // the data alone, on as many pages, moved by the printer offset.
    const again = await redrawPaperBatch(ws.ctx, batch.batchId, { mode: 'form' });
    expect(again).toMatchObject({ format: 'ub04', mode: 'form', claimCount: 3, fileName: `${batch.batchId}-healthnet-ub04-form.pdf` });
    expect((await drawn(again.chunks)).equals(pdf)).toBe(true);
    const print = await redrawPaperBatch(ws.ctx, batch.batchId, { mode: 'print', offset: { x: 7.2, y: -3 } });
    expect(print).toMatchObject({ format: 'ub04', mode: 'print', offset: { x: 7.2, y: -3 }, fileName: `${batch.batchId}-healthnet-ub04-print.pdf` });
    const printed = await drawn(print.chunks);
    expect(await pdfPageCount(printed)).toBe(3);
    const [formPage] = pages;
    const [printPage] = await pdfWords(printed, 'healthnet-ub04-print');
    const at = (page: typeof formPage, text: string) => page!.words.find((w) => w.text === text)!;
    const id = report.claimIds[0]!;
    expect(at(printPage, id).xMin - at(formPage, id).xMin).toBeCloseTo(7.2, 1);
    expect(at(printPage, id).yMin - at(formPage, id).yMin).toBeCloseTo(-3, 1);
    expect(printPage!.words.length).toBeLessThan(formPage!.words.length);
    // The batch keeps the file it was issued with.
    expect((await fileBytes(batch.batchId)).equals(pdf)).toBe(true);

    const sent = await submitBatch(ws.ctx, batch.batchId, '2026-11-25');
    expect(sent).toMatchObject({ batchId: batch.batchId, submittedOn: '2026-11-25', claimIds: report.claimIds, alreadyRecorded: false });
    for (const claimId of report.claimIds) expect((await showClaim(ws.ctx, claimId)).status).toBe('submitted');
    expect((await ws.ctx.store.read.batches.get(batch.batchId))?.submittedOn).toBe('2026-11-25');
  });

  it('sends a UB-04 payer without institutional settings its fallback, with the reason', async () => {
    await setPreferredFormat(ws.ctx, 'healthnet', 'ub04', 'cms1500');
    await buildClaims(ws.ctx, {});
    const decided = (await decideClaimFormats(ws.ctx, { payerId: 'healthnet' })).decisions;
    expect(decided).toHaveLength(3);
    for (const d of decided) expect(d).toMatchObject({ preferred: 'ub04', format: 'cms1500', status: 'ready', reason: 'UB-04 not possible: INSTITUTIONAL_PROFILE_MISSING' });
    expect(await showClaim(ws.ctx, decided[0]!.claimId)).toMatchObject({ format: 'cms1500', formatReason: 'UB-04 not possible: INSTITUTIONAL_PROFILE_MISSING' });

    await expect(exportUb04Batch(ws.ctx, { payerId: 'healthnet', mode: 'form' })).rejects.toThrow(/no ready claims to send as UB-04 \(its ready claims go as CMS-1500/);
    const paper = await exportCms1500Batch(ws.ctx, { payerId: 'healthnet', mode: 'form' });
    expect(paper.batch).toMatchObject({ format: 'cms1500', claimCount: 3 });
  });

  it('holds named claims that cannot be a UB-04, leaving them ready in their own format', async () => {
    await buildClaims(ws.ctx, {});
    const ids = (await claimsOf('healthnet')).map((c) => c.id);
    const report = await exportUb04Batch(ws.ctx, { payerId: 'healthnet', claimIds: ids, mode: 'print' });
    expect(report.batch).toBeUndefined();
    expect(report.held.map((h) => h.claimId)).toEqual(ids);
    for (const h of report.held) {
      expect(h.issues).toEqual([expect.objectContaining({ code: 'INSTITUTIONAL_PROFILE_MISSING', severity: 'error', path: { element: 'FL 4' } })]);
    }
    for (const id of ids) expect(await showClaim(ws.ctx, id)).toMatchObject({ status: 'ready', format: '837p' });
    await expect(claimUb04Pdf(ws.ctx, ids[0]!, { mode: 'form' })).rejects.toThrow(/cannot be printed on a UB-04: 1 errors/);
  });

  it('prints named claims of an 837 payer as UB-04s once the payer has institutional settings', async () => {
    await setPreferredFormat(ws.ctx, 'healthnet', '837p', 'invoice', INSTITUTIONAL);
    await buildClaims(ws.ctx, {});
    const ids = (await claimsOf('healthnet')).map((c) => c.id);
    const one = await claimUb04Pdf(ws.ctx, ids[0]!, { mode: 'form' });
    expect(one.fileName).toBe(`${ids[0]}-ub04.pdf`);
    expect(await textOf(one.pdf, 'one-ub04')).toContain(ids[0]!);

    const report = await exportUb04Batch(ws.ctx, { payerId: 'healthnet', claimIds: ids.slice(0, 2), mode: 'print', offset: { x: 3.6, y: 0 } });
    expect(report.claimIds).toEqual(ids.slice(0, 2));
    expect(await pdfPageCount(await fileBytes(report.batch!.batchId))).toBe(2);
    for (const id of ids.slice(0, 2)) expect(await showClaim(ws.ctx, id)).toMatchObject({ status: 'batched', format: 'ub04', formatReason: 'UB-04 requested at export (decided 837P)' });
    expect(await ws.ctx.store.read.events.forClaim(ids[0]!)).toMatchObject([{ kind: 'batched', details: { format: 'ub04', mode: 'print', offset: { x: 3.6, y: 0 } } }]);
    await expect(exportUb04Batch(ws.ctx, { payerId: 'healthnet', mode: 'fax' as 'form' })).rejects.toThrow(/mode must be one of form, print/);
  });
});
