// The conformance walker must find real problems, or its silence on our files proves nothing.

import { describe, expect, it } from 'vitest';
import { render837i } from '../../src/x12/write/837i.js';
import { render837p } from '../../src/x12/write/837p.js';
import { checkX12, loadX12Map, parseXml, type Finding } from './x12-map.js';
import { CLOCK, CONTROL, sampleClaims, sampleParties } from '../x12/fixtures.js';

const P_MAP = loadX12Map('837.5010.X222.A1.xml');
const I_MAP = loadX12Map('837Q3.I.5010.X223.A1.xml');

type Edit = (segments: string[][]) => string[][];

function sample837p(): string {
  return render837p(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1' });
}

/** Apply an edit to the segments of a file (separators * : ^ ~). */
function edited(text: string, edit: Edit): string {
  const segments = text.split('~').filter(Boolean).map((s) => s.split('*'));
  return `${edit(segments).map((s) => s.join('*')).join('~')}~`;
}

const where = (id: string, pred: (s: string[]) => boolean = () => true) => (s: string[]) => s[0] === id && pred(s);

function replaceFirst(match: (s: string[]) => boolean, change: (s: string[]) => string[] | null): Edit {
  return (segments) => {
    const i = segments.findIndex(match);
    if (i < 0) throw new Error('test edit found nothing to change');
    const out = [...segments];
    const next = change([...segments[i]!]);
    if (next === null) out.splice(i, 1);
    else out[i] = next;
    return out;
  };
}

function findings(text: string, map = P_MAP): Finding[] {
  return checkX12(text, map);
}

function expectFinding(list: readonly Finding[], expected: Omit<Partial<Finding>, 'message'> & { message: RegExp }): void {
  const { message, ...rest } = expected;
  expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ ...rest, message: expect.stringMatching(message) })]));
}

