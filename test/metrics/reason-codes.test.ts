import { describe, expect, it } from 'vitest';
import { describeReasonCode, reasonCodes } from '../../src/metrics/reason-codes.js';

describe('CARC/RARC code set', () => {
  it('describes the codes ECM remittances carry most', () => {
    for (const code of ['16', '18', '22', '23', '29', '45', '50', '96', '97', '109', '119', '197', '204', '242', 'N290', 'N479', 'MA130', 'M51', 'M76']) {
      expect(describeReasonCode(code), code).toMatch(/\w{3,}/);
    }
    expect(describeReasonCode('NOPE')).toBeUndefined();
  });

  it('marks CARC 16 as missing information', () => {
    expect(reasonCodes().missingInformation.has('16')).toBe(true);
    expect(reasonCodes().missingInformation.has('29')).toBe(false);
  });
});
