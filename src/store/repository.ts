// The base of every repository: one organization's statements on a connection of either engine,
// many-row inserts in few statements, reads keyed by many ids in chunks, named sequences.

import type { Connection, Dialect, RowShape } from './connection.js';

// SQLite binds at most 32,766 parameters per statement; more rows than this are written in
// several statements.
const MAX_ROWS_PER_INSERT = 500;
const insertTexts = new Map<string, string>();
/** Ids bound to one "IN (...)" query: far below SQLite's parameter limit, few round trips. */
const IDS_PER_QUERY = 400;

/**
 * "INSERT ... VALUES (@org, ?, ?), (@org, ?, ?)" for `rows` rows of `columns` values after the
 * organization, built once per shape.
 */
function insertRows(prefix: string, columns: number, rows: number): string {
  const key = `${prefix}|${columns}|${rows}`;
  let text = insertTexts.get(key);
  if (!text) {
    const row = `(@org, ${Array.from({ length: columns }, () => '?').join(', ')})`;
    insertTexts.set(key, (text = prefix + Array.from({ length: rows }, () => row).join(', ')));
  }
  return text;
}

/**
 * A statement that binds the repository's organization as @org on every run, after the caller's
 * own values: no query can forget to pass it, and one that never names @org is caught by the
 * store tests of each organization, not trusted.
 */
export class ScopedStatement {
  private shape: RowShape = 'object';

  constructor(
    private readonly conn: Connection,
    private readonly text: string,
    private readonly org: string | null,
  ) {}

  pluck(on = true): this {
    this.shape = on ? 'pluck' : 'object';
    return this;
  }

  raw(on = true): this {
    this.shape = on ? 'raw' : 'object';
    return this;
  }

  run(...values: unknown[]): Promise<{ changes: number }> {
    return this.conn.run(this.text, values, this.org);
  }

  async get(...values: unknown[]): Promise<unknown> {
    return (await this.conn.rows(this.text, values, this.org, this.shape))[0];
  }

  all(...values: unknown[]): Promise<unknown[]> {
    return this.conn.rows(this.text, values, this.org, this.shape);
  }
}

/**
 * One organization's view of the tables: every statement binds its id as @org, and every query
 * and insert names it. A repository made for no organization (org null) is the platform's: it
 * may run only the statements that look rows up by their global ids (keys, users, sessions).
 */
export abstract class Repository {
  protected readonly dialect: Dialect;

  constructor(
    private readonly conn: Connection,
    readonly org: string | null = null,
  ) {
    this.dialect = conn.dialect;
  }

  /** A statement of this repository's organization; its rows come back as objects unless asked otherwise. */
  protected sql(text: string): ScopedStatement {
    return new ScopedStatement(this.conn, text, this.org);
  }

  /**
   * Many rows in few statements: `values` holds the rows one after another, `columns` values
   * each (the organization comes first in every row by itself), for an INSERT `prefix` whose
   * column list starts with org_id and that ends in "VALUES ", and an optional `suffix` such as
   * "ON CONFLICT DO NOTHING". Each statement run has a fixed cost that a build, an export or a
   * payer file would otherwise pay hundreds of thousands of times.
   */
  protected async insertMany(prefix: string, columns: number, values: readonly unknown[], suffix = ''): Promise<void> {
    await this.eachInsert(prefix, columns, values, (text, part) => this.sql(text + suffix).run(...part));
  }

  /** insertMany that returns a column of the rows it wrote (e.g. their new ids), in no promised order. */
  protected async insertManyReturning(prefix: string, columns: number, values: readonly unknown[], column: string): Promise<unknown[]> {
    const out: unknown[] = [];
    await this.eachInsert(prefix, columns, values, async (text, part) => out.push(...(await this.sql(`${text} RETURNING ${column}`).pluck().all(...part))));
    return out;
  }

  private async eachInsert(prefix: string, columns: number, values: readonly unknown[], run: (text: string, part: unknown[]) => Promise<unknown>): Promise<void> {
    const perStatement = MAX_ROWS_PER_INSERT * columns;
    for (let at = 0; at < values.length; at += perStatement) {
      const part = values.slice(at, at + perStatement);
      await run(insertRows(prefix, columns, part.length / columns), part);
    }
  }

  /**
   * A read keyed by many ids, a few hundred ids to a query: `read` gets each chunk of ids and the
   * "?, ?, ..." its IN clause binds them with; what it returns is collected in order.
   */
  protected async inChunks<T>(ids: readonly string[], read: (chunk: readonly string[], marks: string) => Promise<Iterable<T>>): Promise<T[]> {
    const out: T[] = [];
    await this.forChunks(ids, async (chunk, marks) => {
      for (const item of await read(chunk, marks)) out.push(item);
    });
    return out;
  }

  /** A write keyed by many ids (an UPDATE or DELETE ... IN), a few hundred ids to a statement. */
  protected async forChunks(ids: readonly string[], write: (chunk: readonly string[], marks: string) => Promise<void>): Promise<void> {
    for (let at = 0; at < ids.length; at += IDS_PER_QUERY) {
      const chunk = ids.slice(at, at + IDS_PER_QUERY);
      await write(chunk, chunk.map(() => '?').join(', '));
    }
  }

  /** After many rows were written to `table`: the engine's planner counts them (Dialect.refreshStatistics). */
  protected async analyzeTable(table: string): Promise<void> {
    const text = this.dialect.refreshStatistics(table);
    if (text !== undefined) await this.sql(text).run();
  }

  /** Advances one of the organization's named sequences by `count` and returns its first new value. */
  protected async advanceSequence(name: string, count = 1): Promise<number> {
    await this.sql('INSERT INTO sequences (org_id, name, value) VALUES (@org, ?, 0) ON CONFLICT (org_id, name) DO NOTHING').run(name);
    const last = (await this.sql('UPDATE sequences SET value = value + ? WHERE org_id = @org AND name = ? RETURNING value').pluck().get(count, name)) as number;
    return last - count + 1;
  }

  /** One of the organization's named sequences' last value (0 before its first use). */
  protected async sequenceValue(name: string): Promise<number> {
    return ((await this.sql('SELECT value FROM sequences WHERE org_id = @org AND name = ?').pluck().get(name)) as number | undefined) ?? 0;
  }
}
