// What a repository needs of a database, whichever engine it is: statements written once, in the
// SQL both engines speak, with `?` for the caller's values and `@org` for the organization, and
// the few spellings that differ (JSON, insertion order) asked of the dialect.

/** How a statement's rows come back: objects, arrays of columns, or the first column alone. */
export type RowShape = 'object' | 'raw' | 'pluck';

export interface Dialect {
  /** the length of the JSON array in a text column */
  jsonArrayLength(column: string): string;
  /** a FROM item with one row per element of the JSON array in a text column, its element as `alias.value` */
  jsonElements(column: string, alias: string): string;
  /** the text of a top-level field of the JSON object in a text column */
  jsonField(column: string, field: string): string;
  /** the column that orders rows as they were inserted, in tables that have no key of their own */
  insertionOrder: string;
  /**
   * what follows a SELECT that takes a row for its transaction alone, passing over rows another
   * transaction holds (empty where one writer at a time is all there is)
   */
  skipLocked: string;
  /**
   * the statement that brings the planner's figures for a table up to date after a bulk write, if
   * the engine needs one: PostgreSQL plans the build that follows an import on what it last
   * counted, and a table it thinks nearly empty gets plans that take minutes
   */
  refreshStatistics(table: string): string | undefined;
}

export interface Connection {
  readonly dialect: Dialect;
  /** Runs `text` with `values` (the caller's, in order) and the organization bound as @org. */
  run(text: string, values: readonly unknown[], org: string | null): Promise<{ changes: number }>;
  rows(text: string, values: readonly unknown[], org: string | null, shape: RowShape): Promise<unknown[]>;
}
