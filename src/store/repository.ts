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
}
