// Synthetic but realistic input at any size, for the benchmark and the large-batch tests:
// members spread over the sample payers, each with a month of ECM and outreach time.

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';

const SERVICE_HEADER = 'service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note\n';
const MEMBER_HEADER = 'member_cin,plan_member_id,last_name,first_name,middle_name,dob,sex,address_line1,address_line2,city,state,zip,phone,payer_id,ecm_start_date,ecm_end_date,population_of_focus\n';

const LAST = ['Garcia', 'Nguyen', "O'Brien-Nguyen", 'Núñez', 'Smith', 'Lopez', 'Chen', 'Okafor', 'Reyes', 'Hollis'];
const FIRST = ['Maria', 'Thomas', 'Ana', 'José', 'Lily', 'Daniel', 'Adaeze', 'Marcus', 'Zoë', 'Sam'];
const DX = ['Z59.00', 'Z59.01', 'Z60.2', 'I10', 'F32.9', 'E11.9', ''];
const HOSTILE = ['Smith*Jones', 'Lee~Park', 'A:B', 'Caret^Name', 'Renée', "D'Angelo"];

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(header);
  for (let i = 0; i < count; i++) if (!out.write(line(i))) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

export function memberCin(i: number): string {
  return `${String(10_000_000 + i).padStart(8, '0')}${String.fromCharCode(65 + (i % 26))}`;
}

export interface GeneratedFiles {
  members: string;
  services: string;
  memberCount: number;
  serviceCount: number;
}

/**
 * `members` members, `rowsPerMember` service rows each in `period` (YYYY-MM), on distinct days so
 * that every row becomes its own line; members alternate between the sample payers.
 */
export async function generateInput(dir: string, options: { members: number; rowsPerMember: number; period: string; payers?: string[]; hostile?: boolean }): Promise<GeneratedFiles> {
  const payers = options.payers ?? ['healthnet'];
  const members = join(dir, 'members.csv');
  const services = join(dir, 'services.csv');
  const name = (list: string[], i: number) => {
    const base = list[i % list.length]!;
    return options.hostile && i % 7 === 0 ? `${base} ${HOSTILE[i % HOSTILE.length]}` : base;
  };
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  await writeLines(members, MEMBER_HEADER, options.members, (i) =>
    [memberCin(i), `PM${i}`, quote(name(LAST, i)), quote(name(FIRST, i + 3)), '', `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`, i % 2 ? 'F' : 'M', quote(`${100 + (i % 900)} Elm Ave`), '', 'Sacramento', 'CA', '95822', '', payers[i % payers.length], '2026-01-01', '', '5'].join(',') + '\n',
  );
  const total = options.members * options.rowsPerMember;
  await writeLines(services, SERVICE_HEADER, total, (n) => {
    const m = Math.floor(n / options.rowsPerMember);
    const k = n % options.rowsPerMember;
    const day = String(1 + (k % 28)).padStart(2, '0');
    const staff = ['S001', 'S002', 'S003', 'S004'][(m + k) % 4]!;
    const inPerson = (m + k) % 3 !== 0;
    const activity = staff === 'S004' ? 'outreach' : 'ecm';
    const note = options.hostile && n % 11 === 0 ? '"Called * back ~ re: housing ^ forms, ""urgent"""' : 'Follow-up';
    return `SVC-${n},${memberCin(m)},${options.period}-${day},,,${30 + ((m + k) % 61)},${staff},${activity},${inPerson ? 'in_person' : 'phone'},${inPerson ? '12' : '10'},${DX[(m + k) % DX.length]},${payers[m % payers.length]},,${note}\n`;
  });
  return { members, services, memberCount: options.members, serviceCount: total };
}

/**
 * An 835 from Health Net paying `total` claims, 25,000 to a check: first the claims of
 * `claimIds` (ours), then made-up ids we never sent, to be kept as unmatched.
 */
export function write835(path: string, claimIds: readonly string[], total: number): Promise<void> {
  const out = createWriteStream(path);
  const d = '20261210';
  const segments: string[] = [`ISA*00*          *00*          *ZZ*HNMC1          *ZZ*BRIGHTPATH01   *261210*0900*^*00501*000009001*0*P*:`, `GS*HP*HNMC1*BRIGHTPATH01*${d}*0900*9001*X*005010X221A1`];
  const perCheck = 25_000;
  for (let check = 0; check * perCheck < total; check++) {
    const ids = Array.from({ length: Math.min(perCheck, total - check * perCheck) }, (_, i) => claimIds[check * perCheck + i] ?? `Z${String(check * perCheck + i).padStart(8, '0')}`);
    const body = [`BPR*C*${(ids.length * 100).toFixed(2)}*C*ACH************${d}`, `TRN*1*EFT${check + 1}*1951234567`, 'N1*PR*HEALTH NET OF CALIFORNIA', 'N1*PE*BRIGHT PATH*XX*1234567893', 'LX*1'];
    for (const [i, id] of ids.entries()) body.push(`CLP*${id}*1*120*100**MC*HN${check}${String(i).padStart(7, '0')}`, 'CAS*CO*45*20', 'NM1*QC*1*MEMBER*TEST****MI*90000000A', 'DTM*050*20261128');
    segments.push(`ST*835*${String(check + 1).padStart(4, '0')}`, ...body, `SE*${body.length + 2}*${String(check + 1).padStart(4, '0')}`);
  }
  segments.push(`GE*${Math.ceil(total / perCheck)}*9001`, 'IEA*1*000009001');
  out.end(segments.join('~\n') + '~\n');
  return new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
}
