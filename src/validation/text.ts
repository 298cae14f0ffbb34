// Small predicates shared by the rule modules.

export function isBlank(value: string | undefined | null): boolean {
  return value === undefined || value === null || value.trim() === '';
}

export function isPresent(value: string | undefined | null): value is string {
  return !isBlank(value);
}

// Billers write PO boxes every way a form allows; the 837 billing provider address must be a
// street address, so catch the common spellings without flagging words like "Boxwood".
const PO_BOX = /\b(?:p\.?\s*o\.?\s*(?:box|bx|b|drawer)|post\s+office\s+(?:box|drawer)|postal\s+box|lock\s*box)\b/i;

export function looksLikePoBox(line: string): boolean {
  return PO_BOX.test(line);
}

// The usual 837 delimiters (element *, component :, repetition ^, segment ~) and control
// characters cannot travel inside a value without corrupting the interchange.
const X12_UNSAFE = /[*:^~\u0000-\u001f\u007f]/;

export function hasX12Separator(value: string): boolean {
  return X12_UNSAFE.test(value);
}
