import { describe, expect, it } from 'vitest';
import type { ClaimWithParties } from '../../src/domain/submission.js';
import { captionWidth } from '../../src/pdf/paper/form-canvas.js';
import { type FormLayout, type GridRect, boxById, columnWidth } from '../../src/pdf/paper/form-layout.js';
import { FormError, type FormPage } from '../../src/pdf/paper/form-page.js';
import { UB04_LINES_PER_PAGE, Ub04Error, fitToField, loadUb04Layout, ub04Pages } from '../../src/pdf/ub04.js';
import {
  EIGHTEEN_DIAGNOSES,
  clock,
  ecmLines,
  oneLine,
  replacement,
  sierraOak,
  twentyThreeLines,
  twentyTwoLines,
  ub04Claim,
  ub04Parties,
  ubMaria,
  ubThomas,
} from './ub04-fixtures.js';

const layout: FormLayout = loadUb04Layout();
const pagesOf = (item: ClaimWithParties) => ub04Pages(ub04Parties, item, clock);
const only = (item: ClaimWithParties): FormPage => {
  const pages = pagesOf(item);
  expect(pages).toHaveLength(1);
  return pages[0]!;
};
const lineRow = (values: ReadonlyMap<string, string>) =>
  ['fl42.revenueCode', 'fl43.description', 'fl44.hcpcs', 'fl45.serviceDate', 'fl46.units', 'fl47.dollars', 'fl47.cents'].map((k) => values.get(k));

describe('UB-04 form locators of a one-line claim', () => {
  const page = only(oneLine);
  const f = page.fields;

  it('fills FL 1-17: provider, control number, type of bill, tax number, period, patient', () => {
    expect(['fl1.line1', 'fl1.line2', 'fl1.line3', 'fl1.line4'].map((k) => f.get(k))).toEqual([
      'BRIGHT PATH COMMUNITY SERVICES',
      '1200 K STREET SUITE 400',
      'SACRAMENTO CA 95814-1234',
      '916 555 0100',
    ]);
    expect(f.get('fl3a.patientControl')).toBe('C000101');
    expect(f.get('fl4.typeOfBill')).toBe('0131');
    expect(f.get('fl5.taxId')).toBe('94-1234567');
    expect([f.get('fl6.from'), f.get('fl6.through')]).toEqual(['100126', '100126']);
    // 8a only when the patient's id differs from the insured's (FL 60).
    expect(f.get('fl8a.patientId')).toBeUndefined();
    expect(f.get('fl8b.patientName')).toBe('GARCIA MARIA L');
    expect(['fl9a.street', 'fl9b.city', 'fl9c.state', 'fl9d.zip'].map((k) => f.get(k))).toEqual(['455 ELM AVE', 'SACRAMENTO', 'CA', '95822']);
    expect(f.get('fl10.birthDate')).toBe('03141958');
    expect(f.get('fl11.sex')).toBe('F');
    expect(f.get('fl17.status')).toBe('01');
  });

  it('fills the service line: revenue code, description, HCPCS and modifiers, date, units, charges', () => {
    expect(page.lines.map(lineRow)).toEqual([['0500', 'ECM SERVICES', 'G9008U1', '100126', '1.5', '252', '00']]);
    expect(page.lines[0]!.get('fl48.dollars')).toBeUndefined();
  });

  it('fills line 23: page 1 of 1, the creation date and the totals', () => {
    expect(['line23.revenueCode', 'line23.page', 'line23.pageCount', 'line23.creationDate', 'line23.totalDollars', 'line23.totalCents'].map((k) => f.get(k))).toEqual([
      '0001', '1', '1', '110226', '252', '00',
    ]);
  });

  it('fills FL 50-60: payer, release and assignment, NPI, insured and CIN', () => {
    expect(f.get('fl50.payerNameA')).toBe('SIERRA OAK COMMUNITY HEALTH');
    expect(f.get('fl51.healthPlanIdA')).toBe('SOCH1');
    expect([f.get('fl52.releaseOfInfoA'), f.get('fl53.assignmentA')]).toEqual(['Y', 'Y']);
    expect(f.get('fl56.npi')).toBe('1234567893');
    expect(f.get('fl58.insuredNameA')).toBe('GARCIA MARIA L');
    expect(f.get('fl59.relationshipA')).toBe('18');
    expect(f.get('fl60.insuredIdA')).toBe('91234567A');
    expect(f.get('fl64.documentControlA')).toBeUndefined();
    expect([...f.keys()].filter((k) => /^fl5[0-9]\..*[BC]$/.test(k))).toEqual([]);
  });

  it('fills FL 66-81: ICD-10 qualifier, diagnoses without dots, reason for visit, attending, taxonomy', () => {
    expect(f.get('fl66.qualifier')).toBe('0');
    expect(['fl67.principal', 'fl67.A', 'fl67.B', 'fl67.C', 'fl67.D'].map((k) => f.get(k))).toEqual(['Z5900', 'I10', 'Z7689', 'F329', undefined]);
    expect(f.get('fl70.a')).toBe('Z5900');
    expect([f.get('fl76.npi'), f.get('fl76.last'), f.get('fl76.first')]).toEqual(['1543210987', 'OKAFOR', 'ADAEZE']);
    expect([f.get('fl81.qualifiera'), f.get('fl81.codea')]).toEqual(['B3', '251S00000X']);
  });

  it('puts every value where the template has a place for it', () => {
    const keys = new Set(layout.fields.map((field) => field.key));
    const lineKeys = new Set(layout.serviceLines.fields.map((field) => field.key));
    expect([...f.keys()].filter((k) => !keys.has(k))).toEqual([]);
    expect(page.lines.flatMap((l) => [...l.keys()]).filter((k) => !lineKeys.has(k))).toEqual([]);
  });

  it('abbreviates a billing provider name too long for FL 1 the way the CMS-1500 does', () => {
    const field = layout.fields.find((candidate) => candidate.key === 'fl1.line1')!;
    const printed = fitToField('C000101', field, f.get('fl1.line1')!);
    expect(printed.length).toBeLessThanOrEqual(field.width);
    expect(printed).toMatch(/^BRIGHT PATH /);
  });
});

