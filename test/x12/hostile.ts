// A large batch of claims whose text fields carry everything that breaks naive X12 writers:
// apostrophes, hyphens, accents, the default separators, other separators, control characters.

import { Decimal } from 'decimal.js';
import type { Member, Payer, Staff } from '../../src/domain/reference.js';
import type { ClaimWithParties, SubmissionParties } from '../../src/domain/submission.js';
import { claim, healthNet, line, sampleOrganization } from './fixtures.js';

/** Deterministic PRNG (mulberry32) so a failure can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HOSTILE_LAST = ["Núñez", "O'Brien-Nguyen", 'Smith*Jones', 'Tilde~Lopez', 'Colon:Park', 'Caret^Kim', 'Zoë Ŝtefan', 'Łukasz-Ørsted', "D'Angelo ~*:^", 'Quote"Mark', 'Tab\tNew\nLine', 'Müller|Straße', 'Ñandú 👍'];
export const HOSTILE_FIRST = ['José', 'María-José', 'Ann*Marie', 'Renée', "D'Arcy", 'Chloé:Lou', 'Ævar', 'Zoë^', 'Ünal~'];
const STREETS = ['12 Elm St. #4', '455 Elm Ave*Apt 2', 'Calle Peñasco 7~B', '1400 N "A" St:Rear', 'Shelter Bed ^12'];
const NOTES = ['call back*later', 'left msg: ~no answer~', 'caret ^ test', 'señora said "ok"'];

export function hostileParties(): SubmissionParties {
  const org = sampleOrganization();
  const payer: Payer = { ...healthNet(), name: "Health Net* of Calif~ornia: Medi-Cal^ (l'Été)" };
  const staff = new Map<string, Staff>([
    ['S001', { staff_id: 'S001', last_name: 'Okafor*Núñez', first_name: 'Adaeze~', role: 'clinical', npi: '1543210987', taxonomy: '163W00000X' }],
    ['S002', { staff_id: 'S002', last_name: "Reyes-O'Hara", first_name: 'Dániel:', role: 'non_clinical' }],
    ['S003', { staff_id: 'S003', last_name: 'Chen^', first_name: 'Lily', role: 'clinical', npi: '1678901236', taxonomy: '1041C0700X' }],
  ]);
  return {
    organization: { ...org, name: 'Bright*Path: Community ~ Services^ Ñ', contact: { ...org.contact, name: "Billing O'Ffice*~" } },
    payer,
    staff,
  };
}

const CODES = [
  { code: 'G9008', modifiers: ['U1'], rate: '165.00' },
  { code: 'G9008', modifiers: ['U1', 'GQ'], rate: '165.00' },
  { code: 'G9012', modifiers: ['U2'], rate: '120.00' },
  { code: 'G9012', modifiers: ['U2', 'GQ'], rate: '120.00' },
  { code: 'G9012', modifiers: ['U8'], rate: '80.00' },
];
const UNITS = ['0.25', '0.5', '0.75', '1', '1.25', '1.5', '2', '3.75'];
const DIAGNOSES = ['Z59.00', 'Z59.01', 'I10', 'F32.9', 'Z60.2', 'Z56.0', 'F17.210', 'Z76.89'];
const POS = ['12', '10', '02', '04', '11', '27'];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

/** `count` claims spread over count / 5 members, one to six lines each. */
export function hostileClaims(count: number, seed = 837): ClaimWithParties[] {
  const rand = prng(seed);
  const members: Member[] = [];
  const memberCount = Math.max(1, Math.floor(count / 5));
  for (let m = 0; m < memberCount; m++) {
    members.push({
      member_cin: `${String(10_000_000 + m).slice(-8)}${String.fromCharCode(65 + (m % 26))}`,
      last_name: `${pick(rand, HOSTILE_LAST)} ${m}`,
      first_name: pick(rand, HOSTILE_FIRST),
      middle_name: m % 3 === 0 ? 'Ö*' : undefined,
      dob: `19${50 + (m % 50)}-0${1 + (m % 9)}-1${m % 10}`,
      sex: m % 2 ? 'F' : 'M',
      address_line1: `${pick(rand, STREETS)} (${pick(rand, NOTES)})`,
      address_line2: m % 4 === 0 ? 'Apt ~3*' : undefined,
      city: 'San José*',
      state: 'CA',
      zip: m % 2 ? '95822' : '958221234',
      payer_id: 'healthnet',
    });
  }
  const out: ClaimWithParties[] = [];
  for (let i = 0; i < count; i++) {
    const member = members[i % memberCount]!;
    const diagnoses = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(rand, DIAGNOSES)))];
    const claimPos = pick(rand, POS);
    const lines = Array.from({ length: 1 + Math.floor(rand() * 6) }, (_, j) => {
      const c = pick(rand, CODES);
      const units = pick(rand, UNITS);
      return line(j + 1, {
        serviceDate: `2026-10-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`,
        code: c.code,
        modifiers: c.modifiers,
        rate: c.rate,
        units,
        charge: new Decimal(units).times(c.rate).toFixed(2),
        renderingStaffId: pick(rand, ['S001', 'S002', 'S003']),
        placeOfService: rand() < 0.7 ? claimPos : pick(rand, POS),
        diagnosisPointers: [...new Set([1, 1 + Math.floor(rand() * diagnoses.length)])],
        serviceIds: [`SL-${i}-${j}`],
      });
    });
    const frequency = i % 50 === 7 ? '7' : i % 97 === 8 ? '8' : '1';
    out.push({
      member,
      claim: claim({
        id: `C${String(i + 1).padStart(6, '0')}`,
        memberCin: member.member_cin,
        placeOfService: claimPos,
        diagnoses,
        totalCharge: lines.reduce((sum, l) => sum.plus(l.charge), new Decimal(0)).toFixed(2),
        lines,
        frequency,
        ...(frequency === '1' ? {} : { originalReference: `HN*~:^${i}` }),
      }),
    });
  }
  return out;
}
