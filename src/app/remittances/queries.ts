// Reads for billing and finance: a claim's timeline (its events and what they add up to), the
// payer-file items that matched no claim, and the payer files received.

import type { ClaimHistory } from '../../remit/claim-history.js';
import { describeDateAnomaly } from '../../remit/date-anomalies.js';
import { fromCents } from '../../domain/money.js';
import type { PayerFileRecord, UnmatchedRecord } from '../../store/remittance-store.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { historyOf } from './events.js';

export interface TimelineEvent {
  eventId: number;
  kind: string;
  date: string;
  amount?: string;
  details: Record<string, unknown>;
  source?: string;
  recordedAt: string;
  /** what is wrong with the event's dates (a payer date before the claim was sent); kept as sent */
  warnings?: string[];
}

export interface ClaimTimeline {
  claimId: string;
  payerId: string;
  status: string;
  totalCharge: string;
  /** what the events add up to: receipt, payment, clean or not, money */
  history: ClaimHistory;
  events: TimelineEvent[];
}

export async function claimTimeline(ctx: AppContext, claimId: string): Promise<ClaimTimeline> {
  const repos = ctx.store.read;
  const claim = await repos.remittances.claimFacts(claimId);
  if (claim === undefined) throw new AppError('not_found', `claim ${claimId} does not exist`);
  const [log] = await repos.events.logsOf([claimId]);
  const events = log?.events ?? [];
  const history = historyOf(log ?? { claimId, payerId: claim.payerId, totalChargeCents: claim.totalChargeCents, events: [] });
  const warnings = new Map<number, string[]>();
  for (const anomaly of history.dateAnomalies) {
    if (anomaly.eventId !== undefined) warnings.set(anomaly.eventId, [...(warnings.get(anomaly.eventId) ?? []), describeDateAnomaly(claimId, anomaly)]);
  }
  return {
    claimId,
    payerId: claim.payerId,
    status: claim.status,
    totalCharge: fromCents(claim.totalChargeCents),
    history,
    events: events.map((e) => ({
      eventId: e.eventId,
      kind: e.kind,
      date: e.date,
      ...(e.amountCents !== undefined ? { amount: fromCents(e.amountCents) } : {}),
      details: e.details,
      ...(e.source !== undefined ? { source: e.source } : {}),
      recordedAt: e.recordedAt,
      ...(warnings.has(e.eventId) ? { warnings: warnings.get(e.eventId) } : {}),
    })),
  };
}

export async function listUnmatched(ctx: AppContext, filter: { fileId?: number } = {}): Promise<UnmatchedRecord[]> {
  return ctx.store.read.remittances.listUnmatched(filter);
}

export async function listPayerFiles(ctx: AppContext): Promise<PayerFileRecord[]> {
  return ctx.store.read.remittances.listFiles();
}
