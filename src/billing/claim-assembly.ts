// Coded service rows -> claim lines -> claims (domain.md, "From logged minutes to claim lines").
// Pure: the caller passes the rows still free to bill, the payers and members, and the limits.

import { Decimal } from 'decimal.js';
import type { FormatLimits } from '../codesets/index.js';
import type { Claim, ClaimLine, ValidationIssue } from '../domain/claim.js';
import type { Member, Payer } from '../domain/reference.js';
import type { CodedService } from '../domain/service-log.js';
import { periodOf } from '../domain/calendar.js';
import { normalizeDiagnosis } from '../domain/identifiers.js';
import { procedureKey } from './coding.js';
import { feeScheduleEntryOn } from './fee-schedule.js';
import { formatUnits, lineCharge, minutesToUnits } from './units.js';
import { fromCents, toCents } from '../domain/money.js';
import { groupBy } from '../domain/grouping.js';

export type { CodedService };

/** A claim before the store gives it an id; `key` is its natural key, stable across rebuilds. */
export type AssembledClaim = Omit<Claim, 'id' | 'status'> & { key: string };

export interface AssemblyInput {
  services: readonly CodedService[];
  payers: ReadonlyMap<string, Payer>;
  members: ReadonlyMap<string, Pick<Member, 'member_cin'>>;
  limits: FormatLimits;
  /** rows to keep off every claim, with the finding that says why (overlaps.ts) */
  held?: ReadonlyMap<string, ValidationIssue>;
}

export interface AssemblyResult {
  claims: AssembledClaim[];
  /** problems that kept rows off every claim (a line that rounds to zero units); a claim's own
   * problems travel on the claim */
  issues: ValidationIssue[];
}

interface DraftLine {
  payerId: string;
  /** code and modifiers as one string, computed once: lines are sorted by it */
  procedure: string;
  memberCin: string;
  serviceDate: string;
  code: string;
  modifiers: string[];
  staffId: string;
  placeOfService: string;
  activity: 'ecm' | 'outreach';
  minutes: number;
  diagnoses: string[];
  serviceIds: string[];
}

