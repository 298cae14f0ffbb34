// Serialises segments to X12 text. Renderers hand over an iterable of segments (usually a
// generator that builds them claim by claim), and the writer turns each into text as it comes,
// so a file of any size streams to its destination without ever being held whole in memory.

import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { x12TextCleaner, type SeparatorChars, type TextCleaner } from './charset.js';
import type { X12Element, X12Segment } from './segment.js';

export type Separators = SeparatorChars;

export const DEFAULT_SEPARATORS: Readonly<Separators> = Object.freeze({ element: '*', component: ':', repetition: '^', segment: '~' });

export interface WriterOptions {
  separators?: Partial<Separators>;
  /** a line feed after each segment terminator, for people reading the file; X12 ignores it */
  newline?: boolean;
}

/**
 * Digits, letters and space carry data; "." and "-" appear inside decimals and RD8 date ranges.
 * A separator taken from those would cut real values apart.
 */
const FORBIDDEN_SEPARATOR = /[A-Za-z0-9 .-]/;

export function resolveSeparators(partial?: Partial<Separators>): Separators {
  const s: Separators = { ...DEFAULT_SEPARATORS, ...partial };
  const all = [s.element, s.component, s.repetition, s.segment];
  for (const [name, c] of Object.entries(s)) {
    if (c.length !== 1) throw new RangeError(`the ${name} separator must be exactly one character, got ${JSON.stringify(c)}`);
    if (FORBIDDEN_SEPARATOR.test(c)) throw new RangeError(`the ${name} separator ${JSON.stringify(c)} can occur inside X12 data`);
  }
  if (new Set(all).size !== all.length) throw new RangeError(`separators must all differ: ${JSON.stringify(s)}`);
  return s;
}

/** Widths of the fixed-length ISA elements, ISA01..ISA16. */
const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;

/** A configured serialiser: separators resolved and the text cleaner built once. */
export class X12Serializer {
  readonly separators: Separators;
  readonly newline: boolean;
  readonly clean: TextCleaner;
  private readonly terminator: string;

  constructor(options: WriterOptions = {}) {
    this.separators = resolveSeparators(options.separators);
    this.newline = options.newline ?? false;
    this.clean = x12TextCleaner(this.separators);
    this.terminator = this.separators.segment + (this.newline ? '\n' : '');
  }

  /** The cleaned value of each element, trailing empties trimmed, as the file will carry them. */
  cleanElements(elements: readonly X12Element[]): readonly X12Element[] {
    // Almost every value is already clean: the segment's own elements are passed on as they are,
    // and a new array is made only when something changes.
    let out: X12Element[] | undefined;
    for (let i = 0; i < elements.length; i++) {
      const e = elements[i]!;
      const cleaned = typeof e === 'string' ? this.clean(e) : this.cleanComposite(e);
      if (cleaned !== e) (out ??= elements.slice(0, i))[i] = cleaned;
      else if (out) out[i] = e;
    }
    return trimTrailing(out ?? elements, isEmptyElement);
  }

