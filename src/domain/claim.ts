// Claims and their lines as the billing core builds them and every renderer reads them.

import type { ClaimFormat } from './reference.js';

export const CLAIM_STATUSES = ['draft', 'ready', 'batched', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'void'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** Statuses of a claim that has left the building. */
export const SENT_STATUSES: readonly ClaimStatus[] = ['batched', 'submitted', 'accepted', 'rejected', 'paid', 'partially_paid', 'denied', 'void'];

/**
 * Statuses whose service rows are never put on another claim. A claim the payer rejected at the
 * front door (999/277CA) never entered adjudication: once its rows are fixed, the next build
 * bills them again on a new claim, which gets its own receipt date.
 */
export const BILLED_STATUSES: readonly ClaimStatus[] = SENT_STATUSES.filter((s) => s !== 'rejected');

/** Claim ids are the claim sequence's numbers written C000001. */
export function claimIdOf(number: number): string {
  return `C${String(number).padStart(6, '0')}`;
}

export type Severity = 'error' | 'warning';

export interface X12Path {
  loop?: string;
  segment?: string;
  element?: string;
}

/** A problem found by intake, billing or validation, traced to the log rows that caused it. */
export interface ValidationIssue {
  code: string;
  severity: Severity;
  message: string;
  path?: X12Path;
  serviceIds: string[];
  claimId?: string;
  lineNumber?: number;
}

export interface ClaimLine {
  lineNumber: number;
  serviceDate: string;
  code: string;
  modifiers: string[];
  placeOfService: string;
  renderingStaffId: string;
  minutes: number;
  /** decimal string, e.g. "0.75" */
  units: string;
  /** decimal string with two places */
  rate: string;
  charge: string;
  /** 1-based pointers into the claim's diagnoses (at most 4) */
  diagnosisPointers: number[];
  serviceIds: string[];
  activity: 'ecm' | 'outreach';
}

/** frequency code: 1 original, 7 replacement, 8 void */
export type ClaimFrequency = '1' | '7' | '8';

export interface Claim {
  id: string;
  memberCin: string;
  payerId: string;
  period: string;
  format: ClaimFormat;
  status: ClaimStatus;
  frequency: ClaimFrequency;
  /** payer's claim control number of the claim being replaced or voided (REF*F8, box 22) */
  originalReference?: string;
  originalClaimId?: string;
  placeOfService: string;
  diagnoses: string[];
  defaultDiagnosisUsed: boolean;
  totalCharge: string;
  lines: ClaimLine[];
  issues: ValidationIssue[];
  /** why the format differs from the payer's preferred one, if it does */
  formatReason?: string;
}

/** A live claim line for duplicate checks: claim id, member CIN, service date, code, modifiers joined with ":". */
export type DuplicateRow = [string, string, string, string, string];
