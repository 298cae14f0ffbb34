// One Health Net history with hand-checkable timeliness numbers, lived through the app on the
// days it happens: claims exported, sent, acknowledged (277CA), paid or denied (835), one
// rejected and sent again, and three still open at 29, 30 and 31 days on the report date.
//
//   claim  received    outcome                         days   notes
//   A      2026-08-10  paid 2026-09-05                 26     the only claim received in August
//   B      2026-09-01  paid 2026-10-15                 44
//   C      2026-09-02  denied CO-16 2026-09-20         -      held for missing information: not clean
//   D      2026-09-03  denied CO-50 2026-09-25         22     clean, never paid
//   E      2026-09-04  rejected (277CA) ...
//          2026-10-06  ... fixed, sent again, paid 2026-10-20   14   counts in October only
//   I      2026-10-20  paid 2026-11-19                 30     paid on day 30: within 30
//   F      2026-10-25  open                            31 old
//   G      2026-10-26  open                            30 old
//   H      2026-10-27  open                            29 old: too recent for either rate
//
// Report date 2026-11-25. Payers iehp and molina have no claims.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClaims } from '../../src/app/claims/build.js';
import type { AppContext } from '../../src/app/context.js';
import { exportX12Batch } from '../../src/app/exports/x12-batch.js';
import { importDocument, importFile } from '../../src/app/imports/import-file.js';
import { ingestPayerFile } from '../../src/app/remittances/ingest.js';
import { submitBatch } from '../../src/app/remittances/submit.js';
import { SAMPLES, textStream } from '../support/workspace.js';
import { file277ca, file835, type AckClaim, type RemitClaim } from '../support/payer-files.js';

export const REPORT_DATE = '2026-11-25';
export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] as const;
export type Letter = (typeof LETTERS)[number];

const MEMBER_HEADER = 'member_cin,plan_member_id,last_name,first_name,middle_name,dob,sex,address_line1,address_line2,city,state,zip,phone,payer_id,ecm_start_date,ecm_end_date,population_of_focus';
const SERVICE_HEADER = 'service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note';

const cinOf = (letter: Letter) => `9500000${LETTERS.indexOf(letter) + 1}A`;

function membersCsv(): string {
  const rows = LETTERS.map((l, i) => `${cinOf(l)},HN9${String(i).padStart(7, '0')},Testperson,Member${l},,1970-01-0${i + 1},F,1 Test St,,Sacramento,CA,95822,,healthnet,2026-01-01,,1`);
  return `${[MEMBER_HEADER, ...rows].join('\n')}\n`;
}

function servicesCsv(): string {
  const rows = LETTERS.map((l, i) => `SV-${l},${cinOf(l)},2026-07-${String(i + 6).padStart(2, '0')},,,60,S001,ecm,in_person,12,Z59.00,healthnet,,`);
  return `${[SERVICE_HEADER, ...rows].join('\n')}\n`;
}

function payers(): unknown[] {
  const samples = JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')) as Array<Record<string, unknown>>;
  const healthnet = samples.find((p) => p.id === 'healthnet') as { interchange: Record<string, string> } & Record<string, unknown>;
  const molina = { ...healthnet, id: 'molina', name: 'Molina Healthcare of California', ediPayerId: 'MOLI1', interchange: { ...healthnet.interchange, receiverId: 'MOLI1' } };
  return [...samples, molina];
}

export interface Scenario {
  claimIds: Record<Letter, string>;
  batches: string[];
}

let nextControl = 100;

async function ingest(ctx: AppContext, text: string, name: string): Promise<void> {
  await ingestPayerFile(ctx, textStream(text), { source: name });
}

