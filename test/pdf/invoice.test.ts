import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimWithParties, SubmissionParties } from '../../src/domain/submission.js';
import { csvCell, invoiceCsv } from '../../src/pdf/invoice-csv.js';
import { renderInvoicePdf } from '../../src/pdf/invoice-pdf.js';
import { type Invoice, type InvoiceFieldKey, buildInvoice, loadInvoiceFields, missingInvoiceFields } from '../../src/pdf/invoice.js';
import { claims, clock, maria, mariaClaim, mariaLines, organization, parties, thomasReplacement } from './fixtures.js';
import { type PdfPage, type PdfWord, pageText, pdfPageCount, pdfWords } from './pdf-text.js';
import { lacks, PDFTOTEXT } from '../support/prerequisites.js';

const mariaOnly: ClaimWithParties[] = [{ claim: mariaClaim, member: maria }];

describe('invoice fields codeset', () => {
  it('lists the DHCS minimum data elements with key, label, required and level', () => {
    const fields = loadInvoiceFields();
    const byKey = new Map(fields.map((f) => [f.key, f]));
    for (const key of ['member.cin', 'member.name', 'member.dob', 'line.serviceDate', 'line.code', 'line.modifiers', 'line.units', 'line.charge']) {
      expect(byKey.get(key as InvoiceFieldKey)).toMatchObject({ level: 'line', required: true });
    }
    expect(byKey.get('member.planMemberId')).toMatchObject({ level: 'line', required: false });
    for (const key of ['invoice.number', 'invoice.date', 'provider.name', 'provider.tin', 'provider.address', 'payer.name']) {
      expect(byKey.get(key as InvoiceFieldKey)).toMatchObject({ level: 'invoice', required: true });
    }
    // Many ECM providers are atypical: NPI is carried when there is one, never required.
    expect(byKey.get('provider.npi')).toMatchObject({ level: 'invoice', required: false });
  });
});

