// A claim's lines are only ever read and written with the claim: kept in the claims row as a
// JSON array (claim-store.ts, LineTuple), a build writes one row per claim instead of five and
// an export reads one. The rows behind each line stay a table, indexed by service row.

import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 10,
  name: 'claim lines kept in the claims row',
  sql: `ALTER TABLE claims ADD COLUMN lines TEXT NOT NULL DEFAULT '[]';
UPDATE claims SET lines = (
  SELECT json_group_array(json_array(line_number, service_date, code, modifiers, place_of_service, rendering_staff_id, minutes, units, rate_cents, charge_cents, json(diagnosis_pointers), activity) ORDER BY line_number)
  FROM claim_lines l WHERE l.claim_id = claims.claim_id
) WHERE EXISTS (SELECT 1 FROM claim_lines l WHERE l.claim_id = claims.claim_id);
DROP TABLE claim_lines;`,
};
