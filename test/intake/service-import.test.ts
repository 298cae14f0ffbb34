import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importDocument, importFile } from '../../src/app/imports/import-file.js';
import { AppError } from '../../src/app/errors.js';
import { loadSamples, textStream, workspace, type Workspace } from '../support/workspace.js';

const HEADER = 'service_id,member_cin,service_date,start_time,end_time,minutes,staff_id,activity,modality,place_of_service,diagnosis_codes,payer_id,authorization_number,note';

let ws: Workspace;
beforeEach(async () => {
  ws = workspace();
  await loadSamples(ws.ctx, ['services']);
});
afterEach(() => ws.dispose());

const importCsv = (text: string) => importFile(ws.ctx, 'services', textStream(text), { source: 'test.csv' });

async function rejectedWith(row: string) {
  const report = await importCsv(`${HEADER}\n${row}\n`);
  expect(report.counts.rejected).toBe(1);
  expect(report.counts.inserted).toBe(0);
  return report.issues.filter((i) => i.severity === 'error');
}

describe('service-log intake', () => {
  it('keeps the good rows and reports each bad one by line, column and reason', async () => {
    const report = await importCsv(
      [
        HEADER,
        'A1,91234567A,2026-10-03,09:00,10:00,,S001,ecm,in_person,12,,healthnet,,',
        'A2,91234567A,2026-13-40,09:00,10:00,,S001,ecm,in_person,12,,healthnet,,',
        'A3,91234567A,2026-10-04,,,45,S002,ecm,phone,10,,,,',
      ].join('\n'),
    );
    expect(report.counts).toMatchObject({ rowsRead: 3, inserted: 2, rejected: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ line: 3, column: 'service_date', severity: 'error' })]);
    expect(report.issues[0]!.message).toMatch(/not a real date/);
  });

  it('rejects a file that is missing a required column, naming it', async () => {
    await expect(importCsv('service_id,member_cin,service_date,minutes,staff_id,activity,place_of_service\nA1,91234567A,2026-10-03,60,S001,ecm,12\n')).rejects.toThrow(/missing the column modality/);
  });

  it('rejects an empty file and a file that is not CSV', async () => {
    await expect(importCsv('')).rejects.toThrow(/empty/);
    await expect(importCsv(`${HEADER}\n`)).resolves.toMatchObject({ counts: { rowsRead: 0 } });
    await expect(importCsv('{"service_id": "A1"}\n')).rejects.toThrow(/does not look like the expected CSV/);
    const binary = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0, 0x06]);
    await expect(importFile(ws.ctx, 'services', (async function* () { yield binary; })(), { source: 'x.xlsx' })).rejects.toThrow(/binary/);
    await expect(importCsv('')).rejects.toBeInstanceOf(AppError);
  });

  it.each([
    ['a bad date', 'B1,91234567A,10/32/2026,,,60,S001,ecm,in_person,12,,,,', 'service_date', /not a real date/],
    ['an unknown member', 'B1,99999999Z,2026-10-03,,,60,S001,ecm,in_person,12,,,,', 'member_cin', /not in the plan's member file/],
    ['an unknown staff member', 'B1,91234567A,2026-10-03,,,60,S999,ecm,in_person,12,,,,', 'staff_id', /S999 is not on the staff roster/],
    ['an unknown payer', 'B1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,nosuchplan,,', 'payer_id', /nosuchplan is not a loaded payer/],
    ['zero minutes', 'B1,91234567A,2026-10-03,,,0,S001,ecm,in_person,12,,,,', 'minutes', /more than 0/],
    ['negative minutes', 'B1,91234567A,2026-10-03,,,-30,S001,ecm,in_person,12,,,,', 'minutes', /more than 0/],
    ['start after end', 'B1,91234567A,2026-10-03,11:00,10:00,,S001,ecm,in_person,12,,,,', 'end_time', /11:00 is not before end_time 10:00/],
    ['minutes that disagree with start and end', 'B1,91234567A,2026-10-03,10:00,11:00,45,S001,ecm,in_person,12,,,,', 'minutes', /says 45 but 10:00-11:00 is 60/],
    ['no minutes at all', 'B1,91234567A,2026-10-03,,,,S001,ecm,in_person,12,,,,', 'minutes', /give minutes/],
    ['an activity with no code', 'B1,91234567A,2026-10-03,,,60,S001,assessment,in_person,12,,,,', 'activity', /must be ecm or outreach/],
    ['a modality with no code', 'B1,91234567A,2026-10-03,,,60,S001,ecm,carrier_pigeon,12,,,,', 'modality', /carrier_pigeon/],
    ['a CIN of the wrong shape', 'B1,1234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,', 'member_cin', /8 digits then a letter/],
    ['a bad diagnosis', 'B1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,59.00,,,', 'diagnosis_codes', /not an ICD-10-CM code/],
    ['an unknown place of service', 'B1,91234567A,2026-10-03,,,60,S001,ecm,in_person,88,,,,', 'place_of_service', /88 is not a place-of-service/],
    ['a missing service id', ',91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,', 'service_id', /is required/],
    ['too many cells', 'B1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,note,extra', undefined, /15 cells but the header has 14/],
  ])('rejects %s', async (_name, row, column, message) => {
    const errors = await rejectedWith(row);
    expect(errors[0]!.line).toBe(2);
    expect(errors[0]!.column).toBe(column);
    expect(errors.map((e) => e.message).join(' | ')).toMatch(message);
  });

  describe('a row with several problems', () => {
    const columnsOf = (issues: ReadonlyArray<{ column?: string }>) => issues.map((i) => i.column ?? '').sort();

    it('reports a bad CIN, a bad date and bad minutes together, each with its line and column', async () => {
      const errors = await rejectedWith('B1,1234567A,2026-13-40,,,0,S001,ecm,in_person,12,,,,');
      expect(columnsOf(errors)).toEqual(['member_cin', 'minutes', 'service_date']);
      for (const e of errors) expect(e.line).toBe(2);
      expect(errors.find((e) => e.column === 'member_cin')!.message).toMatch(/8 digits then a letter/);
      expect(errors.find((e) => e.column === 'service_date')!.message).toMatch(/not a real date/);
      expect(errors.find((e) => e.column === 'minutes')!.message).toMatch(/more than 0/);
      for (const e of errors) expect(e.message).not.toContain('1234567A');
    });

    it('still looks the member up, and runs every other check, when a column fails its schema', async () => {
      const row = ',99999999Z,10/32/2026,11:00,10:00,abc,S999,ecm,in_person,88,59.00,nosuchplan,,';
      const expected = ['diagnosis_codes', 'end_time', 'member_cin', 'minutes', 'payer_id', 'place_of_service', 'service_date', 'service_id', 'staff_id'];
      const errors = await rejectedWith(row);
      expect(columnsOf(errors)).toEqual(expected);
      expect(errors.find((e) => e.column === 'member_cin')).toMatchObject({ code: 'UNKNOWN_MEMBER' });
      expect(errors.find((e) => e.column === 'minutes')!.message).toMatch(/whole number/);
      expect(errors.find((e) => e.column === 'service_id')!.message).toMatch(/is required/);
      for (const e of errors) expect(e.message).not.toContain('99999999Z');

      const cells = row.split(',');
      const json = Object.fromEntries(HEADER.split(',').map((column, i) => [column, cells[i]]));
      const report = await importDocument(ws.ctx, 'services', [json], 'api');
      expect(report.counts).toMatchObject({ rowsRead: 1, rejected: 1, inserted: 0 });
      expect(columnsOf(report.issues)).toEqual(expected);
    });

    it('reports a clock problem and a minutes problem on the same row', async () => {
      const errors = await rejectedWith('B1,91234567A,2026-10-03,9:75,10:00,-5,S001,ecm,in_person,12,,,,');
      expect(errors.map((e) => e.code).sort()).toEqual(['BAD_TIME', 'MINUTES_NOT_POSITIVE']);
    });

    it('counts a row with several problems once, beside the good rows', async () => {
      const report = await importCsv(`${HEADER}\nG1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,\nG2,1234567A,2026-13-40,,,0,S999,ecm,in_person,12,,,,\n`);
      expect(report.counts).toMatchObject({ rowsRead: 2, inserted: 1, rejected: 1 });
      expect(report.issues.filter((i) => i.line === 3)).toHaveLength(4);
    });
  });

  it('never names the member in an error message', async () => {
    const errors = await rejectedWith('B1,91234567A,2026-10-03,,,60,S999,ecm,in_person,12,,,,');
    for (const e of errors) expect(e.message).not.toMatch(/Garcia|Maria|91234567A|1958/);
  });

  it('importing the same file twice changes nothing; a changed row is an update and is recorded', async () => {
    const csv = `${HEADER}\nC1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,\n`;
    expect((await importCsv(csv)).counts).toMatchObject({ inserted: 1 });
    expect((await importCsv(csv)).counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const changed = await importCsv(csv.replace(',60,', ',75,'));
    expect(changed.counts).toMatchObject({ updated: 1 });
    const history = await ws.ctx.store.read.imports.changes('services', 'C1');
    expect(history).toHaveLength(1);
    expect(JSON.parse(history[0]!.before!).minutes).toBe(60);
    expect(JSON.parse(history[0]!.after).minutes).toBe(75);
  });

  it("lets the row's payer win over the member file's, with a warning", async () => {
    const report = await importCsv(`${HEADER}\nD1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,iehp,,\n`);
    expect(report.counts.inserted).toBe(1);
    expect(report.issues).toEqual([expect.objectContaining({ severity: 'warning', column: 'payer_id', code: 'PAYER_DIFFERS_FROM_MEMBER_FILE' })]);
    expect((await ws.ctx.store.read.services.get('D1'))!.payerId).toBe('iehp');
  });

  it('accepts JSON rows with the same columns', async () => {
    const report = await importDocument(ws.ctx, 'services', [{ service_id: 'J1', member_cin: '91234567A', service_date: '2026-10-03', minutes: 30, staff_id: 'S002', activity: 'ecm', modality: 'video', place_of_service: '10' }], 'api');
    expect(report.counts.inserted).toBe(1);
    expect(await ws.ctx.store.read.services.get('J1')).toMatchObject({ code: 'G9012', modifiers: ['U2', 'GQ'], minutes: 30 });
  });

  it('is all or nothing: a failure partway leaves no rows behind', async () => {
    let sent = 0;
    const failing = (async function* () {
      yield Buffer.from(`${HEADER}\nE1,91234567A,2026-10-03,,,60,S001,ecm,in_person,12,,,,\n`);
      sent++;
      throw new Error('connection reset');
    })();
    await expect(importFile(ws.ctx, 'services', failing, { source: 'broken upload' })).rejects.toThrow();
    expect(sent).toBe(1);
    expect(await ws.ctx.store.read.services.get('E1')).toBeUndefined();
    expect((await ws.ctx.store.read.imports.list()).some((r) => r.source === 'broken upload')).toBe(false);
  });
});