  private cleanComposite(components: readonly string[]): readonly string[] {
    let out: string[] | undefined;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      const cleaned = this.clean(c);
      if (cleaned !== c) (out ??= components.slice(0, i))[i] = cleaned;
      else if (out) out[i] = c;
    }
    return trimTrailing(out ?? components);
  }

  segment(seg: X12Segment): string {
    if (seg.id === 'ISA') return this.isa(seg);
    return this.cleanedSegment(seg.id, this.cleanElements(seg.elements));
  }

  /** The text of a segment whose elements are already cleaned (cleanElements); not for ISA. */
  cleanedSegment(id: string, values: readonly (string | readonly string[])[]): string {
    if (values.length === 0) return id + this.terminator;
    // Joined rather than concatenated: a string built with += is a rope of one node per piece,
    // and a file of millions of elements would leave tens of millions of them to collect.
    const { element, component } = this.separators;
    const parts: string[] = new Array<string>(values.length + 1);
    parts[0] = id;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      parts[i + 1] = typeof v === 'string' ? v : v.join(component);
    }
    return parts.join(element) + this.terminator;
  }

  /**
   * ISA is fixed width and is where a reader learns the separators, so its elements are padded
   * rather than trimmed, and ISA11/ISA16 always carry this serialiser's own repetition and
   * component separators whatever the segment says.
   */
  private isa(seg: X12Segment): string {
    if (seg.elements.length !== 16) throw new RangeError(`ISA must have 16 elements, got ${seg.elements.length}`);
    const values = seg.elements.map((e, i) => {
      if (i === 10) return this.separators.repetition;
      if (i === 15) return this.separators.component;
      if (typeof e !== 'string') throw new RangeError(`ISA${String(i + 1).padStart(2, '0')} cannot be a composite`);
      const width = ISA_WIDTHS[i]!;
      const value = this.clean(e);
      if (value.length > width) throw new RangeError(`ISA${String(i + 1).padStart(2, '0')} "${value}" is longer than ${width}`);
      if (value.length < width && i !== 1 && i !== 3 && i !== 5 && i !== 7) {
        throw new RangeError(`ISA${String(i + 1).padStart(2, '0')} "${value}" must be exactly ${width} characters`);
      }
      return value.padEnd(width, ' ');
    });
    return `ISA${this.separators.element}${values.join(this.separators.element)}${this.terminator}`;
  }
}

function isEmptyElement(e: X12Element): boolean {
  return typeof e === 'string' ? e === '' : e.length === 0;
}

function isEmptyText(e: string): boolean {
  return e === '';
}

function trimTrailing<T>(items: readonly T[], isEmpty: (item: T) => boolean = isEmptyText as (item: T) => boolean): readonly T[] {
  let end = items.length;
  while (end > 0 && isEmpty(items[end - 1]!)) end--;
  return end === items.length ? items : items.slice(0, end);
}

const DEFAULT_CHUNK = 64 * 1024;

/**
 * The text of the segments, lazily, in chunks of roughly chunkSize characters (one segment
 * never spans two chunks). The basis of every other output form here.
 */
export function* x12Chunks(segments: Iterable<X12Segment>, options: WriterOptions & { chunkSize?: number } = {}): Generator<string> {
  const serializer = new X12Serializer(options);
  const limit = options.chunkSize ?? DEFAULT_CHUNK;
  let buffer: string[] = [];
  let size = 0;
  for (const seg of segments) {
    const text = serializer.segment(seg);
    buffer.push(text);
    size += text.length;
    if (size >= limit) {
      yield buffer.join('');
      buffer = [];
      size = 0;
    }
  }
  if (buffer.length) yield buffer.join('');
}

/** Push the text segment by segment into a callback sink (a hash, a socket wrapper, a test). */
export function writeX12(segments: Iterable<X12Segment>, sink: (text: string) => void, options: WriterOptions = {}): void {
  const serializer = new X12Serializer(options);
  for (const seg of segments) sink(serializer.segment(seg));
}

/** A Node Readable of the text; it pulls segments only as fast as the consumer reads. */
export function x12Readable(segments: Iterable<X12Segment>, options: WriterOptions = {}): Readable {
  return Readable.from(x12Chunks(segments, options), { objectMode: false, encoding: 'ascii' });
}

/** Stream into a Writable (a file, an HTTP response) honouring its back-pressure. */
export async function pipeX12(segments: Iterable<X12Segment>, destination: Writable, options: WriterOptions = {}): Promise<void> {
  await pipeline(x12Readable(segments, options), destination);
}

/** The whole text in one string, for small files and tests. */
export function toX12String(segments: Iterable<X12Segment>, options: WriterOptions = {}): string {
  let out = '';
  for (const chunk of x12Chunks(segments, options)) out += chunk;
  return out;
}