describe('buildInvoice', () => {
  it('totals the lines per member and for the invoice, in decimal', () => {
    const invoice = buildInvoice(parties, claims, 'INV-2026-0042', '2026-11-02');
    expect(invoice.sections.map((s) => [s.member.cin, s.lines.length, s.subtotal])).toEqual([
      ['91234567A', 4, '498.75'],
      ['92345678B', 1, '330.00'],
    ]);
    expect(invoice.total).toBe('828.75');
    expect(invoice.lines.map((l) => l.charge)).toEqual(['247.50', '90.00', '120.00', '41.25', '330.00']);
    expect(invoice.provider).toMatchObject({ name: 'Bright Path Community Services', npi: '1234567893', tin: '941234567' });
    expect(invoice.payer).toMatchObject({ id: 'healthnet', name: 'Health Net of California' });
  });

  it('keeps its service period and the payment terms in force on the day it is issued', () => {
    const invoice = buildInvoice(parties, claims, 'INV-2026-0042', '2026-11-02');
    expect(invoice.date).toBe('2026-11-02');
    expect(invoice.servicePeriod).toEqual({ from: '2026-10-02', to: '2026-10-24' });
    expect(invoice.paymentTerms).toMatch(/^Payment is due within 30 calendar days of the plan's receipt of this invoice/);
    expect(invoice.paymentTerms).toContain('interest at 15% a year from the 31st day');
    expect(invoice.paymentTerms).toContain('Health and Safety Code sections 1371 and 1371.35');
    // Before AB 3275 took effect the deadline was counted in working days.
    expect(buildInvoice(parties, claims, 'INV-2025-0001', '2025-12-15').paymentTerms).toMatch(/^Payment is due within 45 working days/);
  });

  it('refuses claims of another payer and an invoice without a number or a real date', () => {
    expect(() => buildInvoice(parties, [{ claim: { ...mariaClaim, payerId: 'iehp' }, member: maria }], 'INV-1', '2026-11-02')).toThrow(/payer iehp/);
    expect(() => buildInvoice(parties, mariaOnly, ' ', '2026-11-02')).toThrow(/invoice number/);
    expect(() => buildInvoice(parties, mariaOnly, 'INV-1', '2026-02-30')).toThrow(/not a date/);
  });
});

describe('missingInvoiceFields', () => {
  it('finds nothing missing on a complete claim', () => {
    expect(missingInvoiceFields(parties, mariaOnly[0]!)).toEqual([]);
  });

  it('does not ask an atypical provider for an NPI', () => {
    const { npi: _npi, ...withoutNpi } = organization;
    expect(missingInvoiceFields({ ...parties, organization: withoutNpi }, mariaOnly[0]!)).toEqual([]);
  });

  it('says in plain words what is missing, once per problem', () => {
    const { dob: _dob, ...noDob } = maria;
    const lines = mariaLines.map((line) => (line.lineNumber === 2 ? { ...line, code: '', modifiers: [] } : line));
    const problems = missingInvoiceFields(parties, { claim: { ...mariaClaim, lines }, member: noDob });
    expect(problems).toEqual(['member has no date of birth', 'line 2 has no HCPCS code', 'line 2 has no HCPCS modifiers']);
  });
});

describe('invoice CSV', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+15551234')).toBe("'+15551234");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('Garcia-Lopez')).toBe('Garcia-Lopez');
  });

  it('quotes as RFC 4180 asks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it('has a header and a row per line, with ISO dates and two-decimal money', () => {
    const csv = invoiceCsv(buildInvoice(parties, mariaOnly, 'INV-2026-0042', '2026-11-02'));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(6);
    const rows = parse(csv, { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(loadInvoiceFields().map((f) => f.label));
    const at = (row: string[], label: string) => row[rows[0]!.indexOf(label)];
    const lines = rows.slice(1);
    expect(lines.map((r) => [at(r, 'Date of service'), at(r, 'HCPCS code'), at(r, 'Modifiers'), at(r, 'Units'), at(r, 'Charge')])).toEqual([
      ['2026-10-03', 'G9008', 'U1', '1.5', '247.50'],
      ['2026-10-03', 'G9012', 'U2 GQ', '0.75', '90.00'],
      ['2026-10-10', 'G9012', 'U2', '1', '120.00'],
      ['2026-10-24', 'G9008', 'U1 GQ', '0.25', '41.25'],
    ]);
    const first = lines[0]!;
    expect(at(first, 'Invoice number')).toBe('INV-2026-0042');
    expect(at(first, 'Invoice date')).toBe('2026-11-02');
    // Invoice-level elements repeat on every row, so each row carries the whole service period.
    expect(lines.map((r) => `${at(r, 'Service period start')} ${at(r, 'Service period end')}`)).toEqual(Array(4).fill('2026-10-03 2026-10-24'));
    expect(at(first, 'Member CIN')).toBe('91234567A');
    expect(at(first, 'Plan member ID')).toBe('HN00012345');
    expect(at(first, 'Member name')).toBe('Garcia, Maria L');
    expect(at(first, 'Member date of birth')).toBe('1958-03-14');
    expect(at(first, 'Provider NPI')).toBe('1234567893');
    expect(at(first, 'Provider TIN')).toBe('941234567');
    expect(at(first, 'Provider address')).toBe('1200 K Street Suite 400, Sacramento, CA 95814-1234');
    expect(at(first, 'Payer')).toBe('Health Net of California');
    // The address has commas, so it travels quoted.
    expect(csv).toContain('"1200 K Street Suite 400, Sacramento, CA 95814-1234"');
  });

  it('neutralises hostile member data inside the invoice too', () => {
    const hostile = { ...maria, last_name: '=cmd|\' /C calc\'!A0', first_name: '@Maria' };
    const csv = invoiceCsv(buildInvoice(parties, [{ claim: mariaClaim, member: hostile }], '+INV', '2026-11-02'));
    const rows = parse(csv) as string[][];
    const header = rows[0]!;
    expect(rows[1]![header.indexOf('Member name')]).toBe("'=cmd|' /C calc'!A0, @Maria L");
    expect(rows[1]![header.indexOf('Invoice number')]).toBe("'+INV");
  });
});

/** Words grouped into printed rows (same baseline), left to right. */
function rows(page: PdfPage): string[] {
  const byRow = new Map<number, PdfWord[]>();
  for (const word of page.words) {
    const key = Math.round(word.yMax);
    byRow.set(key, [...(byRow.get(key) ?? []), word]);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, words]) => words.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' '));
}

