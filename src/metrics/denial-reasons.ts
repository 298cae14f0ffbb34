// Denial reasons of a timeliness report: each code counted once per claim however many groups
// carry it, ranked by claims, then money, then code.

import { fromCents, toCents } from '../domain/money.js';

export interface DenialReasonRank {
  code: string;
  description?: string;
  claims: number;
  amount: string;
}

export function countReasons(reasons: Map<string, { claims: number; cents: number }>, denial: ReadonlyArray<{ code: string; amount: string }>): void {
  for (let i = 0; i < denial.length; i++) {
    const item = denial[i];
    if (item === undefined) continue;
    let entry = reasons.get(item.code);
    if (entry === undefined) {
      entry = { claims: 0, cents: 0 };
      reasons.set(item.code, entry);
    }
    entry.cents += toCents(item.amount);
    // The same code under two groups (CO-16, PR-16) is one claim denied for it.
    let seen = false;
    for (let j = 0; j < i; j++) if (denial[j]?.code === item.code) seen = true;
    if (!seen) entry.claims++;
  }
}

export function rankReasons(reasons: Map<string, { claims: number; cents: number }>, describe: ((code: string) => string | undefined) | undefined): DenialReasonRank[] {
  return [...reasons.entries()]
    .sort(([codeA, a], [codeB, b]) => b.claims - a.claims || b.cents - a.cents || (codeA < codeB ? -1 : codeA > codeB ? 1 : 0))
    .map(([code, entry]) => {
      const rank: DenialReasonRank = { code, claims: entry.claims, amount: fromCents(entry.cents) };
      const description = describe?.(code);
      if (description !== undefined) rank.description = description;
      return rank;
    });
}