export async function liveScenario(ctx: AppContext, setDate: (date: string) => void, onResubmit: (claimId: string) => void): Promise<Scenario> {
  setDate('2026-08-05');
  await importFile(ctx, 'organization', textStream(readFileSync(join(SAMPLES, 'organization.json'), 'utf8')), { source: 'organization.json' });
  await importDocument(ctx, 'payers', payers(), 'payers');
  await importFile(ctx, 'staff', textStream(readFileSync(join(SAMPLES, 'staff.csv'), 'utf8')), { source: 'staff.csv' });
  await importFile(ctx, 'members', textStream(membersCsv()), { source: 'members.csv' });
  await importFile(ctx, 'services', textStream(servicesCsv()), { source: 'services.csv' });
  const built = await buildClaims(ctx, { period: '2026-07' });
  const claimIds = {} as Record<Letter, string>;
  for (const claim of built.claims) {
    const letter = LETTERS.find((l) => cinOf(l) === claim.memberCin);
    if (letter === undefined || claim.status !== 'ready') throw new Error(`scenario claim for ${claim.memberCin} is ${claim.status}`);
    claimIds[letter] = claim.id;
  }
  const ids = (...letters: Letter[]) => letters.map((l) => claimIds[l]);
  const batches: string[] = [];
  const send = async (date: string, ...letters: Letter[]) => {
    setDate(date);
    const report = await exportX12Batch(ctx, { payerId: 'healthnet', format: '837p', claimIds: ids(...letters) });
    if (report.batch === undefined || report.held.length > 0) throw new Error(`scenario export on ${date} held claims: ${JSON.stringify(report.held)}`);
    await submitBatch(ctx, report.batch.batchId, date);
    batches.push(report.batch.batchId);
  };
  const acknowledge = async (date: string, claims: Array<[Letter, string, boolean]>) => {
    setDate(date);
    const items: AckClaim[] = claims.map(([l, received, accepted]) => ({ claimId: claimIds[l], accepted, statusDate: received, charge: '165.00', ...(accepted ? { payerClaimControlNumber: `HN-${l}` } : { message: 'SUBSCRIBER ID NOT FOUND' }) }));
    await ingest(ctx, file277ca({ control: nextControl++, date }, { claims: items }), `277ca-${date}.x12`);
  };
  const remit = async (date: string, claims: Array<[Letter, string, 'paid' | 'denied', string?]>) => {
    setDate(date);
    const items: RemitClaim[] = claims.map(([l, received, outcome, carc]) => ({
      claimId: claimIds[l],
      status: outcome === 'paid' ? '1' : '4',
      charge: '165.00',
      paid: outcome === 'paid' ? '165.00' : '0.00',
      payerClaimControlNumber: `HN-${l}`,
      receivedDate: received,
      ...(carc !== undefined ? { adjustments: [['CO', carc, '165.00'] as [string, string, string]] } : {}),
    }));
    await ingest(ctx, file835({ control: nextControl++, date }, [{ trace: `TRN${date.replace(/-/g, '')}`, paymentDate: date, claims: items }]), `835-${date}.x12`);
  };

  await send('2026-08-08', 'A');
  await acknowledge('2026-08-11', [['A', '2026-08-10', true]]);
  await send('2026-08-30', 'B', 'C', 'D', 'E');
  await acknowledge('2026-09-05', [
    ['B', '2026-09-01', true],
    ['C', '2026-09-02', true],
    ['D', '2026-09-03', true],
    ['E', '2026-09-04', false],
  ]);
  await remit('2026-09-05', [['A', '2026-08-10', 'paid']]);
  await remit('2026-09-20', [['C', '2026-09-02', 'denied', '16']]);
  await remit('2026-09-25', [['D', '2026-09-03', 'denied', '50']]);
  setDate('2026-10-03');
  onResubmit(claimIds.E);
  await send('2026-10-05', 'E');
  await acknowledge('2026-10-07', [['E', '2026-10-06', true]]);
  await remit('2026-10-15', [['B', '2026-09-01', 'paid']]);
  await send('2026-10-18', 'I', 'F', 'G', 'H');
  await remit('2026-10-20', [['E', '2026-10-06', 'paid']]);
  await acknowledge('2026-10-28', [
    ['I', '2026-10-20', true],
    ['F', '2026-10-25', true],
    ['G', '2026-10-26', true],
    ['H', '2026-10-27', true],
  ]);
  await remit('2026-11-19', [['I', '2026-10-20', 'paid']]);
  setDate(REPORT_DATE);
  return { claimIds, batches };
}
