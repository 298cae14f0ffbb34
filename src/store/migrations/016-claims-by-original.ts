// A correction points at the claim it corrects (original_claim_id). Deleting a claim (a rebuild
// replaces its draft and ready claims) has the engine check that no claim points at it, and
// without an index that check reads every claim of every organization, once per claim deleted:
// 70 ms for a rebuild of 250 claims on a database that holds 25,000 others.

import type { Migration } from './migration.js';

export const CLAIMS_BY_ORIGINAL_SQL = 'CREATE INDEX claims_by_original ON claims (org_id, original_claim_id);';

export const migration: Migration = { version: 16, name: 'claims-by-original', sql: CLAIMS_BY_ORIGINAL_SQL };
