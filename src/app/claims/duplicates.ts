// The duplicate index a validation needs: every live claim line over the service dates of the
// claims being checked, read from the store and kept in memory for the whole job.

import type { Claim } from '../../domain/claim.js';
import type { ClaimRepository } from '../../store/ports.js';
import { DuplicateIndex } from '../../validation/duplicate-index.js';

export async function duplicateIndexFor(store: Pick<ClaimRepository, 'duplicateRows'>, claims: Iterable<Pick<Claim, 'lines'>>): Promise<DuplicateIndex> {
  let from = '9999-12-31';
  let to = '0000-01-01';
  for (const c of claims) {
    for (const l of c.lines) {
      if (l.serviceDate < from) from = l.serviceDate;
      if (l.serviceDate > to) to = l.serviceDate;
    }
  }
  return from > to ? new DuplicateIndex() : DuplicateIndex.fromRows(await store.duplicateRows({ from, to }));
}
