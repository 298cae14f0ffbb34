// The append-only claim history: each row is something that happened to a claim.

import type { SqliteDatabase } from './database.js';
import { Repository } from './repository.js';

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

export class EventStore extends Repository {
  private readonly insert;

  constructor(db: SqliteDatabase) {
    super(db);
    this.insert = db.prepare('INSERT INTO claim_events (claim_id, kind, event_date, amount_cents, details, source, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  }

  append(event: Omit<StoredEvent, 'eventId'>): void {
    this.insert.run(event.claimId, event.kind, event.date, event.amountCents ?? null, JSON.stringify(event.details), event.source ?? null, event.recordedAt);
  }

  forClaim(claimId: string): StoredEvent[] {
    const rows = this.sql('SELECT * FROM claim_events WHERE claim_id = ? ORDER BY event_id').all(claimId) as Array<{
      event_id: number;
      claim_id: string;
      kind: string;
      event_date: string;
      amount_cents: number | null;
      details: string;
      source: string | null;
      recorded_at: string;
    }>;
    return rows.map((r) => ({
      eventId: r.event_id,
      claimId: r.claim_id,
      kind: r.kind,
      date: r.event_date,
      amountCents: r.amount_cents ?? undefined,
      details: JSON.parse(r.details) as Record<string, unknown>,
      source: r.source ?? undefined,
      recordedAt: r.recorded_at,
    }));
  }
}