describe.skipIf(lacks(PDFTOTEXT))('invoice PDF', () => {
  let invoice: Invoice;
  let pdf: Buffer;
  let read: PdfPage[];

  beforeAll(async () => {
    invoice = buildInvoice(parties, claims, 'INV-2026-0042', '2026-11-02');
    pdf = await renderInvoicePdf(invoice, { clock });
    read = await pdfWords(pdf, 'invoice');
  });

  it('fits this invoice on one page', async () => {
    expect(await pdfPageCount(pdf)).toBe(1);
  });

  it('carries the letterhead: name, address, phone, NPI and TIN', () => {
    const text = pageText(read[0]!);
    for (const phrase of ['Bright Path Community Services', '1200 K Street Suite 400', 'Sacramento, CA 95814-1234', 'Phone (916) 555-0100', 'NPI 1234567893', 'TIN 94-1234567']) {
      expect(text).toContain(phrase);
    }
  });

  it('names the payer, the invoice number and its date', () => {
    const text = pageText(read[0]!);
    for (const phrase of ['BILL TO', 'Health Net of California', 'PO Box 10439', 'Van Nuys, CA 91410-0439', 'INV-2026-0042', '11/02/2026']) {
      expect(text).toContain(phrase);
    }
  });

  it('shows in its header the date it was issued, the service period and the payment terms', () => {
    const page = read[0]!;
    // The header is everything above the first member's service table.
    const tableTitle = page.words.find((w) => w.text === 'Enhanced')!;
    const header = { ...page, words: page.words.filter((w) => w.yMax < tableTitle.yMin) };
    const printed = rows(header);
    expect(printed.some((r) => r.endsWith('Date issued 11/02/2026'))).toBe(true);
    expect(printed.some((r) => r.endsWith('Service period 10/02/2026 to 10/24/2026'))).toBe(true);
    // The terms stand in their own column beside the payer: read that column row by row.
    const caption = header.words.find((w) => w.text === 'PAYMENT')!;
    const text = rows({ ...header, words: header.words.filter((w) => w.xMin >= caption.xMin - 0.5 && w.yMin >= caption.yMin - 0.5) }).join(' ');
    expect(text).toContain("PAYMENT TERMS Payment is due within 30 calendar days of the plan's receipt of this invoice");
    expect(text).toContain('accrues interest at 15% a year from the 31st day until paid');
    expect(text).toContain('California Health and Safety Code sections 1371 and 1371.35');
  });

  it('shows the date it was issued, not the day it is rendered again', async () => {
    const later = await renderInvoicePdf(invoice, { clock: { date: '2026-12-15', time: '1000' } });
    const printed = (await pdfWords(later, 'invoice-later')).flatMap(rows);
    expect(printed.some((r) => r.endsWith('Date issued 11/02/2026'))).toBe(true);
    expect(printed.join(' ')).not.toContain('12/15/2026');
  });

  it("lists each member's block and service lines with their amounts", () => {
    const printed = rows(read[0]!);
    expect(printed).toContain('Garcia, Maria L');
    expect(printed).toContain('CIN 91234567A Plan member ID HN00012345 Date of birth 03/14/1958');
    expect(printed).toContain('Date of service HCPCS Modifiers Units (hours) Rate Charge');
    for (const row of [
      '10/03/2026 G9008 U1 1.5 165.00 247.50',
      '10/03/2026 G9012 U2 GQ 0.75 120.00 90.00',
      '10/10/2026 G9012 U2 1 120.00 120.00',
      '10/24/2026 G9008 U1 GQ 0.25 165.00 41.25',
      '10/02/2026 G9008 U1 2 165.00 330.00',
    ]) {
      expect(printed).toContain(row);
    }
    expect(printed).toContain('Member subtotal 498.75');
    expect(printed).toContain('Member subtotal 330.00');
    expect(printed).toContain("O'Brien-Nguyen, Thomas");
  });

  it('shows the totals and a signature and date line', () => {
    const printed = rows(read[0]!);
    expect(printed).toContain('Service lines 5');
    expect(printed).toContain('Invoice total $828.75');
    expect(printed).toContain('Authorized signature Date');
    expect(printed).toContain('Printed name and title');
    expect(pageText(read[0]!)).toContain('I certify that the services listed on this invoice were provided');
  });

  it('leaves the NPI out for a provider that has none', async () => {
    const { npi: _npi, ...atypical } = organization;
    const atypicalParties: SubmissionParties = { ...parties, organization: atypical };
    const withoutNpi = await renderInvoicePdf(buildInvoice(atypicalParties, claims, 'INV-2026-0043', '2026-11-02'), { clock });
    const text = pageText((await pdfWords(withoutNpi, 'invoice-atypical'))[0]!);
    expect(text).not.toContain('NPI');
    expect(text).toContain('TIN 94-1234567');
  });

  it('continues a long member block on the next page with its heading and column heads', async () => {
    const manyLines = Array.from({ length: 70 }, (_, i) => ({ ...mariaLines[i % 4]!, lineNumber: i + 1 }));
    const long = buildInvoice(parties, [{ claim: { ...mariaClaim, lines: manyLines }, member: maria }, { claim: thomasReplacement, member: claims[1]!.member }], 'INV-2026-0044', '2026-11-02');
    const longPdf = await renderInvoicePdf(long, { clock });
    const pages = await pdfWords(longPdf, 'invoice-long');
    expect(pages.length).toBeGreaterThan(1);
    const allRows = pages.flatMap(rows);
    expect(allRows.filter((r) => /^\d\d\/\d\d\/2026 G90\d\d/.test(r))).toHaveLength(71);
    expect(rows(pages[1]!)).toContain('Garcia, Maria L (continued)');
    expect(allRows.filter((r) => r === 'Date of service HCPCS Modifiers Units (hours) Rate Charge').length).toBeGreaterThanOrEqual(pages.length);
    expect(pageText(pages.at(-1)!)).toContain('Authorized signature');
  });

  it('gives the same bytes for the same invoice and clock', async () => {
    const again = await renderInvoicePdf(invoice, { clock });
    expect(again.equals(pdf)).toBe(true);
  });
});
