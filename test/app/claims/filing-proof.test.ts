// Proof of timely filing: a claim sent in a batch on 2026-11-02, its file accepted by a 999 and
// the claim by a 277CA; the proof names the batch, file, ISA13, GS06, ST02 and sending day, and
// the payer's acknowledgments with their dates and control numbers; as JSON, a CSV row and a
// one-page PDF, from the command line and over HTTP. A claim not sent has none.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClaims } from '../../../src/app/claims/build.js';
import { filingProof, filingProofCsv } from '../../../src/app/claims/filing-proof.js';
import { fixedClock } from '../../../src/app/context.js';
import { createApiKey } from '../../../src/app/api-keys.js';
import { exportX12Batch } from '../../../src/app/exports/x12-batch.js';
import { ingestPayerFile } from '../../../src/app/remittances/ingest.js';
import { submitBatch } from '../../../src/app/remittances/submit.js';
import { startServer } from '../../../src/api/server.js';
import type { BatchRecord } from '../../../src/store/batch-store.js';
import { pageLines, pdfPageCount, pdfWords } from '../../pdf/pdf-text.js';
import { file277ca, file999 } from '../../support/payer-files.js';
import { lacks, PDFTOTEXT } from '../../support/prerequisites.js';
import { runCli } from '../../support/runners.js';
import { loadSamples, textStream, workspace, type Workspace } from '../../support/workspace.js';

let ws: Workspace;
let batch: BatchRecord;

beforeAll(async () => {
  ws = workspace({ now: '2026-11-02T18:00:00Z' });
  await loadSamples(ws.ctx);
  await buildClaims(ws.ctx, {});
  batch = (await exportX12Batch(ws.ctx, { payerId: 'healthnet', format: '837p' })).batch!;
  await submitBatch(ws.ctx, batch.batchId, '2026-11-02');
  ws.ctx.clock = fixedClock('2026-11-20T18:00:00Z');
  const env = { sender: 'HNMC1', receiver: 'BRIGHTPATH01' };
  await ingestPayerFile(ws.ctx, textStream(file999({ ...env, control: 555, date: '2026-11-03' }, { groupControl: batch.groupControl!, sets: [{ transactionControl: batch.firstTransactionControl!, accepted: true }] })), { source: 'test' });
  await ingestPayerFile(ws.ctx, textStream(file277ca({ ...env, control: 556, date: '2026-11-05' }, { receivedDate: '2026-11-04', claims: [{ claimId: 'C000001', accepted: true, statusDate: '2026-11-05', charge: '498.75', payerClaimControlNumber: 'HN7001' }] })), { source: 'test' });
});
afterAll(() => ws.dispose());

describe('proof of timely filing', () => {
  it("names the claim's submission and the payer's acknowledgments, with dates and control numbers", async () => {
    const proof = await filingProof(ws.ctx, 'C000001');
    expect(proof).toMatchObject({
      claimId: 'C000001',
      payerId: 'healthnet',
      payerName: 'Health Net of California',
      charge: '498.75',
      timelyFilingDays: 180,
      submission: {
        batchId: batch.batchId,
        fileName: batch.fileName,
        fileSha256: batch.sha256,
        interchangeControl: batch.interchangeControl,
        groupControl: batch.groupControl,
        transactionControl: batch.firstTransactionControl,
        submittedOn: '2026-11-02',
        withinLimit: true,
      },
      fileAccepted: { date: '2026-11-03', interchangeControl: '000000555', groupControl: batch.groupControl },
      claimAccepted: { date: '2026-11-05', receivedDate: '2026-11-04', interchangeControl: '000000556', payerClaimControlNumber: 'HN7001' },
    });
    // 180 days from the first day of service.
    expect(proof.filingDeadline > proof.firstServiceDate).toBe(true);
    expect(proof.submission.submittedOn <= proof.filingDeadline).toBe(true);
    // C000002 went in the same file but has no 277CA acceptance of its own.
    const other = await filingProof(ws.ctx, 'C000002');
    expect(other.fileAccepted?.date).toBe('2026-11-03');
    expect(other.claimAccepted).toBeUndefined();
  });

  it('writes one CSV row, and refuses a claim that was never sent or does not exist', async () => {
    const [header, row] = filingProofCsv(await filingProof(ws.ctx, 'C000001')).split('\r\n');
    expect(header).toBe('claim_id,payer_id,charge,first_service_date,filing_deadline,batch_id,file_name,file_sha256,interchange_control,group_control,transaction_control,submitted_on,within_limit,file_accepted_on,file_ack_interchange_control,claim_accepted_on,payer_received_date,claim_ack_interchange_control,payer_claim_number');
    expect(row).toContain(`,${batch.batchId},${batch.fileName},${batch.sha256},${batch.interchangeControl},${batch.groupControl},${batch.firstTransactionControl},2026-11-02,yes,2026-11-03,000000555,2026-11-05,2026-11-04,000000556,HN7001`);
    const unsent = (await ws.ctx.store.read.claims.list({ payerId: 'iehp' }))[0]!.id;
    await expect(filingProof(ws.ctx, unsent)).rejects.toThrow(`claim ${unsent} has not been sent yet`);
    await expect(filingProof(ws.ctx, 'C999999')).rejects.toThrow('claim C999999 does not exist');
  });

  it.skipIf(lacks(PDFTOTEXT))('prints a one-page PDF from the command line and over HTTP', async () => {
    const out = join(ws.dir, 'proof.pdf');
    const cli = runCli(ws.dbPath, 'claims', 'proof', 'C000001', '--format', 'pdf', '--out', out);
    expect(cli.code, cli.err).toBe(0);
    const pdf = readFileSync(out);
    expect(await pdfPageCount(pdf)).toBe(1);
    const lines = pageLines((await pdfWords(pdf))[0]!);
    for (const line of [
      'Proof of timely filing',
      'Claim number (CLM01) C000001',
      `Interchange control (ISA13) ${batch.interchangeControl}`,
      `Transaction set control (ST02) ${batch.firstTransactionControl}`,
      '999: file accepted on 11/03/2026, ISA13 000000555, for our group ' + batch.groupControl,
      '277CA: claim accepted on 11/05/2026, ISA13 000000556',
      'Payer claim number HN7001',
    ]) expect(lines).toContain(line);
    const text = runCli(ws.dbPath, 'claims', 'proof', 'C000001');
    expect(text.out).toContain(`Sent on 2026-11-02 (within the limit) in batch ${batch.batchId}`);

    const server = await startServer({ ctx: ws.ctx, port: 0, host: '127.0.0.1', quiet: true, jobs: false });
    try {
      const { key } = await createApiKey(ws.ctx, 'finance');
      const get = (accept: string) => fetch(`${server.url}/api/claims/C000001/proof`, { headers: { authorization: `Bearer ${key}`, accept } });
      const json = (await (await get('application/json')).json()) as { submission: { batchId: string } };
      expect(json.submission.batchId).toBe(batch.batchId);
      const file = await get('application/pdf');
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(await pdfPageCount(Buffer.from(await file.arrayBuffer()))).toBe(1);
      expect(await (await get('text/csv')).text()).toBe(filingProofCsv(await filingProof(ws.ctx, 'C000001')));
    } finally {
      await server.close();
    }
  });
});
