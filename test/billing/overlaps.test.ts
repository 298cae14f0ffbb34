// One person's time is billed once: overlapping clock times of one staff member on one day hold
// the later row off the claims, across members, and never the row that has already been sent.

import { describe, expect, it } from 'vitest';
import { overlappingServices } from '../../src/billing/overlaps.js';
import type { TimedService } from '../../src/domain/service-log.js';

const row = (serviceId: string, startTime: string, endTime: string, staffId = 'S1', serviceDate = '2026-11-17'): TimedService => ({ serviceId, staffId, serviceDate, startTime, endTime });

describe('overlapping service times', () => {
  it('holds the later of two overlapping rows and names both, with their times', () => {
    const held = overlappingServices([row('B', '13:30', '14:15'), row('A', '13:00', '14:00')]);
    expect([...held.keys()]).toEqual(['B']);
    expect(held.get('B')).toMatchObject({ code: 'SERVICE_TIME_OVERLAP', severity: 'error', serviceIds: ['B'] });
    expect(held.get('B')!.message).toBe('B (13:30-14:15) overlaps A (13:00-14:00), both logged by staff S1 on 2026-11-17; correct the times in the care-management log and import the row again');
  });

  it('lets back-to-back rows, other days and other staff members through', () => {
    const rows = [row('A', '09:00', '10:00'), row('B', '10:00', '11:00'), row('C', '09:30', '10:30', 'S2'), row('D', '09:30', '10:30', 'S1', '2026-11-18')];
    expect(overlappingServices(rows).size).toBe(0);
  });

  it('compares each row with the longest-running earlier one, not just its neighbour', () => {
    const held = overlappingServices([row('LONG', '08:00', '12:00'), row('SHORT', '08:30', '09:00'), row('LATE', '11:00', '11:30')]);
    expect([...held.keys()].sort()).toEqual(['LATE', 'SHORT']);
    expect(held.get('LATE')!.message).toContain('overlaps LONG');
  });

  it('holds the earlier row when the later one has already been sent', () => {
    const held = overlappingServices([row('A', '13:00', '14:00'), row('B', '13:30', '14:15')], (id) => id === 'B');
    expect([...held.keys()]).toEqual(['A']);
    expect(held.get('A')!.message).toContain('overlaps B');
  });
});
