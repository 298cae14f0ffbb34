// A record of each claim build and the rows it could not bill, so "why wasn't SL-1010 billed?"
// has an answer after the fact.

import type { ValidationIssue } from '../domain/claim.js';
import { Repository } from './repository.js';

export interface BuildRecord {
  buildId: number;
  payerId?: string;
  period?: string;
  builtAt: string;
  claimsBuilt: number;
  claimsReady: number;
  rowsNotBilled: number;
}

export class BuildStore extends Repository {


  async start(filter: { payerId?: string; period?: string }, at: string): Promise<number> {
    return Number(
      await this.sql('INSERT INTO builds (org_id, payer_id, period, built_at, claims_built, claims_ready, rows_not_billed) VALUES (@org, ?, ?, ?, 0, 0, 0) RETURNING build_id')
        .pluck()
        .get(filter.payerId ?? null, filter.period ?? null, at),
    );
  }

  async finish(buildId: number, counts: { claimsBuilt: number; claimsReady: number; rowsNotBilled: number }): Promise<void> {
    await this.sql('UPDATE builds SET claims_built = ?, claims_ready = ?, rows_not_billed = ? WHERE build_id = ? AND org_id = @org').run(counts.claimsBuilt, counts.claimsReady, counts.rowsNotBilled, buildId);
  }

  async addIssues(buildId: number, issues: readonly ValidationIssue[]): Promise<void> {
    const stmt = this.sql('INSERT INTO build_issues (org_id, build_id, code, severity, message, service_ids) VALUES (@org, ?, ?, ?, ?, ?)');
    for (const i of issues) await stmt.run(buildId, i.code, i.severity, i.message, JSON.stringify(i.serviceIds));
  }

  async issues(buildId: number): Promise<ValidationIssue[]> {
    const rows = await this.sql(`SELECT code, severity, message, service_ids FROM build_issues WHERE build_id = ? AND org_id = @org ORDER BY ${this.dialect.insertionOrder}`).all(buildId) as Array<{
      code: string;
      severity: 'error' | 'warning';
      message: string;
      service_ids: string;
    }>;
    return rows.map((r) => ({ code: r.code, severity: r.severity, message: r.message, serviceIds: JSON.parse(r.service_ids) as string[] }));
  }
}
