// The last check before an 837 leaves: every segment we are about to write, exactly as the
// writer will clean it, against our element table (element-rules.ts), plus the few guide rules
// that span segments (claim balance, diagnosis pointers, the billing provider's ZIP+4).
//
// It reads the same lazy segment sequence the writer will read, so a run costs one extra pass
// and no memory for the text. Messages name elements and lengths, never the values: they end up
// in logs and screens, and the values are member data.

import type { ValidationIssue } from '../../domain/claim.js';
import { EXACT_ZERO, exactEquals, exactPlus, exactToString, parseExact, type ExactDecimal } from '../../domain/exact-decimal.js';
import { isCalendarDate } from '../../domain/calendar.js';
import { memoByText } from '../../domain/memo.js';
import { HI_COMPOSITES_837I, segmentRule, type ElementRule, type FieldRule, type RuleFormat } from './element-rules.js';
import { elementRef, type SegmentContext, type X12Segment } from './segment.js';
import { X12Serializer, type Separators, type WriterOptions } from './writer.js';

export interface SegmentRulesOptions {
  separators?: Partial<Separators>;
  /** only for checkedSegmentWriter: a line feed after each segment */
  newline?: boolean;
  /** which guide; by default read from GS08 (005010X223A2 means 837I, anything else 837P) */
  format?: RuleFormat;
}

interface Where {
  loop: string;
  segment: string;
  element?: string;
}

// Patterns live here, not inline: a regular expression literal is a new object each time it is
// evaluated, and these are evaluated for millions of elements.
const EIGHT_DIGITS = /^\d{8}$/;
const SIX_DIGITS = /^\d{6}$/;
const NINE_DIGITS = /^\d{9}$/;
const DIGITS = /^\d+$/;
const TIME = /^(\d{2})(\d{2})(?:(\d{2})\d{0,2})?$/;
const CODE = /^[A-Za-z0-9]+$/;
const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?(\d+(\.\d+)?|\.\d+)$/;
const DIGIT_THEN_POINT = /\d\./;
const BARE_POINT = /^(-?)\./;
const SIGN_AND_POINT = /[-.]/g;
const DATE_RANGE = /^\d{8}-\d{8}$/;

// A file repeats the same few hundred dates (service days, birth dates, the submission date)
// hundreds of thousands of times; each is worked out once.
const isDate = memoByText(
  (v: string): boolean =>
    EIGHT_DIGITS.test(v) ? isCalendarDate(`${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6)}`) : SIX_DIGITS.test(v) && isCalendarDate(`20${v.slice(0, 2)}-${v.slice(2, 4)}-${v.slice(4)}`),
  100_000,
);

function isTime(v: string): boolean {
  const m = TIME.exec(v);
  return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60 && (m[3] === undefined || Number(m[3]) < 60);
}

const TYPE_CHECKS: Record<ElementRule['type'], { test: (v: string) => boolean; what: string }> = {
  AN: { test: () => true, what: 'text' },
  ID: { test: (v) => CODE.test(v), what: 'a code (letters and digits)' },
  N0: { test: (v) => INTEGER.test(v), what: 'an integer' },
  R: { test: (v) => DECIMAL.test(v), what: 'a decimal number' },
  DT: { test: isDate, what: 'a date' },
  TM: { test: isTime, what: 'a time HHMM' },
};

function at(context: SegmentContext, segmentId: string, position: number): Where {
  return { loop: context.loop, segment: segmentId, element: elementRef(segmentId, position) };
}

/** An R element's value; X12 allows ".5" where decimal strings elsewhere write "0.5". */
function rValue(value: string): ExactDecimal | undefined {
  if (!TYPE_CHECKS.R.test(value)) return undefined;
  return parseExact(value.includes('.') && !DIGIT_THEN_POINT.test(value) ? value.replace(BARE_POINT, '$10.') : value);
}

/** X12 counts only the digits of numeric types: no sign, no decimal point. */
function measuredLength(value: string, type: ElementRule['type']): number {
  return type === 'R' || type === 'N0' ? value.replace(SIGN_AND_POINT, '').length : value.length;
}

