// The installed command line for payer files, payments and reports, run as a child process
// against a SQLite file, as a billing office would.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, SAMPLES, workspace, type Workspace } from '../../support/workspace.js';
import { file277ca, file835 } from '../../support/payer-files.js';
import { runCli } from '../../support/runners.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

function file(name: string, text: string): string {
  const path = join(ws.dir, name);
  writeFileSync(path, text);
  return path;
}

let claimIds: string[] = [];
let batchId = '';

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
  for (const [kind, name] of SAMPLE_FILES) expect(cli('import', kind, join(SAMPLES, name)).code).toBe(0);
  expect(cli('claims', 'build').code).toBe(0);
  const exported = cli('export', '837p', '--payer', 'healthnet', '--out', join(ws.dir, 'out.x12'), '--json');
  expect(exported.code, exported.err).toBe(0);
  const report = JSON.parse(exported.out) as { batch: { batchId: string }; claimIds: string[] };
  batchId = report.batch.batchId;
  claimIds = [...report.claimIds].sort();
});
afterAll(() => ws.dispose());

describe('ecm-claims for payer files', () => {
  it('records the send date of a batch', () => {
    const sent = cli('submit', batchId, '--date', '2026-11-25');
    expect(sent.code, sent.err).toBe(0);
    expect(sent.out).toMatch(new RegExp(`Batch ${batchId} recorded as sent on 2026-11-25: 3 claims`));
    expect(cli('submit', batchId, '--date', '2026-11-24').code).toBe(1);
    expect(cli('submit').code).toBe(2);
  });

  it('ingests a 277CA, lists what matched nothing, and changes nothing the second time', () => {
    const path = file(
      '277ca.x12',
      file277ca(
        { control: 900, date: '2026-11-25' },
        {
          claims: [
            { claimId: claimIds[0]!, accepted: true, statusDate: '2026-11-25', charge: '1.00', payerClaimControlNumber: 'HNC1' },
            { claimId: claimIds[1]!, accepted: false, statusDate: '2026-11-25', charge: '1.00', message: 'SUBSCRIBER ID NOT FOUND' },
            { claimId: 'C888888', accepted: true, statusDate: '2026-11-25', charge: '1.00' },
          ],
        },
      ),
    );
    const first = cli('ingest', path);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/Payer file 1: 277CA from HNMC1 \(ISA13 000000900\): 2 events, 1 unmatched, 2 claims changed status\./);
    expect(first.out).toContain(`${claimIds[1]}: submitted -> rejected`);
    expect(first.out).toContain('unmatched 277CA claim C888888: no claim C888888');
    const again = cli('ingest', path);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^Already ingested as payer file 1 on 2026-11-25 .*nothing changed\./);
    const unmatched = cli('remittances', 'unmatched', '--json');
    expect(JSON.parse(unmatched.out)).toEqual([expect.objectContaining({ source: '277CA', claimId: 'C888888' })]);
    expect(cli('remittances', 'files').out).toMatch(/277ca\.x12/);
  });

  it('refuses a file it cannot read, saying where, and writes nothing', () => {
    const text = file835({ control: 901, date: '2026-11-25' }, [{ trace: 'T1', paymentDate: '2026-11-25', claims: [{ claimId: claimIds[0]!, status: '1', charge: '10.00', paid: '10.00', payerClaimControlNumber: 'HNC1' }] }]);
    const broken = cli('ingest', file('broken.x12', text.replace('CLP*', 'CLP**')));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^error: the payer file cannot be read: segment CLP at position \d+, transaction set 0001: /);
    expect(cli('ingest', join(ws.dir, 'missing.x12')).err).toMatch(/does not exist/);
    expect(JSON.parse(cli('remittances', 'files', '--json').out)).toHaveLength(1);
  });

  it('records a manual payment and shows the timeline', () => {
    const invoice = (JSON.parse(cli('claims', 'list', '--payer', 'iehp', '--json').out) as Array<{ id: string; totalCharge: string }>)[0]!;
    const paid = cli('payments', 'record', '--claim', invoice.id, '--date', '2026-11-24', '--amount', invoice.totalCharge, '--reference', 'CHK 42');
    expect(paid.code, paid.err).toBe(0);
    expect(paid.out).toContain(`Recorded ${invoice.totalCharge} on claim ${invoice.id} (2026-11-24). Claim is paid`);
    expect(cli('payments', 'record', '--claim', invoice.id, '--date', '2026-11-24').code).toBe(2);
    const timeline = cli('timeline', invoice.id);
    expect(timeline.out).toMatch(/payment_recorded\s+[\d.]+\s+ref CHK 42\s+manual/);
    const rejected = cli('timeline', claimIds[1]!);
    expect(rejected.out).toMatch(/claim_rejected\s+A7:164:IL, SUBSCRIBER ID NOT FOUND/);
  });

  it('prints the timeliness report and the late claims', () => {
    const report = cli('report', 'timeliness', '--payer', 'healthnet');
    expect(report.code, report.err).toBe(0);
    expect(report.out).toMatch(/as of 2026-11-25/);
    // all three sent today: the rejected one is received but not clean, the other two too recent to judge
    expect(report.out).toMatch(/2026-11\s+3\s+2\s+- \(0\/0, 2 too recent\)/);
    expect(cli('report', 'late').out).toMatch(/No clean claim has waited 30 days/);
    expect(cli('report', 'timeliness', '--format', 'pdf').code).toBe(2);
    expect(cli('report', 'timeliness', '--from', '2026-13').code).toBe(1);
  });

  it('prints the warning of a payment dated before the claim was sent, with the file and in the report', () => {
    const early = file835({ control: 902, date: '2026-11-25' }, [{ trace: 'T2', paymentDate: '2026-11-24', claims: [{ claimId: claimIds[2]!, status: '1', charge: '10.00', paid: '10.00', payerClaimControlNumber: 'HNC3' }] }]);
    const warning = `warning claim ${claimIds[2]}: 835 payment date (BPR16) 2026-11-24 is before the claim was sent on 2026-11-25`;
    const ingested = cli('ingest', file('early.x12', early));
    expect(ingested.code, ingested.err).toBe(0);
    expect(ingested.out).toMatch(/1 event, 0 unmatched, 1 claim changed status, 1 date warning\./);
    expect(ingested.out).toContain(warning);
    const files = cli('remittances', 'files');
    expect(files.out).toMatch(/Warnings/);
    expect(files.out).toContain(`File 2:\n  ${warning}`);
    expect(cli('report', 'timeliness', '--payer', 'healthnet').out).toMatch(/1 clean claim left out of the rates: a payer date before the claim was sent/);
  });
});
