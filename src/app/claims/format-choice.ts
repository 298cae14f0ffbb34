// Which format one claim goes out in. Pure: the caller supplies the claim's validation findings
// per format and the invoice elements it lacks, so the rule can be tested without a database and
// gives the same answer for the same facts.
//
// The order a billing office follows: the payer's preferred format; its fallback when that is a
// different claim format; and last the invoice with the DHCS minimum data elements, which DHCS
// lets any provider send when a standard claim cannot be produced. A claim that cannot even be
// invoiced is held with everything that stands in its way.

import type { Claim, ValidationIssue } from '../../domain/claim.js';
import { CLAIM_FORMAT_LABELS, type ClaimFormat, type Payer } from '../../domain/reference.js';
import { hasErrors } from '../../validation/runner.js';

export const PAYER_PREFERS_INVOICE = 'payer prefers invoice';
export const NO_BILLING_NPI = 'billing provider has no NPI';
export const INVOICE_MINIMUM_MISSING = 'INVOICE_MINIMUM_MISSING';

/** '837P', '837I', 'CMS-1500', 'UB-04' or 'invoice'. */
export function formatLabel(format: ClaimFormat): string {
  return CLAIM_FORMAT_LABELS[format];
}

export interface FormatEvidence {
  /** the claim's validation findings for a format; asked only for the formats the choice needs */
  issuesFor(format: ClaimFormat): readonly ValidationIssue[];
  /** the claim whose format is chosen: its id and source rows go on the issues raised here */
  claim: Pick<Claim, 'id' | 'lines'>;
  /** the invoice minimum elements the claim lacks, as missingInvoiceFields words them */
  invoiceMissing: readonly string[];
  /** whether the billing organization has an NPI */
  billingNpi: boolean;
}

export interface FormatChoice {
  format: ClaimFormat;
  /** ready: it can go in `format` as it is; held: it stays draft until its issues are fixed */
  outcome: 'ready' | 'held';
  /** why the format is not simply the payer's preferred one, or why the claim is held */
  reason?: string;
  /** the findings to keep on the claim: warnings when ready, everything in the way when held */
  issues: ValidationIssue[];
}

export function chooseClaimFormat(formats: Payer['formats'], evidence: FormatEvidence): FormatChoice {
  const preferred = formats.preferred;
  if (preferred === 'invoice') {
    const invoice = invoiceFindings(evidence);
    if (!hasErrors(invoice.issues)) return { format: 'invoice', outcome: 'ready', reason: PAYER_PREFERS_INVOICE, issues: invoice.issues };
    return { format: 'invoice', outcome: 'held', reason: `held: ${PAYER_PREFERS_INVOICE} and ${invoiceShortfall(invoice)}`, issues: invoice.issues };
  }

  const first = [...evidence.issuesFor(preferred)];
  if (!hasErrors(first)) return { format: preferred, outcome: 'ready', issues: first };
  const why = claimShortfall(preferred, first, evidence.billingNpi);

  const fallback = formats.fallback;
  if (fallback !== undefined && fallback !== preferred && fallback !== 'invoice') {
    const second = [...evidence.issuesFor(fallback)];
    if (!hasErrors(second)) return { format: fallback, outcome: 'ready', reason: why, issues: second };
  }

  const invoice = invoiceFindings(evidence);
  if (!hasErrors(invoice.issues)) return { format: 'invoice', outcome: 'ready', reason: why, issues: invoice.issues };
  return {
    format: preferred,
    outcome: 'held',
    reason: `held: ${why}, and ${invoiceShortfall(invoice)}`,
    issues: mergeIssues(first, invoice.issues),
  };
}

/** The invoice minimum as issues on the claim, so a held claim lists them with its other findings. */
export function invoiceMinimumIssues(claim: Pick<Claim, 'id' | 'lines'>, missing: readonly string[]): ValidationIssue[] {
  const serviceIds = [...new Set(claim.lines.flatMap((line) => line.serviceIds))];
  return missing.map((sentence) => ({
    code: INVOICE_MINIMUM_MISSING,
    severity: 'error',
    message: `Claim ${claim.id}: the invoice minimum is not met: ${sentence}`,
    serviceIds,
    claimId: claim.id,
  }));
}

interface InvoiceFindings {
  issues: ValidationIssue[];
  missing: readonly string[];
}

function invoiceFindings(evidence: FormatEvidence): InvoiceFindings {
  const missing = evidence.invoiceMissing;
  return { issues: mergeIssues([...evidence.issuesFor('invoice')], invoiceMinimumIssues(evidence.claim, missing)), missing };
}

// A missing NPI is the one reason billers recognise at once (atypical providers have none), so
// it is said in plain words; other shortfalls name the rules, which `claims show` explains.
function claimShortfall(format: ClaimFormat, issues: readonly ValidationIssue[], billingNpi: boolean): string {
  if (!billingNpi) return NO_BILLING_NPI;
  return `${formatLabel(format)} not possible: ${errorCodes(issues).join(', ')}`;
}

function invoiceShortfall(invoice: InvoiceFindings): string {
  const rules = errorCodes(invoice.issues.filter((i) => i.code !== INVOICE_MINIMUM_MISSING));
  return `the invoice minimum is not met (${[...invoice.missing, ...rules].join('; ')})`;
}

function errorCodes(issues: readonly ValidationIssue[]): string[] {
  return [...new Set(issues.filter((i) => i.severity === 'error').map((i) => i.code))];
}

/** Both lists, each finding once (a rule that applies to every format reports in both). */
function mergeIssues(first: readonly ValidationIssue[], second: readonly ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const issue of [...first, ...second]) {
    const key = `${issue.code}|${issue.lineNumber ?? ''}|${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  return out;
}
