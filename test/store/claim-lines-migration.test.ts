// Migration 10 moves each claim's lines from the claim_lines table into the claims row. A store
// made before it must come out with the same claims, line for line, and the same duplicate facts.

import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/store/database.js';
import { ClaimStore } from '../../src/store/claim-store.js';
import { sqliteConnection } from '../../src/store/sqlite/sqlite-connection.js';
import { storeAtVersion } from '../support/old-store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A store as version 9 left it, with two claims: one of two lines (written out of order) and one of none. */
function storeBeforeMigration10(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-migrate-'));
  dirs.push(dir);
  const path = join(dir, 'ecm.db');
  const db = storeAtVersion(path, 9);
  db.exec(`
    INSERT INTO payers (payer_id, data, row_hash, updated_at) VALUES ('healthnet', '{}', 'h', 'at');
    INSERT INTO staff (staff_id, role, data, row_hash, updated_at) VALUES ('S001', 'lead_care_manager', '{}', 'h', 'at'), ('S002', 'lead_care_manager', '{}', 'h', 'at');
    INSERT INTO members (member_cin, payer_id, data, row_hash, updated_at) VALUES ('91234567A', 'healthnet', '{}', 'h', 'at');
    INSERT INTO services (service_id, member_cin, payer_id, staff_id, service_date, minutes, code, modifiers, data, row_hash, updated_at)
      VALUES ('SL-1', '91234567A', 'healthnet', 'S001', '2026-10-03', 90, 'G9008', 'U1', '{}', 'h', 'at'),
             ('SL-2', '91234567A', 'healthnet', 'S002', '2026-10-05', 45, 'G9012', '', '{}', 'h', 'at'),
             ('SL-3', '91234567A', 'healthnet', 'S002', '2026-10-05', 15, 'G9012', '', '{}', 'h', 'at');
    INSERT INTO claims (claim_id, claim_key, member_cin, payer_id, period, format, status, frequency, place_of_service, diagnoses, default_dx_used, total_charge_cents, created_at, updated_at)
      VALUES ('C0000001', 'k1', '91234567A', 'healthnet', '2026-10', '837p', 'ready', '1', '12', '["Z59.00","I10"]', 0, 41437, 'at', 'at'),
             ('C0000002', 'k2', '91234567A', 'healthnet', '2026-10', 'invoice', 'draft', '1', '12', '[]', 1, 0, 'at', 'at');
    INSERT INTO claim_lines (claim_id, line_number, service_date, code, modifiers, place_of_service, rendering_staff_id, minutes, units, rate_cents, charge_cents, diagnosis_pointers, activity)
      VALUES ('C0000001', 2, '2026-10-05', 'G9012', '', '10', 'S002', 60, '1', 16575, 16575, '[2]', 'outreach'),
             ('C0000001', 1, '2026-10-03', 'G9008', 'U1:GQ', '12', 'S001', 90, '1.5', 16575, 24862, '[1,2]', 'ecm');
    INSERT INTO claim_line_services (claim_id, line_number, service_id) VALUES ('C0000001', 1, 'SL-1'), ('C0000001', 2, 'SL-3'), ('C0000001', 2, 'SL-2');
  `);
  db.close();
  return path;
}

describe('migration 10: claim lines in the claims row', () => {
  it('keeps every line of every claim, in order, with its log rows', async () => {
    const db = openDatabase(storeBeforeMigration10());
    try {
      expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'claim_lines'").pluck().get()).toBe(0);
      const claims = new ClaimStore(sqliteConnection(db), 'default');
      const [first, second] = await claims.loadMany(['C0000001', 'C0000002']);
      expect(first!.lines).toEqual([
        {
          lineNumber: 1,
          serviceDate: '2026-10-03',
          code: 'G9008',
          modifiers: ['U1', 'GQ'],
          placeOfService: '12',
          renderingStaffId: 'S001',
          minutes: 90,
          units: '1.5',
          rate: '165.75',
          charge: '248.62',
          diagnosisPointers: [1, 2],
          serviceIds: ['SL-1'],
          activity: 'ecm',
        },
        {
          lineNumber: 2,
          serviceDate: '2026-10-05',
          code: 'G9012',
          modifiers: [],
          placeOfService: '10',
          renderingStaffId: 'S002',
          minutes: 60,
          units: '1',
          rate: '165.75',
          charge: '165.75',
          diagnosisPointers: [2],
          serviceIds: ['SL-2', 'SL-3'],
          activity: 'outreach',
        },
      ]);
      expect(second!.lines).toEqual([]);
      expect((await claims.list({})).map((c) => [c.id, c.lineCount])).toEqual([
        ['C0000001', 2],
        ['C0000002', 0],
      ]);
      expect(await claims.duplicateRows({ from: '2026-10-04', to: '2026-10-31' })).toEqual([['C0000001', '91234567A', '2026-10-05', 'G9012', '']]);
    } finally {
      db.close();
    }
  });
});