function textAt(values: CleanedValues, i: number): string {
  const v = values[i];
  return typeof v === 'string' ? v : '';
}

interface ClaimState {
  context: SegmentContext;
  total?: ExactDecimal;
  lines: ExactDecimal;
  diagnoses: number;
}

type CleanedValues = readonly (string | readonly string[])[];

class SegmentRuleChecker {
  readonly issues: ValidationIssue[] = [];
  readonly serializer: X12Serializer;
  private format: RuleFormat | undefined;
  private claim: ClaimState | undefined;

  constructor(options: SegmentRulesOptions) {
    this.serializer = new X12Serializer({ separators: options.separators ?? {}, newline: options.newline ?? false });
    this.format = options.format;
  }

  private issue(code: string, context: SegmentContext | undefined, where: Where, message: string): void {
    const prefix = context?.claimId ? `Claim ${context.claimId}${context.lineNumber !== undefined ? ` line ${context.lineNumber}` : ''}: ` : '';
    this.issues.push({
      code,
      severity: 'error',
      message: `${prefix}${message}`,
      path: where,
      serviceIds: [...(context?.serviceIds ?? [])],
      ...(context?.claimId ? { claimId: context.claimId } : {}),
      ...(context?.lineNumber !== undefined ? { lineNumber: context.lineNumber } : {}),
    });
  }

  /** Checks one segment and returns its elements as the writer will carry them. */
  check(seg: X12Segment): CleanedValues {
    if (seg.id === 'GS' && this.format === undefined) this.format = seg.elements[7] === '005010X223A2' ? '837i' : '837p';
    if (seg.id === 'CLM' || seg.id === 'HL' || seg.id === 'SE') this.finishClaim();
    let values = this.serializer.cleanElements(seg.elements);
    // The writer puts its own separators in ISA11 and ISA16.
    if (seg.id === 'ISA') {
      const isa = [...values];
      isa[10] = this.serializer.separators.repetition;
      isa[15] = this.serializer.separators.component;
      values = isa;
    }
    const context = seg.context;
    if (!context) {
      this.issue('X12_SEGMENT_UNPLACED', undefined, { loop: '', segment: seg.id }, `segment ${seg.id} carries no loop, so its rules cannot be found`);
      return values;
    }
    const rule = segmentRule(this.format ?? '837p', context.loop, seg.id);
    if (!rule) {
      this.issue('X12_SEGMENT_UNKNOWN', context, { loop: context.loop, segment: seg.id }, `segment ${seg.id} in loop ${context.loop} has no rule in the 837 element table`);
      return values;
    }
    if (values.length > rule.fields.length) {
      this.issue('X12_ELEMENT_EXTRA', context, { loop: context.loop, segment: seg.id, element: elementRef(seg.id, rule.fields.length + 1) }, `${seg.id} has ${values.length} elements; the table knows ${rule.fields.length}`);
    }
    for (let i = 0; i < rule.fields.length; i++) this.field(seg.id, context, i + 1, rule.fields[i]!, values[i]);
    if (rule.pairs) {
      for (const [a, b] of rule.pairs) {
        const hasA = (values[a - 1] ?? '').length > 0;
        if (hasA !== (values[b - 1] ?? '').length > 0) {
          this.issue('X12_ELEMENT_PAIR', context, { loop: context.loop, segment: seg.id, element: elementRef(seg.id, hasA ? b : a) }, `${elementRef(seg.id, a)} and ${elementRef(seg.id, b)} must be sent together`);
        }
      }
    }
    this.crossChecks(seg.id, context, values);
    return values;
  }

