// Lists split by a key, each group in the order its items came (claims by member, findings by
// claim, fee-schedule entries by procedure), and lists put in the order of their keys.

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * The items whose key is in `keys`, in the order of `keys`; a key no item has is skipped. Stores
 * read rows by many ids at once and SQLite answers in its own order.
 */
export function inOrderOf<T>(keys: readonly string[], items: readonly T[], key: (item: T) => string): T[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  const out: T[] = [];
  for (const k of keys) {
    const item = byKey.get(k);
    if (item !== undefined) out.push(item);
  }
  return out;
}
