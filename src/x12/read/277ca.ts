// 277CA (005010X214) transaction set -> one acknowledgment per claim (loop 2200D). Only the
// claim level is read: the information-receiver (2200B) and provider (2200C) levels carry
// counts, and the payer lists every claim it rejected at 2200D as well.
// Where the facts sit in the guide: our claim id (CLM01, the patient control number) is
// TRN02 of 2200D; the payer's claim control number is 2200D REF*1K; the claim's status is
// STC01 (category:status:entity) with STC10/STC11 as further statuses and STC02 their
// effective date; the payer's date stamp is DTP*050 of 2200A ("information source receipt
// date"), which covers every claim of that transmission. DTP*472 is the service date.

import type { ClaimAcknowledgment } from '../../domain/remittance.js';
import { normalizeAmount } from '../../domain/money.js';
import type { SegmentView } from './segments.js';

type AcknowledgedClaim = ClaimAcknowledgment['claims'][number];

/** Claim status category codes (STC01-01) that mean the claim did not enter adjudication. */
export const REJECTED_CATEGORIES: ReadonlySet<string> = new Set(['A3', 'A4', 'A6', 'A7', 'A8']);
/** Categories that acknowledge receipt or acceptance into adjudication. */
export const ACCEPTED_CATEGORIES: ReadonlySet<string> = new Set(['A0', 'A1', 'A2', 'A5']);

/** STC01, STC10 and STC11 each hold a claim status composite. */
const STATUS_COMPOSITES = [1, 10, 11] as const;

interface ClaimInProgress {
  claim: AcknowledgedClaim;
  statusDate?: string;
  categories: string[];
}

export class ClaimAcknowledgmentTransactionReader {
  readonly claims: AcknowledgedClaim[] = [];
  #level = '';
  /** 2200A DTP*050: the date the payer received the transmission, its date stamp */
  #sourceReceiptDate: string | undefined;
  #current: ClaimInProgress | undefined;
  /** inside a 2220D service line, whose STC must not be read as the claim's */
  #inLine = false;

  accept(segment: SegmentView): void {
    switch (segment.id) {
      case 'HL':
        this.#close();
        this.#level = segment.required(3, 'hierarchical level code');
        if (this.#level === '20') this.#sourceReceiptDate = undefined;
        return;
      case 'DTP':
        if (this.#level === '20' && segment.element(1) === '050') this.#sourceReceiptDate = segment.toDate(segment.required(3, 'receipt date'), 3, 'information source receipt date');
        return;
      case 'TRN':
        if (this.#level !== 'PT') return;
        this.#close();
        this.#current = { claim: { claimId: segment.required(2, 'patient control number'), accepted: false, statusCodes: [] }, categories: [] };
        return;
      case 'STC':
        if (this.#level === 'PT' && !this.#inLine) this.#readStatus(segment);
        return;
      case 'REF':
        if (this.#current !== undefined && !this.#inLine && segment.element(1) === '1K') this.#current.claim.payerClaimControlNumber = segment.required(2, 'payer claim control number');
        return;
      case 'SVC':
        if (this.#level === 'PT') this.#inLine = true;
        return;
      default:
        return;
    }
  }

  finish(_trailer: SegmentView): void {
    this.#close();
  }

  #readStatus(segment: SegmentView): void {
    const current = this.#current;
    if (current === undefined) segment.fail('claim status (STC) before the TRN that names the claim');
    for (const n of STATUS_COMPOSITES) {
      const parts = segment.components(n);
      if (parts.length === 0) continue;
      current.categories.push(parts[0] ?? '');
      current.claim.statusCodes.push(parts.join(':'));
    }
    if (current.statusDate === undefined) {
      const date = segment.date(2, 'status information effective date');
      if (date !== undefined) current.statusDate = date;
    }
    const charge = segment.element(4);
    if (charge !== '' && current.claim.totalCharge === undefined) {
      const normalized = normalizeAmount(charge);
      if (normalized === undefined) segment.fail(`STC04 (total claim charge amount) "${charge}" is not an amount`);
      current.claim.totalCharge = normalized;
    }
    const message = segment.element(12);
    if (message !== '') current.claim.message = current.claim.message === undefined ? message : `${current.claim.message}; ${message}`;
  }

  #close(): void {
    this.#inLine = false;
    const current = this.#current;
    if (current === undefined) return;
    this.#current = undefined;
    const { claim, categories } = current;
    const rejected = categories.some((c) => REJECTED_CATEGORIES.has(c));
    // A claim with no acceptance category is not in adjudication either: billing staff must look.
    claim.accepted = !rejected && categories.some((c) => ACCEPTED_CATEGORIES.has(c));
    const received = this.#sourceReceiptDate ?? current.statusDate;
    if (received !== undefined) claim.receivedDate = received;
    this.claims.push(claim);
  }
}
