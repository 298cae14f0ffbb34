// Between the stored event rows (JSON details, integer cents) and remit's typed ClaimEvents, and
// the fold of one claim's log into its history. Rows written by older code or by hand may lack
// a list the types promise; those default to empty instead of failing a whole report.

import { CLAIM_EVENT_KINDS, type ClaimEvent, type ClaimEventKind } from '../../remit/claim-events.js';
import { deriveClaimHistory, type ClaimHistory } from '../../remit/claim-history.js';
import { fromCents, toCents } from '../../domain/money.js';
import { reasonCodes } from '../../metrics/reason-codes.js';
import type { ClaimEventLog, StoredEvent } from '../../store/event-store.js';

const KINDS: ReadonlySet<string> = new Set(CLAIM_EVENT_KINDS);

function isKind(kind: string): kind is ClaimEventKind {
  return KINDS.has(kind);
}

function list(details: Record<string, unknown>, key: string): unknown[] {
  const value = details[key];
  return Array.isArray(value) ? value : [];
}

/** The typed event of a stored row; undefined for a kind this version does not know. */
export function toClaimEvent(stored: StoredEvent): ClaimEvent | undefined {
  if (!isKind(stored.kind)) return undefined;
  const base = { claimId: stored.claimId, eventId: stored.eventId, date: stored.date, ...(stored.amountCents !== undefined ? { amount: fromCents(stored.amountCents) } : {}), ...(stored.source !== undefined ? { sourceFile: stored.source } : {}) };
  const d = stored.details;
  switch (stored.kind) {
    case 'batched':
    case 'submitted':
      return { ...base, kind: stored.kind, details: d } as ClaimEvent;
    case 'file_accepted':
    case 'file_rejected':
      return { ...base, kind: stored.kind, details: { ...d, errors: list(d, 'errors') } } as ClaimEvent;
    case 'claim_accepted':
    case 'claim_rejected':
      return { ...base, kind: stored.kind, details: { ...d, statusCodes: list(d, 'statusCodes') } } as ClaimEvent;
    case 'paid':
    case 'partially_paid':
    case 'denied':
    case 'reversed':
      return {
        ...base,
        kind: stored.kind,
        details: { ...d, adjustments: list(d, 'adjustments'), lineAdjustments: list(d, 'lineAdjustments'), remarkCodes: list(d, 'remarkCodes') },
      } as ClaimEvent;
    case 'payment_recorded':
      return { ...base, kind: stored.kind, details: d } as ClaimEvent;
  }
}

export function toStoredEvent(event: ClaimEvent, recordedAt: string, source?: string): Omit<StoredEvent, 'eventId'> {
  const stored: Omit<StoredEvent, 'eventId'> = {
    claimId: event.claimId,
    kind: event.kind,
    date: event.date,
    details: { ...event.details },
    recordedAt,
  };
  if (event.amount !== undefined) stored.amountCents = toCents(event.amount);
  const from = source ?? event.sourceFile;
  if (from !== undefined) stored.source = from;
  return stored;
}

/** Where a claim stands and the dates finance measures, folded from its log. */
export function historyOf(log: ClaimEventLog): ClaimHistory {
  const events: ClaimEvent[] = [];
  for (const stored of log.events) {
    const event = toClaimEvent(stored);
    if (event !== undefined) events.push(event);
  }
  return deriveClaimHistory({ claimId: log.claimId, payerId: log.payerId, totalCharge: fromCents(log.totalChargeCents) }, events, {
    missingInformationReasons: reasonCodes().missingInformation,
  });
}
