// A problem with one input row, said so a biller can fix it: which line, which column, what is wrong.

import type { z } from 'zod';

export interface RowIssue {
  line?: number;
  column?: string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}

export type RowOutcome<T> = { ok: true; value: T; warnings: RowIssue[] } | { ok: false; errors: RowIssue[] };

export function rowError(line: number | undefined, column: string | undefined, code: string, message: string): RowIssue {
  return { line, column, severity: 'error', code, message };
}

/** Turns zod's findings into sentences that name the column ("dob is not a real calendar date"). */
export function zodRowIssues(error: z.ZodError, line: number | undefined, record?: Record<string, unknown>): RowIssue[] {
  return error.issues.map((issue) => {
    const column = issue.path.map(String).join('.') || undefined;
    const value = column && record ? record[column.split('.')[0]!] : undefined;
    const missing = issue.code === 'invalid_type' && (value === undefined || value === '' || value === null);
    const message = missing ? 'is required' : issue.message.startsWith('Invalid') ? describeZodIssue(issue) : issue.message;
    return rowError(line, column, 'INVALID_VALUE', column ? `${column} ${message}` : message);
  });
}

function describeZodIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_type':
      return `must be a ${issue.expected}`;
    default:
      return issue.message.toLowerCase();
  }
}

export function formatRowIssue(issue: RowIssue): string {
  const where = [issue.line !== undefined ? `line ${issue.line}` : undefined, issue.column ? `column ${issue.column}` : undefined].filter(Boolean).join(', ');
  return where ? `${where}: ${issue.message}` : issue.message;
}
