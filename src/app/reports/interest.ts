// "Interest your plan still owes you": for every clean claim paid after its prompt-pay deadline,
// the interest and penalty California law made the plan owe (remit/prompt-pay.ts), against the
// interest it paid (835 AMT*I on the claim, and PLB L6 naming the claim), per claim, per payer
// and month of payment, and in all. An L6 that names no claim of ours is the payer's, for the
// month it was paid in: it lowers what that payer-month still owes, never below nothing.
//
// The claim's money is what stands after reversals (its history's paid amount), dated by the
// first payment of the outcome that stands: a claim paid late in two parts counts as paid late
// in one, on the first of them.

import { Decimal } from 'decimal.js';
import { csvRecord } from '../../domain/csv.js';
import { fromCents } from '../../domain/money.js';
import { interestOwed, type InterestOwed, type PlanKind } from '../../remit/prompt-pay.js';
import { promptPayRules } from '../../remit/prompt-pay-rules.js';
import { historyOf } from '../remittances/events.js';
import { today, type AppContext } from '../context.js';
import { AppError } from '../errors.js';

export interface InterestFilter {
  payerId?: string;
  /** months of payment, YYYY-MM, both included */
  from?: string;
  to?: string;
}

export interface InterestFigures {
  claims: number;
  principal: string;
  interestOwed: string;
  penalty: string;
  interestPaid: string;
  /** L6 paid for the payer and month without naming a claim */
  interestPaidWithoutClaim: string;
  stillOwed: string;
}

