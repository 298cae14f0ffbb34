// One way to produce a PDF for every document in this folder: the injected clock fixes the
// document dates (and so pdfkit's file ID, which is a hash of them), pages stream to any
// Writable with back-pressure, and the Buffer form is the same stream collected.

import { once } from 'node:events';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { SubmissionClock } from '../domain/submission.js';

export type PdfDoc = PDFKit.PDFDocument;

export interface PdfMetadata {
  title: string;
  author?: string;
  subject?: string;
}

const PRODUCER = 'ecm-claims';

/** Letter paper in points. */
export const LETTER = { width: 612, height: 792 } as const;

/**
 * The clock's wall time, written into the PDF as if it were UTC: what matters is that the same
 * clock gives the same bytes, and that the date shown is the submission date billers expect.
 */
export function clockInstant(clock: SubmissionClock): Date {
  const [year, month, day] = clock.date.split('-').map(Number) as [number, number, number];
  const hours = Number(clock.time.slice(0, 2));
  const minutes = Number(clock.time.slice(2, 4));
  return new Date(Date.UTC(year, month - 1, day, hours, minutes));
}

function createDocument(clock: SubmissionClock, metadata: PdfMetadata): PdfDoc {
  const instant = clockInstant(clock);
  return new PDFDocument({
    autoFirstPage: false,
    margin: 0,
    size: [LETTER.width, LETTER.height],
    compress: true,
    info: {
      Title: metadata.title,
      ...(metadata.author ? { Author: metadata.author } : {}),
      ...(metadata.subject ? { Subject: metadata.subject } : {}),
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: instant,
      ModDate: instant,
    },
  });
}

/** Called by a page producer between pages so a slow consumer holds the pages back. */
export type WaitForRoom = () => Promise<void>;

export type DrawDocument = (doc: PdfDoc, waitForRoom: WaitForRoom) => Promise<void>;

/**
 * Streams the document into `out` and resolves when `out` has finished. If drawing fails, the
 * stream is destroyed and the drawing error is what the caller sees.
 */
export async function writePdf(out: Writable, clock: SubmissionClock, metadata: PdfMetadata, draw: DrawDocument): Promise<void> {
  const doc = createDocument(clock, metadata);
  const finished = pipeline(doc, out);
  const waitForRoom: WaitForRoom = async () => {
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), finished]);
  };
  try {
    await draw(doc, waitForRoom);
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    doc.destroy(failure);
    await finished.catch(() => undefined);
    throw failure;
  }
  doc.end();
  await finished;
}

export async function pdfBuffer(clock: SubmissionClock, metadata: PdfMetadata, draw: DrawDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  await writePdf(sink, clock, metadata, draw);
  return Buffer.concat(chunks);
}
