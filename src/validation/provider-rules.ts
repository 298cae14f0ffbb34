// The billing organization (2000A/2010AA) and the rendering staff (2420A): checks the payer's
// front-end edits apply before a claim is even looked at.

import type { ValidationIssue, X12Path } from '../domain/claim.js';
import { TAXONOMY_PATTERN, TIN_PATTERN, ZIP9_PATTERN, isValidNpi } from '../domain/identifiers.js';
import type { Organization } from '../domain/reference.js';
import { claimIssue, lineIssue, findingsOf, NONE } from './issue.js';
import { BILLING, linePath } from './paths.js';
import { CLAIM_FORMATS, X12_FORMATS, type Rule } from './rule.js';
import { isBlank, isPresent, looksLikePoBox } from './text.js';

export interface OrgField {
  label: string;
  value: (org: Organization) => string | undefined;
  path: X12Path;
  required: boolean;
  /** 837 element maximum length, when the element has one worth checking */
  max?: number;
}

export const ORG_FIELDS: readonly OrgField[] = [
  { label: 'organization name', value: (o) => o.name, path: BILLING.name, required: true, max: 60 },
  { label: 'address line 1', value: (o) => o.address.line1, path: BILLING.address1, required: true, max: 55 },
  { label: 'address line 2', value: (o) => o.address.line2, path: BILLING.address2, required: false, max: 55 },
  { label: 'city', value: (o) => o.address.city, path: BILLING.city, required: true, max: 30 },
  { label: 'state', value: (o) => o.address.state, path: BILLING.state, required: true },
  { label: 'ZIP code', value: (o) => o.address.zip, path: BILLING.zip, required: true },
  { label: 'contact name', value: (o) => o.contact.name, path: BILLING.contactName, required: true, max: 60 },
  { label: 'contact phone', value: (o) => o.contact.phone, path: BILLING.contactPhone, required: true },
];

export const billingNpiMissing: Rule = {
  code: 'BILLING_NPI_MISSING',
  severity: 'error',
  description: 'The billing provider must have an NPI on 837, CMS-1500 and UB-04 claims (providers without one bill by invoice).',
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    if (!isBlank(ctx.parties.organization.npi)) return NONE;
    return [claimIssue(billingNpiMissing, item, 'the billing provider has no NPI; add it to the organization profile or bill this payer by invoice', BILLING.npi)];
  },
};

export const npiCheckDigit: Rule = {
  code: 'NPI_CHECK_DIGIT',
  severity: 'error',
  description: "The billing provider's NPI is 10 digits with a valid check digit (Luhn over 80840 + the first nine digits).",
  check(item, ctx) {
    const npi = ctx.parties.organization.npi;
    if (!isPresent(npi) || isValidNpi(npi)) return NONE;
    const why = /^\d{10}$/.test(npi) ? 'its check digit does not match' : 'it is not 10 digits';
    return [claimIssue(npiCheckDigit, item, `the billing provider NPI is not valid: ${why}`, BILLING.npi)];
  },
};

export const tinFormat: Rule = {
  code: 'TIN_FORMAT',
  severity: 'error',
  description: 'The billing provider tax id (EIN) is exactly 9 digits.',
  check(item, ctx) {
    const tin = ctx.parties.organization.tin;
    if (!isBlank(tin) && TIN_PATTERN.test(tin)) return NONE;
    return [claimIssue(tinFormat, item, 'the billing provider tax id must be 9 digits with no dashes', BILLING.tin)];
  },
};

export const billingZip9: Rule = {
  code: 'BILLING_ZIP_9_DIGITS',
  severity: 'error',
  description: 'The 837 billing provider ZIP code has 9 digits (ZIP+4).',
  formats: X12_FORMATS,
  check(item, ctx) {
    const zip = ctx.parties.organization.address.zip;
    if (!isPresent(zip) || ZIP9_PATTERN.test(zip)) return NONE;
    return [claimIssue(billingZip9, item, 'the billing provider ZIP code must have 9 digits (ZIP+4) on an 837', BILLING.zip)];
  },
};

