// Payer dates that cannot be: a payer cannot receive, accept or pay a claim before the day it was
// sent. Such a date is a data error (the payer's, the clearinghouse's, or a send date entered
// wrong), and every day count built on it is wrong. The event stays in the log as the payer sent
// it; the anomaly is reported with it, and the claim is left out of the timeliness rates while
// its latest attempt carries one.

import type { CalendarDate } from '../domain/calendar.js';
import type { ClaimEvent, ClaimEventKind } from './claim-events.js';

/** paymentDate: 835 BPR16 or a recorded check date; receivedDate: 835 DTM*050 or 277CA; acceptedDate: the 999 / 277CA date */
export type PayerDateField = 'paymentDate' | 'receivedDate' | 'acceptedDate';

export interface PayerDate {
  /** the stored event's id, when the event was read back from the store */
  eventId?: number;
  kind: ClaimEventKind;
  field: PayerDateField;
  date: CalendarDate;
}

export interface DateAnomaly extends PayerDate {
  /** the day the attempt this event answers was sent */
  submittedDate: CalendarDate;
}

/** The payer dates an event carries, none of which may precede the send date of its attempt. */
export function payerDatesOf(event: ClaimEvent): PayerDate[] {
  const id = event.eventId !== undefined ? { eventId: event.eventId } : {};
  const at = (field: PayerDateField, date: CalendarDate | undefined): PayerDate[] => (date === undefined ? [] : [{ ...id, kind: event.kind, field, date }]);
  switch (event.kind) {
    case 'file_accepted':
      return at('acceptedDate', event.date);
    case 'claim_accepted':
      return [...at('acceptedDate', event.date), ...at('receivedDate', event.details.receivedDate)];
    case 'claim_rejected':
      return at('receivedDate', event.details.receivedDate);
    case 'paid':
    case 'partially_paid':
    case 'denied':
    case 'reversed':
      // The event is dated by BPR16 (claim-events.ts), so its date is the payment date.
      return [...at('paymentDate', event.date), ...at('receivedDate', event.details.receivedDate)];
    case 'payment_recorded':
      return at('paymentDate', event.date);
    case 'batched':
    case 'submitted':
    case 'file_rejected':
      return [];
  }
}

/** The dates of one attempt that precede its send date; none when the send date is not known. */
export function anomaliesAgainst(submittedDate: CalendarDate | undefined, dates: readonly PayerDate[]): DateAnomaly[] {
  if (submittedDate === undefined) return [];
  return dates.filter((d) => d.date < submittedDate).map((d) => ({ ...d, submittedDate }));
}

function fieldLabel(anomaly: Pick<DateAnomaly, 'kind' | 'field'>): string {
  switch (anomaly.field) {
    case 'paymentDate':
      return anomaly.kind === 'payment_recorded' ? 'recorded payment date' : '835 payment date (BPR16)';
    case 'receivedDate':
      return anomaly.kind === 'claim_accepted' || anomaly.kind === 'claim_rejected' ? '277CA received date' : '835 received date (DTM*050)';
    case 'acceptedDate':
      return anomaly.kind === 'file_accepted' ? '999 acceptance date' : '277CA acceptance date';
  }
}

/** One line for people: the claim id and the two dates, nothing about the member. */
export function describeDateAnomaly(claimId: string, anomaly: DateAnomaly): string {
  return `claim ${claimId}: ${fieldLabel(anomaly)} ${anomaly.date} is before the claim was sent on ${anomaly.submittedDate}`;
}
