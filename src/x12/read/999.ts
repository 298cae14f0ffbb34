// 999 (005010X231A1) transaction set -> the acknowledgment of one functional group we sent.
// IK3/IK4/CTX are folded into sentences such as
//   claim C000002: CLM05-03 at segment position 22 in loop 2300: invalid code value (found "9")

import type { FileAcknowledgment } from '../../domain/remittance.js';
import { ELEMENT_ERRORS, GROUP_ERRORS, SEGMENT_ERRORS, TRANSACTION_SET_ERRORS, describeCode } from './999-codes.js';
import type { SegmentView } from './segments.js';

export type GroupAcknowledgment = Pick<FileAcknowledgment, 'groupControlNumber' | 'transactions' | 'groupStatus'>;
type TransactionAck = FileAcknowledgment['transactions'][number];

type GroupStatus = FileAcknowledgment['groupStatus'];
const GROUP_STATUSES: readonly GroupStatus[] = ['A', 'E', 'P', 'R', 'M', 'W', 'X'];

function isGroupStatus(code: string): code is GroupStatus {
  return (GROUP_STATUSES as readonly string[]).includes(code);
}
/** IK501 codes under which the transaction set was accepted (E: accepted with errors noted). */
const ACCEPTED_TRANSACTION_CODES: ReadonlySet<string> = new Set(['A', 'E']);

interface SegmentErrorInProgress {
  segmentId: string;
  position: string;
  loop: string;
  code: string;
  /** business identifiers from CTX, e.g. "claim C000002" */
  context: string[];
  triggers: string[];
  elementErrors: string[];
}

export class FileAcknowledgmentTransactionReader {
  #groupControlNumber: string | undefined;
  #groupStatus: GroupStatus | undefined;
  #groupErrors: string[] = [];
  readonly #transactions: TransactionAck[] = [];
  #transaction: TransactionAck | undefined;
  #segmentError: SegmentErrorInProgress | undefined;
  #statusSeen = false;

  accept(segment: SegmentView): void {
    switch (segment.id) {
      case 'AK1':
        if (this.#groupControlNumber !== undefined) segment.fail('a 999 transaction set acknowledges one functional group; found a second AK1');
        this.#groupControlNumber = segment.required(2, 'group control number');
        return;
      case 'AK2':
        this.#closeTransaction(segment);
        this.#statusSeen = false;
        this.#transaction = { transactionControlNumber: segment.required(2, 'transaction set control number'), accepted: false, errors: [] };
        return;
      case 'IK3':
        this.#requireTransaction(segment);
        this.#flushSegmentError();
        this.#segmentError = {
          segmentId: segment.element(1),
          position: segment.element(2),
          loop: segment.element(3),
          code: segment.element(4),
          context: [],
          triggers: [],
          elementErrors: [],
        };
        return;
      case 'CTX':
        this.#readContext(segment);
        return;
      case 'IK4':
        this.#readElementError(segment);
        return;
      case 'IK5':
        this.#readTransactionStatus(segment);
        return;
      case 'AK9':
        this.#closeTransaction(segment);
        this.#readGroupStatus(segment);
        return;
      default:
        return;
    }
  }