describe('UB-04 pages', () => {
  it('puts 22 lines on a page: 1 and 22 lines give one page, 23 give two, 45 give three', () => {
    expect(UB04_LINES_PER_PAGE).toBe(22);
    expect(pagesOf(oneLine).map((p) => p.lines.length)).toEqual([1]);
    expect(pagesOf(twentyTwoLines).map((p) => p.lines.length)).toEqual([22]);
    expect(pagesOf(twentyThreeLines).map((p) => p.lines.length)).toEqual([22, 1]);
    const long = { claim: ub04Claim('C000110', ecmLines(45)), member: ubMaria };
    expect(pagesOf(long).map((p) => p.lines.length)).toEqual([22, 22, 1]);
  });

  it('continues the lines where the last page ended', () => {
    const [first, second] = pagesOf(twentyThreeLines) as [FormPage, FormPage];
    const claimLines = twentyThreeLines.claim.lines;
    expect(first.lines[21]!.get('fl45.serviceDate')).toBe(`10${claimLines[21]!.serviceDate.slice(8)}26`);
    expect(second.lines[0]!.get('fl44.hcpcs')).toBe([claimLines[22]!.code, ...claimLines[22]!.modifiers].join(''));
  });

  it('numbers every page and dates it, and totals the claim on its last page only', () => {
    const pages = pagesOf(twentyThreeLines);
    expect(pages.map((p) => `${p.fields.get('line23.page')} of ${p.fields.get('line23.pageCount')}`)).toEqual(['1 of 2', '2 of 2']);
    expect(pages.map((p) => p.fields.get('line23.creationDate'))).toEqual(['110226', '110226']);
    expect(pages.map((p) => p.fields.get('line23.revenueCode'))).toEqual([undefined, '0001']);
    expect(pages.map((p) => p.fields.get('line23.totalDollars'))).toEqual([undefined, twentyThreeLines.claim.totalCharge.split('.')[0]]);
    expect(pages.map((p) => p.fields.get('line23.totalCents'))).toEqual([undefined, twentyThreeLines.claim.totalCharge.split('.')[1]]);
  });

  it('repeats the claim-level form locators on every page', () => {
    const [first, second] = pagesOf(twentyThreeLines) as [FormPage, FormPage];
    const claimLevel = (p: FormPage) => [...p.fields].filter(([k]) => !k.startsWith('line23.'));
    expect(claimLevel(second)).toEqual(claimLevel(first));
    expect(first.fields.get('fl3a.patientControl')).toBe('C000103');
  });

  it('covers the first to the last date of service in FL 6', () => {
    const dates = twentyThreeLines.claim.lines.map((l) => l.serviceDate).sort();
    const page = pagesOf(twentyThreeLines)[0]!;
    const mmddyy = (d: string) => `${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(2, 4)}`;
    expect([page.fields.get('fl6.from'), page.fields.get('fl6.through')]).toEqual([mmddyy(dates[0]!), mmddyy(dates.at(-1)!)]);
  });

  it('fills FL 67 and 67A-67Q with eighteen diagnoses', () => {
    const f = pagesOf(twentyThreeLines)[0]!.fields;
    expect(['principal', ...'ABCDEFGHIJKLMNOPQ'].map((k) => f.get(`fl67.${k}`))).toEqual(EIGHTEEN_DIAGNOSES.map((dx) => dx.replace('.', '')));
  });

  it('describes outreach lines as outreach', () => {
    const page = pagesOf(twentyThreeLines)[0]!;
    expect(page.lines.slice(0, 5).map((l) => l.get('fl43.description'))).toEqual(['ECM SERVICES', 'ECM SERVICES', 'ECM SERVICES', 'ECM SERVICES', 'ECM OUTREACH']);
    expect(page.lines.slice(0, 5).map((l) => l.get('fl44.hcpcs'))).toEqual(['G9008U1', 'G9012U2GQ', 'G9012U2', 'G9008U1GQ', 'G9008U8']);
    expect(page.lines.slice(0, 5).map((l) => l.get('fl46.units'))).toEqual(['1.5', '0.75', '1', '0.25', '0.5']);
  });
});

