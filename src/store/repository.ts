// Prepared statements are compiled once per connection and reused: preparing is the most
// expensive part of a small query, and builds run tens of thousands of them.

import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './database.js';

// SQLite binds at most 32,766 parameters per statement; more rows than this are written in
// several statements.
const MAX_ROWS_PER_INSERT = 500;
const insertTexts = new Map<string, string>();
/** Ids bound to one "IN (...)" query: far below SQLite's parameter limit, few round trips. */
const IDS_PER_QUERY = 400;

/** "INSERT ... VALUES (?, ?), (?, ?)" for `rows` rows of `columns` values, built once per shape. */
function insertRows(prefix: string, columns: number, rows: number): string {
  const key = `${prefix}|${columns}|${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const row = `(${Array.from({ length: columns }, () => '?').join(', ')})`;
    insertTexts.set(key, (text = prefix + Array.from({ length: rows }, () => row).join(', ')));
  }
  return text;
}

export abstract class Repository {
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(protected readonly db: SqliteDatabase) {}

  protected sql(text: string): Database.Statement<unknown[]> {
    let stmt = this.statements.get(text);
    if (!stmt) this.statements.set(text, (stmt = this.db.prepare(text)));
    // A statement is shared by callers that read rows and callers that .pluck() one column.
    return stmt.reader ? stmt.pluck(false) : stmt;
  }

  /**
   * Many rows in few statements: `values` holds the rows one after another, `columns` values
   * each, for an INSERT `prefix` that ends in "VALUES ". Each statement run has a fixed cost that
   * a build or an export would otherwise pay hundreds of thousands of times.
   */
  protected insertMany(prefix: string, columns: number, values: readonly unknown[]): void {
    const perStatement = MAX_ROWS_PER_INSERT * columns;
    for (let at = 0; at < values.length; at += perStatement) {
      const part = values.slice(at, at + perStatement);
      this.sql(insertRows(prefix, columns, part.length / columns)).run(...part);
    }
  }

  /**
   * A read keyed by many ids, a few hundred ids to a query: `read` gets each chunk of ids and the
   * "?, ?, ..." its IN clause binds them with; what it returns is collected in order.
   */
  protected inChunks<T>(ids: readonly string[], read: (chunk: readonly string[], marks: string) => Iterable<T>): T[] {
    const out: T[] = [];
    for (let at = 0; at < ids.length; at += IDS_PER_QUERY) {
      const chunk = ids.slice(at, at + IDS_PER_QUERY);
      for (const item of read(chunk, chunk.map(() => '?').join(', '))) out.push(item);
    }
    return out;
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