  finish(trailer: SegmentView): GroupAcknowledgment {
    this.#closeTransaction(trailer);
    if (this.#groupControlNumber === undefined) trailer.fail('the 999 transaction set has no AK1 (which functional group it acknowledges)');
    if (this.#groupStatus === undefined) trailer.fail('the 999 transaction set has no AK9 (functional group status)');
    // FileAcknowledgment has no place for group-level errors; each transaction carries them.
    if (this.#groupErrors.length > 0) for (const t of this.#transactions) t.errors.push(...this.#groupErrors);
    return { groupControlNumber: this.#groupControlNumber, groupStatus: this.#groupStatus, transactions: this.#transactions };
  }

  #requireTransaction(segment: SegmentView): TransactionAck {
    if (this.#transaction === undefined) segment.fail(`${segment.id} outside a transaction set response (no AK2 before it)`);
    return this.#transaction;
  }

  #readContext(segment: SegmentView): void {
    const pending = this.#segmentError;
    if (pending === undefined) return;
    const name = segment.component(1, 1);
    const reference = segment.component(1, 2);
    if (name === 'SITUATIONAL TRIGGER') {
      const where = [segment.element(2), segment.element(3) && `at position ${segment.element(3)}`].filter((s) => s !== '').join(' ');
      if (where !== '') pending.triggers.push(`required because of ${where}`);
      return;
    }
    pending.context.push(name === 'CLM01' ? `claim ${reference}` : `${name} ${reference}`.trim());
  }

  #readElementError(segment: SegmentView): void {
    const pending = this.#segmentError;
    if (pending === undefined) segment.fail('IK4 without the IK3 that names its segment');
    const elementPosition = segment.component(1, 1);
    const componentPosition = segment.component(1, 2);
    const reference = segment.element(2);
    const bad = segment.element(4);
    const where = `${pending.segmentId}${elementPosition.padStart(2, '0')}${componentPosition !== '' ? `-${componentPosition.padStart(2, '0')}` : ''}`;
    const detail = [describeCode(ELEMENT_ERRORS, segment.element(3)), reference !== '' ? `data element ${reference}` : '', bad !== '' ? `found "${bad}"` : '']
      .filter((s) => s !== '')
      .join('; ');
    pending.elementErrors.push(`${where}${this.#placeOf(pending)}: ${detail}`);
  }

  #readTransactionStatus(segment: SegmentView): void {
    const transaction = this.#requireTransaction(segment);
    this.#flushSegmentError();
    const code = segment.required(1, 'transaction set acknowledgment code');
    this.#statusSeen = true;
    transaction.accepted = ACCEPTED_TRANSACTION_CODES.has(code);
    const listedSegments = transaction.errors.length > 0;
    for (let n = 2; n <= 6; n++) {
      const error = segment.element(n);
      if (error === '' || (listedSegments && (error === '5' || error === 'I5'))) continue;
      transaction.errors.push(`transaction set ${transaction.transactionControlNumber}: ${describeCode(TRANSACTION_SET_ERRORS, error)}`);
    }
    if (!transaction.accepted && transaction.errors.length === 0) transaction.errors.push(`transaction set ${transaction.transactionControlNumber}: rejected (IK501 ${code})`);
  }

  #readGroupStatus(segment: SegmentView): void {
    const status = segment.required(1, 'functional group acknowledge code');
    if (!isGroupStatus(status)) segment.fail(`AK901 "${status}" is not a functional group acknowledge code (A, E, P, R, M, W, X)`);
    this.#groupStatus = status;
    for (let n = 5; n <= 9; n++) {
      const error = segment.element(n);
      if (error !== '') this.#groupErrors.push(`functional group: ${describeCode(GROUP_ERRORS, error)}`);
    }
  }

  #placeOf(pending: SegmentErrorInProgress): string {
    return `${pending.position !== '' ? ` at segment position ${pending.position}` : ''}${pending.loop !== '' ? ` in loop ${pending.loop}` : ''}`;
  }

  #flushSegmentError(): void {
    const pending = this.#segmentError;
    const transaction = this.#transaction;
    this.#segmentError = undefined;
    if (pending === undefined || transaction === undefined) return;
    const prefix = pending.context.length > 0 ? `${pending.context.join(', ')}: ` : '';
    const suffix = pending.triggers.length > 0 ? ` (${pending.triggers.join('; ')})` : '';
    if (pending.elementErrors.length === 0) {
      transaction.errors.push(`${prefix}${pending.segmentId}${this.#placeOf(pending)}: ${describeCode(SEGMENT_ERRORS, pending.code)}${suffix}`);
      return;
    }
    for (const error of pending.elementErrors) transaction.errors.push(`${prefix}${error}${suffix}`);
  }

  #closeTransaction(at: SegmentView): void {
    this.#flushSegmentError();
    if (this.#transaction === undefined) return;
    if (!this.#statusSeen) at.fail(`the response to transaction set ${this.#transaction.transactionControlNumber} (AK2) ends without its IK5 status`);
    this.#transactions.push(this.#transaction);
    this.#transaction = undefined;
  }
}
