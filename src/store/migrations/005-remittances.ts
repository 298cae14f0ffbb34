// Schema for payer files (999, 277CA, 835), the items in them that matched no claim, the payer's
// claim control numbers, and the timeliness numbers for BI tools that read the SQLite file.
//
// The claim event log stays the truth. What a BI tool needs per claim (receipt, payment and
// adjudication dates, clean or not, where the claim stands) is folded from that log by the app
// (remit/claim-history.ts) and kept in claim_timeliness, because replaying reversals and
// resubmission cycles is not something SQL can do readably. The views only count and divide, in
// integer arithmetic, so they give the exact numbers and rate strings the API gives.
//
// Dates are also kept as day numbers (days since 1970-01-01) so that "days from receipt to
// payment" is a subtraction in any SQL dialect. "Today" for censoring and aging is the as_of row
// written whenever the app refreshes the table (after every ingest, payment or report).

import type { Migration } from './migration.js';

const WINDOWS = [
  { days: 30, target: 90 },
  { days: 90, target: 99 },
] as const;

const BUCKETS = [
  { label: '0-30', column: '0_30' },
  { label: '31-60', column: '31_60' },
  { label: '61-90', column: '61_90' },
  { label: '90+', column: 'over_90' },
] as const;

const PAID_AFTER = 't.payment_day - t.receipt_day';
const ADJUDICATED_AFTER = 't.adjudicated_day - t.receipt_day';

/**
 * Censored: clean, no outcome yet (`after` unknown and, for the paid rate, not denied either)
 * and received fewer than `days` ago.
 */
function censoredCondition(after: string, days: number): string {
  const undecided = after === PAID_AFTER ? `${after} IS NULL AND t.adjudicated_day IS NULL` : `${after} IS NULL`;
  return `t.clean = 1 AND t.receipt_day IS NOT NULL AND ${undecided} AND a.as_of_day - t.receipt_day < ${days}`;
}

/** 1 within, 0 late, NULL when the claim is not in this rate (not clean, or censored). */
function withinFlag(after: string, days: number): string {
  return `CASE WHEN t.clean = 0 OR t.receipt_day IS NULL THEN NULL
      WHEN ${after} IS NOT NULL THEN CASE WHEN ${after} <= ${days} THEN 1 ELSE 0 END
      WHEN ${censoredCondition(after, days)} THEN NULL
      ELSE 0 END`;
}

function censoredFlag(after: string, days: number): string {
  return `CASE WHEN ${censoredCondition(after, days)} THEN 1 ELSE 0 END`;
}

function claimWindowColumns(): string {
  const columns: string[] = [];
  for (const { days } of WINDOWS) {
    columns.push(`${withinFlag(PAID_AFTER, days)} AS paid_within_${days}`);
    columns.push(`${censoredFlag(PAID_AFTER, days)} AS paid_censored_${days}`);
    columns.push(`${withinFlag(ADJUDICATED_AFTER, days)} AS adjudicated_within_${days}`);
    columns.push(`${censoredFlag(ADJUDICATED_AFTER, days)} AS adjudicated_censored_${days}`);
  }
  return columns.join(',\n  ');
}

