// One person's time is billed once. Two logged activities of the same staff member on the same
// day whose clock times overlap mean one of them is wrong (a visit entered twice, a call logged
// over a visit), whichever members they were for. Pure: the build passes every timed row of its
// date range, sent or not, and gets back the rows to hold off its claims and why.

import type { ValidationIssue } from '../domain/claim.js';
import type { TimedService } from '../domain/service-log.js';

export const SERVICE_TIME_OVERLAP = 'SERVICE_TIME_OVERLAP';

const byStaffDayStart = (a: TimedService, b: TimedService): number =>
  a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 :
  a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1 :
  a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 :
  a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0;

/**
 * The rows to keep off claims, each with its finding. Of two overlapping rows the later one (by
 * start time, then service id) is held and the earlier billed, unless the later one has already
 * been sent: then the earlier one, still free, is held instead. HH:MM strings compare in time
 * order, and a row that ends when the next starts does not overlap it.
 */
export function overlappingServices(rows: readonly TimedService[], isSent: (serviceId: string) => boolean = () => false): Map<string, ValidationIssue> {
  const held = new Map<string, ValidationIssue>();
  const sorted = [...rows].sort(byStaffDayStart);
  let reach: TimedService | undefined;
  for (const row of sorted) {
    if (!reach || reach.staffId !== row.staffId || reach.serviceDate !== row.serviceDate) {
      reach = row;
      continue;
    }
    if (row.startTime < reach.endTime) {
      const [hold, other] = isSent(row.serviceId) ? [reach, row] : [row, reach];
      if (!isSent(hold.serviceId) && !held.has(hold.serviceId)) held.set(hold.serviceId, overlapIssue(hold, other));
    }
    if (row.endTime > reach.endTime) reach = row;
  }
  return held;
}

function overlapIssue(held: TimedService, other: TimedService): ValidationIssue {
  return {
    code: SERVICE_TIME_OVERLAP,
    severity: 'error',
    message: `${held.serviceId} (${held.startTime}-${held.endTime}) overlaps ${other.serviceId} (${other.startTime}-${other.endTime}), both logged by staff ${held.staffId} on ${held.serviceDate}; correct the times in the care-management log and import the row again`,
    serviceIds: [held.serviceId],
  };
}
