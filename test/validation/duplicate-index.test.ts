// The duplicate check's index as a build uses it: one layer per slice of members over the live
// claims. A slice must see the live claims and its own earlier claims, and leave nothing behind.

import { describe, expect, it } from 'vitest';
import { DuplicateIndex } from '../../src/validation/duplicate-index.js';

const line = (serviceDate: string, code = 'G9008', modifiers = ['U1']) => ({ serviceDate, code, modifiers });
const claim = (id: string, memberCin: string, ...lines: Array<ReturnType<typeof line>>) => ({ id, memberCin, frequency: '1' as const, lines: lines as never });

describe('a layered duplicate index', () => {
  it('finds live claims under a layer and the layer’s own claims, and keeps additions out of the base', () => {
    const live = DuplicateIndex.fromRows([['C0000001', '10000000A', '2026-10-01', 'G9008', 'U1']]);
    const slice = live.layer();
    // Same member, date and procedure as a live claim: found through the layer.
    expect(slice.addClaim(claim('C0000002', '10000000A', line('2026-10-01')))).toEqual(['C0000001']);
    // A second claim of the same slice on a new service sees the first one of the slice.
    expect(slice.addClaim(claim('C0000003', '10000001A', line('2026-10-02')))).toEqual([]);
    expect(slice.addClaim(claim('C0000004', '10000001A', line('2026-10-02')))).toEqual(['C0000003']);
    expect(slice.lookup('C0000004')('10000001A', '2026-10-02', 'G9008', ['U1'])).toBe('C0000003');
    // The base never saw the slice's claims; a new layer starts from the live claims alone.
    expect(live.lookup()('10000001A', '2026-10-02', 'G9008', ['U1'])).toBeUndefined();
    expect(live.lookup('C0000001')('10000000A', '2026-10-01', 'G9008', ['U1'])).toBeUndefined();
    const next = live.layer();
    expect(next.addClaim(claim('C0000005', '10000001A', line('2026-10-02')))).toEqual([]);
    expect(next.addClaim(claim('C0000006', '10000000A', line('2026-10-01')))).toEqual(['C0000001']);
  });

  it('tells apart modifiers and codes, and ignores corrections', () => {
    const index = new DuplicateIndex().layer();
    expect(index.addClaim(claim('C1', 'M', line('2026-10-01', 'G9008', ['U1'])))).toEqual([]);
    expect(index.addClaim(claim('C2', 'M', line('2026-10-01', 'G9008', ['U2'])))).toEqual([]);
    expect(index.addClaim(claim('C3', 'M', line('2026-10-01', 'G9012', ['U1'])))).toEqual([]);
    expect(index.addClaim({ ...claim('C4', 'M', line('2026-10-01', 'G9008', ['U1'])), frequency: '7' })).toEqual([]);
  });
});
