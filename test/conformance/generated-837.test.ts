// Every file we render must walk cleanly through the implementation-guide maps in
// ../shared/x12-maps, and pass our own runtime rules too.

import { describe, expect, it } from 'vitest';
import { build837i } from '../../src/x12/write/837i.js';
import { build837p } from '../../src/x12/write/837p.js';
import type { X12Segment } from '../../src/x12/write/segment.js';
import { checkSegmentRules } from '../../src/x12/write/segment-rules.js';
import { toX12String, type WriterOptions } from '../../src/x12/write/writer.js';
import { checkX12, loadX12Map, parseX12Text, type Finding } from './x12-map.js';
import { CLOCK, CONTROL, sampleClaims, sampleParties } from '../x12/fixtures.js';
import { hostileClaims, hostileParties } from '../x12/hostile.js';

const P_MAP = '837.5010.X222.A1.xml';
const I_MAP = '837Q3.I.5010.X223.A1.xml';

function show(findings: readonly Finding[]): string {
  return findings.slice(0, 15).map((f) => `#${f.index} ${f.loop} ${f.segment} ${f.element ?? ''}: ${f.message}`).join('\n');
}

function conforms(segments: Iterable<X12Segment>, map: string, options: WriterOptions = {}): string {
  const text = toX12String(segments, options);
  const findings = checkX12(text, loadX12Map(map));
  expect(findings, show(findings)).toEqual([]);
  expect(checkSegmentRules(segments, options)).toEqual([]);
  return text;
}

describe('conformance with the implementation-guide maps', () => {
  it('the sample 837P has no findings', () => {
    conforms(build837p(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1' }), P_MAP);
  });

  it('the sample 837I has no findings', () => {
    conforms(build837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1' }), I_MAP);
  });

  it('the sample files also conform with a newline after each segment and other separators', () => {
    const options = { newline: true, separators: { element: '|', component: '>', repetition: '!', segment: '\\' } };
    conforms(build837p(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1', ...options }), P_MAP, options);
    conforms(build837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1', ...options }), I_MAP, options);
  });

  it('5,000 claims with hostile names, addresses and references make a clean 837P', () => {
    const claims = hostileClaims(5000);
    const text = conforms(build837p(hostileParties(), claims, CLOCK, CONTROL, { batchId: 'HOSTILE*~1' }), P_MAP);
    const { segments } = parseX12Text(text);
    expect(segments.filter((s) => s[0] === 'CLM')).toHaveLength(5000);
    expect(segments.filter((s) => s[0] === 'ST')).toHaveLength(1);
    expect(text).toContain('Nunez');
    expect(text).toContain("O'Brien-Nguyen");
    expect(text).not.toMatch(/[^\x20-\x7e]/);
  });

  it('5,001 hostile claims make a clean 837I in two transaction sets', () => {
    const text = conforms(build837i(hostileParties(), hostileClaims(5001, 5010), CLOCK, CONTROL, { batchId: 'HOSTILE-I' }), I_MAP);
    const { segments } = parseX12Text(text);
    expect(segments.filter((s) => s[0] === 'ST').map((s) => s[2])).toEqual(['0007', '0008']);
    expect(segments.filter((s) => s[0] === 'CLM')).toHaveLength(5001);
  });
});
