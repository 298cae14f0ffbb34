// What the app really exports walks clean through the implementation-guide maps: the sample
// month as 837P and 837I, a clearinghouse's own separators and line breaks, and names that carry
// every separator there is.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClaims } from '../../src/app/claims/build.js';
import { batchFile, exportX12Batch } from '../../src/app/exports/x12-batch.js';
import { importDocument } from '../../src/app/imports/import-file.js';
import { render837p } from '../../src/x12/write/837p.js';
import type { Separators } from '../../src/x12/write/writer.js';
import { loadSamples, SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { CLOCK, CONTROL, sampleClaims, sampleParties } from '../x12/fixtures.js';
import { checkX12, loadX12Map } from './x12-map.js';
import { allBytes } from '../support/bytes.js';

const P_MAP = '837.5010.X222.A1.xml';
const I_MAP = '837Q3.I.5010.X223.A1.xml';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx);
});
afterEach(() => ws.dispose());

const fileText = async (batchId: string) => (await allBytes((await batchFile(ws.ctx, batchId)).chunks)).toString('latin1');
const samplePayers = () => JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')) as Array<Record<string, unknown> & { interchange: Record<string, unknown> }>;

async function exported(format: '837p' | '837i'): Promise<string> {
  await buildClaims(ws.ctx, { period: '2026-10' });
  const report = await exportX12Batch(ws.ctx, { payerId: 'healthnet', format, period: '2026-10' });
  expect(report.held).toEqual([]);
  return await fileText(report.batch!.batchId);
}

describe('exports through the app conform to the guide maps', () => {
  it('the sample month as an 837P', async () => {
    expect(checkX12(await exported('837p'), loadX12Map(P_MAP))).toEqual([]);
  });

  it('the sample month as an 837I for a payer whose profile asks for it', async () => {
    const payers = samplePayers();
    payers[0]!.formats = { preferred: '837i' };
    payers[0]!.institutional = { revenueCode: '0500', facilityTypeCode: '13' };
    await importDocument(ws.ctx, 'payers', payers, 'payers-837i.json');
    expect(checkX12(await exported('837i'), loadX12Map(I_MAP))).toEqual([]);
  });

  it("with the clearinghouse's separators and a line break after each segment", async () => {
    const payers = samplePayers();
    payers[0]!.interchange.separators = { element: '|', component: '>', repetition: '!', segment: '~' };
    payers[0]!.interchange.newline = true;
    await importDocument(ws.ctx, 'payers', payers, 'payers-pipes.json');
    const text = await exported('837p');
    expect(text).toContain('\n');
    expect(checkX12(text, loadX12Map(P_MAP))).toEqual([]);
  });
});

describe('names with every separator in them', () => {
  const sets: Separators[] = [
    { element: '*', component: ':', repetition: '^', segment: '~' },
    { element: '|', component: '>', repetition: '!', segment: '\\' },
    { element: '^', component: '*', repetition: '~', segment: ':' },
    { element: '+', component: '<', repetition: '{', segment: '}' },
  ];
  for (const separators of sets) {
    it(`still conform with separators ${JSON.stringify(separators)}`, async () => {
      const hostile = 'O’Brien*Núñez~Lee:Park^Kim|Ray>Ng!Ho\\Wu+Li<Ma{Yu}';
      const claims = sampleClaims().map((c) => ({ ...c, member: { ...c.member, last_name: hostile, first_name: 'Zoë*~' } }));
      const text = render837p(sampleParties(), claims, CLOCK, CONTROL, { batchId: 'B1', separators, newline: separators.segment !== '\\' });
      expect(checkX12(text, loadX12Map(P_MAP))).toEqual([]);
    });
  }
});
