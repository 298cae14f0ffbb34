// `ecm-claims users ...` through the built command line against a SQLite file, as an administrator
// would run it; the links it prints are then used as the workspace's pages would use them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, workspace, type Workspace } from '../support/workspace.js';
import { runCli } from '../support/runners.js';
import { createContext, fixedClock, type AppContext } from '../../src/app/context.js';
import { linkIsValid, redeemSignInLink, sessionOf } from '../../src/app/users/users.js';

let ws: Workspace;

const cli = (...args: string[]) => runCli(ws.dbPath, ...args);

const LINK = /Sign-in link \(shown only now, works once, for 7 days\): \/welcome\/(lnk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}) — open it on the workspace's address \(e\.g\. http:\/\/127\.0\.0\.1:8080\/welcome\/\1\) to set a password/;

/** Runs `work` with a context of its own on the test's database, at the CLI's pinned time. */
async function inProcess<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = createContext({ dbPath: ws.dbPath, clock: fixedClock(NOW) });
  try {
    return await work(ctx);
  } finally {
    ctx.store.close();
  }
}

let firstLink = '';

beforeAll(() => {
  ws = workspace();
  ws.ctx.store.close();
});
afterAll(() => ws.dispose());

describe('ecm-claims users', () => {
  it('creates a user and prints the one-time sign-in link once', () => {
    const r = cli('users', 'create', '--email', ' Ann@Example.org', '--role', 'billing');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Created billing user ann@example\.org \([0-9a-f]{12}\)\.\n/);
    firstLink = LINK.exec(r.out)![1]!;

    const json = cli('users', 'create', '--email', 'bob@example.org', '--role', 'finance', '--json');
    expect(json.code, json.err).toBe(0);
    const created = JSON.parse(json.out) as { user: { email: string; role: string }; link: string; path: string };
    expect(created.user).toMatchObject({ email: 'bob@example.org', role: 'finance' });
    expect(created.path).toBe(`/welcome/${created.link}`);
  });

  it('lists the users as a table and as JSON', () => {
    const text = cli('users', 'list');
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^Email +Role +User +Created +Last sign-in +Disabled\n/);
    expect(text.out).toMatch(/\nann@example\.org +billing +[0-9a-f]{12} +2026-11-25T18:00:00\.000Z\n/);
    const users = JSON.parse(cli('users', 'list', '--json').out) as Array<{ email: string; role: string }>;
    expect(users.map((u) => [u.email, u.role])).toEqual([
      ['ann@example.org', 'billing'],
      ['bob@example.org', 'finance'],
    ]);
  });

  it('gives a new link that replaces the earlier one, and signs the user out everywhere', async () => {
    const r = cli('users', 'link', '--email', 'ann@example.org');
    expect(r.code, r.err).toBe(0);
    const link = LINK.exec(r.out)![1]!;
    expect(link).not.toBe(firstLink);
    const session = await inProcess(async (ctx) => {
      expect(await linkIsValid(ctx, firstLink)).toBeUndefined();
      return (await redeemSignInLink(ctx, link, 'a long enough password')).session;
    });

    const out = cli('users', 'signout', '--email', 'ANN@example.org');
    expect(out.code, out.err).toBe(0);
    expect(out.out).toBe('Signed ann@example.org out everywhere: 1 session ended.\n');
    expect(await inProcess((ctx) => sessionOf(ctx, session))).toBeUndefined();
  });

  it('disables a user, who then gets no link', () => {
    const r = cli('users', 'disable', '--email', 'bob@example.org');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('Disabled bob@example.org: their sessions have ended and their sign-in links no longer work.\n');
    const bob = (JSON.parse(cli('users', 'list', '--json').out) as Array<{ email: string; disabledAt?: string }>).find((u) => u.email === 'bob@example.org');
    expect(bob?.disabledAt).toBe('2026-11-25T18:00:00.000Z');
    const link = cli('users', 'link', '--email', 'bob@example.org');
    expect(link.code).toBe(1);
    expect(link.err).toBe('error: the user bob@example.org is disabled; a disabled user cannot be given a sign-in link\n');
  });

  it('answers mistakes as the other commands do', () => {
    const duplicate = cli('users', 'create', '--email', 'ann@example.org', '--role', 'admin');
    expect([duplicate.code, duplicate.err]).toEqual([1, 'error: a user with the email ann@example.org already exists\n']);
    expect(cli('users', 'create', '--email', 'not-an-email', '--role', 'admin').code).toBe(1);
    expect(cli('users', 'disable', '--email', 'nobody@example.org').err).toBe('error: there is no user with the email nobody@example.org\n');
    for (const [args, message] of [
      [['users', 'create', '--role', 'admin'], 'error: users create needs --email ADDRESS and --role admin|billing|finance'],
      [['users', 'create', '--email', 'cy@example.org', '--role', 'root'], 'error: --role root is not a role (use admin, billing, finance)'],
      [['users', 'link'], 'error: users link needs --email ADDRESS'],
      [['users', 'frob'], 'error: users needs create, list, link, disable or signout'],
    ] as const) {
      const r = cli(...args);
      expect(r.code, r.err).toBe(2);
      expect(r.err.split('\n')[0]).toBe(message);
    }
    const help = cli('users', '--help');
    expect(help.code).toBe(0);
    expect(help.out.split('\n').filter((l) => l.startsWith('  ecm-claims users '))).toHaveLength(5);
  });
});
