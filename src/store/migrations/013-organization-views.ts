// The BI views of 011 and 005, with the organization as their first column: a rate or a denial
// count is always one organization's. They are 011's text with the organization joined in, so the
// figures stay defined in one place; each edit must apply exactly once (011 is frozen, so a
// failure here can only mean this file was changed).

import { DATE_ANOMALIES_SQL } from './011-date-anomalies.js';

const EDITS: ReadonlyArray<readonly [string, string]> = [
  ['SELECT\n  t.claim_id,', 'SELECT\n  t.org_id,\n  t.claim_id,'],
  ['LEFT JOIN timeliness_as_of a ON a.id = 1', 'LEFT JOIN timeliness_as_of a ON a.org_id = t.org_id'],
  ['SELECT\n  m.payer_id,', 'SELECT\n  m.org_id,\n  m.payer_id,'],
  ['SELECT v.payer_id, v.receipt_month,', 'SELECT v.org_id, v.payer_id, v.receipt_month,'],
  ['GROUP BY v.payer_id, v.receipt_month', 'GROUP BY v.org_id, v.payer_id, v.receipt_month'],
  ["SELECT p.payer_id, 'all' AS receipt_month,", "SELECT p.org_id, p.payer_id, 'all' AS receipt_month,"],
  ['ON v.payer_id = p.payer_id AND', 'ON v.org_id = p.org_id AND v.payer_id = p.payer_id AND'],
  ['GROUP BY p.payer_id', 'GROUP BY p.org_id, p.payer_id'],
];

function byOrganization(sql: string): string {
  let out = sql.slice(sql.indexOf('CREATE VIEW v_claim_timeliness'));
  for (const [from, to] of EDITS) {
    if (out.split(from).length !== 2) throw new Error(`the timeliness views changed: "${from}" is not there exactly once`);
    out = out.replace(from, to);
  }
  return out;
}

export const TIMELINESS_VIEWS_BY_ORG = `${byOrganization(DATE_ANOMALIES_SQL)}
CREATE VIEW v_denial_reasons AS
SELECT t.org_id, t.payer_id, r.reason_code, COUNT(DISTINCT r.claim_id) AS claims, SUM(r.amount_cents) AS amount_cents
FROM claim_denial_reasons r
JOIN claim_timeliness t ON t.org_id = r.org_id AND t.claim_id = r.claim_id
WHERE t.status = 'denied'
GROUP BY t.org_id, t.payer_id, r.reason_code;
`;
