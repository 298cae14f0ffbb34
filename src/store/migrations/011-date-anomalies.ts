// Date anomalies: a payer date (payment, received, acceptance) before the day the claim was sent.
// - claim_timeliness.date_anomaly: the claim's latest attempt has one (remit/claim-history.ts);
//   such a clean claim is left out of every rate and counted in date_anomalies instead.
// - payer_file_warnings: what a file's ingest found, one row per anomalous date, naming the
//   claim and the two dates (never the member), listed with the file.
// - The views gain those counts and the money of each row (billed, paid, outstanding), as the
//   API reports them.
//
// The views are written out in full rather than built from 005's helpers: a migration is frozen
// once it has run, and 005 must keep creating exactly what it created.
//
// Every stored row was derived before the flag existed: last_event_id = 0 makes each one stale,
// so the next refresh (any ingest, payment or report) derives it again, flag included, while the
// views keep showing the old numbers until then.

import type { Migration } from './migration.js';

const WINDOWS = [30, 90] as const;
const TARGETS: Record<(typeof WINDOWS)[number], number> = { 30: 90, 90: 99 };

const BUCKETS = [
  { label: '0-30', column: '0_30' },
  { label: '31-60', column: '31_60' },
  { label: '61-90', column: '61_90' },
  { label: '90+', column: 'over_90' },
] as const;

const PAID_AFTER = 't.payment_day - t.receipt_day';
const ADJUDICATED_AFTER = 't.adjudicated_day - t.receipt_day';

/** Clean, dates sound, no outcome yet (for the paid rate: not denied either), received fewer than `days` ago. */
function censoredCondition(after: string, days: number): string {
  const undecided = after === PAID_AFTER ? `${after} IS NULL AND t.adjudicated_day IS NULL` : `${after} IS NULL`;
  return `t.clean = 1 AND t.date_anomaly = 0 AND t.receipt_day IS NOT NULL AND ${undecided} AND a.as_of_day - t.receipt_day < ${days}`;
}

/** 1 within, 0 late, NULL when the claim is not in this rate (not clean, dates impossible, or censored). */
function withinFlag(after: string, days: number): string {
  return `CASE WHEN t.clean = 0 OR t.date_anomaly = 1 OR t.receipt_day IS NULL THEN NULL
      WHEN ${after} IS NOT NULL THEN CASE WHEN ${after} <= ${days} THEN 1 ELSE 0 END
      WHEN ${censoredCondition(after, days)} THEN NULL
      ELSE 0 END`;
}

function claimWindowColumns(): string {
  const columns: string[] = [];
  for (const days of WINDOWS) {
    for (const [kind, after] of [
      ['paid', PAID_AFTER],
      ['adjudicated', ADJUDICATED_AFTER],
    ] as const) {
      columns.push(`${withinFlag(after, days)} AS ${kind}_within_${days}`);
      columns.push(`CASE WHEN ${censoredCondition(after, days)} THEN 1 ELSE 0 END AS ${kind}_censored_${days}`);
    }
  }
  return columns.join(',\n  ');
}

function sums(): string {
  const columns = [
    'COUNT(v.claim_id) AS claims_received',
    'COALESCE(SUM(v.clean), 0) AS clean_claims_received',
    'COALESCE(SUM(CASE WHEN v.clean = 1 AND v.date_anomaly = 1 THEN 1 ELSE 0 END), 0) AS date_anomalies',
    'COALESCE(SUM(v.charge_cents), 0) AS billed_cents',
    'COALESCE(SUM(v.paid_cents), 0) AS paid_cents',
    'COALESCE(SUM(CASE WHEN v.open_bucket IS NOT NULL THEN v.unpaid_cents ELSE 0 END), 0) AS outstanding_cents',
  ];
  for (const days of WINDOWS) {
    for (const kind of ['paid', 'adjudicated']) {
      columns.push(`COALESCE(SUM(CASE WHEN v.${kind}_within_${days} = 1 THEN 1 ELSE 0 END), 0) AS ${kind}_within_${days}`);
      columns.push(`COALESCE(SUM(v.${kind}_censored_${days}), 0) AS ${kind}_censored_${days}`);
    }
  }
  for (const bucket of BUCKETS) {
    columns.push(`COALESCE(SUM(CASE WHEN v.open_bucket = '${bucket.label}' THEN 1 ELSE 0 END), 0) AS open_${bucket.column}_count`);
    columns.push(`COALESCE(SUM(CASE WHEN v.open_bucket = '${bucket.label}' THEN v.unpaid_cents ELSE 0 END), 0) AS open_${bucket.column}_amount_cents`);
  }
  return columns.join(',\n    ');
}

