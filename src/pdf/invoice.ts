// The invoice with the DHCS minimum data elements: the fallback when a standard claim cannot be
// produced. Which elements are required is data (codesets/invoice-fields.json) so it can follow
// DHCS guidance; this module builds the invoice and reads each element by its key.

import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';
import type { Address } from '../domain/reference.js';
import type { ClaimWithParties, SubmissionParties } from '../domain/submission.js';
import { isCalendarDate } from '../domain/calendar.js';
import { zipWithHyphen } from './address-text.js';
import { paymentTermsOn } from './invoice-terms.js';

export const INVOICE_FIELD_KEYS = [
  'invoice.number',
  'invoice.date',
  'invoice.servicePeriodStart',
  'invoice.servicePeriodEnd',
  'provider.name',
  'provider.npi',
  'provider.tin',
  'provider.address',
  'payer.name',
  'member.cin',
  'member.planMemberId',
  'member.name',
  'member.dob',
  'line.serviceDate',
  'line.code',
  'line.modifiers',
  'line.units',
  'line.rate',
  'line.charge',
] as const;
export type InvoiceFieldKey = (typeof INVOICE_FIELD_KEYS)[number];

const InvoiceFieldSchema = z.object({
  key: z.enum(INVOICE_FIELD_KEYS),
  label: z.string().min(1),
  required: z.boolean(),
  level: z.enum(['invoice', 'line']),
  missing: z.string().min(1),
});
export type InvoiceField = z.infer<typeof InvoiceFieldSchema>;

const InvoiceFieldsSchema = z.object({ source: z.string(), fields: z.array(InvoiceFieldSchema).min(1) });

let cachedFields: readonly InvoiceField[] | undefined;

export function loadInvoiceFields(): readonly InvoiceField[] {
  cachedFields ??= readDataFile('codesets/invoice-fields.json', InvoiceFieldsSchema).fields;
  return cachedFields;
}

export interface InvoiceProvider {
  name: string;
  npi?: string;
  tin: string;
  address: Address;
  phone: string;
}

export interface InvoicePayer {
  id: string;
  name: string;
  address?: Address;
}

export interface InvoiceMember {
  cin: string;
  planMemberId?: string;
  lastName: string;
  firstName: string;
  middleName?: string;
  dob?: string;
}

export interface InvoiceLine {
  claimId: string;
  lineNumber: number;
  member: InvoiceMember;
  serviceDate: string;
  code: string;
  modifiers: string[];
  /** decimal string, e.g. "0.75" */
  units: string;
  /** two decimals */
  rate: string;
  /** two decimals */
  charge: string;
}

export interface InvoiceMemberSection {
  member: InvoiceMember;
  lines: InvoiceLine[];
  subtotal: string;
}

export interface Invoice {
  number: string;
  /**
   * The day it was issued (YYYY-MM-DD): the injected clock's date when it was built. Renderers
   * read it from here, never from a clock, so a stored invoice renders the same again.
   */
  date: string;
  /** first and last date of service of its lines */
  servicePeriod: ServicePeriod;
  /** the prompt-pay terms in force on the day it was issued, with their legal source */
  paymentTerms: string;
  provider: InvoiceProvider;
  payer: InvoicePayer;
  /** one section per member, in the order the claims came */
  sections: InvoiceMemberSection[];
  /** every line of every section, in section order */
  lines: InvoiceLine[];
  total: string;
}

export interface ServicePeriod {
  from: string;
  to: string;
}

export class InvoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvoiceError';
  }
}

export function buildInvoice(
  parties: SubmissionParties,
  claims: readonly ClaimWithParties[],
  invoiceNumber: string,
  invoiceDate: string,
): Invoice {
  if (invoiceNumber.trim() === '') throw new InvoiceError('an invoice needs an invoice number');
  if (!isCalendarDate(invoiceDate)) throw new InvoiceError(`invoice date ${invoiceDate} is not a date written YYYY-MM-DD`);
  if (claims.length === 0) throw new InvoiceError(`invoice ${invoiceNumber} has no claims`);

  const sections = new Map<string, InvoiceMemberSection>();
  for (const { claim, member } of claims) {
    if (claim.payerId !== parties.payer.id) {
      throw new InvoiceError(`claim ${claim.id} is for payer ${claim.payerId}, not ${parties.payer.id}`);
    }
    if (claim.memberCin !== member.member_cin) {
      throw new InvoiceError(`claim ${claim.id} is for member ${claim.memberCin} but came with member ${member.member_cin}`);
    }
    const invoiceMember = toInvoiceMember(member);
    const section = sections.get(member.member_cin) ?? { member: invoiceMember, lines: [], subtotal: '0.00' };
    sections.set(member.member_cin, section);
    for (const line of claim.lines) {
      section.lines.push({
        claimId: claim.id,
        lineNumber: line.lineNumber,
        member: section.member,
        serviceDate: line.serviceDate,
        code: line.code,
        modifiers: [...line.modifiers],
        units: new Decimal(line.units).toString(),
        rate: new Decimal(line.rate).toFixed(2),
        charge: new Decimal(line.charge).toFixed(2),
      });
    }
  }

  const orderedSections = [...sections.values()].map((section) => ({ ...section, subtotal: sumCharges(section.lines) }));
  const lines = orderedSections.flatMap((section) => section.lines);
  const org = parties.organization;
  return {
    number: invoiceNumber.trim(),
    date: invoiceDate,
    servicePeriod: servicePeriodOf(lines),
    paymentTerms: paymentTermsOn(invoiceDate),
    provider: {
      name: org.name,
      ...(org.npi ? { npi: org.npi } : {}),
      tin: org.tin,
      address: org.address,
      phone: org.contact.phone,
    },
    payer: {
      id: parties.payer.id,
      name: parties.payer.name,
      ...(parties.payer.paperAddress ? { address: parties.payer.paperAddress } : {}),
    },
    sections: orderedSections,
    lines,
    total: sumCharges(lines),
  };
}