describe('reference data intake', () => {
  it('rejects member rows with the line and column', async () => {
    const header = 'member_cin,plan_member_id,last_name,first_name,middle_name,dob,sex,address_line1,address_line2,city,state,zip,phone,payer_id,ecm_start_date,ecm_end_date,population_of_focus';
    const report = await importFile(
      ws.ctx,
      'members',
      textStream(`${header}\n94444444D,,Doe,Jan,,1980-02-30,F,,,,,,,healthnet,,,\n9444444D,,Doe,Jan,,1980-02-03,F,,,,,,,healthnet,,,\n95555555E,,Roe,Ann,,1980-02-03,F,,,,,,,nosuch,,,\n`),
      { source: 'm.csv' },
    );
    expect(report.counts.rejected).toBe(3);
    expect(report.issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'dob'],
      [3, 'member_cin'],
      [4, 'payer_id'],
    ]);
  });

  it('reports every problem of a member row: a bad date does not hide the CIN, zip, payer or enrollment', async () => {
    const header = 'member_cin,plan_member_id,last_name,first_name,middle_name,dob,sex,address_line1,address_line2,city,state,zip,phone,payer_id,ecm_start_date,ecm_end_date,population_of_focus';
    const report = await importFile(ws.ctx, 'members', textStream(`${header}\n9444444D,,Doe,Jan,,1980-02-30,F,,,,,1234,,nosuch,2026-05-01,2026-01-01,\n`), { source: 'm.csv' });
    expect(report.counts).toMatchObject({ rowsRead: 1, rejected: 1, inserted: 0 });
    expect(report.issues.map((i) => [i.line, i.column]).sort()).toEqual([
      [2, 'dob'],
      [2, 'ecm_end_date'],
      [2, 'member_cin'],
      [2, 'payer_id'],
      [2, 'zip'],
    ]);
    for (const i of report.issues) expect(i.message).not.toMatch(/9444444D|1980-02-30|Doe|Jan/);
  });

  it('reports every problem of a staff row', async () => {
    const report = await importFile(ws.ctx, 'staff', textStream('staff_id,last_name,first_name,role,npi,taxonomy,credentials\nS9,,Ann,boss,123,,\n'), { source: 's.csv' });
    expect(report.counts).toMatchObject({ rowsRead: 1, rejected: 1 });
    expect(report.issues.map((i) => i.column).sort()).toEqual(['last_name', 'npi', 'role']);
  });

  it('reports each invalid payer profile by its position and id', async () => {
    const report = await importDocument(ws.ctx, 'payers', [{ id: 'bad', name: 'Bad Plan' }], 'payers.json');
    expect(report.counts.rejected).toBe(1);
    expect(report.issues[0]!.message).toMatch(/^payer bad: /);
  });

  it('rejects an organization with a bad NPI check digit', async () => {
    const report = await importDocument(ws.ctx, 'organization', { name: 'X', npi: '1234567890', tin: '941234567', address: { line1: 'a', city: 'b', state: 'CA', zip: '95814' }, contact: { name: 'c', phone: '9165550100' } }, 'org');
    expect(report.counts.rejected).toBe(1);
    expect(report.issues[0]).toMatchObject({ column: 'npi' });
    expect(report.issues[0]!.message).toMatch(/check digit/);
  });
});