/** Sums per group; `source` is v_claim_timeliness, possibly absent (LEFT JOIN) for a payer with none. */
function sums(): string {
  const columns = ['COUNT(v.claim_id) AS claims_received', 'COALESCE(SUM(v.clean), 0) AS clean_claims_received'];
  for (const { days } of WINDOWS) {
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

/**
 * The rate as the API writes it: percent with one decimal, half up, from integers only
 * (tenths = floor((2000 w + d) / 2d)), so no floating point can round 0.15 down.
 */
function rateColumns(): string {
  const columns: string[] = [];
  for (const { days, target } of WINDOWS) {
    for (const kind of ['paid', 'adjudicated']) {
      const w = `m.${kind}_within_${days}`;
      const d = `(m.clean_claims_received - m.${kind}_censored_${days})`;
      const tenths = `((${w} * 2000 + ${d}) / (2 * ${d}))`;
      columns.push(`${w} AS ${kind}_within_${days}`);
      columns.push(`m.${kind}_censored_${days} AS ${kind}_censored_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN 0 ELSE ${d} END AS ${kind}_denominator_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN NULL ELSE CAST(${tenths} / 10 AS TEXT) || '.' || CAST(${tenths} % 10 AS TEXT) END AS ${kind}_rate_${days}`);
      columns.push(`CASE WHEN ${d} <= 0 THEN NULL WHEN ${w} * 100 >= ${target} * ${d} THEN 1 ELSE 0 END AS ${kind}_target_${days}_met`);
    }
  }
  for (const bucket of BUCKETS) columns.push(`m.open_${bucket.column}_count AS open_${bucket.column}_count`, `m.open_${bucket.column}_amount_cents AS open_${bucket.column}_amount_cents`);
  return columns.join(',\n  ');
}

export const REMITTANCES_SQL = `
CREATE TABLE payer_files (
  file_id INTEGER PRIMARY KEY,
  sender_id TEXT NOT NULL,
  interchange_control TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  kinds TEXT NOT NULL,
  file_date TEXT,
  source TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  events INTEGER NOT NULL,
  unmatched INTEGER NOT NULL,
  claims_updated INTEGER NOT NULL,
  UNIQUE (sender_id, interchange_control, sha256)
);
CREATE TABLE payer_file_unmatched (
  item_id INTEGER PRIMARY KEY,
  file_id INTEGER NOT NULL REFERENCES payer_files (file_id),
  source TEXT NOT NULL,
  claim_id TEXT,
  payer_claim_control_number TEXT,
  group_control TEXT,
  transaction_control TEXT,
  reason TEXT NOT NULL,
  details TEXT NOT NULL
);
CREATE INDEX payer_file_unmatched_by_file ON payer_file_unmatched (file_id);
CREATE TABLE claim_payer_references (
  payer_claim_control_number TEXT NOT NULL,
  claim_id TEXT NOT NULL REFERENCES claims (claim_id),
  payer_id TEXT NOT NULL,
  file_id INTEGER NOT NULL REFERENCES payer_files (file_id),
  PRIMARY KEY (payer_claim_control_number, claim_id)
);
CREATE INDEX claim_payer_references_by_claim ON claim_payer_references (claim_id);
CREATE TABLE claim_timeliness (
  claim_id TEXT PRIMARY KEY REFERENCES claims (claim_id),
  payer_id TEXT NOT NULL,
  status TEXT,
  clean INTEGER NOT NULL,
  receipt_date TEXT,
  receipt_month TEXT,
  receipt_day INTEGER,
  submitted_date TEXT,
  payment_date TEXT,
  payment_day INTEGER,
  adjudication_date TEXT,
  adjudicated_day INTEGER,
  charge_cents INTEGER NOT NULL,
  paid_cents INTEGER NOT NULL,
  submissions INTEGER NOT NULL,
  last_event_id INTEGER NOT NULL
);
CREATE INDEX claim_timeliness_by_month ON claim_timeliness (payer_id, receipt_month);
CREATE TABLE claim_denial_reasons (
  claim_id TEXT NOT NULL REFERENCES claim_timeliness (claim_id) ON DELETE CASCADE,
  adjustment_group TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  PRIMARY KEY (claim_id, adjustment_group, reason_code)
);
CREATE TABLE timeliness_as_of (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  as_of TEXT NOT NULL,
  as_of_day INTEGER NOT NULL
);

CREATE VIEW v_claim_timeliness AS
SELECT
  t.claim_id,
  t.payer_id,
  t.status,
  t.clean,
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

CREATE VIEW v_denial_reasons AS
SELECT t.payer_id, r.reason_code, COUNT(DISTINCT r.claim_id) AS claims, SUM(r.amount_cents) AS amount_cents
FROM claim_denial_reasons r
JOIN claim_timeliness t ON t.claim_id = r.claim_id
WHERE t.status = 'denied'
GROUP BY t.payer_id, r.reason_code;
`;

export const migration: Migration = { version: 5, name: 'payer files, payments and reporting views', sql: REMITTANCES_SQL };