function toInvoiceMember(member: ClaimWithParties['member']): InvoiceMember {
  return {
    cin: member.member_cin,
    ...(member.plan_member_id ? { planMemberId: member.plan_member_id } : {}),
    lastName: member.last_name,
    firstName: member.first_name,
    ...(member.middle_name ? { middleName: member.middle_name } : {}),
    ...(member.dob ? { dob: member.dob } : {}),
  };
}

/** ISO dates sort as text, so the period is the smallest and largest date of service. */
function servicePeriodOf(lines: readonly InvoiceLine[]): ServicePeriod {
  const dates = lines.map((line) => line.serviceDate).filter((date) => date !== '').sort();
  return { from: dates[0] ?? '', to: dates.at(-1) ?? '' };
}

function sumCharges(lines: readonly InvoiceLine[]): string {
  return lines.reduce((sum, line) => sum.plus(line.charge), new Decimal(0)).toFixed(2);
}

/**
 * The sentences billing staff need to fix before this claim can go out as an invoice: one per
 * required element (codesets/invoice-fields.json) that is empty. The invoice number and date
 * are given when the invoice is built, so they are not checked here.
 */
export function missingInvoiceFields(parties: SubmissionParties, claimWithParties: ClaimWithParties): string[] {
  const invoice = buildInvoiceForCheck(parties, claimWithParties);
  const problems: string[] = [];
  const add = (sentence: string) => {
    if (!problems.includes(sentence)) problems.push(sentence);
  };
  for (const field of loadInvoiceFields()) {
    if (!field.required || field.key === 'invoice.number' || field.key === 'invoice.date') continue;
    if (field.level === 'invoice') {
      if (isBlank(invoiceFieldValue(field.key, invoice))) add(field.missing);
      continue;
    }
    for (const line of invoice.lines) {
      if (isBlank(invoiceFieldValue(field.key, invoice, line))) add(field.missing.replace('{line}', String(line.lineNumber)));
    }
  }
  if (invoice.lines.length === 0) add(`claim ${claimWithParties.claim.id} has no service lines`);
  return problems;
}

// The claim is read as it is, without buildInvoice's consistency checks, so that every
// missing element is reported at once rather than the first inconsistency thrown.
function buildInvoiceForCheck(parties: SubmissionParties, { claim, member }: ClaimWithParties): Invoice {
  const invoiceMember = toInvoiceMember(member);
  const lines: InvoiceLine[] = claim.lines.map((line) => ({
    claimId: claim.id,
    lineNumber: line.lineNumber,
    member: invoiceMember,
    serviceDate: line.serviceDate,
    code: line.code,
    modifiers: line.modifiers,
    units: line.units,
    rate: line.rate,
    charge: line.charge,
  }));
  const org = parties.organization;
  return {
    number: '',
    date: '',
    servicePeriod: servicePeriodOf(lines),
    paymentTerms: '',
    provider: { name: org.name, ...(org.npi ? { npi: org.npi } : {}), tin: org.tin, address: org.address, phone: org.contact.phone },
    payer: { id: parties.payer.id, name: parties.payer.name },
    sections: [{ member: invoiceMember, lines, subtotal: '' }],
    lines,
    total: '',
  };
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/** The text of one element, as the CSV carries it; undefined when the invoice has none. */
export function invoiceFieldValue(key: InvoiceFieldKey, invoice: Invoice, line?: InvoiceLine): string | undefined {
  switch (key) {
    case 'invoice.number':
      return invoice.number;
    case 'invoice.date':
      return invoice.date;
    case 'invoice.servicePeriodStart':
      return invoice.servicePeriod.from || undefined;
    case 'invoice.servicePeriodEnd':
      return invoice.servicePeriod.to || undefined;
    case 'provider.name':
      return invoice.provider.name;
    case 'provider.npi':
      return invoice.provider.npi;
    case 'provider.tin':
      return invoice.provider.tin;
    case 'provider.address':
      return oneLineAddress(invoice.provider.address);
    case 'payer.name':
      return invoice.payer.name;
    case 'member.cin':
      return line?.member.cin;
    case 'member.planMemberId':
      return line?.member.planMemberId;
    case 'member.name':
      return line ? memberName(line.member) : undefined;
    case 'member.dob':
      return line?.member.dob;
    case 'line.serviceDate':
      return line?.serviceDate;
    case 'line.code':
      return line?.code;
    case 'line.modifiers':
      return line?.modifiers.join(' ');
    case 'line.units':
      return line?.units;
    case 'line.rate':
      return line?.rate;
    case 'line.charge':
      return line?.charge;
  }
}

/** "Garcia, Maria L": how a person reads a member's name on a list. */
export function memberName(member: Pick<InvoiceMember, 'lastName' | 'firstName' | 'middleName'>): string {
  const given = [member.firstName, member.middleName].filter((part): part is string => !!part && part.trim() !== '').join(' ');
  return `${member.lastName.trim()}, ${given.trim()}`;
}

export function oneLineAddress(address: Address | undefined): string | undefined {
  if (!address) return undefined;
  const street = [address.line1, address.line2].filter((part): part is string => !!part && part.trim() !== '').join(', ');
  return `${street}, ${address.city}, ${address.state} ${zipWithHyphen(address.zip)}`;
}
