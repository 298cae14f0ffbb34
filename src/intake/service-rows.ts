// One service-log row -> a coded ServiceLog, or the reasons it cannot be billed as given.

import type { z } from 'zod';
import type { CodingTable } from '../codesets/index.js';
import type { StaffRole } from '../domain/reference.js';
import { ActivitySchema, ServiceLogInputSchema, type CodedService, type ServiceLog } from '../domain/service-log.js';
import { parseCalendarDate } from '../domain/calendar.js';
import { isValidIcd10, normalizeDiagnosis } from '../domain/identifiers.js';
import { codeService } from '../billing/coding.js';
import { rowError, zodRowIssues, type RowIssue, type RowOutcome } from './row-issue.js';

export const SERVICE_COLUMNS = {
  required: ['service_id', 'member_cin', 'service_date', 'staff_id', 'activity', 'modality', 'place_of_service'],
  optional: ['start_time', 'end_time', 'minutes', 'diagnosis_codes', 'payer_id', 'authorization_number', 'note'],
} as const;

// Built once: a regular expression literal is a new object each time it runs, and these run per row.
const CLOCK_TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;
const DIAGNOSIS_SEPARATORS = /[;,|\s]+/;

/** What a service row is checked against; the app layer answers from the store. */
export interface ServiceReferences {
  staffRole(staffId: string): StaffRole | undefined;
  memberPayer(memberCin: string): string | undefined;
  payerExists(payerId: string): boolean;
  placeOfService(code: string): boolean;
}

/** 24-hour "14:30", "9:00", "14:30:00", or "2:30 PM" -> minutes after midnight. */
export function parseClockTime(value: string): number | null {
  const m = CLOCK_TIME.exec(value.trim());
  if (!m) return null;
  let hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (minutes > 59) return null;
  if (m[4]) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (m[4].toUpperCase() === 'PM' ? 12 : 0);
  } else if (hours > 23) return null;
  return hours * 60 + minutes;
}

/**
 * The row's minutes, from the minutes column or the clock times. Each problem is its own issue:
 * a bad start time does not hide zero minutes. `failed` holds the columns that failed the schema,
 * which are neither used nor reported again (a minutes cell of "abc" is not "missing").
 */
function resolveMinutes(row: Pick<ServiceRowFields, 'start_time' | 'end_time' | 'minutes'>, failed: ReadonlySet<string>, line: number, errors: RowIssue[]): number | undefined {
  const before = errors.length;
  const clockFailed = failed.has('start_time') || failed.has('end_time');
  let fromClock: number | undefined;
  if (!clockFailed && (row.start_time !== undefined || row.end_time !== undefined)) {
    if (row.start_time === undefined || row.end_time === undefined) {
      errors.push(rowError(line, row.start_time === undefined ? 'start_time' : 'end_time', 'TIME_INCOMPLETE', 'start_time and end_time must be given together'));
    } else {
      const start = parseClockTime(row.start_time);
      const end = parseClockTime(row.end_time);
      if (start === null) errors.push(rowError(line, 'start_time', 'BAD_TIME', `start_time "${row.start_time}" is not a time like 09:30`));
      if (end === null) errors.push(rowError(line, 'end_time', 'BAD_TIME', `end_time "${row.end_time}" is not a time like 10:15`));
      if (start !== null && end !== null) {
        if (start >= end) errors.push(rowError(line, 'end_time', 'START_NOT_BEFORE_END', `start_time ${row.start_time} is not before end_time ${row.end_time}`));
        else fromClock = end - start;
      }
    }
  }
  if (row.minutes !== undefined) {
    if (row.minutes <= 0) errors.push(rowError(line, 'minutes', 'MINUTES_NOT_POSITIVE', `minutes must be more than 0 (got ${row.minutes})`));
    else if (fromClock !== undefined && fromClock !== row.minutes) {
      errors.push(rowError(line, 'minutes', 'MINUTES_DISAGREE', `minutes says ${row.minutes} but ${row.start_time}-${row.end_time} is ${fromClock} minutes; give one or make them agree`));
    }
  } else if (!failed.has('minutes') && !clockFailed && row.start_time === undefined && row.end_time === undefined) {
    errors.push(rowError(line, 'minutes', 'MINUTES_MISSING', 'give minutes, or start_time and end_time'));
  }
  if (errors.length > before || failed.has('minutes')) return undefined;
  return row.minutes ?? fromClock;
}

/** The columns of a row that passed ServiceLogInputSchema, cleaned as the schema cleans them. */
type ServiceRowFields = z.output<typeof ServiceLogInputSchema>;

const NO_FAILED_COLUMNS: ReadonlySet<string> = new Set();

