// The letter that goes with a provider dispute for late-payment interest: from the organization
// to one plan, the claims it paid after the prompt-pay deadline with their dates and amounts,
// what it owed, paid and still owes, and the rules with their sources. Claims are named by our
// claim number only: the plan finds the member from it, and no member data needs to travel.

import type { Address } from '../domain/reference.js';
import type { SubmissionClock } from '../domain/submission.js';
import type { InterestOwed } from '../remit/prompt-pay.js';
import { addressLines, moneyDisplay, phoneDisplay, tinDisplay, usDate } from './invoice-text.js';
import { LETTER, pdfBuffer, type PdfDoc } from './pdf-output.js';

export interface InterestLetter {
  date: string;
  provider: { name: string; npi?: string; tin: string; address: Address; contact: { name: string; phone: string; email?: string } };
  payer: { id: string; name: string; address?: Address };
  /** months of payment the letter covers, when it was asked for some */
  from?: string;
  to?: string;
  rows: readonly InterestOwed[];
  totals: { interestOwed: string; penalty: string; interestPaid: string; interestPaidWithoutClaim: string; stillOwed: string };
  rules: ReadonlyArray<{ id: string; name: string; source: string }>;
}

const MARGIN = 54;
const dollars = (amount: string) => `$${moneyDisplay(amount)}`;
const WIDTH = LETTER.width - 2 * MARGIN;
const BODY = 9.5;
type LetterRow = InterestOwed & { ruleNumber: number };

const COLUMNS: ReadonlyArray<{ header: string; width: number; value: (r: LetterRow) => string; right?: boolean }> = [
  { header: 'Claim', width: 58, value: (r) => r.claimId },
  { header: 'Received', width: 52, value: (r) => usDate(r.receivedDate) },
  { header: 'Deadline', width: 52, value: (r) => usDate(r.deadline) },
  { header: 'Paid', width: 52, value: (r) => usDate(r.paidDate) },
  { header: 'Days late', width: 38, value: (r) => String(r.daysLate), right: true },
  { header: 'Paid late', width: 52, value: (r) => moneyDisplay(r.principal), right: true },
  { header: 'Interest', width: 44, value: (r) => moneyDisplay(r.interestOwed), right: true },
  { header: 'Penalty', width: 40, value: (r) => moneyDisplay(r.penalty), right: true },
  { header: 'Int. paid', width: 44, value: (r) => moneyDisplay(r.interestPaid), right: true },
  { header: 'Still owed', width: 50, value: (r) => moneyDisplay(r.stillOwed), right: true },
  { header: 'Rule', width: 22, value: (r) => String(r.ruleNumber) },
];

/** A few pages at most: made whole in memory. */
export function renderInterestLetter(letter: InterestLetter, clock: SubmissionClock): Promise<Buffer> {
  const metadata = { title: `Late-payment interest owed by ${letter.payer.name}`, author: letter.provider.name, subject: 'Prompt-pay interest and penalties under California law' };
  return pdfBuffer(clock, metadata, async (doc) => draw(doc, letter));
}

function draw(doc: PdfDoc, letter: InterestLetter): void {
  doc.addPage();
  doc.fillColor('#111111').font('Helvetica-Bold').fontSize(13).text(letter.provider.name, MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(BODY);
  const p = letter.provider;
  for (const line of [...addressLines(p.address), `${p.npi ? `NPI ${p.npi}   ` : ''}TIN ${tinDisplay(p.tin)}`, `${p.contact.name}, ${phoneDisplay(p.contact.phone)}${p.contact.email ? `, ${p.contact.email}` : ''}`]) doc.text(line);
  doc.moveDown().text(usDate(letter.date));
  doc.moveDown().font('Helvetica-Bold').text(letter.payer.name).font('Helvetica');
  for (const line of letter.payer.address ? addressLines(letter.payer.address) : ['Provider dispute resolution']) doc.text(line);
  doc.moveDown().font('Helvetica-Bold').fontSize(11).text('Late-payment interest still owed on clean claims', { width: WIDTH });
  doc.font('Helvetica').fontSize(BODY).moveDown(0.5);
  const span = letter.from || letter.to ? ` paid ${letter.from ? `from ${letter.from}` : ''}${letter.from && letter.to ? ' ' : ''}${letter.to ? `through ${letter.to}` : ''}` : '';
  doc.text(
    `The claims below${span} were complete when you received them and were paid after the deadline California law sets. ` +
      `Interest accrued at 15% a year from the day after the deadline to the day of payment, and a penalty is due where the interest was not paid with the claim. ` +
      `We ask you to pay the ${dollars(letter.totals.stillOwed)} still owed, or to tell us, claim by claim, why it is not owed.`,
    { width: WIDTH },
  );
  doc.moveDown();
  table(doc, letter.rows.map((r) => ({ ...r, ruleNumber: letter.rules.findIndex((rule) => rule.id === r.rule) + 1 })));
  doc.moveDown(0.5).font('Helvetica-Bold');
  const t = letter.totals;
  doc.text(`Interest owed ${dollars(t.interestOwed)}, penalties ${dollars(t.penalty)}, interest paid ${dollars(t.interestPaid)}${t.interestPaidWithoutClaim !== '0.00' ? `, interest paid without naming a claim ${dollars(t.interestPaidWithoutClaim)}` : ''}: still owed ${dollars(t.stillOwed)}.`, MARGIN, doc.y, { width: WIDTH });
  doc.font('Helvetica').moveDown();
  doc.text('Rules applied (by the day you received each claim):', { width: WIDTH });
  letter.rules.forEach((rule, i) => doc.text(`${i + 1}. ${rule.name}: ${rule.source}.`, { width: WIDTH }));
  doc.moveDown().text('Days are calendar days; interest = amount paid late x 0.15 x days late / 365, rounded to the cent once per claim.', { width: WIDTH });
}

function table(doc: PdfDoc, rows: readonly LetterRow[]): void {
  const line = (cells: string[], bold: boolean) => {
    if (doc.y > LETTER.height - MARGIN - 20) doc.addPage().y = MARGIN;
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const column = COLUMNS[i]!;
      doc.text(cell, x, y, { width: column.width - 3, align: column.right ? 'right' : 'left', lineBreak: false });
      x += column.width;
    });
    doc.y = y + 12;
  };
  line(COLUMNS.map((c) => c.header), true);
  for (const row of rows) line(COLUMNS.map((c) => c.value(row)), false);
  doc.fontSize(BODY);
}