describe('the map walker', () => {
  it('reads the maps: loops, segments, usage, codes and data elements', () => {
    const st = P_MAP.root.children[0];
    expect(st?.kind === 'loop' && st.xid).toBe('ISA_LOOP');
    expect(P_MAP.dataElements.get('1035')).toEqual({ type: 'AN', min: 1, max: 60 });
    expect(parseXml('<a x="1 &amp; 2"><b>t&gt;</b><c/></a>').children[0]).toMatchObject({ name: 'a', attrs: { x: '1 & 2' }, children: [{ name: 'b', text: 't>' }, { name: 'c' }] });
  });

  it('finds a missing required segment', () => {
    const text = edited(sample837p(), replaceFirst(where('N3'), () => null));
    expectFinding(findings(text), { loop: '2010AA', segment: 'N3', message: /required segment N3 .* missing/ });
  });

  it('finds a missing required loop', () => {
    const text = edited(sample837p(), (segs) => segs.filter((s) => !(s[0] === 'NM1' && s[1] === '40')));
    expectFinding(findings(text), { segment: 'NM1', message: /required loop 1000B/ });
  });

  it('finds a too-long element and a too-short one', () => {
    const long = edited(sample837p(), replaceFirst(where('NM1', (s) => s[1] === 'IL'), (s) => ((s[3] = 'G'.repeat(61)), s)));
    expectFinding(findings(long), { loop: '2010BA', segment: 'NM1', element: 'NM103', message: /longer than 60/ });
    const short = edited(sample837p(), replaceFirst(where('N4'), (s) => ((s[1] = 'S'), s)));
    expectFinding(findings(short), { loop: '2010AA', segment: 'N4', element: 'N401', message: /shorter than 2/ });
  });

  it('finds bad code values in simple elements and in components', () => {
    const text = edited(
      edited(sample837p(), replaceFirst(where('CLM'), (s) => ((s[7] = 'Z'), (s[5] = '12:Q:1'), s))),
      replaceFirst(where('BHT'), (s) => ((s[6] = 'XX'), s)),
    );
    const list = findings(text);
    expectFinding(list, { loop: '2300', segment: 'CLM', element: 'CLM07', message: /"Z" is not one of the valid codes/ });
    expectFinding(list, { loop: '2300', segment: 'CLM', element: 'CLM05-02', message: /"Q" is not one of the valid codes/ });
    expectFinding(list, { loop: 'HEADER', segment: 'BHT', element: 'BHT06', message: /not one of the valid codes/ });
  });

  it('finds a bad qualifier in a first element', () => {
    const text = edited(sample837p(), replaceFirst(where('SBR'), (s) => ((s[1] = 'Q'), s)));
    expectFinding(findings(text), { segment: 'SBR', element: 'SBR01', message: /"Q" is not one of the valid codes/ });
  });

  it('finds segments out of order and unknown segments', () => {
    const swapped = edited(sample837p(), (segs) => {
      const i = segs.findIndex((s) => s[0] === 'SV1');
      const out = [...segs];
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      return out;
    });
    expectFinding(findings(swapped), { segment: 'SV1', message: /not expected here/ });
    const unknown = edited(sample837p(), (segs) => [...segs.slice(0, 5), ['ZZZ', '1'], ...segs.slice(5)]);
    expectFinding(findings(unknown), { segment: 'ZZZ', message: /not expected here/ });
  });

  it('finds a segment used past its max use and a loop repeated past its max repeat', () => {
    const twice = edited(sample837p(), (segs) => {
      const i = segs.findIndex((s) => s[0] === 'PRV');
      return [...segs.slice(0, i + 1), segs[i]!, ...segs.slice(i + 1)];
    });
    expectFinding(findings(twice), { loop: '2000A', segment: 'PRV', message: /max use is 1/ });
    const manyLines = edited(sample837p(), (segs) => {
      const lx = segs.findIndex((s) => s[0] === 'LX');
      const block = segs.slice(lx, lx + 3);
      const extra = Array.from({ length: 50 }, () => block.map((s) => [...s])).flat();
      return [...segs.slice(0, lx), ...extra, ...segs.slice(lx)];
    });
    expectFinding(findings(manyLines), { loop: '2400', message: /max repeat is 50/ });
  });

  it('finds elements that are marked not used, and broken syntax rules', () => {
    const text = edited(
      edited(sample837p(), replaceFirst(where('CLM'), (s) => ((s[3] = 'MC'), s))),
      replaceFirst(where('NM1', (s) => s[1] === 'PR'), (s) => s.slice(0, 9)),
    );
    const list = findings(text);
    expectFinding(list, { segment: 'CLM', element: 'CLM03', message: /not used/ });
    expectFinding(list, { loop: '2010BB', segment: 'NM1', message: /syntax rule P0809/ });
    expectFinding(list, { loop: '2010BB', segment: 'NM1', element: 'NM109', message: /required element NM109 is missing/ });
  });

  it('finds separators inside values, bad dates and bad numbers', () => {
    const text = edited(
      edited(sample837p(), replaceFirst(where('NM1', (s) => s[1] === 'IL'), (s) => ((s[3] = 'Gar:cia^x'), s))),
      (segs) => segs.map((s) => (s[0] === 'DTP' ? ['DTP', '472', 'D8', '20261340'] : s[0] === 'SV1' ? [...s.slice(0, 2), '12.5.0', ...s.slice(3)] : s)),
    );
    const list = findings(text);
    expectFinding(list, { segment: 'NM1', element: 'NM103', message: /component separator/ });
    expectFinding(list, { segment: 'NM1', element: 'NM103', message: /repetition separator/ });
    expectFinding(list, { segment: 'DTP', element: 'DTP03', message: /does not fit format D8/ });
    expectFinding(list, { segment: 'SV1', element: 'SV102', message: /not a decimal number/ });
  });

  it('finds wrong counts and control numbers in the envelope', () => {
    const text = edited(sample837p(), (segs) =>
      segs.map((s) => {
        if (s[0] === 'SE') return ['SE', '3', '9999'];
        if (s[0] === 'GE') return ['GE', '2', '1'];
        if (s[0] === 'IEA') return ['IEA', '1', '000000001'];
        return s;
      }),
    );
    const list = findings(text);
    expectFinding(list, { segment: 'SE', element: 'SE01', message: /transaction set has 59/ });
    expectFinding(list, { segment: 'SE', element: 'SE02', message: /does not match ST02 0007/ });
    expectFinding(list, { segment: 'GE', element: 'GE01', message: /group has 1/ });
    expectFinding(list, { segment: 'GE', element: 'GE02', message: /GS06 56/ });
    expectFinding(list, { segment: 'IEA', element: 'IEA02', message: /ISA13 000001234/ });
  });

  it('finds a broken HL tree', () => {
    const text = edited(sample837p(), (segs) => segs.map((s) => (s[0] === 'HL' && s[1] === '3' ? ['HL', '4', '7', '22', '1'] : s)));
    const list = findings(text);
    expectFinding(list, { segment: 'HL', element: 'HL01', message: /should be 3/ });
    expectFinding(list, { segment: 'HL', element: 'HL02', message: /names no earlier HL/ });
    expectFinding(list, { segment: 'HL', element: 'HL04', message: /none follows/ });
  });

  it('checks the 837I against its own map: CL1 and the statement dates are required there', () => {
    const text = render837i(sampleParties(), sampleClaims(), CLOCK, CONTROL, { batchId: 'B1' });
    expect(findings(text, I_MAP)).toEqual([]);
    const broken = edited(text, (segs) => segs.filter((s) => s[0] !== 'CL1' && !(s[0] === 'DTP' && s[1] === '434')));
    const list = findings(broken, I_MAP);
    expectFinding(list, { loop: '2300', segment: 'CL1', message: /required segment CL1/ });
    expectFinding(list, { loop: '2300', segment: 'DTP', message: /required segment DTP/ });
    // An 837P is not an 837I: the version and the claim shape both disagree with the map.
    const wrong = findings(sample837p(), I_MAP);
    expectFinding(wrong, { segment: 'ST', element: 'ST03', message: /not one of the valid codes/ });
    expectFinding(wrong, { segment: 'SV1', message: /not expected here/ });
  });
});
