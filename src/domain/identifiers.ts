// Shapes of the identifiers that payers check at the front door (domain.md, "Identifiers worth validating").

import { memoByText } from './memo.js';

export const CIN_PATTERN = /^\d{8}[A-Z]$/;
export const TIN_PATTERN = /^\d{9}$/;
export const ZIP_PATTERN = /^\d{5}(\d{4})?$/;
export const ZIP9_PATTERN = /^\d{9}$/;
export const HCPCS_PATTERN = /^[A-Z]\d{4}$/;
export const TAXONOMY_PATTERN = /^[0-9A-Z]{9}X$/;
export const ICD10_PATTERN = /^[A-Z]\d[0-9A-Z]{1,5}$/;
export const POS_PATTERN = /^\d{2}$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const TEN_DIGITS = /^\d{10}$/;
const POINTS = /\./g;

/** NPI check digit: Luhn over the prefix 80840 followed by the first nine digits. */
export function isValidNpi(npi: string): boolean {
  if (!TEN_DIGITS.test(npi)) return false;
  const digits = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === Number(npi[9]);
}

/** ICD-10-CM codes travel without the dot in X12 and on forms. */
// Every line of every claim names its diagnoses, a handful of distinct codes.
export const normalizeDiagnosis = memoByText((code: string): string => code.trim().toUpperCase().replace(POINTS, ''));

export function isValidIcd10(code: string): boolean {
  return ICD10_PATTERN.test(normalizeDiagnosis(code));
}
