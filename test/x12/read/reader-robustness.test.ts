// Every way a payer file can be cut short or garbled must end in a PayerFileError: no partial
// result, no other exception, no hang.

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PayerFileError, readPayerResponses } from '../../../src/x12/read/reader.js';
import { FIXTURES } from '../../support/paths.js';
import { join } from 'node:path';

const text = (name: string) => readFileSync(join(FIXTURES, 'remit', name), 'utf8');

async function outcome(input: string | Buffer, chunkSize = 64): Promise<'ok' | 'payer-file-error' | string> {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  try {
    await readPayerResponses(Readable.from(chunks));
    return 'ok';
  } catch (error) {
    return error instanceof PayerFileError ? 'payer-file-error' : String(error);
  }
}

/** Small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('a payer file cut at any byte', () => {
  for (const [name, step] of [
    ['999-rejected.x12', 1],
    ['277ca-healthnet.x12', 1],
    ['835-healthnet.x12', 3],
  ] as const) {
    it(`${name}: every cut before the final terminator is a PayerFileError`, async () => {
      const whole = text(name);
      // The file ends "IEA*1*<control>~\\n": only the last two bytes may go without loss.
      const complete = whole.length - 2;
      const wrong: string[] = [];
      for (let cut = 0; cut < complete; cut += step) {
        const result = await outcome(whole.slice(0, cut), 1 + (cut % 97));
        if (result !== 'payer-file-error') wrong.push(`cut at ${cut}: ${result}`);
      }
      expect(wrong).toEqual([]);
      expect(await outcome(whole.slice(0, complete))).toBe('ok');
      expect(await outcome(whole)).toBe('ok');
    });
  }
});

describe('garbled input', () => {
  it('random bytes, random text after a valid ISA, and single flipped bytes never escape as another error', async () => {
    const next = random(20260315);
    const isa = text('999-accepted.x12').slice(0, 106);
    const printable = '*~:^ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \n';
    const wrong: string[] = [];
    for (let run = 0; run < 150; run++) {
      const length = Math.floor(next() * 600);
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = Math.floor(next() * 256);
      const garbage = await outcome(bytes);
      if (garbage !== 'payer-file-error') wrong.push(`random bytes ${run}: ${garbage}`);

      let body = '';
      for (let i = 0; i < length; i++) body += printable[Math.floor(next() * printable.length)];
      const afterHeader = await outcome(isa + body);
      if (afterHeader !== 'payer-file-error') wrong.push(`text after ISA ${run}: ${afterHeader}`);
    }
    const source = text('277ca-healthnet.x12');
    for (let run = 0; run < 300; run++) {
      const at = 106 + Math.floor(next() * (source.length - 106));
      const flipped = source.slice(0, at) + printable[Math.floor(next() * printable.length)] + source.slice(at + 1);
      const result = await outcome(flipped);
      // a flip may land on free text and leave a valid file; it must never be anything else
      if (result !== 'payer-file-error' && result !== 'ok') wrong.push(`flip at ${at}: ${result}`);
    }
    expect(wrong).toEqual([]);
  });
});