export const billingPoBox: Rule = {
  code: 'BILLING_ADDRESS_PO_BOX',
  severity: 'error',
  description: 'The 837 billing provider address is a street address, not a PO box.',
  formats: X12_FORMATS,
  check(item, ctx) {
    const address = ctx.parties.organization.address;
    const lines: [string | undefined, X12Path, string][] = [
      [address.line1, BILLING.address1, 'address line 1'],
      [address.line2, BILLING.address2, 'address line 2'],
    ];
    return lines
      .filter(([value]) => value !== undefined && looksLikePoBox(value))
      .map(([, path, label]) =>
        claimIssue(billingPoBox, item, `the billing provider ${label} is a PO box; an 837 needs the street address (send a PO box as the pay-to address instead)`, path),
      );
  },
};

export const taxonomyMissing: Rule = {
  code: 'TAXONOMY_MISSING',
  severity: 'error',
  description: 'The billing provider taxonomy code (PRV*BI) is sent on every 837.',
  formats: X12_FORMATS,
  check(item, ctx) {
    if (!isBlank(ctx.parties.organization.taxonomy)) return NONE;
    return [claimIssue(taxonomyMissing, item, 'the billing provider has no taxonomy code; add it to the organization profile', BILLING.taxonomy)];
  },
};

export const taxonomyFormat: Rule = {
  code: 'TAXONOMY_FORMAT',
  severity: 'error',
  description: 'A billing provider taxonomy code, when present, is 10 characters ending in X.',
  check(item, ctx) {
    const taxonomy = ctx.parties.organization.taxonomy;
    if (!isPresent(taxonomy) || TAXONOMY_PATTERN.test(taxonomy)) return NONE;
    return [claimIssue(taxonomyFormat, item, 'the billing provider taxonomy code must be 10 letters or digits ending in X (e.g. 251S00000X)', BILLING.taxonomy)];
  },
};

export const orgFieldMissing: Rule = {
  code: 'ORG_FIELD_MISSING',
  severity: 'error',
  description: 'The organization profile has a name, street address (line 1, city, state, ZIP) and a contact name and phone.',
  check(item, ctx) {
    return ORG_FIELDS.filter((f) => f.required && isBlank(f.value(ctx.parties.organization))).map((f) =>
      claimIssue(orgFieldMissing, item, `the organization profile has no ${f.label}`, f.path),
    );
  },
};

export const orgFieldTooLong: Rule = {
  code: 'ORG_FIELD_TOO_LONG',
  severity: 'error',
  description: 'Organization name (60), address lines (55), city (30) and contact name (60) fit their 837 elements.',
  formats: X12_FORMATS,
  check(item, ctx) {
    return findingsOf(ORG_FIELDS, (f) => {
      const value = f.value(ctx.parties.organization);
      if (f.max === undefined || value === undefined || value.trim().length <= f.max) return NONE;
      return [claimIssue(orgFieldTooLong, item, `the organization ${f.label} is ${value.trim().length} characters; the 837 allows ${f.max}`, f.path)];
    });
  },
};

export const renderingStaffUnknown: Rule = {
  code: 'RENDERING_STAFF_UNKNOWN',
  severity: 'error',
  description: 'Every line names a rendering staff member known to the staff list.',
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    return item.claim.lines
      .filter((line) => !ctx.parties.staff.has(line.renderingStaffId))
      .map((line) => lineIssue(renderingStaffUnknown, item, line, `rendering staff id "${line.renderingStaffId}" is not in the staff list`, linePath(ctx.format, 'rendering')));
  },
};

export const renderingNpiCheckDigit: Rule = {
  code: 'RENDERING_NPI_CHECK_DIGIT',
  severity: 'error',
  description: "A rendering staff member's NPI, when present, is 10 digits with a valid check digit.",
  formats: CLAIM_FORMATS,
  check(item, ctx) {
    return findingsOf(item.claim.lines, (line): readonly ValidationIssue[] => {
      const npi = ctx.parties.staff.get(line.renderingStaffId)?.npi;
      if (!isPresent(npi) || isValidNpi(npi)) return NONE;
      return [
        lineIssue(renderingNpiCheckDigit, item, line, `the NPI of rendering staff ${line.renderingStaffId} is not valid (10 digits with a matching check digit)`, linePath(ctx.format, 'rendering')),
      ];
    });
  },
};

export const PROVIDER_RULES: readonly Rule[] = [
  billingNpiMissing,
  npiCheckDigit,
  tinFormat,
  billingZip9,
  billingPoBox,
  taxonomyMissing,
  taxonomyFormat,
  orgFieldMissing,
  orgFieldTooLong,
  renderingStaffUnknown,
  renderingNpiCheckDigit,
];
