// The append-only claim history: each row is something that happened to a claim. Rows are never
// updated or deleted; a reversal or a correction is a new row. Reading in event_id order is
// reading in the order things were learned, which claim-history.ts relies on.

import { Repository } from './repository.js';
import { groupBy } from '../domain/grouping.js';

export interface StoredEvent {
  eventId: number;
  claimId: string;
  kind: string;
  date: string;
  amountCents?: number;
  details: Record<string, unknown>;
  source?: string;
  recordedAt: string;
}

/** A claim's identity for folding its events, and the events in log order. */
export interface ClaimEventLog {
  claimId: string;
  payerId: string;
  totalChargeCents: number;
  events: StoredEvent[];
}

interface EventRow {
  event_id: number;
  claim_id: string;
  kind: string;
  event_date: string;
  amount_cents: number | null;
  details: string;
  source: string | null;
  recorded_at: string;
}

function toEvent(r: EventRow): StoredEvent {
  const event: StoredEvent = {
    eventId: r.event_id,
    claimId: r.claim_id,
    kind: r.kind,
    date: r.event_date,
    details: JSON.parse(r.details) as Record<string, unknown>,
    recordedAt: r.recorded_at,
  };
  if (r.amount_cents !== null) event.amountCents = r.amount_cents;
  if (r.source !== null) event.source = r.source;
  return event;
}

/** Claims per page of allLogs: few enough to hold, many enough that pages cost little. */
const LOGS_PER_PAGE = 2000;

export class EventStore extends Repository {
  /** Appends one event and returns its id. */
  async append(event: Omit<StoredEvent, 'eventId'>): Promise<number> {
    const id = await this.sql('INSERT INTO claim_events (org_id, claim_id, kind, event_date, amount_cents, details, source, recorded_at) VALUES (@org, ?, ?, ?, ?, ?, ?, ?) RETURNING event_id')
      .pluck()
      .get(event.claimId, event.kind, event.date, event.amountCents ?? null, JSON.stringify(event.details), event.source ?? null, event.recordedAt);
    return Number(id);
  }

  /**
   * Appends events in the order given, many to a statement (an export records one per claim, an
   * 835 one per claim it pays), and returns their ids in no promised order.
   */
  async appendMany(events: ReadonlyArray<Omit<StoredEvent, 'eventId'>>): Promise<number[]> {
    const values: unknown[] = [];
    for (const e of events) values.push(e.claimId, e.kind, e.date, e.amountCents ?? null, JSON.stringify(e.details), e.source ?? null, e.recordedAt);
    return (await this.insertManyReturning('INSERT INTO claim_events (org_id, claim_id, kind, event_date, amount_cents, details, source, recorded_at) VALUES ', 7, values, 'event_id')).map(Number);
  }

  async forClaim(claimId: string): Promise<StoredEvent[]> {
    return (await this.sql('SELECT * FROM claim_events WHERE org_id = @org AND claim_id = ? ORDER BY event_id').all(claimId) as EventRow[]).map(toEvent);
  }

  /** The event logs of these claims (those that exist), a few hundred claims per query. */
  async logsOf(claimIds: Iterable<string>): Promise<ClaimEventLog[]> {
    return await this.inChunks([...new Set(claimIds)], async (chunk, marks) => {
      const claims = await this.sql(`SELECT claim_id, payer_id, total_charge_cents FROM claims WHERE org_id = @org AND claim_id IN (${marks})`).all(...chunk) as Array<{ claim_id: string; payer_id: string; total_charge_cents: number }>;
      const rows = await this.sql(`SELECT * FROM claim_events WHERE org_id = @org AND claim_id IN (${marks}) ORDER BY claim_id, event_id`).all(...chunk) as EventRow[];
      const byClaim = groupBy(rows.map(toEvent), (event) => event.claimId);
      return claims.map((c): ClaimEventLog => ({ claimId: c.claim_id, payerId: c.payer_id, totalChargeCents: c.total_charge_cents, events: byClaim.get(c.claim_id) ?? [] }));
    });
  }

  /**
   * Every claim that has events, with its events, one claim at a time: a report over a million
   * claims streams through here without holding the whole log. Claims are read a page at a time
   * after the last one read, so no cursor stays open between pages.
   */
  async *allLogs(): AsyncGenerator<ClaimEventLog> {
    for (let after = ''; ; ) {
      const rows = (await this.sql(
        `SELECT e.*, c.payer_id, c.total_charge_cents FROM claim_events e JOIN claims c ON c.org_id = e.org_id AND c.claim_id = e.claim_id
         WHERE e.org_id = @org AND e.claim_id IN (SELECT DISTINCT claim_id FROM claim_events WHERE org_id = @org AND claim_id > ? ORDER BY claim_id LIMIT ${LOGS_PER_PAGE})
         ORDER BY e.claim_id, e.event_id`,
      ).all(after)) as Array<EventRow & { payer_id: string; total_charge_cents: number }>;
      if (rows.length === 0) return;
      let current: ClaimEventLog | undefined;
      for (const row of rows) {
        if (current === undefined || current.claimId !== row.claim_id) {
          if (current !== undefined) yield current;
          current = { claimId: row.claim_id, payerId: row.payer_id, totalChargeCents: row.total_charge_cents, events: [] };
        }
        current.events.push(toEvent(row));
      }
      yield current!;
      after = current!.claimId;
    }
  }

  /** The id of the latest event of every claim that has one. */
  async latestEventIds(): Promise<Map<string, number>> {
    const rows = await this.sql('SELECT claim_id, MAX(event_id) AS last_event_id FROM claim_events WHERE org_id = @org GROUP BY claim_id').all() as Array<{ claim_id: string; last_event_id: number }>;
    return new Map(rows.map((r) => [r.claim_id, r.last_event_id]));
  }

  async count(): Promise<number> {
    return await this.sql('SELECT COUNT(*) FROM claim_events WHERE org_id = @org').pluck().get() as number;
  }
}
