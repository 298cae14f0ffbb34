// Sample data changed the way a billing office would change it: the organization profile or the
// plan's member file imported again with a field left out.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AppContext } from '../../../src/app/context.js';
import { importDocument } from '../../../src/app/imports/import-file.js';
import { SAMPLES } from '../../support/workspace.js';

export async function removeOrganizationNpi(ctx: AppContext): Promise<void> {
  const { npi: _npi, ...organization } = JSON.parse(readFileSync(join(SAMPLES, 'organization.json'), 'utf8')) as Record<string, unknown>;
  const report = await importDocument(ctx, 'organization', organization, 'test: organization without NPI');
  if (report.counts.rejected > 0) throw new Error('the organization without NPI was rejected');
}

export async function removeMemberBirthDate(ctx: AppContext, cin: string): Promise<void> {
  const rows = parse(readFileSync(join(SAMPLES, 'members.csv'), 'utf8'), { columns: true }) as Array<Record<string, string>>;
  const row = rows.find((r) => r.member_cin === cin);
  if (!row) throw new Error(`no sample member ${cin}`);
  const report = await importDocument(ctx, 'members', [{ ...row, dob: '' }], 'test: member without birth date');
  if (report.counts.rejected > 0 || report.counts.updated !== 1) throw new Error('the member without birth date was not imported');
}

/** What an institutional payer profile adds: the revenue code (FL 42, SV201) and facility type (FL 4, CLM05-1). */
export const INSTITUTIONAL = { revenueCode: '0500', facilityTypeCode: '13' };

/** The sample payers with one payer's formats changed, and its institutional settings when given. */
export function samplePayers(payerId: string, preferred: string, fallback?: string, institutional?: typeof INSTITUTIONAL): unknown[] {
  const payers = JSON.parse(readFileSync(join(SAMPLES, 'payers.json'), 'utf8')) as Array<{ id: string; formats: { preferred: string; fallback?: string } }>;
  return payers.map((p) => (p.id === payerId ? { ...p, formats: { preferred, ...(fallback ? { fallback } : {}) }, ...(institutional ? { institutional } : {}) } : p));
}

export async function setPreferredFormat(ctx: AppContext, payerId: string, preferred: string, fallback?: string, institutional?: typeof INSTITUTIONAL): Promise<void> {
  const report = await importDocument(ctx, 'payers', samplePayers(payerId, preferred, fallback, institutional), 'test: payer format');
  if (report.counts.rejected > 0) throw new Error('the payer profile was rejected');
}
