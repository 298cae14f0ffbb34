// Codes and money: the procedure exists in the DHCS table and the payer's fee schedule, and
// every amount on the claim follows from units x rate. Amounts are compared as decimals.

import type { ClaimLine, ValidationIssue } from '../domain/claim.js';
import { HCPCS_PATTERN } from '../domain/identifiers.js';
import type { FeeScheduleEntry, Payer } from '../domain/reference.js';
import { claimIssue, lineIssue, procedureLabel, findingsOf, NONE } from './issue.js';
import { CLAIM, linePath } from './paths.js';
import type { Rule } from './rule.js';
import { EXACT_ZERO, exactEquals, exactPlus, exactTimes, exactToFixed, parseExact, roundHalfUp, type ExactDecimal } from '../domain/exact-decimal.js';
import { feeScheduleEntryOn } from '../billing/fee-schedule.js';

const sameProcedure = (a: { code: string; modifiers: readonly string[] }, b: { code: string; modifiers: readonly string[] }) =>
  a.code === b.code && a.modifiers.length === b.modifiers.length && a.modifiers.every((m, i) => m === b.modifiers[i]);

/** The entry in effect on the line's date: the same lookup billing prices with. */
export function feeScheduleEntryFor(payer: Pick<Payer, 'feeSchedule'>, line: Pick<ClaimLine, 'code' | 'modifiers' | 'serviceDate'>): FeeScheduleEntry | undefined {
  return feeScheduleEntryOn(payer, line.code, line.modifiers, line.serviceDate);
}

/** units x rate rounded half-up to cents, the way billing prices a line. */
function expectedCharge(units: ExactDecimal, rate: ExactDecimal): ExactDecimal {
  return roundHalfUp(exactTimes(units, rate), 2);
}

export const procedureNotInCodeset: Rule = {
  code: 'PROCEDURE_NOT_IN_CODESET',
  severity: 'error',
  description: 'The HCPCS code and modifiers of every line are a combination in the DHCS ECM coding table.',
  check(item, ctx) {
    const table = ctx.codesets.coding.codes;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      if (HCPCS_PATTERN.test(line.code) && table.some((row) => sameProcedure(row, line))) return NONE;
      return [
        lineIssue(procedureNotInCodeset, item, line, `${procedureLabel(line.code, line.modifiers)} is not an ECM code and modifier combination in the DHCS coding table`, linePath(ctx.format, 'procedure')),
      ];
    });
  },
};

export const procedureCodingMismatch: Rule = {
  code: 'PROCEDURE_CODING_MISMATCH',
  severity: 'error',
  description: "A line's code and modifiers match its activity (ECM or outreach) and its rendering staff's role (clinical or not).",
  check(item, ctx) {
    const table = ctx.codesets.coding.codes;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const rows = table.filter((row) => sameProcedure(row, line));
      if (rows.length === 0) return NONE;
      const role = ctx.parties.staff.get(line.renderingStaffId)?.role;
      if (rows.some((row) => row.activity === line.activity && (role === undefined || row.staffRole === role))) return NONE;
      const who = role === undefined ? '' : ` by ${role.replace('_', '-')} staff`;
      return [
        lineIssue(
          procedureCodingMismatch,
          item,
          line,
          `${procedureLabel(line.code, line.modifiers)} does not code ${line.activity === 'ecm' ? 'an ECM service' : 'outreach'}${who}; recode the line from the DHCS table`,
          linePath(ctx.format, 'procedure'),
        ),
      ];
    });
  },
};

export const feeScheduleMissing: Rule = {
  code: 'FEE_SCHEDULE_MISSING',
  severity: 'error',
  description: "The payer's fee schedule has an entry for the line's code and modifiers in effect on the date of service.",
  check(item, ctx) {
    const payer = ctx.parties.payer;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      if (feeScheduleEntryFor(payer, line)) return NONE;
      return [
        lineIssue(feeScheduleMissing, item, line, `${payer.name}'s fee schedule has no rate for ${procedureLabel(line.code, line.modifiers)} in effect on the date of service`, linePath(ctx.format, 'procedure')),
      ];
    });
  },
};

export const rateMismatch: Rule = {
  code: 'RATE_MISMATCH',
  severity: 'error',
  description: "The rate on each line equals the payer's fee-schedule rate on the date of service.",
  check(item, ctx) {
    const payer = ctx.parties.payer;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const entry = feeScheduleEntryFor(payer, line);
      if (!entry) return NONE;
      const rate = parseExact(line.rate);
      const scheduled = parseExact(entry.rate);
      if (rate && scheduled && exactEquals(rate, scheduled)) return NONE;
      return [
        lineIssue(rateMismatch, item, line, `the line rate ${line.rate} differs from ${payer.name}'s fee-schedule rate ${entry.rate} for ${procedureLabel(line.code, line.modifiers)}; rebuild the claim`, linePath(ctx.format, 'charge')),
      ];
    });
  },
};

export const unitsNotPositive: Rule = {
  code: 'UNITS_NOT_POSITIVE',
  severity: 'error',
  description: 'Every line bills a positive number of units.',
  check(item, ctx) {
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const units = parseExact(line.units);
      if (units && units.scaled > 0n) return NONE;
      return [lineIssue(unitsNotPositive, item, line, `units must be a number greater than zero (found "${line.units}")`, linePath(ctx.format, 'units'))];
    });
  },
};

export const chargeMismatch: Rule = {
  code: 'CHARGE_MISMATCH',
  severity: 'error',
  description: 'Every line charge equals units x rate, to the cent.',
  check(item, ctx) {
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const units = parseExact(line.units);
      const rate = parseExact(line.rate);
      if (!units || !rate) return NONE;
      const expected = expectedCharge(units, rate);
      const charge = parseExact(line.charge);
      if (charge && exactEquals(charge, expected)) return NONE;
      return [
        lineIssue(chargeMismatch, item, line, `the charge ${line.charge} is not units x rate (${line.units} x ${line.rate} = ${exactToFixed(expected, 2)})`, linePath(ctx.format, 'charge')),
      ];
    });
  },
};

export const totalChargeMismatch: Rule = {
  code: 'TOTAL_CHARGE_MISMATCH',
  severity: 'error',
  description: 'The claim total (CLM02) equals the sum of its line charges.',
  check(item) {
    let sum = EXACT_ZERO;
    for (const line of item.claim.lines) {
      const charge = parseExact(line.charge);
      if (!charge) return NONE;
      sum = exactPlus(sum, charge);
    }
    const total = parseExact(item.claim.totalCharge);
    if (total && exactEquals(total, sum)) return NONE;
    return [claimIssue(totalChargeMismatch, item, `the claim total ${item.claim.totalCharge} is not the sum of its line charges (${exactToFixed(sum, 2)})`, CLAIM.totalCharge)];
  },
};

export const PRICING_RULES: readonly Rule[] = [
  procedureNotInCodeset,
  procedureCodingMismatch,
  feeScheduleMissing,
  rateMismatch,
  unitsNotPositive,
  chargeMismatch,
  totalChargeMismatch,
];
