// The payment terms an invoice states. California's prompt-pay deadline and interest change by
// law (AB 3275 moved clean claims received from 2026 to 30 calendar days), so the wording and
// the date each version starts are data: codesets/invoice-payment-terms.json.

import { z } from 'zod';
import { readDataFile } from '../codesets/index.js';
import { isCalendarDate } from '../domain/calendar.js';

const calendarDate = z.string().refine(isCalendarDate, 'must be a date written YYYY-MM-DD');

const PaymentTermsSchema = z
  .object({
    source: z.string(),
    terms: z
      .array(z.object({ from: calendarDate, text: z.string().min(1), citation: z.string().min(1) }))
      .min(1),
  })
  .refine((file) => file.terms.every((entry, i) => i === 0 || (file.terms[i - 1]?.from ?? '') < entry.from), {
    message: 'terms must be listed oldest first, each from a later date',
  });
type PaymentTermsFile = z.infer<typeof PaymentTermsSchema>;

let cached: PaymentTermsFile | undefined;

function loadPaymentTerms(): PaymentTermsFile {
  cached ??= readDataFile('codesets/invoice-payment-terms.json', PaymentTermsSchema);
  return cached;
}

/**
 * The terms in force on the day the invoice is issued, with their legal source. The law counts
 * from the plan's receipt, which the provider cannot know when it prints the invoice; the issue
 * date is the nearest date it has, and only an invoice issued days before a change can differ.
 */
export function paymentTermsOn(issued: string): string {
  const file = loadPaymentTerms();
  const inForce = file.terms.filter((entry) => entry.from <= issued).at(-1);
  if (!inForce) throw new Error(`codesets/invoice-payment-terms.json has no payment terms for an invoice issued ${issued}`);
  return `${inForce.text} Source: ${inForce.citation}.`;
}
