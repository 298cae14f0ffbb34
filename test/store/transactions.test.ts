// The store's transaction port: all of a piece of work commits or none of it, across awaits; a
// transaction inside another is undone alone; readers see nothing until the commit.

import { afterEach, describe, expect, it } from 'vitest';
import { workspace, type Workspace } from '../support/workspace.js';

let ws: Workspace | undefined;
afterEach(() => ws?.dispose());

const organization = { name: 'Test Org', tin: '123456789', address: { line1: '1 Main St', city: 'Fresno', state: 'CA', zip: '93721' }, contact: { name: 'Billing', phone: '5595550100' } };
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('withTransaction', () => {
  it('commits what the work wrote, across awaits, and readers see it only after the commit', async () => {
    ws = workspace();
    const { store } = ws.ctx;
    await store.withTransaction(async (tx) => {
      await tx.reference.putOrganization(organization, 'at');
      await tick();
      expect((await store.read.reference.getOrganization())).toBeUndefined();
    });
    expect((await store.read.reference.getOrganization())?.name).toBe('Test Org');
  });

  it('keeps nothing of work that throws, even after it awaited', async () => {
    ws = workspace();
    const { store } = ws.ctx;
    await expect(
      store.withTransaction(async (tx) => {
        await tx.reference.putOrganization(organization, 'at');
        await tick();
        throw new Error('half way');
      }),
    ).rejects.toThrow('half way');
    expect((await store.read.reference.getOrganization())).toBeUndefined();
    await store.withTransaction((tx) => tx.reference.putOrganization(organization, 'at'));
    expect((await store.read.reference.getOrganization())?.name).toBe('Test Org');
  });

  it('undoes a nested transaction that throws, and keeps what the outer one wrote', async () => {
    ws = workspace();
    const { store } = ws.ctx;
    await store.withTransaction(async (tx) => {
      await tx.reference.putOrganization(organization, 'at');
      await expect(
        store.withTransaction(async (inner) => {
          await inner.reference.putOrganization({ ...organization, name: 'Renamed' }, 'at');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
    });
    expect((await store.read.reference.getOrganization())?.name).toBe('Test Org');
  });
});
