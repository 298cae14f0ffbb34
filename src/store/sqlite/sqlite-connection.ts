// The SQLite connection behind the repositories: statements are compiled once per connection and
// reused (preparing is the most expensive part of a small query, and builds run tens of thousands
// of them), and the organization is bound as the named parameter @org after the caller's values.
// Answers are promises settled at once; an error is thrown before the promise exists, so it
// reaches the caller even where nothing awaits the answer.

import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../database.js';
import type { Connection, Dialect, RowShape } from '../connection.js';

export const SQLITE_DIALECT: Dialect = {
  jsonArrayLength: (column) => `json_array_length(${column})`,
  jsonElements: (column, alias) => `json_each(${column}) ${alias}`,
  jsonField: (column, field) => `json_extract(${column}, '$.${field}')`,
  insertionOrder: 'rowid',
  skipLocked: '',
  refreshStatistics: () => undefined,
};

export class SqliteConnection implements Connection {
  readonly dialect = SQLITE_DIALECT;
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(readonly db: SqliteDatabase) {}

  private statement(text: string): Database.Statement<unknown[]> {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    return stmt;
  }

  run(text: string, values: readonly unknown[], org: string | null): Promise<{ changes: number }> {
    return Promise.resolve(this.statement(text).run(...values, { org }));
  }

  rows(text: string, values: readonly unknown[], org: string | null, shape: RowShape): Promise<unknown[]> {
    const stmt = this.statement(text);
    // pluck and raw exclude each other: setting one on clears the other.
    if (shape === 'raw') stmt.raw(true);
    else if (shape === 'pluck') stmt.pluck(true);
    else stmt.pluck(false).raw(false);
    return Promise.resolve(stmt.all(...values, { org }));
  }
}

/** One SqliteConnection per database handle, shared by every organization's repositories on it. */
const connections = new WeakMap<SqliteDatabase, SqliteConnection>();

export function sqliteConnection(db: SqliteDatabase): SqliteConnection {
  let conn = connections.get(db);
  if (!conn) connections.set(db, (conn = new SqliteConnection(db)));
  return conn;
}
