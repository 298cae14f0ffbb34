// The ISA/GS/ST ... SE/GE/IEA envelope around transaction sets, with the counts and control
// numbers a receiver checks first. Transaction sets arrive as lazy segment streams; the trailers
// are computed by counting while passing them through.

import type { InterchangeControl, SubmissionClock } from '../domain/submission.js';
import type { Payer } from '../domain/reference.js';
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

/**
 * One interchange with one functional group holding the given transaction sets, numbered
 * control.transaction, control.transaction + 1, ... in order.
 */
export function* interchange(header: InterchangeHeader, transactionSets: Iterable<TransactionSet>): Generator<X12Segment> {
  const { interchange: ids, clock, control } = header;
  const isa13 = String(checkControl('interchange', control.interchange)).padStart(9, '0');
  const group = String(checkControl('group', control.group));
  checkControl('transaction set', control.transaction);
  const separators = header.separators ?? DEFAULT_SEPARATORS;
  const loop = { loop: 'ISA_LOOP' };

  yield segment(
    'ISA',
    [
      '00', '', '00', '',
      ids.senderQualifier, ids.senderId, ids.receiverQualifier, ids.receiverId,
      x12ShortDate(clock.date), x12Time(clock.time),
      separators.repetition, '00501', isa13,
      header.acknowledgmentRequested ? '1' : '0', ids.usageIndicator, separators.component,
    ],
    loop,
  );
  yield segment(
    'GS',
    [
      header.functionalId,
      ids.applicationSenderCode ?? ids.senderId,
      ids.applicationReceiverCode ?? ids.receiverId,
      x12Date(clock.date), x12Time(clock.time), group, 'X', header.version,
    ],
    { loop: 'GS_LOOP' },
  );

  let sets = 0;
  for (const set of transactionSets) {
    const st02 = transactionControlNumber(control.transaction + sets);
    sets++;
    yield segment('ST', [set.id, st02, set.implementationReference], { loop: 'ST_LOOP' });
    let count = 1;
    for (const seg of set.body) {
      count++;
      yield seg;
    }
    count++;
    yield segment('SE', [String(count), st02], { loop: 'ST_LOOP' });
  }
  yield segment('GE', [String(sets), group], { loop: 'GS_LOOP' });
  yield segment('IEA', ['1', isa13], loop);
}
