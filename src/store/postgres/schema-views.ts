// The BI views, in PostgreSQL: the same columns and the same figures as the SQLite engine's
// (src/store/migrations/011-date-anomalies.ts and 013-organization-views.ts), written with named
// intermediate values instead of SQLite's repeated expressions.
//
// - security_invoker: a view otherwise reads its tables as its owner, and an owner that is a
//   superuser is exempt from row-level security; as the invoker, each organization sees its rows.
// - Sums of BIGINT money are NUMERIC in PostgreSQL; they are cast back to BIGINT so every figure
//   is an integer, as in SQLite.
// - Rates are per mille, rounded half up, in integer arithmetic, and printed as 'NN.N' text: no
//   floating point anywhere, so both engines print the same digits.

const CLAIM_TIMELINESS_SQL = `
CREATE VIEW v_claim_timeliness WITH (security_invoker = true) AS
SELECT
  t.org_id,
  t.claim_id,
  t.payer_id,
  t.status,
  t.clean,
  t.date_anomaly,
  t.receipt_date,
  t.receipt_month,
  t.submitted_date,
  t.payment_date,
  t.adjudication_date,
  t.charge_cents,
  t.paid_cents,
  t.charge_cents - t.paid_cents AS unpaid_cents,
  t.submissions,
  a.as_of,
  d.age AS age_days,
  d.paid_after AS days_to_payment,
  d.adjudicated_after AS days_to_adjudication,
  -- within: 1 in time, 0 late, NULL when the claim is not in the rate (not clean, impossible
  -- dates) or is censored (still waiting, and its window has not closed yet)
  CASE WHEN d.left_out THEN NULL
       WHEN d.paid_after IS NOT NULL THEN CASE WHEN d.paid_after <= 30 THEN 1 ELSE 0 END
       WHEN d.rated AND d.awaiting_payment AND d.age < 30 THEN NULL
       ELSE 0 END AS paid_within_30,
  CASE WHEN d.rated AND d.awaiting_payment AND d.age < 30 THEN 1 ELSE 0 END AS paid_censored_30,
  CASE WHEN d.left_out THEN NULL
       WHEN d.adjudicated_after IS NOT NULL THEN CASE WHEN d.adjudicated_after <= 30 THEN 1 ELSE 0 END
       WHEN d.rated AND d.awaiting_decision AND d.age < 30 THEN NULL
       ELSE 0 END AS adjudicated_within_30,
  CASE WHEN d.rated AND d.awaiting_decision AND d.age < 30 THEN 1 ELSE 0 END AS adjudicated_censored_30,
  CASE WHEN d.left_out THEN NULL
       WHEN d.paid_after IS NOT NULL THEN CASE WHEN d.paid_after <= 90 THEN 1 ELSE 0 END
       WHEN d.rated AND d.awaiting_payment AND d.age < 90 THEN NULL
       ELSE 0 END AS paid_within_90,
  CASE WHEN d.rated AND d.awaiting_payment AND d.age < 90 THEN 1 ELSE 0 END AS paid_censored_90,
  CASE WHEN d.left_out THEN NULL
       WHEN d.adjudicated_after IS NOT NULL THEN CASE WHEN d.adjudicated_after <= 90 THEN 1 ELSE 0 END
       WHEN d.rated AND d.awaiting_decision AND d.age < 90 THEN NULL
       ELSE 0 END AS adjudicated_within_90,
  CASE WHEN d.rated AND d.awaiting_decision AND d.age < 90 THEN 1 ELSE 0 END AS adjudicated_censored_90,
  CASE WHEN t.receipt_day IS NULL OR t.adjudicated_day IS NOT NULL OR t.status NOT IN ('submitted', 'accepted') THEN NULL
       WHEN d.age <= 30 THEN '0-30'
       WHEN d.age <= 60 THEN '31-60'
       WHEN d.age <= 90 THEN '61-90'
       ELSE '90+' END AS open_bucket
FROM claim_timeliness t
LEFT JOIN timeliness_as_of a ON a.org_id = t.org_id
CROSS JOIN LATERAL (
  SELECT
    a.as_of_day - t.receipt_day AS age,
    t.payment_day - t.receipt_day AS paid_after,
    t.adjudicated_day - t.receipt_day AS adjudicated_after,
    t.clean = 0 OR t.date_anomaly = 1 OR t.receipt_day IS NULL AS left_out,
    t.clean = 1 AND t.date_anomaly = 0 AND t.receipt_day IS NOT NULL AS rated,
    -- a claim decided without payment (denied) counts as not paid in time, not as still waiting
    t.payment_day - t.receipt_day IS NULL AND t.adjudicated_day IS NULL AS awaiting_payment,
    t.adjudicated_day - t.receipt_day IS NULL AS awaiting_decision
) d;
`;

