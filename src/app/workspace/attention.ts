// What needs a billing clerk's attention today, in one read: imports with rejected rows, claims
// held with errors, claims ready to send per payer and format, batches made but not yet marked
// sent, and clean claims waiting past 30 days. Each count leads to the page where the work is.

import type { ClaimFormat } from '../../domain/reference.js';
import type { BatchRecord } from '../../store/batch-store.js';
import type { ImportRun } from '../../store/import-store.js';
import type { AppContext } from '../context.js';
import { lateClaims } from '../reports/timeliness.js';
import { fromCents, toCents } from '../../domain/money.js';

export interface ReadyGroup {
  payerId: string;
  payerName: string;
  format: ClaimFormat;
  claims: number;
  total: string;
}

export interface Attention {
  /** the latest imports that rejected rows, newest first */
  rejectedImports: ImportRun[];
  draftClaims: number;
  ready: ReadyGroup[];
  unsentBatches: BatchRecord[];
  late: { claims: number; unpaid: string };
}

const RECENT_IMPORTS = 20;

export async function attention(ctx: AppContext): Promise<Attention> {
  const repos = ctx.store.read;
  const [imports, draft, ready, batches, late, payers] = await Promise.all([
    repos.imports.list(RECENT_IMPORTS),
    repos.claims.list({ status: 'draft' }),
    repos.claims.list({ status: 'ready' }),
    repos.batches.list(),
    lateClaims(ctx),
    repos.reference.listPayers(),
  ]);
  const names = new Map(payers.map((p) => [p.id, p.name]));
  const groups = new Map<string, ReadyGroup & { cents: number }>();
  for (const claim of ready) {
    const key = `${claim.payerId}|${claim.format}`;
    const group = groups.get(key) ?? { payerId: claim.payerId, payerName: names.get(claim.payerId) ?? claim.payerId, format: claim.format, claims: 0, total: '0.00', cents: 0 };
    group.claims += 1;
    group.cents += toCents(claim.totalCharge);
    groups.set(key, group);
  }
  return {
    rejectedImports: imports.filter((i) => i.rejected > 0),
    draftClaims: draft.length,
    ready: [...groups.values()].map(({ cents, ...g }) => ({ ...g, total: fromCents(cents) })).sort((a, b) => a.payerName.localeCompare(b.payerName) || a.format.localeCompare(b.format)),
    unsentBatches: batches.filter((b) => b.submittedOn === undefined),
    late: { claims: late.length, unpaid: fromCents(late.reduce((sum, c) => sum + toCents(c.unpaid), 0)) },
  };
}
