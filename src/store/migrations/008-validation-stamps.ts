// claims_by_key was never read by a query (rebuilds find their drafts by scope); a build pays
// for it on every claim it writes.

import type { Migration } from './migration.js';

export const migration: Migration = { version: 8, name: 'validation stamps on claims', sql: 'ALTER TABLE claims ADD COLUMN validated_for TEXT; DROP INDEX claims_by_key;' };