export function parseServiceRow(values: Record<string, string>, line: number, refs: ServiceReferences, coding: CodingTable): RowOutcome<CodedService> {
  const parsed = ServiceLogInputSchema.safeParse(values);
  if (parsed.success) return checkServiceRow(parsed.data, NO_FAILED_COLUMNS, [], line, refs, coding);
  // A row that fails the schema still gets every other check (a bad CIN must not hide a bad
  // date), run on the columns that pass it on their own. Only rejected rows come this way, so a
  // clean import parses each row once.
  const row: Record<string, unknown> = {};
  const failed = new Set<string>();
  for (const [column, schema] of Object.entries(ServiceLogInputSchema.shape)) {
    const cell = schema.safeParse(values[column]);
    if (cell.success) row[column] = cell.data;
    else failed.add(column);
  }
  // Each value is its own column's schema output, which is what ServiceRowFields says of it.
  return checkServiceRow(row as Partial<ServiceRowFields>, failed, zodRowIssues(parsed.error, line, values), line, refs, coding);
}

/**
 * The checks the schema cannot make (real dates, clock times, the roster, the member file,
 * codes), each run when its columns passed the schema, adding to `errors`.
 */
function checkServiceRow(row: Partial<ServiceRowFields>, failed: ReadonlySet<string>, errors: RowIssue[], line: number, refs: ServiceReferences, coding: CodingTable): RowOutcome<CodedService> {
  const warnings: RowIssue[] = [];

  const serviceDate = row.service_date === undefined ? null : parseCalendarDate(row.service_date);
  if (!serviceDate && row.service_date !== undefined) errors.push(rowError(line, 'service_date', 'BAD_DATE', `service_date "${row.service_date}" is not a real date (use YYYY-MM-DD)`));

  const minutes = resolveMinutes(row, failed, line, errors);

  const activity = row.activity === undefined ? undefined : ActivitySchema.safeParse(row.activity);
  if (activity && !activity.success) errors.push(rowError(line, 'activity', 'UNKNOWN_ACTIVITY', `activity "${row.activity}" must be ecm or outreach`));

  const staffRole = row.staff_id === undefined ? undefined : refs.staffRole(row.staff_id);
  if (!staffRole && row.staff_id !== undefined) errors.push(rowError(line, 'staff_id', 'UNKNOWN_STAFF', `staff_id ${row.staff_id} is not on the staff roster; import staff.csv first or fix the id`));

  // A CIN of the wrong shape was reported by the schema; it cannot be in the member file either.
  const memberPayer = row.member_cin === undefined ? undefined : refs.memberPayer(row.member_cin);
  if (memberPayer === undefined && row.member_cin !== undefined) errors.push(rowError(line, 'member_cin', 'UNKNOWN_MEMBER', `member_cin on this row is not in the plan's member file; import members.csv first or fix the CIN`));

  let payerId = row.payer_id ?? memberPayer;
  if (row.payer_id !== undefined && !refs.payerExists(row.payer_id)) {
    errors.push(rowError(line, 'payer_id', 'UNKNOWN_PAYER', `payer_id ${row.payer_id} is not a loaded payer profile`));
    payerId = undefined;
  } else if (row.payer_id !== undefined && memberPayer !== undefined && row.payer_id !== memberPayer) {
    warnings.push({ line, column: 'payer_id', severity: 'warning', code: 'PAYER_DIFFERS_FROM_MEMBER_FILE', message: `payer_id ${row.payer_id} differs from the member file's payer ${memberPayer}; billing ${row.payer_id} as the row says` });
  }

  if (row.place_of_service !== undefined && !refs.placeOfService(row.place_of_service)) {
    errors.push(rowError(line, 'place_of_service', 'UNKNOWN_POS', `place_of_service ${row.place_of_service} is not a place-of-service code we know`));
  }

  const diagnoses = (row.diagnosis_codes ?? '').split(DIAGNOSIS_SEPARATORS).filter((d) => d !== '');
  for (const dx of diagnoses) {
    if (!isValidIcd10(dx)) errors.push(rowError(line, 'diagnosis_codes', 'BAD_DIAGNOSIS', `diagnosis "${dx}" is not an ICD-10-CM code like Z59.00`));
  }

  let procedure: { code: string; modifiers: string[] } | undefined;
  if (activity?.success && staffRole && row.modality !== undefined) {
    const coded = codeService(coding, activity.data, row.modality, staffRole);
    if (coded.ok) procedure = coded.procedure;
    else errors.push(rowError(line, 'modality', 'NO_CODE', coded.reason));
  }

  // A row missing a required column failed the schema, so has errors already; the checks on the
  // columns say so to the compiler.
  const { service_id: serviceId, member_cin: memberCin, staff_id: staffId, modality, place_of_service: placeOfService } = row;
  if (errors.length > 0 || !serviceDate || minutes === undefined || !procedure || !payerId || !activity?.success) return { ok: false, errors };
  if (serviceId === undefined || memberCin === undefined || staffId === undefined || modality === undefined || placeOfService === undefined) return { ok: false, errors };
  const service: ServiceLog = {
    serviceId,
    memberCin,
    serviceDate,
    startTime: row.start_time,
    endTime: row.end_time,
    minutes,
    staffId,
    activity: activity.data,
    modality,
    placeOfService,
    diagnoses: diagnoses.map(normalizeDiagnosis),
    payerId,
    authorizationNumber: row.authorization_number,
    note: row.note,
    sourceLine: line,
  };
  return { ok: true, value: { ...service, ...procedure }, warnings };
}
