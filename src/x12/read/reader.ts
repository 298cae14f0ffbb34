// Reads what a payer sends back (999, 277CA, 835) from a stream into the records of
// domain/remittance.ts. The file streams through x12-parser; only the records are kept.
// The envelope is checked strictly (control numbers, segment and group counts, every
// trailer present): a truncated file raises PayerFileError instead of yielding part of itself.

import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { X12parser, type FormattedSegment } from 'x12-parser';
import type { ClaimAcknowledgment, FileAcknowledgment, PayerResponse, Remittance } from '../../domain/remittance.js';
import { FileAcknowledgmentTransactionReader } from './999.js';
import { ClaimAcknowledgmentTransactionReader } from './277ca.js';
import { RemittanceTransactionReader } from './835.js';
import { PayerFileError } from './payer-file-error.js';
import { InterchangeGuard, type Separators } from './interchange-guard.js';
import { SegmentView } from './segments.js';

export { PayerFileError, type PayerFileLocation } from './payer-file-error.js';

export type PayerResponseKind = PayerResponse['kind'];

/**
 * Reads a file that holds exactly one payer response. A 999 that acknowledges several
 * functional groups holds several; read those with readPayerResponses.
 */
export async function readPayerFile(input: NodeJS.ReadableStream | Readable): Promise<PayerResponse> {
  const responses = await readPayerResponses(input);
  const [only] = responses;
  if (only !== undefined && responses.length === 1) return only;
  if (responses.length === 0) throw new PayerFileError('the interchange holds no 835, 277CA or 999 transaction set');
  throw new PayerFileError(`the file holds ${responses.length} payer responses (${responses.map((r) => r.kind).join(', ')}); read it with readPayerResponses`);
}

/**
 * Every response in the interchange: one Remittance for all 835 transaction sets, one
 * ClaimAcknowledgment for all 277CA sets, and one FileAcknowledgment per 999 set (each
 * acknowledges one functional group).
 */
export async function readPayerResponses(input: NodeJS.ReadableStream | Readable): Promise<PayerResponse[]> {
  const guard = new InterchangeGuard();
  const reader = new InterchangeReader(() => guard.separators, () => guard.endsWithTerminator);
  // Leaving the for-await early destroys the parser with an AbortError that can reach the
  // pipeline before the reader's own error does; the reader's error is the one worth showing.
  let failure: unknown;
  try {
    await pipeline(input, guard, new X12parser('utf8'), async (segments: AsyncIterable<unknown>) => {
      for await (const segment of segments) {
        if (!isSegment(segment)) continue;
        try {
          reader.accept(segment);
        } catch (error) {
          failure = error;
          throw error;
        }
      }
    });
  } catch (error) {
    throw failure ?? error;
  }
  return reader.finish();
}

