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
