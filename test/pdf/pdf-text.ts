// Reads rendered PDFs back with poppler (pdftotext -bbox-layout, pdfinfo) so tests check what
// a reader of the page sees, not what the renderer meant to draw.

import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

async function withPdfFile<T>(pdf: Buffer, name: string, use: (path: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pdf-test-'));
  const path = join(dir, `${name}.pdf`);
  try {
    await writeFile(path, pdf);
    // Set PDF_PREVIEW_DIR to keep the PDFs a test renders, e.g. to look at them with pdftoppm.
    const preview = process.env.PDF_PREVIEW_DIR;
    if (preview) await copyFile(path, join(preview, `${name}.pdf`));
    return await use(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ENTITIES[entity] ?? whole;
  });
}

function attribute(tag: string, name: string): number {
  const match = new RegExp(`${name}="([-0-9.]+)"`).exec(tag);
  if (!match?.[1]) throw new Error(`pdftotext output has no ${name} in ${tag}`);
  return Number(match[1]);
}

export function parseBboxXhtml(xhtml: string): PdfPage[] {
  const pages: PdfPage[] = [];
  const pagePattern = /<page([^>]*)>([\s\S]*?)<\/page>/g;
  for (const pageMatch of xhtml.matchAll(pagePattern)) {
    const pageTag = pageMatch[1] ?? '';
    const body = pageMatch[2] ?? '';
    const words: PdfWord[] = [];
    for (const wordMatch of body.matchAll(/<word([^>]*)>([\s\S]*?)<\/word>/g)) {
      const tag = wordMatch[1] ?? '';
      words.push({
        text: decodeEntities(wordMatch[2] ?? ''),
        xMin: attribute(tag, 'xMin'),
        yMin: attribute(tag, 'yMin'),
        xMax: attribute(tag, 'xMax'),
        yMax: attribute(tag, 'yMax'),
      });
    }
    pages.push({ width: attribute(pageTag, 'width'), height: attribute(pageTag, 'height'), words });
  }
  return pages;
}

export async function pdfWords(pdf: Buffer, name = 'document'): Promise<PdfPage[]> {
  return withPdfFile(pdf, name, async (path) => {
    const { stdout } = await run('pdftotext', ['-bbox-layout', path, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return parseBboxXhtml(stdout);
  });
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return withPdfFile(pdf, 'count', async (path) => {
    const { stdout } = await run('pdfinfo', [path]);
    const match = /^Pages:\s+(\d+)/m.exec(stdout);
    if (!match?.[1]) throw new Error(`pdfinfo gave no page count:\n${stdout}`);
    return Number(match[1]);
  });
}

/** The page's text in reading order, words separated by single spaces (for phrase checks). */
export function pageText(page: PdfPage): string {
  return page.words.map((w) => w.text).join(' ');
}

/** The page's text line by line, top to bottom, each line's words left to right: for tables. */
export function pageLines(page: PdfPage): string[] {
  const rows = new Map<number, PdfWord[]>();
  for (const word of page.words) {
    const y = Math.round(word.yMin);
    rows.set(y, [...(rows.get(y) ?? []), word]);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, words]) => words.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' '));
}

