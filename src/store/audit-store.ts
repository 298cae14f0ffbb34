// The audit trail, one organization's (or, for the platform's own actions, none's). Targets are
// routes and ids (claims, batches, imports), never member data.

import { Repository } from './repository.js';

export interface AuditEntry {
  at: string;
  actor: string;
  role?: string;
  action: string;
  target: string;
  outcome: string;
}

export class AuditStore extends Repository {
  async record(entry: AuditEntry): Promise<void> {
    await this.sql('INSERT INTO audit_log (org_id, at, actor, role, action, target, outcome) VALUES (@org, ?, ?, ?, ?, ?, ?)').run(entry.at, entry.actor, entry.role ?? null, entry.action, entry.target, entry.outcome);
  }

  async list(filter: { from?: string; to?: string; actor?: string; limit?: number }): Promise<AuditEntry[]> {
    // Only the conditions asked for: a server must know each value's type, and "? IS NULL" has none.
    const conditions: Array<[string, string | undefined]> = [
      [' AND at >= ?', filter.from],
      [' AND at < ?', filter.to],
      [' AND actor = ?', filter.actor],
    ];
    const asked = conditions.filter(([, value]) => value !== undefined);
    const rows = (await this.sql(
      `SELECT at, actor, role, action, target, outcome FROM audit_log
       WHERE org_id IS NOT DISTINCT FROM @org${asked.map(([condition]) => condition).join('')} ORDER BY audit_id DESC LIMIT ?`,
    ).all(...asked.map(([, value]) => value), filter.limit ?? 1000)) as Array<AuditEntry & { role: string | null }>;
    return rows.map((r) => ({ ...r, role: r.role ?? undefined }));
  }
}
