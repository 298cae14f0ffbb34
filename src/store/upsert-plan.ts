// Many keyed rows written at once, with what became of each: an import hands the store a few
// hundred rows at a time, and one statement for each (a round trip each, on a server) would be
// most of its time. What is stored is read in one query per few hundred keys; rows new to the
// table go in multi-row inserts; the few that changed are updated one by one.

export type UpsertOutcome = 'inserted' | 'updated' | 'unchanged';

/** What became of a row written: its JSON before, when it changed. */
export interface Upserted {
  outcome: UpsertOutcome;
  before?: string;
}

export interface KeyedRow {
  key: string;
  data: string;
  hash: string;
}

export interface UpsertPlan<T extends KeyedRow> {
  /** what became of each row, in the order given */
  outcomes: Upserted[];
  /** rows to insert: the last version of each new key */
  inserts: T[];
  /** rows to update: the last version of each stored key that changed */
  updates: T[];
}

/**
 * Decides each row as writing them one at a time would: a key seen earlier in the same batch
 * counts as stored, so a file naming one id twice inserts it, then updates it (or leaves it).
 */
export function planUpserts<T extends KeyedRow>(rows: readonly T[], stored: ReadonlyMap<string, { data: string; hash: string }>): UpsertPlan<T> {
  const seen = new Map<string, { data: string; hash: string; insertAt?: number }>();
  const outcomes: Upserted[] = [];
  const inserts: T[] = [];
  const updates = new Map<string, T>();
  for (const row of rows) {
    const before = seen.get(row.key) ?? stored.get(row.key);
    if (!before) {
      seen.set(row.key, { data: row.data, hash: row.hash, insertAt: inserts.length });
      inserts.push(row);
      outcomes.push({ outcome: 'inserted' });
      continue;
    }
    if (before.hash === row.hash) {
      outcomes.push({ outcome: 'unchanged' });
      continue;
    }
    outcomes.push({ outcome: 'updated', before: before.data });
    const insertAt = (before as { insertAt?: number }).insertAt;
    if (insertAt !== undefined) inserts[insertAt] = row;
    else updates.set(row.key, row);
    seen.set(row.key, { data: row.data, hash: row.hash, ...(insertAt !== undefined ? { insertAt } : {}) });
  }
  return { outcomes, inserts, updates: [...updates.values()] };
}
