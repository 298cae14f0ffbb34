// Rebuilds claims from x12-parser's segment objects, so tests compare what a reader sees in the
// file with the claims that went in.

import type { FormattedSegment } from 'x12-parser';

/** x12-parser puts a composite's first component under "n" and the rest under "n-1", "n-2", ... */
export function components(seg: FormattedSegment, n: number): string[] {
  const out = [seg[String(n)] ?? ''];
  for (let i = 1; seg[`${n}-${i}`] !== undefined; i++) out.push(seg[`${n}-${i}`]!);
  return out;
}

export interface ReadLine {
  lx: string;
  revenueCode?: string;
  code: string;
  modifiers: string[];
  charge: string;
  units: string;
  placeOfService?: string;
  pointers: string[];
  date: string;
  renderingNpi?: string;
}

export interface ReadClaim {
  hl: string;
  subscriber: { last: string; first: string; middle: string; idQualifier: string; id: string; dob?: string; sex?: string };
  payerId: string;
  id: string;
  total: string;
  location: string[];
  originalReference?: string;
  statementPeriod?: string;
  cl1?: string[];
  diagnoses: string[][];
  renderingNpi?: string;
  attending?: { last: string; first: string; npi?: string; taxonomy?: string };
  lines: ReadLine[];
}

export function readClaims(segments: readonly FormattedSegment[]): ReadClaim[] {
  const claims: ReadClaim[] = [];
  let hl = '';
  let subscriber: ReadClaim['subscriber'] | undefined;
  let payerId = '';
  let claim: ReadClaim | undefined;
  let line: ReadLine | undefined;
  let lastNm1 = '';
  for (const s of segments) {
    switch (s.name) {
      case 'HL':
        hl = s['1'] ?? '';
        claim = undefined;
        line = undefined;
        break;
      case 'NM1':
        lastNm1 = s['1'] ?? '';
        if (lastNm1 === 'IL') subscriber = { last: s['3'] ?? '', first: s['4'] ?? '', middle: s['5'] ?? '', idQualifier: s['8'] ?? '', id: s['9'] ?? '' };
        if (lastNm1 === 'PR') payerId = s['9'] ?? '';
        if (lastNm1 === '82') {
          if (line) line.renderingNpi = s['9'];
          else if (claim) claim.renderingNpi = s['9'];
        }
        if (lastNm1 === '71' && claim) claim.attending = { last: s['3'] ?? '', first: s['4'] ?? '', ...(s['9'] ? { npi: s['9'] } : {}) };
        break;
      case 'PRV':
        if (s['1'] === 'AT' && claim?.attending) claim.attending.taxonomy = s['3'];
        break;
      case 'DMG':
        if (subscriber) Object.assign(subscriber, { dob: s['2'], sex: s['3'] });
        break;
      case 'CLM':
        line = undefined;
        claim = { hl, subscriber: { ...subscriber! }, payerId, id: s['1'] ?? '', total: s['2'] ?? '', location: components(s, 5), diagnoses: [], lines: [] };
        claims.push(claim);
        break;
      case 'REF':
        if (s['1'] === 'F8' && claim) claim.originalReference = s['2'];
        break;
      case 'CL1':
        if (claim) claim.cl1 = [s['1'] ?? '', s['2'] ?? '', s['3'] ?? ''];
        break;
      case 'HI':
        for (let i = 1; s[String(i)] !== undefined; i++) claim?.diagnoses.push(components(s, i));
        break;
      case 'LX':
        line = { lx: s['1'] ?? '', code: '', modifiers: [], charge: '', units: '', pointers: [], date: '' };
        claim?.lines.push(line);
        break;
      case 'SV1': {
        const proc = components(s, 1);
        Object.assign(line!, { code: proc[1], modifiers: proc.slice(2), charge: s['2'], units: s['4'], pointers: s['7'] === undefined ? [] : components(s, 7) });
        if (s['5']) line!.placeOfService = s['5'];
        break;
      }
      case 'SV2': {
        const proc = components(s, 2);
        Object.assign(line!, { revenueCode: s['1'], code: proc[1], modifiers: proc.slice(2), charge: s['3'], units: s['5'] });
        break;
      }
      case 'DTP':
        if (s['1'] === '472' && line) line.date = s['3'] ?? '';
        if (s['1'] === '434' && claim) claim.statementPeriod = s['3'];
        break;
      default:
    }
  }
  return claims;
}
