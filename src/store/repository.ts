// Prepared statements are compiled once per connection and reused: preparing is the most
// expensive part of a small query, and builds run tens of thousands of them.

import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

export abstract class Repository {
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(protected readonly db: SqliteDatabase) {}

  protected sql(text: string): Database.Statement<unknown[]> {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    // A statement is shared by callers that read rows and callers that .pluck() one column.
    return stmt.reader ? stmt.pluck(false) : stmt;
  }

  /** Advances a named sequence by `count` and returns its first new value. */
  protected advanceSequence(name: string, count = 1): number {
    this.sql('INSERT INTO sequences (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING').run(name);
    const last = this.sql('UPDATE sequences SET value = value + ? WHERE name = ? RETURNING value').pluck().get(count, name) as number;
    return last - count + 1;
  }

  /** A named sequence's last value (0 before its first use). */
  protected sequenceValue(name: string): number {
    return (this.sql('SELECT value FROM sequences WHERE name = ?').pluck().get(name) as number | undefined) ?? 0;
  }
}
