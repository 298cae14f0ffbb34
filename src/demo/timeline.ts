// When things happen in the demonstration, relative to the day it runs, so that whenever
// `ecm-claims demo` runs the dashboard shows a month whose claims are old enough to be judged:
// the example month moves to three months before today's, the claims leave on the third of the
// next month, and the payer answers over the following weeks, on time and late. Every date it
// gives is on or before today.

import { addDays, addMonths, monthsBetween, periodOf, type CalendarDate } from '../domain/calendar.js';

/** The month the files in examples/ are dated in. */
export const EXAMPLES_PERIOD = '2026-11';

export interface DemoTimeline {
  /** the billing month the examples are moved to */
  period: string;
  /** months added to every example date (negative: moved back) */
  shift: number;
  /** claims built, exported and sent */
  sent: CalendarDate;
  /** 999 and 277CA back the next day */
  acknowledged: CalendarDate;
  /** paper claims reach the plan's mail room */
  paperReceived: CalendarDate;
  /** the day a payment reaches `sent` + `days` */
  day(days: number): CalendarDate;
  today: CalendarDate;
}

export function demoTimeline(today: CalendarDate): DemoTimeline {
  const period = periodOf(addMonths(`${periodOf(today)}-01`, -3));
  const sent = addDays(addMonths(`${period}-01`, 1), 2);
  return {
    period,
    shift: monthsBetween(EXAMPLES_PERIOD, period),
    sent,
    acknowledged: addDays(sent, 1),
    paperReceived: addDays(sent, 4),
    day: (days) => {
      const date = addDays(sent, days);
      if (date > today) throw new Error(`the demonstration plan reaches past today (${date})`);
      return date;
    },
    today,
  };
}
