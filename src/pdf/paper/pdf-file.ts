// The PDF file structure for the paper forms, written as the pages come. pdfkit keeps every
// page's dictionary objects until the document ends (its page tree holds them), about 3 KB a
// page, so a run of 40,000 forms grew its heap by over 100 MB; here a page leaves nothing behind
// but the byte offset of its two objects. Every page shares one resource dictionary (the data
// font and the empty form), written once. Objects are numbered in a fixed plan, so the same
// pages and clock give the same bytes.

import { createHash } from 'node:crypto';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { deflateSync } from 'node:zlib';
import type { SubmissionClock } from '../../domain/submission.js';
import { clockInstant, type PdfMetadata } from '../pdf-output.js';

const PRODUCER = 'ecm-claims';

/** Fixed object numbers; shared objects follow, then the pages, two objects each (content, page). */
const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const RESOURCES = 4;
const FIRST_FREE = 5;

export class PdfFileWriter {
  private readonly offsets: number[] = [];
  private position = 0;
  private pages = 0;
  private nextId = FIRST_FREE;
  private firstPage = 0;

  /** `closed` settles when the output finishes or fails: a wait for room gives up then. */
  constructor(
    private readonly out: Writable,
    private readonly size: { width: number; height: number },
    private readonly closed: Promise<void>,
  ) {}

  /** The header; call once, first. */
  async begin(): Promise<void> {
    // The binary comment tells transfer programs the file is not text.
    await this.write('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  }

  /** An object the pages share (a font, the empty form), written now; its number is returned. */
  async shared(dictionary: string, stream?: string): Promise<number> {
    if (this.firstPage !== 0) throw new Error('shared objects come before the pages');
    const id = this.nextId++;
    await this.object(id, dictionary, stream);
    return id;
  }

  /** The one resource dictionary of every page, by resource name; the pages follow it. */
  async resources(fonts: Record<string, number>, xobjects: Record<string, number>): Promise<void> {
    const names = (entries: Record<string, number>) => Object.entries(entries).map(([name, id]) => `/${name} ${id} 0 R`).join(' ');
    const xobject = Object.keys(xobjects).length > 0 ? ` /XObject << ${names(xobjects)} >>` : '';
    await this.object(RESOURCES, `/ProcSet [/PDF /Text] /Font << ${names(fonts)} >>${xobject}`);
    this.firstPage = this.nextId;
  }

  /** One page: its content stream and its page object. */
  async page(content: string): Promise<void> {
    const contentId = this.firstPage + this.pages * 2;
    await this.object(contentId, '', content);
    await this.object(
      contentId + 1,
      `/Type /Page /Parent ${PAGES} 0 R /MediaBox [0 0 ${this.size.width} ${this.size.height}] /Resources ${RESOURCES} 0 R /Contents ${contentId} 0 R`,
    );
    this.pages += 1;
  }

  get pageCount(): number {
    return this.pages;
  }

  /** The page tree, catalog, information and cross-reference table; then the output ends. */
  async end(clock: SubmissionClock, metadata: PdfMetadata): Promise<void> {
    const kids: string[] = [];
    for (let i = 0; i < this.pages; i++) kids.push(`${this.firstPage + i * 2 + 1} 0 R`);
    await this.object(PAGES, `/Type /Pages /Count ${this.pages} /Kids [${kids.join(' ')}]`);
    await this.object(CATALOG, `/Type /Catalog /Pages ${PAGES} 0 R`);
    const date = pdfDate(clock);
    const info: [string, string | undefined][] = [
      ['Title', metadata.title],
      ['Author', metadata.author],
      ['Subject', metadata.subject],
      ['Creator', PRODUCER],
      ['Producer', PRODUCER],
    ];
    const entries = info.filter((e): e is [string, string] => e[1] !== undefined).map(([key, value]) => `/${key} ${textString(value)}`);
    await this.object(INFO, `${entries.join(' ')} /CreationDate (${date}) /ModDate (${date})`);

    const size = this.firstPage + this.pages * 2;
    const xref = this.position;
    const rows = ['xref', `0 ${size}`, '0000000000 65535 f '];
    for (let id = 1; id < size; id++) rows.push(`${String(this.offsets[id] ?? 0).padStart(10, '0')} 00000 n `);
    // The file identifier is a digest of what identifies the document, so it repeats with it.
    const digest = createHash('md5').update(`${date}|${metadata.title}|${this.pages}`).digest('hex');
    rows.push('trailer', `<< /Size ${size} /Root ${CATALOG} 0 R /Info ${INFO} 0 R /ID [<${digest}> <${digest}>] >>`, 'startxref', String(xref), '%%EOF', '');
    await this.write(rows.join('\n'));
    this.out.end();
  }

  private async object(id: number, dictionary: string, stream?: string): Promise<void> {
    this.offsets[id] = this.position;
    if (stream === undefined) {
      await this.write(`${id} 0 obj\n<< ${dictionary} >>\nendobj\n`);
      return;
    }
    const body = deflateSync(Buffer.from(stream, 'latin1'));
    const extra = dictionary === '' ? '' : `${dictionary} `;
    await this.write(`${id} 0 obj\n<< ${extra}/Length ${body.length} /Filter /FlateDecode >>\nstream\n`);
    await this.write(body);
    await this.write('\nendstream\nendobj\n');
  }

  private async write(chunk: string | Buffer): Promise<void> {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    this.position += bytes.length;
    if (!this.out.write(bytes)) await Promise.race([once(this.out, 'drain'), this.closed]);
  }
}

/** D:YYYYMMDDHHmmSSZ, the clock's wall time (as clockInstant reads it). */
function pdfDate(clock: SubmissionClock): string {
  const iso = clockInstant(clock).toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** A text string: literal when plain ASCII, else UTF-16BE with its byte-order mark. */
function textString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[()\\]/g, (c) => `\\${c}`)})`;
  const utf16 = Buffer.from(`\ufeff${value}`, 'utf16le').swap16();
  return `<${utf16.toString('hex')}>`;
}
