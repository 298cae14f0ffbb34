// The PostgreSQL connection behind the repositories: the statements the SQLite engine runs, with
// `?` numbered into $1, $2, ... and @org bound after them, run through an executor that has set
// the transaction's organization (app.org, which row-level security reads) first.

import type { PoolClient, QueryResult } from 'pg';
import type { Connection, Dialect, RowShape } from '../connection.js';

export const PG_DIALECT: Dialect = {
  jsonArrayLength: (column) => `jsonb_array_length(${column}::jsonb)`,
  jsonElements: (column, alias) => `jsonb_array_elements(${column}::jsonb) AS ${alias}(value)`,
  jsonField: (column, field) => `(${column}::jsonb ->> '${field}')`,
  insertionOrder: 'seq',
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  refreshStatistics: (table) => `ANALYZE ${table}`,
};

interface Translated {
  text: string;
  /** whether the statement names @org, bound after the caller's values */
  org: boolean;
}

const translations = new Map<string, Translated>();

/** `?` -> $1..$n and every @org -> $n+1, outside quoted text and names. */
export function toPostgres(sql: string): Translated {
  let done = translations.get(sql);
  if (done) return done;
  let out = '';
  let count = 0;
  let quote: string | undefined;
  const orgMark = '\u0000org\u0000';
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      out += ch;
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') out += `$${++count}`;
    else if (ch === '@' && sql.startsWith('@org', i) && !/\w/.test(sql[i + 4] ?? '')) {
      out += orgMark;
      i += 3;
    } else out += ch;
  }
  const org = out.includes(orgMark);
  done = { text: out.split(orgMark).join(`$${count + 1}`), org };
  translations.set(sql, done);
  return done;
}

/** Runs one statement for an organization: on a transaction's client, or in a short transaction of its own. */
export interface Executor {
  query(org: string | null, text: string, values: unknown[], arrays: boolean): Promise<QueryResult>;
}

/** app.org for an organization; the platform's is the empty text, which no row's org_id equals. */
export function orgSetting(org: string | null): string {
  return org ?? '';
}

/** A transaction's client: app.org follows the organization of each statement run on it. */
export class ClientExecutor implements Executor {
  constructor(private readonly tx: { client: PoolClient; org: string | null }) {}

  async query(org: string | null, text: string, values: unknown[], arrays: boolean): Promise<QueryResult> {
    if (this.tx.org !== org) {
      await this.tx.client.query("SELECT set_config('app.org', $1, true)", [orgSetting(org)]);
      this.tx.org = org;
    }
    return this.tx.client.query({ text, values, ...(arrays ? { rowMode: 'array' } : {}) });
  }
}

export class PgConnection implements Connection {
  readonly dialect = PG_DIALECT;

  constructor(private readonly executor: Executor) {}

  private values(translated: Translated, values: readonly unknown[], org: string | null): unknown[] {
    const bound = values.map((v) => (v === undefined ? null : v));
    return translated.org ? [...bound, org] : bound;
  }

  async run(text: string, values: readonly unknown[], org: string | null): Promise<{ changes: number }> {
    const t = toPostgres(text);
    const result = await this.executor.query(org, t.text, this.values(t, values, org), false);
    return { changes: result.rowCount ?? 0 };
  }

  async rows(text: string, values: readonly unknown[], org: string | null, shape: RowShape): Promise<unknown[]> {
    const t = toPostgres(text);
    const result = await this.executor.query(org, t.text, this.values(t, values, org), shape !== 'object');
    return shape === 'pluck' ? (result.rows as unknown[][]).map((row) => row[0]) : result.rows;
  }
}