export interface InterestReport {
  asOf: string;
  rows: InterestOwed[];
  byPayerMonth: Array<{ payerId: string; month: string } & InterestFigures>;
  totals: InterestFigures;
  rules: Array<{ id: string; name: string; source: string }>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const ADJUDICATION_KINDS: ReadonlySet<string> = new Set(['paid', 'partially_paid', 'denied', 'reversed']);

export async function interestReport(ctx: AppContext, filter: InterestFilter = {}): Promise<InterestReport> {
  const repos = ctx.store.read;
  const rules = promptPayRules();
  for (const [name, month] of [['--from', filter.from], ['--to', filter.to]] as const) {
    if (month !== undefined && !MONTH.test(month)) throw new AppError('invalid', `${name} must be a month, YYYY-MM (got "${month}")`);
  }
  const planKinds = new Map<string, PlanKind>((await repos.reference.listPayers()).map((p) => [p.id, p.planType ?? 'hmo']));
  if (filter.payerId !== undefined && !planKinds.has(filter.payerId)) throw new AppError('not_found', `payer ${filter.payerId} is not loaded`);
  const interest = await repos.providerAdjustments.withReason('L6');
  // PLB amounts take from the payment when positive: interest paid to the provider is negative.
  const byClaim = new Map<string, Decimal>();
  const byPayerMonth = new Map<string, Decimal>();
  for (const a of interest) {
    const paid = new Decimal(fromCents(-a.amountCents));
    if (a.claimId !== undefined) byClaim.set(a.claimId, (byClaim.get(a.claimId) ?? new Decimal(0)).plus(paid));
    else if (a.payerId !== undefined) {
      const k = key(a.payerId, a.paymentDate.slice(0, 7));
      byPayerMonth.set(k, (byPayerMonth.get(k) ?? new Decimal(0)).plus(paid));
    }
  }

  const rows: InterestOwed[] = [];
  for await (const log of repos.events.allLogs()) {
    if (filter.payerId !== undefined && log.payerId !== filter.payerId) continue;
    const history = historyOf(log);
    if (!history.clean || history.dateAnomaly || history.receiptDate === undefined || history.paymentDate === undefined || !new Decimal(history.paid).greaterThan(0)) continue;
    let paidWithClaim = byClaim.get(log.claimId) ?? new Decimal(0);
    for (const event of log.events) {
      const amount = event.details.interest;
      if (ADJUDICATION_KINDS.has(event.kind) && typeof amount === 'string') paidWithClaim = paidWithClaim.plus(amount);
    }
    const row = interestOwed(
      {
        claimId: log.claimId,
        payerId: log.payerId,
        receivedDate: history.receiptDate,
        payments: [{ date: history.paymentDate, amount: history.paid }],
        interestPaid: paidWithClaim.toFixed(2),
        planKind: planKinds.get(log.payerId) ?? 'hmo',
      },
      rules,
    );
    if (row !== undefined && inMonths(row.paidDate.slice(0, 7), filter)) rows.push(row);
  }
  rows.sort((a, b) => a.paidDate.localeCompare(b.paidDate) || a.claimId.localeCompare(b.claimId));

  const groups = new Map<string, InterestOwed[]>();
  for (const row of rows) {
    const k = key(row.payerId, row.paidDate.slice(0, 7));
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  for (const [k] of byPayerMonth) {
    const [payerId, month] = JSON.parse(k) as [string, string];
    if (!groups.has(k) && (filter.payerId === undefined || filter.payerId === payerId) && inMonths(month, filter)) groups.set(k, []);
  }
  const months = [...groups.entries()]
    .map(([k, group]) => {
      const [payerId, month] = JSON.parse(k) as [string, string];
      return { payerId, month, ...figures(group, byPayerMonth.get(k) ?? new Decimal(0)) };
    })
    .sort((a, b) => a.payerId.localeCompare(b.payerId) || a.month.localeCompare(b.month));
  return {
    asOf: today(ctx),
    rows,
    byPayerMonth: months,
    totals: sumFigures(months),
    rules: rules.rules.map((r) => ({ id: r.id, name: r.name, source: r.source })),
  };
}

function key(payerId: string, month: string): string {
  return JSON.stringify([payerId, month]);
}

function inMonths(month: string, filter: InterestFilter): boolean {
  return (filter.from === undefined || month >= filter.from) && (filter.to === undefined || month <= filter.to);
}

function figures(rows: readonly InterestOwed[], withoutClaim: Decimal): InterestFigures {
  const sum = (pick: (r: InterestOwed) => string) => rows.reduce((n, r) => n.plus(pick(r)), new Decimal(0));
  const stillOwed = Decimal.max(sum((r) => r.stillOwed).minus(withoutClaim), 0);
  return {
    claims: rows.length,
    principal: sum((r) => r.principal).toFixed(2),
    interestOwed: sum((r) => r.interestOwed).toFixed(2),
    penalty: sum((r) => r.penalty).toFixed(2),
    interestPaid: sum((r) => r.interestPaid).toFixed(2),
    interestPaidWithoutClaim: withoutClaim.toFixed(2),
    stillOwed: stillOwed.toFixed(2),
  };
}

function sumFigures(months: readonly InterestFigures[]): InterestFigures {
  const sum = (pick: (f: InterestFigures) => string) => months.reduce((n, f) => n.plus(pick(f)), new Decimal(0)).toFixed(2);
  return {
    claims: months.reduce((n, f) => n + f.claims, 0),
    principal: sum((f) => f.principal),
    interestOwed: sum((f) => f.interestOwed),
    penalty: sum((f) => f.penalty),
    interestPaid: sum((f) => f.interestPaid),
    interestPaidWithoutClaim: sum((f) => f.interestPaidWithoutClaim),
    stillOwed: sum((f) => f.stillOwed),
  };
}

const CSV_COLUMNS: ReadonlyArray<[string, keyof InterestOwed]> = [
  ['claim_id', 'claimId'],
  ['payer_id', 'payerId'],
  ['received_date', 'receivedDate'],
  ['deadline', 'deadline'],
  ['paid_date', 'paidDate'],
  ['days_late', 'daysLate'],
  ['principal', 'principal'],
  ['interest_owed', 'interestOwed'],
  ['penalty', 'penalty'],
  ['interest_paid', 'interestPaid'],
  ['still_owed', 'stillOwed'],
  ['rule', 'rule'],
];

/** One line per claim paid late, for a spreadsheet or a dispute's attachment (ids, dates and money: nothing to quote). */
export function interestCsv(report: InterestReport): string {
  const lines = [CSV_COLUMNS.map(([name]) => name).join(','), ...report.rows.map((row) => csvRecord(CSV_COLUMNS.map(([, field]) => String(row[field]))))];
  return `${lines.join('\r\n')}\r\n`;
}
