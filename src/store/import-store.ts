// Import runs, the rows they rejected, and the before/after of every row they changed.

import { Repository } from './repository.js';

export interface ImportIssue {
  line?: number;
  column?: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

export interface ImportRun extends ImportCounts {
  importId: number;
  kind: string;
  source: string;
  startedAt: string;
  finishedAt?: string;
}

function runOf(r: Record<string, string | number | null>): ImportRun {
  return {
    importId: Number(r.import_id),
    kind: String(r.kind),
    source: String(r.source),
    startedAt: String(r.started_at),
    finishedAt: r.finished_at === null ? undefined : String(r.finished_at),
    rowsRead: Number(r.rows_read),
    inserted: Number(r.inserted),
    updated: Number(r.updated),
    unchanged: Number(r.unchanged),
    rejected: Number(r.rejected),
    warnings: Number(r.warnings),
  };
}

export class ImportStore extends Repository {
  /**
   * Whether anything has been loaded, built, sent, received or keyed into this database: the
   * demonstration only ever fills an empty one, so real data is never mixed with made-up data.
   */
  async holdsData(): Promise<boolean> {
    // SQLite answers 1, PostgreSQL true.
    const held = await this.sql(
      `SELECT EXISTS (SELECT 1 FROM imports WHERE org_id = @org) OR EXISTS (SELECT 1 FROM organizations WHERE org_id = @org AND data IS NOT NULL)
        OR EXISTS (SELECT 1 FROM claims WHERE org_id = @org) OR EXISTS (SELECT 1 FROM batches WHERE org_id = @org)
        OR EXISTS (SELECT 1 FROM payer_files WHERE org_id = @org) OR EXISTS (SELECT 1 FROM api_keys WHERE org_id = @org)`,
    )
      .pluck()
      .get();
    return Number(held) === 1;
  }

  async start(kind: string, source: string, at: string): Promise<number> {
    return Number(await this.sql('INSERT INTO imports (org_id, kind, source, started_at) VALUES (@org, ?, ?, ?) RETURNING import_id').pluck().get(kind, source, at));
  }

  async finish(importId: number, counts: ImportCounts, at: string): Promise<void> {
    await this.sql('UPDATE imports SET finished_at = ?, rows_read = ?, inserted = ?, updated = ?, unchanged = ?, rejected = ?, warnings = ? WHERE import_id = ? AND org_id = @org')
      .run(at, counts.rowsRead, counts.inserted, counts.updated, counts.unchanged, counts.rejected, counts.warnings, importId);
  }

  async addIssue(importId: number, issue: ImportIssue): Promise<void> {
    await this.sql('INSERT INTO import_issues (org_id, import_id, line, column_name, severity, code, message) VALUES (@org, ?, ?, ?, ?, ?, ?)').run(importId, issue.line ?? null, issue.column ?? null, issue.severity, issue.code, issue.message);
  }

  async recordChange(importId: number, entity: string, key: string, before: string | undefined, after: string, at: string): Promise<void> {
    await this.sql('INSERT INTO row_changes (org_id, import_id, entity, entity_key, before_data, after_data, changed_at) VALUES (@org, ?, ?, ?, ?, ?, ?)').run(importId, entity, key, before ?? null, after, at);
  }

  async issues(importId: number, limit = 1000): Promise<ImportIssue[]> {
    const rows = await this.sql(`SELECT line, column_name, severity, code, message FROM import_issues WHERE import_id = ? AND org_id = @org ORDER BY ${this.dialect.insertionOrder} LIMIT ?`)
      .all(importId, limit) as Array<{ line: number | null; column_name: string | null; severity: 'error' | 'warning'; code: string; message: string }>;
    return rows.map((r) => ({ line: r.line ?? undefined, column: r.column_name ?? undefined, severity: r.severity, code: r.code, message: r.message }));
  }

  async list(limit = 100): Promise<ImportRun[]> {
    const rows = await this.sql('SELECT * FROM imports WHERE org_id = @org ORDER BY import_id DESC LIMIT ?').all(limit) as Array<Record<string, string | number | null>>;
    return rows.map(runOf);
  }

  async get(importId: number): Promise<ImportRun | undefined> {
    const row = await this.sql('SELECT * FROM imports WHERE org_id = @org AND import_id = ?').get(importId) as Record<string, string | number | null> | undefined;
    return row ? runOf(row) : undefined;
  }

  async changes(entity: string, key: string): Promise<Array<{ importId: number; before?: string; after: string; changedAt: string }>> {
    const rows = await this.sql('SELECT import_id, before_data, after_data, changed_at FROM row_changes WHERE org_id = @org AND entity = ? AND entity_key = ? ORDER BY change_id')
      .all(entity, key) as Array<{ import_id: number; before_data: string | null; after_data: string; changed_at: string }>;
    return rows.map((r) => ({ importId: r.import_id, before: r.before_data ?? undefined, after: r.after_data, changedAt: r.changed_at }));
  }
}
