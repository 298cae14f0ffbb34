// Proof of timely filing on one page: the claim, its submission and the payer's acknowledgments
// with their dates and control numbers, each fact on a line of its own, for a plan that says a
// claim arrived late. No member data: the plan looks the claim up by its number.

import type { SubmissionClock } from '../domain/submission.js';
import { moneyDisplay, usDate } from './invoice-text.js';
import { LETTER, pdfBuffer, type PdfDoc } from './pdf-output.js';

export interface FilingProof {
  claimId: string;
  payerId: string;
  payerName: string;
  charge: string;
  firstServiceDate: string;
  lastServiceDate: string;
  /** the payer profile's limit, in days from the first day of service */
  timelyFilingDays: number;
  filingDeadline: string;
  submission: {
    batchId: string;
    fileName: string;
    fileSha256: string;
    senderId?: string;
    interchangeControl?: string;
    groupControl?: string;
    transactionControl?: string;
    submittedOn: string;
    withinLimit: boolean;
  };
  /** the 999 that accepted the file the claim went in */
  fileAccepted?: { date: string; interchangeControl?: string; groupControl?: string };
  /** the 277CA that accepted the claim into adjudication */
  claimAccepted?: { date: string; receivedDate?: string; interchangeControl?: string; payerClaimControlNumber?: string };
}

export interface FilingProofParty {
  name: string;
  npi?: string;
}

const MARGIN = 60;
const LABEL = 190;

export function renderFilingProof(proof: FilingProof, provider: FilingProofParty, clock: SubmissionClock): Promise<Buffer> {
  return pdfBuffer(clock, { title: `Proof of timely filing, claim ${proof.claimId}`, author: provider.name, subject: `Claim ${proof.claimId} to ${proof.payerName}` }, async (doc) => draw(doc, proof, provider, clock));
}

function draw(doc: PdfDoc, proof: FilingProof, provider: FilingProofParty, clock: SubmissionClock): void {
  doc.addPage();
  doc.fillColor('#111111').font('Helvetica-Bold').fontSize(14).text('Proof of timely filing', MARGIN, MARGIN);
  doc.font('Helvetica').fontSize(10).text(`${provider.name}${provider.npi ? `, NPI ${provider.npi}` : ''}. Prepared ${usDate(clock.date)}.`);
  const s = proof.submission;
  section(doc, 'Claim', [
    ['Claim number (CLM01)', proof.claimId],
    ['Payer', `${proof.payerName} (${proof.payerId})`],
    ['Total charge', `$${moneyDisplay(proof.charge)}`],
    ['Dates of service', proof.firstServiceDate === proof.lastServiceDate ? usDate(proof.firstServiceDate) : `${usDate(proof.firstServiceDate)} to ${usDate(proof.lastServiceDate)}`],
    ['Filing limit', `${proof.timelyFilingDays} days from the first day of service: ${usDate(proof.filingDeadline)}`],
  ]);
  section(doc, 'Submission', [
    ['Sent on', `${usDate(s.submittedOn)}, ${s.withinLimit ? 'within' : 'after'} the filing limit`],
    ['Batch', s.batchId],
    ['File', s.fileName],
    ['File SHA-256', s.fileSha256],
    ['Sender (ISA06)', s.senderId ?? 'not recorded'],
    ['Interchange control (ISA13)', s.interchangeControl ?? 'not an X12 file'],
    ['Group control (GS06)', s.groupControl ?? 'not an X12 file'],
    ['Transaction set control (ST02)', s.transactionControl ?? 'not an X12 file'],
  ]);
  const file = proof.fileAccepted;
  const claim = proof.claimAccepted;
  section(doc, 'Acknowledged by the payer', [
    ['999: file accepted on', file ? `${usDate(file.date)}${file.interchangeControl ? `, ISA13 ${file.interchangeControl}` : ''}${file.groupControl ? `, for our group ${file.groupControl}` : ''}` : 'no 999 acceptance on file'],
    ['277CA: claim accepted on', claim ? `${usDate(claim.date)}${claim.interchangeControl ? `, ISA13 ${claim.interchangeControl}` : ''}` : 'no 277CA acceptance on file'],
    ['Payer received date', claim?.receivedDate ? usDate(claim.receivedDate) : 'not given'],
    ['Payer claim number', claim?.payerClaimControlNumber ?? 'not given'],
  ]);
}

function section(doc: PdfDoc, title: string, rows: ReadonlyArray<[string, string]>): void {
  doc.moveDown(1.2).font('Helvetica-Bold').fontSize(11).text(title, MARGIN, doc.y);
  doc.moveDown(0.3).fontSize(10);
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(label, MARGIN, y, { width: LABEL - 10 });
    const labelEnd = doc.y;
    doc.font('Helvetica').text(value, MARGIN + LABEL, y, { width: LETTER.width - 2 * MARGIN - LABEL });
    doc.y = Math.max(doc.y, labelEnd) + 2;
  }
}
