// One step of the schema's history: it runs once, in order, inside a transaction (database.ts).
// The SQL is kept portable (no SQLite-only syntax beyond AUTOINCREMENT-free integer keys) so a
// PostgreSQL store can follow. Money is integer cents; units are decimal text.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Runs with foreign keys off and checks them all before committing: a migration that makes
   * tables again (SQLite cannot change a key in place) would otherwise trip over each one.
   */
  foreignKeysOff?: boolean;
}
