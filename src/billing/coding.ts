// Coding a logged activity into HCPCS + modifiers from the DHCS table kept in codesets/.

import type { CodingTable } from '../codesets/index.js';
import type { StaffRole } from '../domain/reference.js';

export interface ProcedureCode {
  code: string;
  modifiers: string[];
}

export type CodingResult = { ok: true; procedure: ProcedureCode } | { ok: false; reason: string };

export function codeService(table: CodingTable, activity: string, modality: string, staffRole: StaffRole): CodingResult {
  const kind = table.modalities[modality.toLowerCase()];
  if (!kind) {
    const known = Object.keys(table.modalities).join(', ');
    return { ok: false, reason: `modality "${modality}" is not one we can code; use one of ${known}` };
  }
  const row = table.codes.find((c) => c.activity === activity && c.modality === kind && c.staffRole === staffRole);
  if (!row) {
    return { ok: false, reason: `no ECM code exists for activity "${activity}" by ${staffRole.replace('_', '-')} staff ${kind === 'in_person' ? 'in person' : 'by phone/video'}` };
  }
  return { ok: true, procedure: { code: row.code, modifiers: [...row.modifiers] } };
}

export function procedureKey(code: string, modifiers: readonly string[]): string {
  return modifiers.length === 0 ? code : `${code}:${modifiers.join(':')}`;
}
