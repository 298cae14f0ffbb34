// Dates of service: real, not ahead of the clock, inside the payer's filing window, and not
// already billed on another claim.

import { daysBetween, isCalendarDate } from '../domain/calendar.js';
import type { ValidationIssue } from '../domain/claim.js';
import { lineIssue, procedureLabel, findingsOf, NONE } from './issue.js';
import { linePath } from './paths.js';
import type { Rule } from './rule.js';

/** How close to the filing limit a line must be before we warn. */
export const TIMELY_FILING_WARNING_DAYS = 15;

export const serviceDateInvalid: Rule = {
  code: 'SERVICE_DATE_INVALID',
  severity: 'error',
  description: 'Every date of service is a real calendar date and not in the future.',
  check(item, ctx) {
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const path = linePath(ctx.format, 'date');
      if (!isCalendarDate(line.serviceDate)) return [lineIssue(serviceDateInvalid, item, line, 'the date of service is not a calendar date', path)];
      if (line.serviceDate > ctx.today) return [lineIssue(serviceDateInvalid, item, line, 'the date of service is in the future; bill it after the service is delivered', path)];
      return NONE;
    });
  },
};

function filingAge(serviceDate: string, today: string): number | undefined {
  return isCalendarDate(serviceDate) && serviceDate <= today ? daysBetween(serviceDate, today) : undefined;
}

export const timelyFilingExpired: Rule = {
  code: 'TIMELY_FILING_EXPIRED',
  severity: 'error',
  description: "A line is past the payer's timely filing limit (days from the date of service to today).",
  check(item, ctx) {
    const limit = ctx.parties.payer.timelyFilingDays;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const age = filingAge(line.serviceDate, ctx.today);
      if (age === undefined || age <= limit) return NONE;
      return [
        lineIssue(timelyFilingExpired, item, line, `the date of service is ${age} days ago; ${ctx.parties.payer.name} accepts claims for ${limit} days, so the payer will deny it as late`, linePath(ctx.format, 'date')),
      ];
    });
  },
};

export const timelyFilingNear: Rule = {
  code: 'TIMELY_FILING_NEAR',
  severity: 'warning',
  description: `A line is within ${TIMELY_FILING_WARNING_DAYS} days of the payer's timely filing limit.`,
  check(item, ctx) {
    const limit = ctx.parties.payer.timelyFilingDays;
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const age = filingAge(line.serviceDate, ctx.today);
      if (age === undefined || age > limit || limit - age > TIMELY_FILING_WARNING_DAYS) return NONE;
      const left = limit - age;
      return [
        lineIssue(timelyFilingNear, item, line, `only ${left} day${left === 1 ? '' : 's'} left of ${ctx.parties.payer.name}'s ${limit}-day filing limit; send this claim now`, linePath(ctx.format, 'date')),
      ];
    });
  },
};

export const duplicateService: Rule = {
  code: 'DUPLICATE_SERVICE',
  severity: 'error',
  description: 'The same member, date of service, code and modifiers are not already billed on another claim.',
  check(item, ctx) {
    const lookup = ctx.isDuplicate;
    if (!lookup) return NONE;
    const { claim } = item;
    return findingsOf(claim.lines, (line): readonly ValidationIssue[] => {
      const other = lookup(claim.memberCin, line.serviceDate, line.code, line.modifiers);
      // A replacement or void carries the original's services by design.
      if (other === undefined || other === claim.id || other === claim.originalClaimId) return NONE;
      return [
        lineIssue(
          duplicateService,
          item,
          line,
          `${procedureLabel(line.code, line.modifiers)} for this member on this date is already billed on claim ${other}; send a replacement (frequency 7) of that claim instead`,
          linePath(ctx.format, 'procedure'),
        ),
      ];
    });
  },
};

export const SERVICE_RULES: readonly Rule[] = [serviceDateInvalid, timelyFilingExpired, timelyFilingNear, duplicateService];
