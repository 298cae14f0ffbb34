// One database, two organizations, driven through the built command line: --org picks whose data
// a command works on, the only organization is the default, and a mistake names the choices.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EXAMPLES, SAMPLES, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';

let ws: Workspace;
const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

function load(dir: string, org: string): void {
  for (const kind of ['organization', 'payers', 'staff', 'members', 'services']) {
    const file = join(dir, kind === 'organization' || kind === 'payers' ? `${kind}.json` : `${kind}.csv`);
    const r = cli('import', kind, file, '--org', org);
    expect(r.code, r.err).toBe(kind === 'services' ? r.code : 0);
  }
}

function claimIds(org: string): string[] {
  const r = cli('claims', 'list', '--json', '--org', org);
  expect(r.code, r.err).toBe(0);
  return (JSON.parse(r.out) as Array<{ id: string }>).map((c) => c.id);
}

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
});
afterAll(() => ws.dispose());

describe('ecm-claims --org', () => {
  it('lists no organizations in a new database, and starts one with its organization file', () => {
    expect(JSON.parse(cli('orgs', 'list', '--json').out)).toEqual([]);
    load(SAMPLES, 'riverbend');
    expect(cli('claims', 'build').code).toBe(0);
    expect(JSON.parse(cli('orgs', 'list', '--json').out)).toEqual([{ id: 'riverbend', name: expect.any(String), npi: expect.any(String), tin: expect.any(String) }]);
  });

  it('works on the only organization without --org, and asks for one once there are two', () => {
    const only = cli('claims', 'list', '--json');
    expect(only.code, only.err).toBe(0);
    load(EXAMPLES, 'acme');
    const r = cli('claims', 'list');
    expect(r.code).toBe(2);
    expect(r.err).toContain('this database holds 2 organizations (acme, riverbend): name one with --org ID');
  });

  it("keeps each organization's claims, numbered from C000001 in each", () => {
    expect(cli('claims', 'build', '--org', 'acme').code).not.toBe(1);
    const acme = claimIds('acme');
    const riverbend = claimIds('riverbend');
    expect(acme[0]).toBe('C000001');
    expect(riverbend[0]).toBe('C000001');
    expect(acme.length).not.toBe(riverbend.length);
    const shown = JSON.parse(cli('claims', 'show', 'C000001', '--json', '--org', 'acme').out) as { payerId: string };
    const theirs = JSON.parse(cli('claims', 'show', 'C000001', '--json', '--org', 'riverbend').out) as { payerId: string };
    expect(shown.payerId).not.toBe(theirs.payerId);
    const beyond = acme.find((id) => !riverbend.includes(id))!;
    const missing = cli('claims', 'show', beyond, '--org', 'riverbend');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(beyond);
  });

  it('names the organizations when --org names none of them, and the rule when it is not an id', () => {
    const unknown = cli('claims', 'list', '--org', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('there is no organization nope; the organizations are: acme, riverbend');
    const bad = cli('claims', 'list', '--org', 'Not_An_Id');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('must be 1 to 32 lower-case letters, digits or dashes');
  });

  it('makes platform keys without an organization and organization keys with one', () => {
    const platform = cli('keys', 'create', '--role', 'platform', '--json');
    expect(platform.code, platform.err).toBe(0);
    expect(JSON.parse(platform.out)).toEqual({ keyId: expect.any(String), role: 'platform', key: expect.stringMatching(/^ecm_/) });
    expect(cli('keys', 'create', '--role', 'platform', '--org', 'acme').code).toBe(2);
    const admin = JSON.parse(cli('keys', 'create', '--org', 'acme', '--role', 'admin', '--json').out) as { org: string; keyId: string };
    expect(admin.org).toBe('acme');
    const listed = (org: string) => (JSON.parse(cli('keys', 'list', '--json', '--org', org).out) as Array<{ keyId: string }>).map((k) => k.keyId);
    expect(listed('acme')).toEqual([admin.keyId]);
    expect(listed('riverbend')).toEqual([]);
    expect(cli('keys', 'revoke', admin.keyId, '--org', 'riverbend').code).toBe(1);
  });

  it('creates an organization by hand, which then has no details until its file is imported', () => {
    const created = cli('orgs', 'create', 'hub-3', '--json');
    expect(created.code, created.err).toBe(0);
    expect(cli('orgs', 'create', 'hub-3').code).toBe(1);
    expect(JSON.parse(cli('orgs', 'list', '--json').out)).toContainEqual({ id: 'hub-3' });
  });
});
