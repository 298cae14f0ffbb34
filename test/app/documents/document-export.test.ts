// CMS-1500 and invoice batches through the app layer on a real SQLite file, with the sample data:
// the format decided per claim and why, what goes into each document (read back with poppler and
// a CSV parser), claims held back, invoice numbers, and an export that fails leaving nothing.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { buildClaims } from '../../../src/app/claims/build.js';
import { showClaim } from '../../../src/app/claims/claim-queries.js';
import { exportCms1500Batch, exportInvoiceBatch } from '../../../src/app/documents/document-batch.js';
import { claimCms1500Pdf } from '../../../src/app/documents/claim-pdf.js';
import { decideClaimFormats } from '../../../src/app/claims/formats.js';
import { batchFile } from '../../../src/app/exports/x12-batch.js';
import { invoiceFile, listInvoices, showInvoice } from '../../../src/app/documents/invoices.js';
import { loadInvoiceFields } from '../../../src/pdf/invoice.js';
import { pageText, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { loadSamples, workspace, type Workspace } from '../../support/workspace.js';
import { removeMemberBirthDate, removeOrganizationNpi, setPreferredFormat } from './support.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';
import { allBytes } from '../../support/bytes.js';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const fileBytes = async (batchId: string) => (await allBytes((await batchFile(ws.ctx, batchId)).chunks));
const claimsOf = (payerId: string) => ws.ctx.store.read.claims.list({ payerId });
const csvRows = (csv: Buffer) => parse(csv.toString('utf8'), { columns: true }) as Array<Record<string, string>>;

describe.skipIf(lacks(PDFTOTEXT))('the format decided per claim', () => {
  it('makes the IEHP claims invoices because the payer prefers them, and issues one', async () => {
    await buildClaims(ws.ctx, {});
    const decided = await decideClaimFormats(ws.ctx, {});
    const iehp = decided.decisions.filter((d) => d.payerId === 'iehp');
    expect(iehp.length).toBeGreaterThan(0);
    for (const d of iehp) {
      expect(d).toMatchObject({ format: 'invoice', status: 'ready', reason: 'payer prefers invoice' });
      expect(await showClaim(ws.ctx, d.claimId)).toMatchObject({ format: 'invoice', formatReason: 'payer prefers invoice' });
    }
    // Health Net can take an 837P: nothing to explain.
    for (const d of decided.decisions.filter((x) => x.payerId === 'healthnet')) expect(d).toMatchObject({ format: '837p', status: 'ready' });
    expect(decided.decisions.find((d) => d.payerId === 'healthnet')?.reason).toBeUndefined();

    const report = await exportInvoiceBatch(ws.ctx, { payerId: 'iehp', fileFormat: 'csv' });
    expect(report.held).toEqual([]);
    const batch = report.batch!;
    expect(batch).toMatchObject({ format: 'invoice', mediaType: 'text/csv; charset=utf-8', transactionCount: 0, claimCount: iehp.length, totalCharge: '260.50' });
    expect(batch.interchangeControl).toBeUndefined();
    expect(report.invoice).toMatchObject({ number: 'INV-000001', batchId: batch.batchId, payerId: 'iehp', invoiceDate: '2026-11-25', totalCharge: '260.50', deliveredAs: 'csv', memberCount: 1 });

    const csv = await fileBytes(batch.batchId);
    expect(csv.length).toBe(batch.bytes);
    const header = csv.toString('utf8').split('\r\n')[0]!;
    expect(header.split(',')).toEqual(loadInvoiceFields().map((f) => f.label));
    const rows = csvRows(csv);
    const claim = await showClaim(ws.ctx, report.claimIds[0]!);
    expect(rows).toHaveLength(claim.lines.length);
    expect(rows[0]).toMatchObject({
      'Invoice number': 'INV-000001',
      'Invoice date': '2026-11-25',
      'Provider name': 'Bright Path Community Services',
      'Provider NPI': '1234567893',
      Payer: 'Inland Empire Health Plan',
      'Member CIN': '93456789C',
      'Plan member ID': 'IE00034567',
      'Member date of birth': '2011-07-21',
    });
    expect(rows.map((r) => `${r['Date of service']} ${r['HCPCS code']} ${r.Modifiers} ${r.Units} ${r.Charge}`)).toEqual(
      claim.lines.map((l) => `${l.serviceDate} ${l.code} ${l.modifiers.join(' ')} ${Number(l.units)} ${l.charge}`),
    );

    for (const id of report.claimIds) {
      expect((await showClaim(ws.ctx, id)).status).toBe('batched');
      expect(await ws.ctx.store.read.events.forClaim(id)).toMatchObject([{ kind: 'batched', date: '2026-11-25', details: { batchId: batch.batchId, format: 'invoice', invoiceNumber: 'INV-000001' } }]);
    }
    expect((await listInvoices(ws.ctx)).map((i) => i.number)).toEqual(['INV-000001']);
    expect((await showInvoice(ws.ctx, 'INV-000001')).claimIds).toEqual(report.claimIds);
    // Both renderings are kept; the CSV is the batch file byte for byte.
    expect((await invoiceFile(ws.ctx, 'INV-000001', 'csv')).content.equals(csv)).toBe(true);
    const pdf = (await invoiceFile(ws.ctx, 'INV-000001', 'pdf')).content;
    const text = (await pdfWords(pdf, 'iehp-invoice')).map(pageText).join(' ');
    expect(text).toContain('INV-000001');
    expect(text).toContain('93456789C');
    expect(text).toContain('$260.50');
  });

  it('makes the Health Net claims invoices when the organization has no NPI', async () => {
    await buildClaims(ws.ctx, {});
    await removeOrganizationNpi(ws.ctx);
    // The decision is brought up to date by the export itself.
    const report = await exportInvoiceBatch(ws.ctx, { payerId: 'healthnet', fileFormat: 'pdf' });
    const healthNet = report.decisions.filter((d) => d.payerId === 'healthnet');
    expect(healthNet).toHaveLength(3);
    for (const d of healthNet) expect(d).toMatchObject({ preferred: '837p', format: 'invoice', status: 'ready', reason: 'billing provider has no NPI', changed: true });
    expect(report.held).toEqual([]);
    expect(report.claimIds).toEqual(healthNet.map((d) => d.claimId));
    for (const id of report.claimIds) expect(await showClaim(ws.ctx, id)).toMatchObject({ status: 'batched', format: 'invoice', formatReason: 'billing provider has no NPI' });

    const batch = report.batch!;
    expect(batch).toMatchObject({ format: 'invoice', mediaType: 'application/pdf', totalCharge: '908.75', claimCount: 3 });
    const pdf = await fileBytes(batch.batchId);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await pdfPageCount(pdf)).toBeGreaterThanOrEqual(1);
    const text = (await pdfWords(pdf, 'healthnet-invoice')).map(pageText).join(' ');
    for (const expected of ['INV-000001', 'Health Net of California', '91234567A', '92345678B', '$908.75', '498.75', 'G9008', 'G9012']) expect(text).toContain(expected);
    // An atypical provider's invoice carries no NPI at all.
    expect(text).not.toContain('1234567893');
    const csvRowsOfInvoice = csvRows((await invoiceFile(ws.ctx, report.invoice!.number, 'csv')).content);
    expect(new Set(csvRowsOfInvoice.map((r) => r['Provider NPI']))).toEqual(new Set(['']));
    expect(csvRowsOfInvoice.reduce((sum, r) => sum + Math.round(Number(r.Charge) * 100), 0)).toBe(90875);

    // Numbers are the organization's: the next invoice, for another payer, takes the next one.
    const next = await exportInvoiceBatch(ws.ctx, { payerId: 'iehp', fileFormat: 'csv' });
    expect(next.invoice?.number).toBe('INV-000002');
  });

  it('holds a claim whose member has no birth date: the invoice minimum is not met', async () => {
    await buildClaims(ws.ctx, {});
    await removeOrganizationNpi(ws.ctx);
    await removeMemberBirthDate(ws.ctx, '91234567A');
    const report = await exportInvoiceBatch(ws.ctx, { payerId: 'healthnet', fileFormat: 'csv' });
    const maria = (await claimsOf('healthnet')).find((c) => c.memberCin === '91234567A')!;
    const decision = report.decisions.find((d) => d.claimId === maria.id)!;
    expect(decision).toMatchObject({ status: 'draft', format: '837p' });
    expect(decision.reason).toMatch(/^held: billing provider has no NPI, and the invoice minimum is not met \(member has no date of birth/);
    const claim = await showClaim(ws.ctx, maria.id);
    expect(claim.status).toBe('draft');
    expect(claim.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['MEMBER_DOB_MISSING', 'INVOICE_MINIMUM_MISSING']));
    // No member data in what billers and logs see.
    expect(JSON.stringify(claim.issues)).not.toMatch(/Garcia|Maria|1958/);

    expect(report.claimIds).not.toContain(maria.id);
    expect(report.claimIds).toHaveLength(2);
    expect(report.batch?.totalCharge).toBe('410.00');
    expect(csvRows(await fileBytes(report.batch!.batchId)).map((r) => r['Member CIN'])).not.toContain('91234567A');
  });

  it('uses no invoice number and changes nothing when there is nothing to invoice', async () => {
    await buildClaims(ws.ctx, {});
    await expect(exportInvoiceBatch(ws.ctx, { payerId: 'healthnet', fileFormat: 'csv' })).rejects.toThrow(/no ready claims to send as invoice \(its ready claims go as 837P/);
    for (const c of await claimsOf('healthnet')) expect(c).toMatchObject({ status: 'ready', format: '837p' });
    expect(await ws.ctx.store.read.batches.list()).toEqual([]);
    expect((await exportInvoiceBatch(ws.ctx, { payerId: 'iehp', fileFormat: 'pdf' })).invoice?.number).toBe('INV-000001');
  });

  it('rolls the decisions back with an export that fails', async () => {
    await buildClaims(ws.ctx, {});
    await removeOrganizationNpi(ws.ctx);
    const failure = exportCms1500Batch(ws.ctx, { payerId: 'healthnet', mode: 'form' });
    await expect(failure).rejects.toMatchObject({ kind: 'invalid', details: { decisions: expect.arrayContaining([expect.objectContaining({ format: 'invoice', reason: 'billing provider has no NPI' })]) } });
    // The failed export decided them as invoices, but nothing of it was kept.
    for (const c of await claimsOf('healthnet')) expect(c).toMatchObject({ status: 'ready', format: '837p' });
  });
});

describe.skipIf(lacks(PDFTOTEXT))('CMS-1500 batches', () => {
  it('prints one form per claim for a payer that prefers the CMS-1500', async () => {
    await setPreferredFormat(ws.ctx, 'healthnet', 'cms1500', 'invoice');
    await buildClaims(ws.ctx, {});
    const report = await exportCms1500Batch(ws.ctx, { payerId: 'healthnet', mode: 'form' });
    expect(report.held).toEqual([]);
    const batch = report.batch!;
    expect(batch).toMatchObject({ format: 'cms1500', mediaType: 'application/pdf', claimCount: 3, totalCharge: '908.75', transactionCount: 0 });
    expect(batch.interchangeControl).toBeUndefined();
    expect(batch.fileName).toMatch(/\.pdf$/);
    const pdf = await fileBytes(batch.batchId);
    expect(pdf.length).toBe(batch.bytes);
    expect(await pdfPageCount(pdf)).toBe(3);
    const pages = await pdfWords(pdf, 'healthnet-cms1500');
    expect(pages).toHaveLength(3);
    for (const [i, page] of pages.entries()) {
      const claim = await showClaim(ws.ctx, report.claimIds[i]!);
      const text = pageText(page);
      expect(text).toContain('HEALTH INSURANCE CLAIM FORM');
      expect(text).toContain(claim.id);
      expect(text).toContain(claim.memberCin);
      expect(text).toContain('1234567893');
      for (const line of claim.lines) expect(text).toContain(line.code);
      expect(claim.status).toBe('batched');
      expect(await ws.ctx.store.read.events.forClaim(claim.id)).toMatchObject([{ kind: 'batched', details: { batchId: batch.batchId, format: 'cms1500', mode: 'form' } }]);
    }
  });

  it('prints named claims of an 837 payer in print mode, moved by the printer offset', async () => {
    await buildClaims(ws.ctx, {});
    const ids = (await claimsOf('healthnet')).map((c) => c.id);
    const plain = await claimCms1500Pdf(ws.ctx, ids[0]!, { mode: 'print' });
    const report = await exportCms1500Batch(ws.ctx, { payerId: 'healthnet', claimIds: ids, mode: 'print', offset: { x: 9, y: -4.5 } });
    expect(report.claimIds).toEqual(ids);
    const pdf = await fileBytes(report.batch!.batchId);
    expect(await pdfPageCount(pdf)).toBe(ids.length);
    for (const id of ids) expect(await showClaim(ws.ctx, id)).toMatchObject({ status: 'batched', format: 'cms1500', formatReason: 'CMS-1500 requested at export (decided 837P)' });

    // Print mode has no form: only the data, every word moved by the offset.
    const [moved] = await pdfWords(pdf, 'print-offset');
    const [unmoved] = await pdfWords(plain.pdf, 'print-plain');
    expect(pageText(moved!)).not.toContain('HEALTH INSURANCE CLAIM FORM');
    const at = (page: typeof moved, text: string) => page!.words.find((w) => w.text === text)!;
    expect(at(moved, ids[0]!).xMin - at(unmoved, ids[0]!).xMin).toBeCloseTo(9, 1);
    expect(at(moved, ids[0]!).yMin - at(unmoved, ids[0]!).yMin).toBeCloseTo(-4.5, 1);
  });

  it('holds named claims that cannot be a CMS-1500, leaving them ready in their own format', async () => {
    await buildClaims(ws.ctx, {});
    await removeOrganizationNpi(ws.ctx);
    const ids = (await claimsOf('healthnet')).map((c) => c.id);
    const report = await exportCms1500Batch(ws.ctx, { payerId: 'healthnet', claimIds: ids, mode: 'form' });
    expect(report.batch).toBeUndefined();
    expect(report.held.map((h) => h.claimId)).toEqual(ids);
    for (const h of report.held) expect(h.issues.map((i) => i.code)).toContain('BILLING_NPI_MISSING');
    for (const id of ids) expect(await showClaim(ws.ctx, id)).toMatchObject({ status: 'ready', format: 'invoice', formatReason: 'billing provider has no NPI' });
    await expect(claimCms1500Pdf(ws.ctx, ids[0]!, { mode: 'form' })).rejects.toThrow(/cannot be printed on a CMS-1500/);
  });
});
