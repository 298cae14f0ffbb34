// Many rows written at once decide each row as writing them one at a time would.

import { describe, expect, it } from 'vitest';
import { planUpserts } from '../../src/store/upsert-plan.js';

const row = (key: string, hash: string) => ({ key, hash, data: `${key}:${hash}` });

describe('planUpserts', () => {
  it('inserts new keys, leaves unchanged ones and updates changed ones, saying what each was before', () => {
    const stored = new Map([
      ['a', { data: 'a:1', hash: '1' }],
      ['b', { data: 'b:1', hash: '1' }],
    ]);
    const plan = planUpserts([row('a', '1'), row('b', '2'), row('c', '1')], stored);
    expect(plan.outcomes).toEqual([{ outcome: 'unchanged' }, { outcome: 'updated', before: 'b:1' }, { outcome: 'inserted' }]);
    expect(plan.inserts.map((r) => r.data)).toEqual(['c:1']);
    expect(plan.updates.map((r) => r.data)).toEqual(['b:2']);
  });

  it('treats a key met earlier in the batch as stored: inserted once with its last version, changes counted', () => {
    const plan = planUpserts([row('n', '1'), row('n', '1'), row('n', '2'), row('s', '2'), row('s', '3')], new Map([['s', { data: 's:1', hash: '1' }]]));
    expect(plan.outcomes).toEqual([
      { outcome: 'inserted' },
      { outcome: 'unchanged' },
      { outcome: 'updated', before: 'n:1' },
      { outcome: 'updated', before: 's:1' },
      { outcome: 'updated', before: 's:2' },
    ]);
    expect(plan.inserts.map((r) => r.data)).toEqual(['n:2']);
    expect(plan.updates.map((r) => r.data)).toEqual(['s:3']);
  });
});