  // Where an element sits (at()) is only spelled out when something is wrong with it: a file
  // has millions of elements and almost all of them are fine.
  private field(segmentId: string, context: SegmentContext, position: number, rule: FieldRule, value: string | readonly string[] | undefined): void {
    const empty = value === undefined || value.length === 0;
    if (empty) {
      if (rule.usage === 'R') this.issue('X12_ELEMENT_REQUIRED', context, at(context, segmentId, position), `${context.loop} ${segmentId}: required element ${elementRef(segmentId, position)} is empty`);
      return;
    }
    if (rule.usage === 'N') {
      this.issue('X12_ELEMENT_NOT_USED', context, at(context, segmentId, position), `${context.loop} ${segmentId}: element ${elementRef(segmentId, position)} is not used in this loop but has a value`);
      return;
    }
    if (rule.kind === 'element') {
      if (typeof value !== 'string') {
        this.issue('X12_ELEMENT_SHAPE', context, at(context, segmentId, position), `${elementRef(segmentId, position)} is a simple element but was given components`);
        return;
      }
      this.value(context, segmentId, position, undefined, rule, value);
      return;
    }
    const components = typeof value === 'string' ? [value] : value;
    if (components.length > rule.components.length) {
      this.issue('X12_ELEMENT_EXTRA', context, at(context, segmentId, position), `${elementRef(segmentId, position)} has ${components.length} components; the table knows ${rule.components.length}`);
    }
    for (let j = 0; j < rule.components.length; j++) {
      const c = rule.components[j]!;
      const v = components[j] ?? '';
      if (v === '') {
        if (c.usage === 'R') {
          const element = elementRef(segmentId, position, j + 1);
          this.issue('X12_ELEMENT_REQUIRED', context, { loop: context.loop, segment: segmentId, element }, `${context.loop} ${segmentId}: required component ${element} is empty`);
        }
        continue;
      }
      this.value(context, segmentId, position, j + 1, c, v);
    }
  }

  private value(context: SegmentContext, segmentId: string, position: number, component: number | undefined, rule: ElementRule, value: string): void {
    const length = measuredLength(value, rule.type);
    const type = TYPE_CHECKS[rule.type];
    const tooLong = length > rule.max;
    const tooShort = !tooLong && length < rule.min;
    const badType = !type.test(value);
    if (!tooLong && !tooShort && !badType) return;
    const where = { loop: context.loop, segment: segmentId, element: elementRef(segmentId, position, component) };
    if (tooLong) this.issue('X12_ELEMENT_TOO_LONG', context, where, `${context.loop} ${where.segment}: ${where.element} is ${length} characters; at most ${rule.max} are allowed`);
    else if (tooShort) this.issue('X12_ELEMENT_TOO_SHORT', context, where, `${context.loop} ${where.segment}: ${where.element} is ${length} characters; at least ${rule.min} are needed`);
    if (badType) this.issue('X12_ELEMENT_TYPE', context, where, `${context.loop} ${where.segment}: ${where.element} must be ${type.what}`);
  }

  private crossChecks(segmentId: string, context: SegmentContext, values: CleanedValues): void {
    const loop = context.loop;
    if (segmentId === 'N4' && loop === '2010AA' && !NINE_DIGITS.test(textAt(values, 2))) {
      this.issue('X12_BILLING_ZIP', context, { loop, segment: 'N4', element: 'N403' }, 'the billing provider ZIP code must have 9 digits (ZIP+4)');
    }
    if (segmentId === 'DTP' || segmentId === 'DMG') {
      const dtp = segmentId === 'DTP';
      const qualifier = textAt(values, dtp ? 1 : 0);
      const period = textAt(values, dtp ? 2 : 1);
      const ok = qualifier === 'D8' ? isDate(period) && period.length === 8 : qualifier === 'RD8' ? DATE_RANGE.test(period) && isDate(period.slice(0, 8)) && isDate(period.slice(9)) && period.slice(0, 8) <= period.slice(9) : true;
      if (period !== '' && !ok) {
        const ref = dtp ? 'DTP03' : 'DMG02';
        this.issue('X12_DATE_FORMAT', context, { loop, segment: segmentId, element: ref }, `${ref} does not fit its format ${qualifier}`);
      }
    }
    if (segmentId === 'CLM') {
      const parsed = rValue(textAt(values, 1));
      this.claim = parsed ? { context, lines: EXACT_ZERO, diagnoses: 0, total: parsed } : { context, lines: EXACT_ZERO, diagnoses: 0 };
    }
    if (segmentId === 'HI' && this.claim) this.diagnosisSegment(context, values);
    if ((segmentId === 'SV1' || segmentId === 'SV2') && this.claim) {
      const charge = textAt(values, segmentId === 'SV1' ? 1 : 2);
      const parsed = rValue(charge);
      if (parsed) this.claim.lines = exactPlus(this.claim.lines, parsed);
    }
    if (segmentId === 'SV1' && this.claim) {
      const pointers = values[6];
      for (const p of typeof pointers === 'string' ? [pointers] : (pointers ?? [])) {
        if (DIGITS.test(p) && (Number(p) < 1 || Number(p) > this.claim.diagnoses)) {
          this.issue('X12_DIAGNOSIS_POINTER', context, { loop, segment: 'SV1', element: 'SV107' }, `diagnosis pointer ${p} points past the ${this.claim.diagnoses} diagnoses of the claim`);
        }
      }
    }
  }

