// One row of the care-management export: one activity for one member on one day.

import { z } from 'zod';
import { CIN_PATTERN, POS_PATTERN } from './identifiers.js';

// Built once: a regular expression literal is a new object each time it runs, and this runs per row.
const ONE_DIGIT = /^\d$/;

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);
const optionalText = z.preprocess(emptyToUndefined, z.string().optional());

export const ActivitySchema = z.enum(['ecm', 'outreach']);
export type Activity = z.infer<typeof ActivitySchema>;

/** The row as billers send it (CSV cells or JSON). Dates and times are parsed by intake. */
export const ServiceLogInputSchema = z.object({
  service_id: z.preprocess(emptyToUndefined, z.string({ error: 'is required' }).max(50, 'is longer than 50 characters')),
  member_cin: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() : v),
    z.string({ error: 'is required' }).regex(CIN_PATTERN, 'must be a Medi-Cal CIN: 8 digits then a letter'),
  ),
  service_date: z.preprocess(emptyToUndefined, z.string({ error: 'is required' })),
  start_time: optionalText,
  end_time: optionalText,
  minutes: z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : Number(v.trim())) : v),
    z.number({ error: 'must be a whole number of minutes' }).int('must be a whole number of minutes').optional(),
  ),
  staff_id: z.preprocess(emptyToUndefined, z.string({ error: 'is required' })),
  activity: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: 'is required' }).min(1, 'is required'),
  ),
  modality: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z.string({ error: 'is required' }).min(1, 'is required'),
  ),
  place_of_service: z.preprocess(
    (v) => (typeof v === 'string' && ONE_DIGIT.test(v.trim()) ? `0${v.trim()}` : emptyToUndefined(v)),
    z.string({ error: 'is required' }).regex(POS_PATTERN, 'must be a 2-digit place of service code'),
  ),
  diagnosis_codes: optionalText,
  payer_id: optionalText,
  authorization_number: optionalText,
  note: optionalText,
});
export type ServiceLogInput = z.input<typeof ServiceLogInputSchema>;

/** A row that passed intake: coded, with minutes resolved and the payer decided. */
export interface ServiceLog {
  serviceId: string;
  memberCin: string;
  serviceDate: string;
  startTime?: string;
  endTime?: string;
  minutes: number;
  staffId: string;
  activity: Activity;
  modality: string;
  placeOfService: string;
  diagnoses: string[];
  payerId: string;
  authorizationNumber?: string;
  note?: string;
  /** line number in the file it came from, for messages */
  sourceLine?: number;
}

/** A row as stored: coded with its HCPCS code and modifiers. */
export interface CodedService extends ServiceLog {
  code: string;
  modifiers: string[];
}

/** What the overlap check of a build needs of a row that has clock times. */
export interface TimedService {
  serviceId: string;
  staffId: string;
  serviceDate: string;
  /** HH:MM, 24-hour, as intake stores it */
  startTime: string;
  endTime: string;
}
