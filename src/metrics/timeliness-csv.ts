// CSV of the timeliness report: one row per payer and receipt month, then the payer's total
// (receipt_month "all"); and a second CSV of the ranked denial reasons. Columns added later go
// at the end, so a spreadsheet that reads columns by position keeps working.

import { csvRecord } from '../domain/csv.js';
import type { TimelinessReport, TimelinessRow, WindowResult } from './timeliness.js';

const WINDOW_COLUMNS = (prefix: string, days: number) => [
  `${prefix}_within_${days}`,
  `${prefix}_censored_${days}`,
  `${prefix}_denominator_${days}`,
  `${prefix}_rate_${days}`,
  `${prefix}_target_${days}_met`,
];

export const TIMELINESS_CSV_COLUMNS = [
  'payer_id',
  'receipt_month',
  'claims_received',
  'clean_claims_received',
  ...WINDOW_COLUMNS('paid', 30),
  ...WINDOW_COLUMNS('paid', 90),
  ...WINDOW_COLUMNS('adjudicated', 30),
  ...WINDOW_COLUMNS('adjudicated', 90),
  'open_0_30_count',
  'open_0_30_amount',
  'open_31_60_count',
  'open_31_60_amount',
  'open_61_90_count',
  'open_61_90_amount',
  'open_over_90_count',
  'open_over_90_amount',
  'date_anomalies',
  'billed',
  'paid',
  'outstanding',
] as const;

export function timelinessCsv(report: TimelinessReport): string {
  const lines = [TIMELINESS_CSV_COLUMNS.join(',')];
  for (const payer of report.payers) {
    for (const row of payer.months) lines.push(csvRecord(rowCells(row)));
    lines.push(csvRecord(rowCells(payer.total)));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function denialReasonsCsv(report: TimelinessReport): string {
  const lines = ['payer_id,rank,carc,description,claims,amount'];
  for (const payer of report.payers) {
    payer.denialReasons.forEach((reason, i) => {
      lines.push(csvRecord([payer.payerId, String(i + 1), reason.code, reason.description ?? '', String(reason.claims), reason.amount]));
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

function rowCells(row: TimelinessRow): string[] {
  return [
    row.payerId,
    row.receiptMonth,
    String(row.claimsReceived),
    String(row.cleanClaimsReceived),
    ...windowCells(row.paid.within30),
    ...windowCells(row.paid.within90),
    ...windowCells(row.adjudicated.within30),
    ...windowCells(row.adjudicated.within90),
    ...row.open.flatMap((bucket) => [String(bucket.count), bucket.amount]),
    String(row.dateAnomalies),
    row.amounts.billed,
    row.amounts.paid,
    row.amounts.outstanding,
  ];
}

function windowCells(w: WindowResult): string[] {
  return [String(w.within), String(w.censored), String(w.denominator), w.rate ?? '', w.targetMet === null ? '' : w.targetMet ? 'yes' : 'no'];
}
