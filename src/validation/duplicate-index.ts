// The duplicate check's memory: which live claims already bill a member, date and procedure.
// Pure, so a build can keep one in a worker thread as well as on the main thread.

import type { Claim, DuplicateRow } from '../domain/claim.js';

/** Which live claims bill a member, date and procedure; kept in memory for a whole build or export. */
const NONE: readonly string[] = Object.freeze([]);

export class DuplicateIndex {
  static fromRows(rows: Iterable<DuplicateRow>): DuplicateIndex {
    const index = new DuplicateIndex();
    for (const [claimId, memberCin, serviceDate, code, modifiers] of rows) index.add(claimId, memberCin, serviceDate, code, modifiers === '' ? [] : modifiers.split(':'));
    return index;
  }

  private readonly byKey = new Map<string, string[]>();

  /** `base`: the index this one layers over (layer) */
  constructor(private readonly base?: DuplicateIndex) {}

  /**
   * An index over this one whose additions stay its own. A build gives each slice of members one:
   * a duplicate is always the same member's, and no member is in two slices, so what a slice adds
   * can be dropped with it instead of growing one map to every line of the build.
   */
  layer(): DuplicateIndex {
    return new DuplicateIndex(this);
  }

  private listOf(key: string): string[] | undefined {
    return this.byKey.get(key) ?? this.base?.listOf(key);
  }

  private static key(memberCin: string, serviceDate: string, code: string, modifiers: readonly string[]): string {
    return `${memberCin}|${serviceDate}|${code}|${modifiers.join(':')}`;
  }

  /** Adds one claim line; returns the other claims already on the same service. */
  add(claimId: string, memberCin: string, serviceDate: string, code: string, modifiers: readonly string[]): readonly string[] {
    const k = DuplicateIndex.key(memberCin, serviceDate, code, modifiers);
    let list = this.byKey.get(k);
    if (!list) {
      const inherited = this.base?.listOf(k);
      if (!inherited) {
        this.byKey.set(k, [claimId]);
        return NONE;
      }
      this.byKey.set(k, (list = [...inherited]));
    }
    const others = list.filter((id) => id !== claimId);
    if (!list.includes(claimId)) list.push(claimId);
    return others;
  }

  /** Adds a claim's lines; returns the other claims that share a service with it. */
  addClaim(claim: Pick<Claim, 'id' | 'memberCin' | 'lines' | 'frequency'>): readonly string[] {
    if (claim.frequency !== '1') return NONE;
    let others: string[] | undefined;
    for (const l of claim.lines) {
      const found = this.add(claim.id, claim.memberCin, l.serviceDate, l.code, l.modifiers);
      if (found.length > 0) (others ??= []).push(...found);
    }
    return others ?? NONE;
  }

  /** Another claim than these carrying the same service, if any. */
  lookup(...exclude: Array<string | undefined>) {
    return (memberCin: string, serviceDate: string, code: string, modifiers: readonly string[]): string | undefined =>
      this.listOf(DuplicateIndex.key(memberCin, serviceDate, code, modifiers))?.find((id) => !exclude.includes(id));
  }
}
