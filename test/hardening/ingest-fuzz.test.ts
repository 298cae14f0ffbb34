// Payer files mangled every way they arrive broken (truncated, wrong separators, no IEA, huge
// elements, binary, other encodings, flipped bytes): ingest never crashes or hangs, answers a
// clear error, and writes nothing from a file it could not read.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildClaims } from '../../src/app/claims/build.js';
import { exportX12Batch } from '../../src/app/exports/x12-batch.js';
import { ingestPayerFile } from '../../src/app/remittances/ingest.js';
import { AppError } from '../../src/app/errors.js';
import { loadSamples, workspace, type Workspace } from '../support/workspace.js';
import { file277ca, file835 } from '../support/payer-files.js';
import { storedCount } from '../../bench/stored-rows.js';

let ws: Workspace;
let valid835: string;
let valid277: string;

beforeAll(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  const { claimIds } = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' });
  const env = { control: 700, sender: 'HNMC1', receiver: 'BRIGHTPATH01', date: '2026-12-01' };
  valid835 = file835(env, [{ trace: 'EFT77', paymentDate: '2026-12-10', claims: claimIds.map((id) => ({ claimId: id, status: '1', charge: '100', paid: '80', payerClaimControlNumber: `P${id}`, adjustments: [['CO', '45', '20']] })) }] as never);
  valid277 = file277ca({ ...env, control: 701 }, { claims: claimIds.map((id) => ({ claimId: id, accepted: true, statusDate: '2026-11-28', charge: '100' })) });
});
afterAll(() => ws.dispose());

const stored = async () => ({
  events: await ws.ctx.store.read.events.count(),
  files: await storedCount(ws, 'SELECT COUNT(*) FROM payer_files'),
});

let seq = 0;
async function ingest(content: Buffer | string): Promise<'ok' | 'refused'> {
  const before = await stored();
  try {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'latin1') : content;
    await ingestPayerFile(ws.ctx, (async function* () {
      yield bytes;
    })(), { source: `fuzz-${++seq}` });
    return 'ok';
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as Error).message.length).toBeGreaterThan(15);
    expect(await stored()).toEqual(before);
    return 'refused';
  }
}

describe('ingest under hostile payer files', () => {
  it('refuses truncated files at any point, and files missing their IEA', async () => {
    await fc.assert(
      // Any cut before the interchange trailer is complete.
      fc.asyncProperty(fc.integer({ min: 0, max: valid835.lastIndexOf('IEA') + 4 }), async (cut) => {
        expect(await ingest(valid835.slice(0, cut))).toBe('refused');
      }),
      { numRuns: 600, seed: 3 },
    );
    expect(await ingest(valid835.replace(/IEA\*[^~]*~\s*$/, ''))).toBe('refused');
  });

  it('survives flipped bytes, binary noise, wrong separators, huge elements and other encodings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(valid277.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = Buffer.from(valid277, 'latin1');
        for (const [at, value] of flips) bytes[at] = value;
        await ingest(bytes);
      }),
      { numRuns: 1200, seed: 5 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 4000 }), async (noise) => {
        expect(await ingest(Buffer.from(noise))).toBe('refused');
      }),
      { numRuns: 400, seed: 9 },
    );
    // A file announcing one separator in ISA and using another afterwards.
    expect(await ingest(valid835.slice(0, 106) + valid835.slice(106).replace(/\*/g, '|'))).toBe('refused');
    // Consistently other separators are a valid file.
    expect(await ingest(valid277.replace(/\*/g, '|'))).toBe('ok');
    expect(await ingest(Buffer.from(valid835, 'utf16le'))).toBe('refused');
    expect(await ingest(valid835.replace('TRN*1*EFT77', `TRN*1*${'9'.repeat(2_000_000)}`))).toBe('refused');
    expect(await ingest('')).toBe('refused');
  });

  it('still takes the good file afterwards, once', async () => {
    expect(await ingest(valid835)).toBe('ok');
    const after = await stored();
    expect(await ingest(valid835)).toBe('ok');
    expect(await stored()).toEqual(after);
  });
});