/** The rate as the API writes it, from integers only: tenths = floor((2000 w + d) / 2d). */
function rateColumns(): string {
  const columns: string[] = [];
  for (const days of WINDOWS) {
    for (const kind of ['paid', 'adjudicated']) {
      const w = `m.${kind}_within_${days}`;
      const d = `(m.clean_claims_received - m.date_anomalies - m.${kind}_censored_${days})`;
      const tenths = `((${w} * 2000 + ${d}) / (2 * ${d}))`;
      columns.push(`${w} AS ${kind}_within_${days}`);
      columns.push(`m.${kind}_censored_${days} AS ${kind}_censored_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN 0 ELSE ${d} END AS ${kind}_denominator_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN NULL ELSE CAST(${tenths} / 10 AS TEXT) || '.' || CAST(${tenths} % 10 AS TEXT) END AS ${kind}_rate_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN NULL WHEN ${w} * 100 >= ${TARGETS[days]} * ${d} THEN 1 ELSE 0 END AS ${kind}_target_${days}_met`);
    }
  }
  for (const bucket of BUCKETS) columns.push(`m.open_${bucket.column}_count AS open_${bucket.column}_count`, `m.open_${bucket.column}_amount_cents AS open_${bucket.column}_amount_cents`);
  return columns.join(',\n  ');
}

export const DATE_ANOMALIES_SQL = `
ALTER TABLE claim_timeliness ADD COLUMN date_anomaly INTEGER NOT NULL DEFAULT 0;
UPDATE claim_timeliness SET last_event_id = 0;
CREATE TABLE payer_file_warnings (
  warning_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES payer_files (file_id),
  claim_id TEXT NOT NULL,
  event_id INTEGER,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX payer_file_warnings_by_file ON payer_file_warnings (file_id);

DROP VIEW v_timeliness_monthly;
DROP VIEW v_claim_timeliness;

CREATE VIEW v_claim_timeliness AS
SELECT
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
  a.as_of_day - t.receipt_day AS age_days,
  ${PAID_AFTER} AS days_to_payment,
  ${ADJUDICATED_AFTER} AS days_to_adjudication,
  ${claimWindowColumns()},
  CASE WHEN t.receipt_day IS NULL OR t.adjudicated_day IS NOT NULL OR t.status NOT IN ('submitted', 'accepted') THEN NULL
       WHEN a.as_of_day - t.receipt_day <= 30 THEN '0-30'
       WHEN a.as_of_day - t.receipt_day <= 60 THEN '31-60'
       WHEN a.as_of_day - t.receipt_day <= 90 THEN '61-90'
       ELSE '90+' END AS open_bucket
FROM claim_timeliness t
LEFT JOIN timeliness_as_of a ON a.id = 1;

CREATE VIEW v_timeliness_monthly AS
SELECT
  m.payer_id,
  m.receipt_month,
  m.claims_received,
  m.clean_claims_received,
  m.date_anomalies,
  m.billed_cents,
  m.paid_cents,
  m.outstanding_cents,
  ${rateColumns()}
FROM (
  SELECT v.payer_id, v.receipt_month,
    ${sums()}
  FROM v_claim_timeliness v
  WHERE v.receipt_month IS NOT NULL
  GROUP BY v.payer_id, v.receipt_month
  UNION ALL
  SELECT p.payer_id, 'all' AS receipt_month,
    ${sums()}
  FROM payers p
  LEFT JOIN v_claim_timeliness v ON v.payer_id = p.payer_id AND v.receipt_month IS NOT NULL
  GROUP BY p.payer_id
) m;
`;

export const migration: Migration = { version: 11, name: 'payer dates before the send date: flagged, warned, left out of the rates', sql: DATE_ANOMALIES_SQL };
