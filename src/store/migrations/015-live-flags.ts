// Two promises the code keeps, now held by the database too, so that no race between two
// writers (two instances, a build and a correction) can break them:
// - a service row is on at most one live claim: a correction (replacement or void) takes the
//   rows over from the claim it corrects, and a claim the payer rejected at the front door gives
//   its rows up, to be billed again on a new claim;
// - a claim is in at most one batch that was not rejected.
// `live` says which rows count. Rows already stored are worked out here: the rows of a rejected
// claim are not live, and of the claims sharing a row only the newest (the last correction) is.

import type { Migration } from './migration.js';

/** Whether claim id `a` was numbered after `b` (ids grow a digit past C999999). */
const LATER = (a: string, b: string) => `(length(${a}) > length(${b}) OR (length(${a}) = length(${b}) AND ${a} > ${b}))`;

/** The flags of rows stored before the app kept them, worked out from the claims. */
export const LIVE_FLAGS_OF_STORED_ROWS_SQL = `
UPDATE claim_line_services SET live = FALSE
WHERE EXISTS (SELECT 1 FROM claims c WHERE c.org_id = claim_line_services.org_id AND c.claim_id = claim_line_services.claim_id AND c.status = 'rejected');
UPDATE batch_claims SET live = FALSE
WHERE EXISTS (SELECT 1 FROM claims c WHERE c.org_id = batch_claims.org_id AND c.claim_id = batch_claims.claim_id AND c.status = 'rejected');
UPDATE claim_line_services SET live = FALSE
WHERE live AND EXISTS (
  SELECT 1 FROM claim_line_services newer
  WHERE newer.org_id = claim_line_services.org_id AND newer.service_id = claim_line_services.service_id AND newer.live
    AND ${LATER('newer.claim_id', 'claim_line_services.claim_id')}
);
`;

export const LIVE_FLAGS_SQL = `
ALTER TABLE claim_line_services ADD COLUMN live BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE batch_claims ADD COLUMN live BOOLEAN NOT NULL DEFAULT TRUE;
${LIVE_FLAGS_OF_STORED_ROWS_SQL}
CREATE UNIQUE INDEX claim_line_services_one_live ON claim_line_services (org_id, service_id) WHERE live;
CREATE UNIQUE INDEX batch_claims_one_live ON batch_claims (org_id, claim_id) WHERE live;
`;

export const migration: Migration = { version: 15, name: 'live-flags', sql: LIVE_FLAGS_SQL };
