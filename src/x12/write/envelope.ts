// The ISA/GS/ST ... SE/GE/IEA envelope around transaction sets, with the counts and control
// numbers a receiver checks first. Transaction sets arrive as lazy segment streams; the trailers
// are computed by counting while passing them through.

import type { InterchangeControl, SubmissionClock } from '../../domain/submission.js';
import type { Payer } from '../../domain/reference.js';
import { segment, type X12Segment } from './segment.js';
import { x12Date, x12ShortDate, x12Time } from './values.js';
import { DEFAULT_SEPARATORS, type Separators } from './writer.js';

export interface InterchangeHeader {
  /** sender/receiver ids, usage indicator and application codes from the payer profile */
  interchange: Payer['interchange'];
  clock: SubmissionClock;
  control: InterchangeControl;
  /** GS01, e.g. "HC" for health care claims */
  functionalId: string;
  /** GS08, e.g. "005010X222A1" */
  version: string;
  /** ISA14: ask the receiver for a TA1 */
  acknowledgmentRequested?: boolean;
  /** only to fill ISA11/ISA16 for readers of the segments; the writer enforces its own */
  separators?: Separators;
}

export interface TransactionSet {
  /** ST01, e.g. "837" */
  id: string;
  /** ST03, the implementation guide version */
  implementationReference: string;
  /** the segments between ST and SE */
  body: Iterable<X12Segment>;
}

const MAX_CONTROL = 999_999_999;

function checkControl(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONTROL) {
    throw new RangeError(`${name} control number must be an integer from 1 to ${MAX_CONTROL}, got ${value}`);
  }
  return value;
}

/**
 * Fails fast, before anything is written, when the control numbers cannot cover `sets`
 * transaction sets or the clock is not a real date and time.
 */
export function checkEnvelopeInputs(control: InterchangeControl, clock: SubmissionClock, sets: number): void {
  checkControl('interchange', control.interchange);
  checkControl('group', control.group);
  checkControl('transaction set', control.transaction);
  checkControl('last transaction set', control.transaction + Math.max(sets, 1) - 1);
  x12Date(clock.date);
  x12Time(clock.time);
}

/** ST02/SE02: data element 329 is 4 to 9 characters, so small numbers are zero-padded to 4. */
export function transactionControlNumber(value: number): string {
  return String(checkControl('transaction set', value)).padStart(4, '0');
}

function envelopeNumbers(header: InterchangeHeader): { isa13: string; group: string } {
  const { control } = header;
  checkControl('transaction set', control.transaction);
  return { isa13: String(checkControl('interchange', control.interchange)).padStart(9, '0'), group: String(checkControl('group', control.group)) };
}

/** ISA and GS. */
export function interchangeOpening(header: InterchangeHeader): X12Segment[] {
  const { interchange: ids, clock } = header;
  const { isa13, group } = envelopeNumbers(header);
  const separators = header.separators ?? DEFAULT_SEPARATORS;
  return [
    segment(
      'ISA',
      [
        '00', '', '00', '',
        ids.senderQualifier, ids.senderId, ids.receiverQualifier, ids.receiverId,
        x12ShortDate(clock.date), x12Time(clock.time),
        separators.repetition, '00501', isa13,
        header.acknowledgmentRequested ? '1' : '0', ids.usageIndicator, separators.component,
      ],
      ISA_LOOP,
    ),
    segment(
      'GS',
      [
        header.functionalId,
        ids.applicationSenderCode ?? ids.senderId,
        ids.applicationReceiverCode ?? ids.receiverId,
        x12Date(clock.date), x12Time(clock.time), group, 'X', header.version,
      ],
      GS_LOOP,
    ),
  ];
}

/** ST of the index-th transaction set (from 0), numbered control.transaction + index. */
export function transactionOpening(header: InterchangeHeader, index: number, set: Pick<TransactionSet, 'id' | 'implementationReference'>): X12Segment {
  return segment('ST', [set.id, transactionControlNumber(header.control.transaction + index), set.implementationReference], ST_LOOP);
}

/** SE of the index-th transaction set, which holds `segments` segments counting ST and SE. */
export function transactionClosing(header: InterchangeHeader, index: number, segments: number): X12Segment {
  return segment('SE', [String(segments), transactionControlNumber(header.control.transaction + index)], ST_LOOP);
}

/** GE and IEA after `sets` transaction sets. */
export function interchangeClosing(header: InterchangeHeader, sets: number): X12Segment[] {
  const { isa13, group } = envelopeNumbers(header);
  return [segment('GE', [String(sets), group], GS_LOOP), segment('IEA', ['1', isa13], ISA_LOOP)];
}

const ISA_LOOP = { loop: 'ISA_LOOP' };
const GS_LOOP = { loop: 'GS_LOOP' };
const ST_LOOP = { loop: 'ST_LOOP' };

/**
 * One interchange with one functional group holding the given transaction sets, numbered
 * control.transaction, control.transaction + 1, ... in order.
 */
export function* interchange(header: InterchangeHeader, transactionSets: Iterable<TransactionSet>): Generator<X12Segment> {
  yield* interchangeOpening(header);
  let sets = 0;
  for (const set of transactionSets) {
    const index = sets++;
    yield transactionOpening(header, index, set);
    let count = 1;
    for (const seg of set.body) {
      count++;
      yield seg;
    }
    yield transactionClosing(header, index, count + 1);
  }
  yield* interchangeClosing(header, sets);
}
