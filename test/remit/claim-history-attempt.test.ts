// A send date recorded after the payer already answered is the same attempt, not a new one;
// sending the claim again in a new batch is a new one (claim-history.ts, "Submission cycles").

import { describe, expect, it } from 'vitest';
import type { ClaimEvent } from '../../src/remit/claim-events.js';
import { deriveClaimHistory } from '../../src/remit/claim-history.js';

const ours = { claimId: 'C1', payerId: 'healthnet', totalCharge: '165.00' };
const batched = (date: string, batchId: string): ClaimEvent => ({ claimId: 'C1', kind: 'batched', date, details: { batchId } });
const submitted = (date: string, batchId: string): ClaimEvent => ({ claimId: 'C1', kind: 'submitted', date, details: { batchId, groupControlNumber: batchId === 'B1' ? '1' : '2' } });
const fileAccepted = (date: string, gcn: string): ClaimEvent => ({
  claimId: 'C1',
  kind: 'file_accepted',
  date,
  details: { interchangeControlNumber: '9', groupControlNumber: gcn, groupStatus: 'A', errors: [] },
});
const rejected = (date: string): ClaimEvent => ({ claimId: 'C1', kind: 'claim_rejected', date, details: { interchangeControlNumber: '9', statusCodes: ['A7:164:IL'] } });

describe('submission cycles', () => {
  it('keeps a late-recorded send date of the same batch in the same cycle', () => {
    const history = deriveClaimHistory(ours, [batched('2026-03-01', 'B1'), fileAccepted('2026-03-03', '1'), submitted('2026-03-02', 'B1')]);
    expect(history).toMatchObject({ status: 'submitted', submittedDate: '2026-03-02', receiptDate: '2026-03-02', submissions: 1, clean: true });
  });

  it('opens a new cycle when the claim goes out in another batch', () => {
    const history = deriveClaimHistory(ours, [batched('2026-03-01', 'B1'), submitted('2026-03-02', 'B1'), rejected('2026-03-04'), batched('2026-03-10', 'B2'), submitted('2026-03-10', 'B2')]);
    expect(history).toMatchObject({ status: 'submitted', submittedDate: '2026-03-10', receiptDate: '2026-03-10', submissions: 2, clean: true });
  });
});