describe('UB-04 replacement and void', () => {
  it('ends the type of bill with the frequency and puts the payer claim number in FL 64', () => {
    const f = only(replacement).fields;
    expect(f.get('fl4.typeOfBill')).toBe('0137');
    expect(f.get('fl64.documentControlA')).toBe('SO2026100012345');
    expect(f.get('fl8b.patientName')).toBe('OBRIEN-NGUYEN THOMAS');
    expect(f.get('fl9a.street')).toBe('SACRAMENTO SHELTER BED 12 1400 N A ST');
    expect(f.get('fl11.sex')).toBe('M');
    const voided = only({ ...replacement, claim: { ...replacement.claim, frequency: '8' } }).fields;
    expect(voided.get('fl4.typeOfBill')).toBe('0138');
    expect(voided.get('fl64.documentControlA')).toBe('SO2026100012345');
  });

  it('names the attending provider without an NPI when nobody on the claim has one, as the 837I does', () => {
    const chw = ecmLines(3).map((l) => ({ ...l, renderingStaffId: 'S002' }));
    const f = only({ claim: ub04Claim('C000111', chw), member: ubMaria }).fields;
    expect([f.get('fl76.npi'), f.get('fl76.last'), f.get('fl76.first')]).toEqual([undefined, 'REYES', 'DANIEL']);
  });
});