interface PricedLine extends DraftLine {
  units: Decimal;
  /** the fee-schedule rate as written in the payer profile, absent when there is none */
  rate: string | undefined;
  usedDefaultDiagnosis: boolean;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function groupIntoLines(services: readonly CodedService[]): DraftLine[] {
  const lines = new Map<string, DraftLine>();
  for (const s of services) {
    const procedure = procedureKey(s.code, s.modifiers);
    const key = `${s.payerId}|${s.memberCin}|${s.serviceDate}|${procedure}|${s.staffId}|${s.placeOfService}`;
    let line = lines.get(key);
    if (!line) {
      line = {
        payerId: s.payerId,
        procedure,
        memberCin: s.memberCin,
        serviceDate: s.serviceDate,
        code: s.code,
        modifiers: s.modifiers,
        staffId: s.staffId,
        placeOfService: s.placeOfService,
        activity: s.activity,
        minutes: 0,
        diagnoses: [],
        serviceIds: [],
      };
      lines.set(key, line);
    }
    line.minutes += s.minutes;
    line.serviceIds.push(s.serviceId);
    for (const dx of s.diagnoses) {
      const code = normalizeDiagnosis(dx);
      if (!line.diagnoses.includes(code)) line.diagnoses.push(code);
    }
  }
  return [...lines.values()];
}

function lineOrder(a: DraftLine, b: DraftLine): number {
  return (
    compare(a.payerId, b.payerId) ||
    compare(a.memberCin, b.memberCin) ||
    compare(a.serviceDate, b.serviceDate) ||
    compare(a.procedure, b.procedure) ||
    compare(a.staffId, b.staffId) ||
    compare(a.placeOfService, b.placeOfService)
  );
}

function describe(line: DraftLine): string {
  return `${line.serviceDate} ${[line.code, ...line.modifiers].join(' ')}`;
}

export function assembleClaims(input: AssemblyInput): AssemblyResult {
  const issues: ValidationIssue[] = [];
  const priced: PricedLine[] = [];
  const held = input.held;
  const services = held === undefined || held.size === 0 ? input.services : input.services.filter((s) => {
    const issue = held.get(s.serviceId);
    if (issue) issues.push(issue);
    return issue === undefined;
  });

  for (const line of groupIntoLines(services).sort(lineOrder)) {
    const payer = input.payers.get(line.payerId);
    if (!payer) throw new Error(`payer ${line.payerId} is not loaded`);
    const units = minutesToUnits(line.minutes, payer.units);
    if (units.isZero()) {
      issues.push({
        code: 'LINE_ROUNDS_TO_ZERO',
        severity: 'warning',
        message: `${line.serviceIds.join(', ')}: ${line.minutes} minutes of ${describe(line)} round to 0 units under ${payer.name}'s unit policy (${payer.units.increment}-unit increments, rounding ${payer.units.rounding}); not billable`,
        serviceIds: line.serviceIds,
      });
      continue;
    }
    let usedDefaultDiagnosis = false;
    if (line.diagnoses.length === 0 && payer.defaultDiagnosis) {
      line.diagnoses.push(normalizeDiagnosis(payer.defaultDiagnosis));
      usedDefaultDiagnosis = true;
    }
    const pricedLine = line as PricedLine;
    pricedLine.units = units;
    pricedLine.rate = feeScheduleEntryOn(payer, line.code, line.modifiers, line.serviceDate)?.rate;
    pricedLine.usedDefaultDiagnosis = usedDefaultDiagnosis;
    priced.push(pricedLine);
  }

  const byClaim = groupBy(priced, (line) => `${line.payerId}|${line.memberCin}|${periodOf(line.serviceDate)}`);

  const claims: AssembledClaim[] = [];
  for (const [key, lines] of byClaim) {
    const first = lines[0]!;
    const payer = input.payers.get(first.payerId)!;
    const format = payer.formats.preferred;
    const lineLimit = input.limits.linesPerClaim[format] ?? Number.POSITIVE_INFINITY;
    const dxLimit = input.limits.diagnosesPerClaim[format] ?? 12;
    const chunks = splitLines(lines, lineLimit, dxLimit);
    for (let split = 0; split < chunks.length; split++) claims.push(toClaim(`${key}|${split + 1}`, chunks[split]!, payer));
  }
  return { claims, issues };
}

/** Cut a claim's lines so that neither the line limit nor the diagnosis limit is exceeded. */
function splitLines(lines: PricedLine[], lineLimit: number, dxLimit: number): PricedLine[][] {
  const chunks: PricedLine[][] = [];
  let current: PricedLine[] = [];
  let dx = new Set<string>();
  for (const line of lines) {
    // A line points at its first four diagnoses; count the ones the claim does not have yet
    // (without building the merged set: this runs for every line of a build).
    const pointed = line.diagnoses.length > 4 ? line.diagnoses.slice(0, 4) : line.diagnoses;
    let added = 0;
    for (let i = 0; i < pointed.length; i++) if (!dx.has(pointed[i]!) && pointed.indexOf(pointed[i]!) === i) added++;
    if (current.length > 0 && (current.length >= lineLimit || dx.size + added > dxLimit)) {
      chunks.push(current);
      current = [];
      dx = new Set(pointed);
    } else {
      for (const d of pointed) dx.add(d);
    }
    current.push(line);
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function toClaim(key: string, lines: PricedLine[], payer: Payer): AssembledClaim {
  const diagnoses: string[] = [];
  const issues: ValidationIssue[] = [];
  const claimLines: ClaimLine[] = lines.map((line, index) => {
    // A line points at no more than four diagnoses (SV107 / box 24E).
    const pointers = line.diagnoses.slice(0, 4).map((dx) => {
      let at = diagnoses.indexOf(dx);
      if (at < 0) at = diagnoses.push(dx) - 1;
      return at + 1;
    });
    const units = formatUnits(line.units);
    const price = lineCharge(units, line.rate ?? '0');
    if (line.rate === undefined) {
      issues.push({
        code: 'FEE_SCHEDULE_MISSING',
        severity: 'error',
        message: `${line.serviceIds.join(', ')}: ${payer.name} has no fee-schedule rate for ${describe(line)} on that date`,
        path: { loop: '2400', segment: 'SV1', element: 'SV102' },
        serviceIds: line.serviceIds,
        lineNumber: index + 1,
      });
    }
    return {
      lineNumber: index + 1,
      serviceDate: line.serviceDate,
      code: line.code,
      modifiers: line.modifiers,
      placeOfService: line.placeOfService,
      renderingStaffId: line.staffId,
      minutes: line.minutes,
      units,
      rate: price.rate,
      charge: price.charge,
      diagnosisPointers: pointers,
      serviceIds: line.serviceIds,
      activity: line.activity,
    };
  });
  // Line charges are whole cents, so their sum is exact in cents.
  const totalCents = claimLines.reduce((sum, l) => sum + toCents(l.charge), 0);
  const first = lines[0]!;
  return {
    key,
    memberCin: first.memberCin,
    payerId: first.payerId,
    period: periodOf(first.serviceDate),
    format: payer.formats.preferred,
    frequency: '1',
    placeOfService: mostCommon(claimLines.map((l) => l.placeOfService)),
    diagnoses,
    defaultDiagnosisUsed: lines.some((l) => l.usedDefaultDiagnosis),
    totalCharge: fromCents(totalCents),
    lines: claimLines,
    issues,
  };
}

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0]!;
  for (const [v, n] of counts) if (n > (counts.get(best) ?? 0)) best = v;
  return best;
}
