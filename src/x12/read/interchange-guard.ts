// Byte-level gate in front of x12-parser. The parser takes its separators from fixed offsets of
// the first chunk it sees and never checks them, so a short first chunk, a PDF, a zip or a file
// with a mangled ISA would be split into nonsense. This stage validates the 106-character ISA,
// hands the parser one first chunk that holds all of it, and stops binary data early.

import { Transform, type TransformCallback } from 'node:stream';
import { PayerFileError } from './payer-file-error.js';

export const ISA_LENGTH = 106;

/**
 * No 5010 segment comes near this; a longer run means the body does not use the declared
 * terminator, and the parser would otherwise buffer the whole file as one segment.
 */
export const MAX_SEGMENT_BYTES = 65_536;

/** Offsets of the 16 element separators in a fixed-width ISA (ISA01 starts at 4). */
const ISA_SEPARATOR_OFFSETS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103] as const;

export interface Separators {
  element: string;
  component: string;
  repetition: string;
  segment: string;
}

const BOM = [0xef, 0xbb, 0xbf] as const;

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

function isAlphanumeric(char: string): boolean {
  return /^[A-Za-z0-9]$/.test(char);
}

function show(char: string): string {
  const code = char.charCodeAt(0);
  return code >= 0x20 && code < 0x7f ? `'${char}'` : `0x${code.toString(16).padStart(2, '0')}`;
}

/** Validates the fixed-width ISA at the start of `header` and returns the separators it declares. */
export function readIsaHeader(header: string, byteOffset = 0): Separators {
  if (!header.startsWith('ISA')) {
    throw new PayerFileError(`not an X12 file: it must start with "ISA", found "${header.slice(0, 12).replace(/[^\x20-\x7e]/g, '?')}"`, { byteOffset });
  }
  const element = header[3] ?? '';
  for (const offset of ISA_SEPARATOR_OFFSETS) {
    if (header[offset] !== element) {
      throw new PayerFileError(
        `ISA is not the fixed 106-character header: element separator ${show(element)} expected at character ${offset + 1}, found ${show(header[offset] ?? ' ')} (padding of ISA02/04/06/08 or the separators are wrong)`,
        { segment: 'ISA', position: 1, byteOffset: byteOffset + offset },
      );
    }
  }
  const separatorCount = header.slice(0, 104).split(element).length - 1;
  if (separatorCount !== 16) {
    throw new PayerFileError(`ISA holds ${separatorCount} element separators ${show(element)} where 16 are expected`, { segment: 'ISA', position: 1, byteOffset });
  }
  const separators: Separators = { element, component: header[104] ?? '', repetition: header[82] ?? '', segment: header[105] ?? '' };
  const distinct = new Set([separators.element, separators.component, separators.segment, separators.repetition]);
  if (distinct.size !== 4) {
    throw new PayerFileError(
      `ISA declares separators that are not distinct (element ${show(separators.element)}, repetition ${show(separators.repetition)}, component ${show(separators.component)}, segment ${show(separators.segment)})`,
      { segment: 'ISA', position: 1, byteOffset },
    );
  }
  for (const [role, char] of Object.entries(separators)) {
    if (isAlphanumeric(char) || char === ' ') {
      throw new PayerFileError(`ISA declares ${show(char)} as the ${role} separator; a separator cannot be a letter, digit or space`, { segment: 'ISA', position: 1, byteOffset });
    }
  }
  const version = header.slice(84, 89);
  if (version !== '00501') {
    throw new PayerFileError(`ISA12 "${version}": only version 5010 (00501) interchanges are read`, { segment: 'ISA', position: 1, byteOffset: byteOffset + 84 });
  }
  return separators;
}

export class InterchangeGuard extends Transform {
  #head: Buffer[] = [];
  #headLength = 0;
  /** bytes consumed before the ISA (BOM, blank lines) */
  #skipped = 0;
  #offset = 0;
  #segmentsSeen = 0;
  #bytesSinceTerminator = 0;
  /** byte values allowed in the body: printable text, line ends and the declared separators */
  #allowed: Uint8Array | undefined;
  #segmentByte = 0;
  #separators: Separators | undefined;