  private diagnosisSegment(context: SegmentContext, values: CleanedValues): void {
    const qualifiers = values.map((v) => (typeof v === 'string' ? v : (v[0] ?? '')));
    const pointable = qualifiers.filter((q) => q === 'ABK' || q === 'ABF').length;
    this.claim!.diagnoses += pointable;
    if (this.format !== '837i') {
      if (qualifiers[0] !== 'ABK' || qualifiers.slice(1).some((q) => q !== 'ABF')) {
        this.issue('X12_DIAGNOSIS_QUALIFIER', context, { loop: context.loop, segment: 'HI', element: 'HI01-01' }, 'the 837P HI starts with one ABK (principal) followed only by ABF');
      }
      return;
    }
    const first = qualifiers[0] ?? '';
    const limit = HI_COMPOSITES_837I[first];
    if (limit === undefined || qualifiers.some((q) => q !== first)) {
      this.issue('X12_DIAGNOSIS_QUALIFIER', context, { loop: context.loop, segment: 'HI', element: 'HI01-01' }, 'each 837I HI segment carries one kind of code: ABK, APR or ABF');
    } else if (qualifiers.length > limit) {
      this.issue('X12_DIAGNOSIS_COUNT', context, { loop: context.loop, segment: 'HI', element: elementRef('HI', limit + 1) }, `an 837I ${first} HI segment carries at most ${limit} codes`);
    }
  }

  finishClaim(): void {
    const claim = this.claim;
    this.claim = undefined;
    if (!claim?.total || exactEquals(claim.total, claim.lines)) return;
    this.issue(
      'X12_CLAIM_UNBALANCED',
      claim.context,
      { loop: '2300', segment: 'CLM', element: 'CLM02' },
      `the claim total ${exactToString(claim.total)} is not the sum of its line charges ${exactToString(claim.lines)}`,
    );
  }
}

/** Segments checked and written one at a time (see checkedSegmentWriter). */
export interface CheckedSegmentWriter {
  /** the segment's text, from the same cleaned values the check saw */
  text(seg: X12Segment): string;
  /** ends the last claim's checks and returns every finding */
  finish(): ValidationIssue[];
}

/**
 * The check and the writing in one pass: each segment is checked and its text produced from the
 * same cleaned values, so the file carries exactly what was checked and nothing is cleaned twice.
 * A run may cover a whole interchange or any run of whole claims (with `format` given).
 */
export function checkedSegmentWriter(options: SegmentRulesOptions & WriterOptions = {}): CheckedSegmentWriter {
  const checker = new SegmentRuleChecker(options);
  const serializer = checker.serializer;
  return {
    text: (seg) => {
      const values = checker.check(seg);
      return seg.id === 'ISA' ? serializer.segment(seg) : serializer.cleanedSegment(seg.id, values);
    },
    finish: () => {
      checker.finishClaim();
      return checker.issues;
    },
  };
}

/**
 * Runs the element table over a rendered interchange (as built by build837p / build837i) and
 * returns what would make the payer reject it. Empty means it may be written.
 */
export function checkSegmentRules(segments: Iterable<X12Segment>, options: SegmentRulesOptions = {}): ValidationIssue[] {
  const checker = new SegmentRuleChecker(options);
  for (const seg of segments) checker.check(seg);
  checker.finishClaim();
  return checker.issues;
}