function isSegment(value: unknown): value is FormattedSegment {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** Most elements each segment may carry (X12 5010), to catch separators the ISA got wrong. */
const MAX_ELEMENTS: Readonly<Record<string, number>> = {
  ISA: 16, GS: 8, ST: 3, SE: 2, GE: 2, IEA: 2, TA1: 5,
  BPR: 21, TRN: 4, CUR: 21, REF: 4, DTM: 6, N1: 6, N3: 2, N4: 7, PER: 9, RDM: 5, LX: 1, TS3: 24, TS2: 19,
  CLP: 14, CAS: 19, NM1: 12, MIA: 24, MOA: 9, AMT: 3, QTY: 4, SVC: 7, LQ: 2, PLB: 14,
  BHT: 6, HL: 4, DTP: 3, STC: 12,
  AK1: 3, AK2: 3, IK3: 4, CTX: 6, IK4: 4, IK5: 6, AK9: 9,
};

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

const FUNCTIONAL_ID: Readonly<Record<PayerResponseKind, string>> = { '835': 'HP', '277CA': 'HN', '999': 'FA' };

type TransactionReader =
  | { kind: '835'; reader: RemittanceTransactionReader }
  | { kind: '277CA'; reader: ClaimAcknowledgmentTransactionReader }
  | { kind: '999'; reader: FileAcknowledgmentTransactionReader };

interface OpenGroup {
  header: SegmentView;
  controlNumber: string;
  date: string;
  transactionSets: number;
}

interface OpenTransaction {
  header: SegmentView;
  controlNumber: string;
  segments: number;
  reader: TransactionReader;
}

class InterchangeReader {
  #position = 0;
  #header: SegmentView | undefined;
  #ended = false;
  #group: OpenGroup | undefined;
  #groupCount = 0;
  #firstGroupDate: string | undefined;
  #transaction: OpenTransaction | undefined;
  #remittance: Remittance | undefined;
  #claimAcknowledgment: ClaimAcknowledgment | undefined;
  readonly #fileAcknowledgments: FileAcknowledgment[] = [];

  /** held back one step: when the file stops, a cut-off last segment means truncation */
  #pending: FormattedSegment | undefined;

  constructor(
    private readonly separators: () => Separators | undefined,
    private readonly endsWithTerminator: () => boolean,
  ) {}

  accept(raw: FormattedSegment): void {
    if (raw.name === '' && Object.keys(raw).length === 1) return;
    const previous = this.#pending;
    this.#pending = raw;
    if (previous !== undefined) this.#read(previous);
  }

  #read(raw: FormattedSegment): void {
    this.#dispatch(this.#shape(raw));
  }

  /** Checks what the separators decide (segment id, element count) and places the segment. */
  #shape(raw: FormattedSegment): SegmentView {
    this.#position++;
    const position = this.#position;
    if (!SEGMENT_ID.test(raw.name)) {
      const shown = raw.name.length > 24 ? `${raw.name.slice(0, 24)}...` : raw.name;
      throw new PayerFileError(`"${shown}" is not a segment id: the file does not use the separators its ISA declares${this.#declared()}`, { position, ...this.#inTransaction() });
    }
    const segment: SegmentView = new SegmentView(raw, position, this.#transaction?.controlNumber);
    const max = MAX_ELEMENTS[segment.id];
    if (max !== undefined && segment.hasMoreElementsThan(max)) {
      segment.fail(`${segment.elementCount} elements where a ${segment.id} has at most ${max}: the segments do not end with the terminator the ISA declares${this.#declared()}`);
    }
    return segment;
  }

  #dispatch(segment: SegmentView): void {
    if (this.#ended) segment.fail(segment.id === 'ISA' ? 'a second interchange follows the IEA; one interchange per file is read' : 'data after the IEA that closes the interchange');
    if (this.#header === undefined) {
      if (segment.id !== 'ISA') segment.fail('the file must start with an ISA segment');
      this.#header = segment;
      return;
    }
    switch (segment.id) {
      case 'ISA':
        return segment.fail('an ISA inside an interchange that has not ended (IEA missing)');
      case 'GS':
        this.#openGroup(segment);
        return;
      case 'GE':
        this.#closeGroup(segment);
        return;
      case 'IEA':
        this.#closeInterchange(segment);
        return;
      case 'ST':
        this.#openTransaction(segment);
        return;
      case 'SE':
        this.#closeTransaction(segment);
        return;
      case 'TA1':
        if (this.#group === undefined) return;
        break;
      default:
        break;
    }
    const transaction = this.#transaction;
    if (transaction === undefined) segment.fail(`${segment.id} outside a transaction set (every segment but the envelope sits between ST and SE)`);
    transaction.segments++;
    transaction.reader.reader.accept(segment);
  }

  finish(): PayerResponse[] {
    const last = this.#pending;
    this.#pending = undefined;
    if (last !== undefined) {
      if (!this.endsWithTerminator() && last.name.length < 2 && Object.keys(last).length === 1) {
        // cut inside the segment id itself
        this.#failIncomplete(` (its last segment, "${last.name}" at position ${this.#position + 1}, is cut short)`);
      }
      const segment = this.#shape(last);
      try {
        this.#dispatch(segment);
      } catch (error) {
        // A last segment without its terminator that does not read was cut off mid-way.
        if (!this.endsWithTerminator()) this.#failIncomplete(` (its last segment, ${segment.id} at position ${segment.position}, is cut short)`);
        throw error;
      }
    }
    this.#failIncomplete('');
    const responses: PayerResponse[] = [];
    if (this.#remittance) responses.push(this.#remittance);
    if (this.#claimAcknowledgment) responses.push(this.#claimAcknowledgment);
    responses.push(...this.#fileAcknowledgments);
    return responses;
  }

  #failIncomplete(detail: string): void {
    if (this.#header === undefined) throw new PayerFileError('the file holds no segments');
    const transaction = this.#transaction;
    if (transaction !== undefined) {
      throw new PayerFileError(`the file ends inside this transaction set, before its SE: it is truncated${detail}`, {
        segment: 'ST',
        position: transaction.header.position,
        transaction: transaction.controlNumber,
      });
    }
    if (this.#group !== undefined) {
      throw new PayerFileError(`the file ends inside functional group ${this.#group.controlNumber}, before its GE: it is truncated${detail}`, { segment: 'GS', position: this.#group.header.position });
    }
    if (!this.#ended) throw new PayerFileError(`the file ends after ${this.#position} segments without a complete IEA closing the interchange: it is truncated${detail}`, { position: this.#position });
  }

  #declared(): string {
    const s = this.separators();
    return s === undefined ? '' : ` (element ${JSON.stringify(s.element)}, component ${JSON.stringify(s.component)}, segment ${JSON.stringify(s.segment)})`;
  }

  #inTransaction(): { transaction?: string } {
    return this.#transaction !== undefined ? { transaction: this.#transaction.controlNumber } : {};
  }

  #envelope(): { interchangeControlNumber: string; senderId: string; date: string } {
    const header = this.#header;
    if (header === undefined) throw new PayerFileError('no ISA header');
    return {
      interchangeControlNumber: header.element(13),
      senderId: header.element(6),
      date: this.#firstGroupDate ?? '',
    };
  }

  #openGroup(segment: SegmentView): void {
    if (this.#transaction !== undefined) segment.fail(`GS inside transaction set ${this.#transaction.controlNumber}, whose SE is missing`);
    if (this.#group !== undefined) segment.fail(`GS before the GE of functional group ${this.#group.controlNumber}`);
    const date = segment.requiredDate(4, 'functional group date');
    this.#firstGroupDate ??= date;
    this.#group = { header: segment, controlNumber: segment.required(6, 'group control number'), date, transactionSets: 0 };
  }

  #closeGroup(segment: SegmentView): void {
    if (this.#transaction !== undefined) segment.fail(`GE before the SE of transaction set ${this.#transaction.controlNumber}: the transaction set is cut short`);
    const group = this.#group;
    if (group === undefined) segment.fail('GE without the GS that opens its group');
    if (segment.element(2) !== group.controlNumber) segment.fail(`GE02 "${segment.element(2)}" does not match GS06 "${group.controlNumber}"`);
    if (segment.element(1) !== String(group.transactionSets)) segment.fail(`GE01 says ${segment.element(1)} transaction sets, the group holds ${group.transactionSets}`);
    this.#group = undefined;
    this.#groupCount++;
  }

  #closeInterchange(segment: SegmentView): void {
    if (this.#transaction !== undefined) segment.fail(`IEA before the SE of transaction set ${this.#transaction.controlNumber}`);
    if (this.#group !== undefined) segment.fail(`IEA before the GE of functional group ${this.#group.controlNumber}`);
    const controlNumber = this.#header?.element(13) ?? '';
    if (segment.element(2) !== controlNumber) segment.fail(`IEA02 "${segment.element(2)}" does not match ISA13 "${controlNumber}"`);
    if (Number(segment.element(1)) !== this.#groupCount) segment.fail(`IEA01 says ${segment.element(1)} functional groups, the interchange holds ${this.#groupCount}`);
    this.#ended = true;
  }

  #openTransaction(segment: SegmentView): void {
    const group = this.#group;
    if (group === undefined) segment.fail('ST outside a functional group (no GS before it)');
    if (this.#transaction !== undefined) segment.fail(`ST before the SE of transaction set ${this.#transaction.controlNumber}`);
    const controlNumber = segment.required(2, 'transaction set control number');
    const view = new SegmentView(segment.raw, segment.position, controlNumber);
    this.#transaction = { header: view, controlNumber, segments: 1, reader: readerFor(detectKind(view, group.header)) };
  }

  #closeTransaction(segment: SegmentView): void {
    const transaction = this.#transaction;
    const group = this.#group;
    if (transaction === undefined || group === undefined) segment.fail('SE without the ST that opens its transaction set');
    transaction.segments++;
    if (segment.element(2) !== transaction.controlNumber) segment.fail(`SE02 "${segment.element(2)}" does not match ST02 "${transaction.controlNumber}"`);
    if (segment.element(1) !== String(transaction.segments)) {
      segment.fail(`SE01 says ${segment.element(1)} segments, the transaction set holds ${transaction.segments}: segments are missing or extra`);
    }
    this.#collect(transaction.reader, segment, group);
    this.#transaction = undefined;
    group.transactionSets++;
  }

  #collect(transaction: TransactionReader, trailer: SegmentView, group: OpenGroup): void {
    switch (transaction.kind) {
      case '835': {
        transaction.reader.finish(trailer);
        this.#remittance ??= { kind: '835', ...this.#envelope(), payments: [] };
        this.#remittance.payments.push(...transaction.reader.payments);
        return;
      }
      case '277CA': {
        transaction.reader.finish(trailer);
        this.#claimAcknowledgment ??= { kind: '277CA', ...this.#envelope(), claims: [] };
        this.#claimAcknowledgment.claims.push(...transaction.reader.claims);
        return;
      }
      case '999': {
        const acknowledgment = transaction.reader.finish(trailer);
        this.#fileAcknowledgments.push({ kind: '999', ...this.#envelope(), date: group.date, ...acknowledgment });
        return;
      }
    }
  }
}

function detectKind(st: SegmentView, gs: SegmentView): PayerResponseKind {
  const id = st.required(1, 'transaction set identifier code');
  const version = st.element(3) || gs.element(8);
  const kind = kindOf(id, version, st);
  if (!version.startsWith('00501')) st.fail(`version "${version}" (ST03/GS08): only 5010 payer responses are read`);
  const functionalId = gs.element(1);
  if (functionalId !== FUNCTIONAL_ID[kind]) {
    gs.fail(`GS01 "${functionalId}" does not fit the ${kind} transaction set at position ${st.position} (expected "${FUNCTIONAL_ID[kind]}")`);
  }
  return kind;
}

function kindOf(id: string, version: string, st: SegmentView): PayerResponseKind {
  switch (id) {
    case '835':
      return '835';
    case '999':
      return '999';
    case '277':
      if (version.startsWith('005010X214')) return '277CA';
      return st.fail(`a 277 with version "${version}" is a claim status response, not a 277CA claim acknowledgment (005010X214)`);
    case '837':
      return st.fail('this is an 837 claim file, not a payer response');
    default:
      return st.fail(`transaction set ${id} is not a 999, 277CA or 835`);
  }
}

function readerFor(kind: PayerResponseKind): TransactionReader {
  switch (kind) {
    case '835':
      return { kind, reader: new RemittanceTransactionReader() };
    case '277CA':
      return { kind, reader: new ClaimAcknowledgmentTransactionReader() };
    case '999':
      return { kind, reader: new FileAcknowledgmentTransactionReader() };
  }
}