  #lastSignificantByte = -1;

  /** Whether the file's last byte, trailing blanks aside, is the segment terminator. */
  get endsWithTerminator(): boolean {
    return this.#lastSignificantByte === this.#segmentByte;
  }

  /** The separators the ISA declares, once it has been read. */
  get separators(): Separators | undefined {
    return this.#separators;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (this.#allowed === undefined) {
        this.#collectHeader(bytes);
      } else {
        this.#scan(bytes);
        this.push(bytes);
      }
      done();
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.#allowed !== undefined) {
      done();
      return;
    }
    const size = this.#skipped + this.#headLength;
    done(
      size === 0 || this.#headLength === 0
        ? new PayerFileError('the file is empty')
        : new PayerFileError(`the file ends after ${size} bytes, before the 106-character ISA header is complete: it is truncated or not X12`, { byteOffset: size }),
    );
  }

  #collectHeader(bytes: Buffer): void {
    let start = 0;
    if (this.#headLength === 0) {
      // A byte-order mark or blank lines ahead of the ISA are harmless; anything else is not.
      if (this.#skipped === 0 && bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2]) start = 3;
      while (start < bytes.length && isWhitespace(bytes[start] ?? 0)) start++;
      this.#skipped += start;
      if (start >= bytes.length) return;
    }
    const rest = start === 0 ? bytes : bytes.subarray(start);
    this.#head.push(rest);
    this.#headLength += rest.length;
    if (this.#headLength < ISA_LENGTH) return;

    const head = Buffer.concat(this.#head, this.#headLength);
    this.#head = [];
    const separators = readIsaHeader(head.subarray(0, ISA_LENGTH).toString('latin1'), this.#skipped);
    this.#separators = separators;
    this.#allowed = allowedBytes(separators);
    this.#segmentByte = separators.segment.charCodeAt(0);
    this.#offset = this.#skipped;
    this.#scan(head);
    this.push(head);
  }

  #scan(bytes: Buffer): void {
    const allowed = this.#allowed;
    if (allowed === undefined) return;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i] ?? 0;
      if (byte === this.#segmentByte) {
        this.#segmentsSeen++;
        this.#bytesSinceTerminator = 0;
        continue;
      }
      if (++this.#bytesSinceTerminator > MAX_SEGMENT_BYTES) {
        throw new PayerFileError(
          `segment ${this.#segmentsSeen + 1} runs past ${MAX_SEGMENT_BYTES} bytes without the segment terminator ${show(String.fromCharCode(this.#segmentByte))} that the ISA declares`,
          { byteOffset: this.#offset + i, position: this.#segmentsSeen + 1 },
        );
      }
      if (allowed[byte] !== 1) {
        throw new PayerFileError(
          `byte 0x${byte.toString(16).padStart(2, '0')} in segment ${this.#segmentsSeen + 1}: the file holds binary data, not X12 text`,
          { byteOffset: this.#offset + i, position: this.#segmentsSeen + 1 },
        );
      }
    }
    this.#offset += bytes.length;
    for (let i = bytes.length - 1; i >= 0; i--) {
      const byte = bytes[i] ?? 0;
      if (byte === this.#segmentByte || !isWhitespace(byte)) {
        this.#lastSignificantByte = byte;
        break;
      }
    }
  }
}

function allowedBytes(separators: Separators): Uint8Array {
  const allowed = new Uint8Array(256);
  for (let b = 0x20; b < 0x7f; b++) allowed[b] = 1;
  // UTF-8 names (é, ñ) appear in real remittances; the decoder handles them.
  for (let b = 0x80; b <= 0xff; b++) allowed[b] = 1;
  allowed[0x09] = 1;
  allowed[0x0a] = 1;
  allowed[0x0d] = 1;
  for (const char of Object.values(separators)) allowed[char.charCodeAt(0)] = 1;
  return allowed;
}
