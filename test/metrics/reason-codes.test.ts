import { describe, expect, it } from 'vitest';
import { claimStatusCodes, type CodeKind, describeCode, describeReasonCode, NO_DESCRIPTION, reasonCodes } from '../../src/metrics/reason-codes.js';

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

  it('lists as missing information only CARCs it can describe', () => {
    for (const code of reasonCodes().missingInformation) expect(reasonCodes().carc.has(code), code).toBe(true);
  });

  it('carries enough codes for a denial worklist', () => {
    expect(reasonCodes().carc.size).toBeGreaterThanOrEqual(130);
    expect(reasonCodes().rarc.size).toBeGreaterThanOrEqual(130);
    expect(claimStatusCodes().statuses.size).toBeGreaterThanOrEqual(80);
  });
});

describe('code descriptions on the denial worklist', () => {
  const everyCode: [CodeKind, ReadonlyMap<string, string>][] = [
    ['CARC', reasonCodes().carc],
    ['RARC', reasonCodes().rarc],
    ['claim status category', claimStatusCodes().categories],
    ['claim status', claimStatusCodes().statuses],
  ];

  it('gives every code one short, non-empty sentence that says more than the code', () => {
    for (const [kind, codes] of everyCode) {
      for (const [code, description] of codes) {
        const where = `${kind} ${code}: ${description}`;
        expect(description.trim(), where).not.toBe('');
        expect(description.length, where).toBeLessThanOrEqual(160);
        // a second sentence would start after a full stop, question or exclamation mark
        expect(description, where).not.toMatch(/[.!?]\s+\S/);
        expect(description.trim().toUpperCase(), where).not.toBe(code.toUpperCase());
        expect(description, where).toMatch(/[A-Za-z]{3,}/);
      }
    }
  });

  it('describes what billing staff look up most', () => {
    expect(describeCode('CARC', '16').description).toMatch(/lacks information/);
    expect(describeCode('RARC', 'M51').description).toMatch(/procedure code/i);
    expect(describeCode('RARC', 'N290').description).toMatch(/rendering provider/i);
    expect(describeCode('claim status category', 'A7').description).toMatch(/invalid/i);
    expect(describeCode('claim status', '21').description).toMatch(/missing or invalid/i);
  });

  it('returns the kind and code with the description', () => {
    expect(describeCode('CARC', '16')).toEqual({ kind: 'CARC', code: '16', description: reasonCodes().carc.get('16') });
    expect(describeCode('claim status', '21')).toEqual({ kind: 'claim status', code: '21', description: claimStatusCodes().statuses.get('21') });
  });

  it('says so when a code is not on file, keeping its kind and code', () => {
    expect(describeCode('CARC', '999')).toEqual({ kind: 'CARC', code: '999', description: 'no description on file' });
    expect(describeCode('RARC', 'N9999')).toEqual({ kind: 'RARC', code: 'N9999', description: NO_DESCRIPTION });
    expect(describeCode('claim status category', 'Z9').description).toBe(NO_DESCRIPTION);
    expect(describeCode('claim status', '99999').description).toBe(NO_DESCRIPTION);
  });

  it('reads CARCs and RARCs as a remittance or a person writes them', () => {
    expect(describeCode('RARC', ' n290 ')).toEqual({ kind: 'RARC', code: 'n290', description: describeCode('RARC', 'N290').description });
    expect(describeCode('RARC', 'ma130').description).toBe(reasonCodes().rarc.get('MA130'));
    expect(describeCode('CARC', 'a1').description).toBe(reasonCodes().carc.get('A1'));
    expect(describeCode('claim status', ' 21\n').code).toBe('21');
  });

  it('keeps the kinds apart where the code lists overlap', () => {
    // 16 is a CARC (lacks information) and also a claim status (forwarded to another entity)
    expect(describeCode('CARC', '16').description).not.toBe(describeCode('claim status', '16').description);
    expect(describeCode('RARC', '16').description).toBe(NO_DESCRIPTION);
    expect(describeCode('claim status category', '21').description).toBe(NO_DESCRIPTION);
  });
});
