// The reference data an organization loads before billing: itself, its payers, its staff and the
// plan's member file. These zod schemas are the single source of the input types.

import { z } from 'zod';
import { CIN_PATTERN, DATE_PATTERN, POS_PATTERN, TAXONOMY_PATTERN, TIN_PATTERN, ZIP_PATTERN, isValidNpi } from './identifiers.js';
import { isCalendarDate } from './calendar.js';

const npi = z.string().refine(isValidNpi, 'must be a 10-digit NPI with a valid check digit');
const calendarDate = z.string().regex(DATE_PATTERN, 'must be a date written YYYY-MM-DD').refine(isCalendarDate, 'is not a real calendar date');
const money = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be an amount like 165.00');

export const AddressSchema = z.object({
  line1: z.string().min(1),
  line2: z.string().optional(),
  city: z.string().min(1),
  state: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code'),
  zip: z.string().regex(ZIP_PATTERN, 'must be 5 or 9 digits'),
});
export type Address = z.infer<typeof AddressSchema>;

/** How a deployment names an organization: it appears in URLs, file names and the CLI's --org. */
export const ORG_ID_RULE = { pattern: /^[a-z0-9-]{1,32}$/, message: 'must be 1 to 32 lower-case letters, digits or dashes' } as const;
export const OrgIdSchema = z.string().regex(ORG_ID_RULE.pattern, ORG_ID_RULE.message);
export type OrgId = z.infer<typeof OrgIdSchema>;

export const OrganizationSchema = z.object({
  name: z.string().min(1),
  npi: npi.optional(),
  tin: z.string().regex(TIN_PATTERN, 'must be 9 digits'),
  taxonomy: z.string().regex(TAXONOMY_PATTERN, 'must be 10 characters ending in X').optional(),
  address: AddressSchema,
  contact: z.object({
    name: z.string().min(1),
    phone: z.string().regex(/^\d{10}$/, 'must be 10 digits'),
    email: z.string().email().optional(),
  }),
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const ClaimFormatSchema = z.enum(['837p', '837i', 'cms1500', 'ub04', 'invoice']);
export type ClaimFormat = z.infer<typeof ClaimFormatSchema>;

/** How billers write each format: in reasons, messages and reports. */
export const CLAIM_FORMAT_LABELS: Readonly<Record<ClaimFormat, string>> = { '837p': '837P', '837i': '837I', cms1500: 'CMS-1500', ub04: 'UB-04', invoice: 'invoice' };

export const UnitPolicySchema = z.object({
  minutesPerUnit: z.number().int().positive().default(60),
  increment: z.number().positive().default(1),
  rounding: z.enum(['nearest', 'up', 'down']).default('nearest'),
});
export type UnitPolicy = z.infer<typeof UnitPolicySchema>;

export const FeeScheduleEntrySchema = z.object({
  code: z.string().regex(/^[A-Z]\d{4}$/, 'must be a HCPCS code like G9008'),
  modifiers: z.array(z.string().regex(/^[A-Z0-9]{2}$/)).max(4).default([]),
  rate: money,
  effective: calendarDate,
  end: calendarDate.optional(),
});
export type FeeScheduleEntry = z.infer<typeof FeeScheduleEntrySchema>;

const interchangeId = z.string().min(1).max(15);

export const PayerSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be letters, digits, - or _'),
  name: z.string().min(1),
  ediPayerId: z.string().min(2).max(80),
  claimFilingIndicator: z.string().min(2).max(2).default('MC'),
  formats: z.object({ preferred: ClaimFormatSchema, fallback: ClaimFormatSchema.optional() }),
  interchange: z.object({
    senderQualifier: z.string().length(2),
    senderId: interchangeId,
    receiverQualifier: z.string().length(2),
    receiverId: interchangeId,
    usageIndicator: z.enum(['T', 'P']).default('T'),
    applicationSenderCode: z.string().max(15).optional(),
    applicationReceiverCode: z.string().max(15).optional(),
    /** what the clearinghouse expects; defaults * : ^ ~ */
    separators: z
      .object({ element: z.string().length(1), component: z.string().length(1), repetition: z.string().length(1), segment: z.string().length(1) })
      .partial()
      .optional(),
    /** a line break after each segment terminator, for clearinghouses that want one */
    newline: z.boolean().optional(),
  }),
  /**
   * Needed only for institutional claims (837I and its paper twin, the UB-04): the revenue code
   * for ECM lines (SV201, FL 42) and the facility type code (CLM05-1, the first digits of FL 4).
   */
  institutional: z
    .object({
      revenueCode: z.string().regex(/^\d{4}$/, 'must be a 4-digit revenue code'),
      facilityTypeCode: z.string().regex(/^\d{2}$/, 'must be a 2-digit facility type code'),
    })
    .optional(),
  paperAddress: AddressSchema.optional(),
  units: UnitPolicySchema,
  billingPeriod: z.literal('month').default('month'),
  timelyFilingDays: z.number().int().positive().default(180),
  /**
   * For California's late-payment interest on claims received before 2026: HMO plans had 45
   * working days to pay, other plans 30 (28 CCR 1300.71). Medi-Cal managed care plans are HMOs,
   * which is what no value means.
   */
  planType: z.enum(['hmo', 'other']).optional(),
  defaultDiagnosis: z.string().optional(),
  feeSchedule: z.array(FeeScheduleEntrySchema).min(1),
});
export type Payer = z.infer<typeof PayerSchema>;
export type PayerInput = z.input<typeof PayerSchema>;

export const StaffRoleSchema = z.enum(['clinical', 'non_clinical']);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const StaffSchema = z.object({
  staff_id: z.string().min(1).max(40),
  last_name: z.string().min(1),
  first_name: z.string().min(1),
  role: StaffRoleSchema,
  npi: npi.optional(),
  taxonomy: z.string().regex(TAXONOMY_PATTERN, 'must be 10 characters ending in X').optional(),
  credentials: z.string().optional(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const SexSchema = z.enum(['F', 'M', 'U']);

export const MemberSchema = z.object({
  member_cin: z.string().regex(CIN_PATTERN, 'must be a Medi-Cal CIN: 8 digits then a letter'),
  plan_member_id: z.string().optional(),
  last_name: z.string().min(1),
  first_name: z.string().min(1),
  middle_name: z.string().optional(),
  dob: calendarDate.optional(),
  sex: SexSchema.default('U'),
  address_line1: z.string().optional(),
  address_line2: z.string().optional(),
  city: z.string().optional(),
  state: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter state code').optional(),
  zip: z.string().regex(ZIP_PATTERN, 'must be 5 or 9 digits').optional(),
  phone: z.string().regex(/^\d{10}$/, 'must be 10 digits').optional(),
  payer_id: z.string().min(1),
  ecm_start_date: calendarDate.optional(),
  ecm_end_date: calendarDate.optional(),
  population_of_focus: z.string().optional(),
});
export type Member = z.infer<typeof MemberSchema>;

export { POS_PATTERN };