// One row per payer and receipt month, plus one 'all' row per payer (present even for a payer
// with no claims yet, all zeros).
const TIMELINESS_MONTHLY_SQL = `
CREATE VIEW v_timeliness_monthly WITH (security_invoker = true) AS
WITH counted AS (
  SELECT v.org_id, v.payer_id, v.receipt_month,
    v.claim_id, v.clean, v.date_anomaly, v.charge_cents, v.paid_cents, v.unpaid_cents, v.open_bucket,
    v.paid_within_30, v.paid_censored_30, v.adjudicated_within_30, v.adjudicated_censored_30,
    v.paid_within_90, v.paid_censored_90, v.adjudicated_within_90, v.adjudicated_censored_90
  FROM v_claim_timeliness v
  WHERE v.receipt_month IS NOT NULL
  UNION ALL
  SELECT p.org_id, p.payer_id, 'all',
    v.claim_id, v.clean, v.date_anomaly, v.charge_cents, v.paid_cents, v.unpaid_cents, v.open_bucket,
    v.paid_within_30, v.paid_censored_30, v.adjudicated_within_30, v.adjudicated_censored_30,
    v.paid_within_90, v.paid_censored_90, v.adjudicated_within_90, v.adjudicated_censored_90
  FROM payers p
  LEFT JOIN v_claim_timeliness v ON v.org_id = p.org_id AND v.payer_id = p.payer_id AND v.receipt_month IS NOT NULL
),
m AS (
  SELECT org_id, payer_id, receipt_month,
    COUNT(claim_id) AS claims_received,
    COALESCE(SUM(clean), 0) AS clean_claims_received,
    COALESCE(SUM(CASE WHEN clean = 1 AND date_anomaly = 1 THEN 1 ELSE 0 END), 0) AS date_anomalies,
    COALESCE(SUM(charge_cents), 0)::bigint AS billed_cents,
    COALESCE(SUM(paid_cents), 0)::bigint AS paid_cents,
    COALESCE(SUM(CASE WHEN open_bucket IS NOT NULL THEN unpaid_cents ELSE 0 END), 0)::bigint AS outstanding_cents,
    COALESCE(SUM(CASE WHEN paid_within_30 = 1 THEN 1 ELSE 0 END), 0) AS paid_within_30,
    COALESCE(SUM(paid_censored_30), 0) AS paid_censored_30,
    COALESCE(SUM(CASE WHEN adjudicated_within_30 = 1 THEN 1 ELSE 0 END), 0) AS adjudicated_within_30,
    COALESCE(SUM(adjudicated_censored_30), 0) AS adjudicated_censored_30,
    COALESCE(SUM(CASE WHEN paid_within_90 = 1 THEN 1 ELSE 0 END), 0) AS paid_within_90,
    COALESCE(SUM(paid_censored_90), 0) AS paid_censored_90,
    COALESCE(SUM(CASE WHEN adjudicated_within_90 = 1 THEN 1 ELSE 0 END), 0) AS adjudicated_within_90,
    COALESCE(SUM(adjudicated_censored_90), 0) AS adjudicated_censored_90,
    COALESCE(SUM(CASE WHEN open_bucket = '0-30' THEN 1 ELSE 0 END), 0) AS open_0_30_count,
    COALESCE(SUM(CASE WHEN open_bucket = '0-30' THEN unpaid_cents ELSE 0 END), 0)::bigint AS open_0_30_amount_cents,
    COALESCE(SUM(CASE WHEN open_bucket = '31-60' THEN 1 ELSE 0 END), 0) AS open_31_60_count,
    COALESCE(SUM(CASE WHEN open_bucket = '31-60' THEN unpaid_cents ELSE 0 END), 0)::bigint AS open_31_60_amount_cents,
    COALESCE(SUM(CASE WHEN open_bucket = '61-90' THEN 1 ELSE 0 END), 0) AS open_61_90_count,
    COALESCE(SUM(CASE WHEN open_bucket = '61-90' THEN unpaid_cents ELSE 0 END), 0)::bigint AS open_61_90_amount_cents,
    COALESCE(SUM(CASE WHEN open_bucket = '90+' THEN 1 ELSE 0 END), 0) AS open_over_90_count,
    COALESCE(SUM(CASE WHEN open_bucket = '90+' THEN unpaid_cents ELSE 0 END), 0)::bigint AS open_over_90_amount_cents
  FROM counted
  GROUP BY org_id, payer_id, receipt_month
)
SELECT
  m.org_id,
  m.payer_id,
  m.receipt_month,
  m.claims_received,
  m.clean_claims_received,
  m.date_anomalies,
  m.billed_cents,
  m.paid_cents,
  m.outstanding_cents,
  m.paid_within_30,
  m.paid_censored_30,
  GREATEST(n.paid_30, 0) AS paid_denominator_30,
  CAST(r.paid_30 / 10 AS TEXT) || '.' || CAST(r.paid_30 % 10 AS TEXT) AS paid_rate_30,
  CASE WHEN n.paid_30 <= 0 THEN NULL WHEN m.paid_within_30 * 100 >= 90 * n.paid_30 THEN 1 ELSE 0 END AS paid_target_30_met,
  m.adjudicated_within_30,
  m.adjudicated_censored_30,
  GREATEST(n.adjudicated_30, 0) AS adjudicated_denominator_30,
  CAST(r.adjudicated_30 / 10 AS TEXT) || '.' || CAST(r.adjudicated_30 % 10 AS TEXT) AS adjudicated_rate_30,
  CASE WHEN n.adjudicated_30 <= 0 THEN NULL WHEN m.adjudicated_within_30 * 100 >= 90 * n.adjudicated_30 THEN 1 ELSE 0 END AS adjudicated_target_30_met,
  m.paid_within_90,
  m.paid_censored_90,
  GREATEST(n.paid_90, 0) AS paid_denominator_90,
  CAST(r.paid_90 / 10 AS TEXT) || '.' || CAST(r.paid_90 % 10 AS TEXT) AS paid_rate_90,
  CASE WHEN n.paid_90 <= 0 THEN NULL WHEN m.paid_within_90 * 100 >= 99 * n.paid_90 THEN 1 ELSE 0 END AS paid_target_90_met,
  m.adjudicated_within_90,
  m.adjudicated_censored_90,
  GREATEST(n.adjudicated_90, 0) AS adjudicated_denominator_90,
  CAST(r.adjudicated_90 / 10 AS TEXT) || '.' || CAST(r.adjudicated_90 % 10 AS TEXT) AS adjudicated_rate_90,
  CASE WHEN n.adjudicated_90 <= 0 THEN NULL WHEN m.adjudicated_within_90 * 100 >= 99 * n.adjudicated_90 THEN 1 ELSE 0 END AS adjudicated_target_90_met,
  m.open_0_30_count,
  m.open_0_30_amount_cents,
  m.open_31_60_count,
  m.open_31_60_amount_cents,
  m.open_61_90_count,
  m.open_61_90_amount_cents,
  m.open_over_90_count,
  m.open_over_90_amount_cents
FROM m
-- each rate's denominator: the clean claims whose dates are sound and whose window has closed
CROSS JOIN LATERAL (
  SELECT
    m.clean_claims_received - m.date_anomalies - m.paid_censored_30 AS paid_30,
    m.clean_claims_received - m.date_anomalies - m.adjudicated_censored_30 AS adjudicated_30,
    m.clean_claims_received - m.date_anomalies - m.paid_censored_90 AS paid_90,
    m.clean_claims_received - m.date_anomalies - m.adjudicated_censored_90 AS adjudicated_90
) n
-- each rate in tenths of a percent, rounded half up; NULL (and so no rate) when nothing counts
CROSS JOIN LATERAL (
  SELECT
    CASE WHEN n.paid_30 > 0 THEN (m.paid_within_30 * 2000 + n.paid_30) / (2 * n.paid_30) END AS paid_30,
    CASE WHEN n.adjudicated_30 > 0 THEN (m.adjudicated_within_30 * 2000 + n.adjudicated_30) / (2 * n.adjudicated_30) END AS adjudicated_30,
    CASE WHEN n.paid_90 > 0 THEN (m.paid_within_90 * 2000 + n.paid_90) / (2 * n.paid_90) END AS paid_90,
    CASE WHEN n.adjudicated_90 > 0 THEN (m.adjudicated_within_90 * 2000 + n.adjudicated_90) / (2 * n.adjudicated_90) END AS adjudicated_90
) r;
`;

const DENIAL_REASONS_SQL = `
CREATE VIEW v_denial_reasons WITH (security_invoker = true) AS
SELECT t.org_id, t.payer_id, r.reason_code, COUNT(DISTINCT r.claim_id) AS claims, SUM(r.amount_cents)::bigint AS amount_cents
FROM claim_denial_reasons r
JOIN claim_timeliness t ON t.org_id = r.org_id AND t.claim_id = r.claim_id
WHERE t.status = 'denied'
GROUP BY t.org_id, t.payer_id, r.reason_code;
`;

export const VIEWS_SQL = [CLAIM_TIMELINESS_SQL, TIMELINESS_MONTHLY_SQL, DENIAL_REASONS_SQL].join('\n');