describe('UB-04 checks', () => {
  const claim = oneLine.claim;
  const refuse = (item: ClaimWithParties, message: RegExp, parties = ub04Parties) => {
    expect(() => ub04Pages(parties, item, clock)).toThrow(Ub04Error);
    expect(() => ub04Pages(parties, item, clock)).toThrow(message);
  };

  it('refuses a claim that came with another member or belongs to another payer', () => {
    refuse({ claim, member: ubThomas }, /claim C000101: is for member 91234567A but came with member 92345678B/);
    refuse({ claim: { ...claim, payerId: 'healthnet' }, member: ubMaria }, /is for payer healthnet but is being printed for sierraoak/);
  });

  it('refuses a claim without lines or diagnoses, or with more diagnoses than FL 67 holds', () => {
    refuse({ claim: { ...claim, lines: [] }, member: ubMaria }, /has no service lines to print/);
    refuse({ claim: { ...claim, diagnoses: [] }, member: ubMaria }, /has no principal diagnosis for FL 67/);
    refuse({ claim: { ...claim, diagnoses: [...EIGHTEEN_DIAGNOSES, 'Z63.8'] }, member: ubMaria }, /has 19 diagnoses but FL 67 and 67A-Q hold 18/);
  });

  it('refuses a replacement or void without the original reference for FL 64', () => {
    const { originalReference: _dropped, ...withoutReference } = replacement.claim;
    refuse({ claim: { ...withoutReference, frequency: '8' }, member: ubThomas }, /frequency 8 claim without the payer's original reference number for FL 64/);
  });

  it("says what the 837I says when the payer has no institutional profile or a line's staff is unknown", () => {
    const { institutional: _none, ...professional } = sierraOak;
    refuse(oneLine, /claim C000101: payer "sierraoak" \(Sierra Oak Community Health\) has no institutional profile/, { ...ub04Parties, payer: professional });
    const stranger = { ...claim, lines: claim.lines.map((l) => ({ ...l, renderingStaffId: 'S404' })) };
    refuse({ claim: stranger, member: ubMaria }, /^claim C000101: line 1: rendering staff "S404" is not in the staff list$/);
  });

  it('refuses a line with more modifiers than FL 44 holds', () => {
    const five = { ...claim, lines: claim.lines.map((l) => ({ ...l, modifiers: ['U1', 'GQ', 'U2', 'U3', 'U4'] })) };
    refuse({ claim: five, member: ubMaria }, /line 1 has 5 modifiers but FL 44 holds 4/);
  });

  it('is a form error, the kind every paper form throws', () => {
    expect(new Ub04Error('C1', 'x')).toBeInstanceOf(FormError);
    expect(new Ub04Error('C1', 'x').message).toBe('claim C1: x');
  });
});

describe('UB-04 template', () => {
  const inside = (rect: GridRect, line: number, from: number, to: number) =>
    line >= rect.line && line + 1 <= rect.line + rect.lines && from >= rect.col && to <= rect.col + rect.cols;

  it('has a box for every form locator 1-81 and the labels of the real form', () => {
    const ids = layout.boxes.map((b) => b.id);
    const missing = Array.from({ length: 81 }, (_, i) => String(i + 1)).filter((fl) => !ids.some((id) => id === fl || new RegExp(`^${fl}[a-zA-Z]$`).test(id)));
    expect(missing).toEqual([]);
    const labels = layout.boxes.map((b) => b.label);
    for (const label of ['3a PAT. CNTL #', '4 TYPE OF BILL', '5 FED. TAX NO.', '42 REV. CD.', '43 DESCRIPTION', '47 TOTAL CHARGES', '50 PAYER NAME', '56 NPI', '60 INSURED\'S UNIQUE ID', '76 ATTENDING', '81CC']) {
      expect(labels).toContain(label);
    }
  });

  it('puts 22 service lines of one print line each on lines 19-40 and line 23 on line 41', () => {
    expect(layout.serviceLines).toMatchObject({ count: 22, firstLine: 19, linesPerService: 1 });
    const line23 = layout.fields.filter((f) => f.key.startsWith('line23.'));
    expect(new Set(line23.map((f) => f.line))).toEqual(new Set([41]));
  });

  it('keeps every field inside its box and off every other field', () => {
    const cells = new Map<string, string>();
    const place = (key: string, box: string, line: number, col: number, width: number) => {
      const rect = boxById(layout, box).rect;
      expect(inside(rect, line, col, col + width), `${key} in box ${box}`).toBe(true);
      for (let c = col; c < col + width; c++) {
        const taken = cells.get(`${line}:${c}`);
        expect(taken, `${key} at line ${line} col ${c}`).toBeUndefined();
        cells.set(`${line}:${c}`, key);
      }
    };
    for (const f of layout.fields) place(f.key, f.box, f.line, f.col, f.width);
    for (let i = 0; i < layout.serviceLines.count; i++) {
      for (const f of layout.serviceLines.fields) place(f.key, f.box, layout.serviceLines.firstLine + i, f.col, f.width);
    }
  });

  it('fits every label inside its box', () => {
    // The engine's label sizes: 4.5 pt in a one-line cell, 5.5 pt otherwise, both 1.5 pt in from the edge.
    const tooWide = layout.boxes
      .filter((b) => b.label !== undefined && 1.5 + captionWidth('Helvetica', b.labelSize ?? (b.rect.lines <= 1 ? 4.5 : 5.5), b.label) > b.rect.cols * columnWidth(layout))
      .map((b) => b.id);
    expect(tooWide).toEqual([]);
  });

  it('keeps every label clear of the data printed on its line', () => {
    // A label may sit over the first characters of its data when it stays above their capitals, as
    // the letters of FL 67A-Q do: Helvetica's ascender is 0.718 em, Courier's capitals 5.62 pt tall.
    const capitalsTop = layout.grid.baselineFromLineTop - 5.62;
    const clashes = layout.boxes.flatMap((b) => {
      if (b.label === undefined || !Number.isInteger(b.rect.line)) return [];
      const oneLine = b.rect.lines <= 1;
      const size = b.labelSize ?? (oneLine ? 4.5 : 5.5);
      if ((oneLine ? 0.3 : 1.2) + 0.718 * size <= capitalsTop) return [];
      const labelEnd = (b.rect.col - 1) * columnWidth(layout) + 1.5 + captionWidth('Helvetica', size, b.label);
      return layout.fields
        .filter((f) => f.box === b.id && f.line === b.rect.line && (f.col - 1) * columnWidth(layout) < labelEnd)
        .map((f) => `${b.id} "${b.label}" runs into ${f.key}`);
    });
    expect(clashes).toEqual([]);
  });

  it('draws no box edge through a data character', () => {
    const edges = layout.boxes.flatMap((b) => [b.rect.col, b.rect.col + b.rect.cols].map((col) => ({ id: b.id, col, from: b.rect.line, to: b.rect.line + b.rect.lines })));
    const crossing: string[] = [];
    const check = (key: string, line: number, col: number, width: number) => {
      for (const e of edges) {
        if (line >= e.from && line < e.to && e.col > col && e.col < col + width) crossing.push(`${key} crossed by box ${e.id} at col ${e.col}`);
      }
    };
    for (const f of layout.fields) check(f.key, f.line, f.col, f.width);
    for (const f of layout.serviceLines.fields) check(f.key, layout.serviceLines.firstLine, f.col, f.width);
    expect(crossing).toEqual([]);
  });
});
