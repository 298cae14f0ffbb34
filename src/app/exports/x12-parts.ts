// The 837 export renders its file in parts (x12/837-parts.ts) on both threads: the worker reads
// the claims of its parts through its own read-only connection while the main thread, which holds
// the export's write transaction, renders the parts the worker has not reached and joins them in
// order. The worker sees the committed claims; the export changes none of the claims it renders
// before they are written, and its write lock keeps other writers out until it commits.

import type { ClaimWithParties } from '../../domain/submission.js';
import { X12RenderError } from '../../x12/write/837-common.js';
import { renderPart, type PartSpec, type RenderedPart } from '../../x12/write/837-parts.js';
import { openReadOnlyRepositories } from '../../store/store.js';
import type { ClaimRepository, ReferenceRepository } from '../../store/ports.js';
import { withMembers } from '../submission-parties.js';

// Claims to a part: a run of whole subscriber groups. Small parts share out evenly and, above all,
// die young: with 250 the claims a part loads outlived young-generation collection and the main
// thread's heap grew by about 60 MB more over a 25,000-claim export (npm run bench).
const CLAIMS_PER_PART = 100;

export interface ExportPartSetup extends PartSpec {
  /** the SQLite file a worker reads the claims from */
  dbPath: string;
  /** whose claims: a worker's connection reads that organization's rows only */
  org: string | null;
}

export interface ExportPartInput {
  /** claim ids by subscriber group */
  groups: string[][];
  firstHl: number;
  header: boolean;
}

/** A rendered part, or the reason the claims cannot be expressed in the 837 at all. */
export type ExportPartOutput = { part: RenderedPart } | { failure: { message: string; field: string; claimId?: string } };

export interface PlannedPart extends ExportPartInput {
  /** index of the transaction set, from 0 */
  set: number;
  /** whether the part closes its transaction set */
  last: boolean;
}

/** Transaction sets of subscriber groups (planSets) cut into parts of whole groups. */
export function planParts(sets: ReadonlyArray<ReadonlyArray<ReadonlyArray<{ id: string }>>>): PlannedPart[] {
  const parts: PlannedPart[] = [];
  sets.forEach((groups, set) => {
    let hl = 2;
    let current: string[][] = [];
    let claims = 0;
    const close = (last: boolean) => {
      parts.push({ set, groups: current, firstHl: hl, header: hl === 2, last });
      hl += current.length;
      current = [];
      claims = 0;
    };
    groups.forEach((group, i) => {
      current.push(group.map((c) => c.id));
      claims += group.length;
      if (claims >= CLAIMS_PER_PART || i === groups.length - 1) close(i === groups.length - 1);
    });
  });
  return parts;
}

interface ClaimSource {
  claims: Pick<ClaimRepository, 'loadMany'>;
  reference: Pick<ReferenceRepository, 'membersByCin'>;
}

/**
 * Renders parts. On the main thread `source` is the export's own connection; in a worker the
 * claims are read through a read-only connection to `dbPath`, opened on first use.
 */
export function createPartRenderer(setup: ExportPartSetup, source?: ClaimSource): (input: ExportPartInput) => Promise<ExportPartOutput> {
  let from = source;
  return async (input) => {
    if (!from) {
      from = openReadOnlyRepositories(setup.dbPath, setup.org);
    }
    const ids = input.groups.flat();
    const loaded = await withMembers(from, await from.claims.loadMany(ids));
    if (loaded.length !== ids.length) throw new Error('a claim of the export disappeared while it was being written');
    try {
      return { part: renderPart(setup, groupsOf(loaded, input.groups), input.firstHl, input.header) };
    } catch (err) {
      if (!(err instanceof X12RenderError)) throw err;
      return { failure: { message: err.message, field: err.field, ...(err.claimId ? { claimId: err.claimId } : {}) } };
    }
  };
}

function* groupsOf(claims: readonly ClaimWithParties[], groups: readonly (readonly string[])[]): Generator<ClaimWithParties[]> {
  let at = 0;
  for (const group of groups) {
    yield claims.slice(at, at + group.length);
    at += group.length;
  }
}
