// `ecm-claims users create|list|link|disable|signout`: people's accounts for the browser
// workspace. There is no mail server: the administrator hands the printed sign-in link over.

import type { AppContext } from '../../app/context.js';
import { AppError } from '../../app/errors.js';
import { ROLES, type Role } from '../../app/api-keys.js';
import { normalEmail } from '../../app/users/account.js';
import { createUser, disableUser, issueSignInLink, LINK_VALID_DAYS, listUsers, signOutEverywhere, type UserView } from '../../app/users/users.js';
import { UsageError, type CommandHandler, type Parsed } from '../args.js';
import { count, print, table } from '../output.js';

const ROLE_CHOICES = ROLES.join('|');

export const userUsage: string[] = [
  `ecm-claims users create --email ADDRESS --role ${ROLE_CHOICES}`,
  'ecm-claims users list',
  'ecm-claims users link --email ADDRESS          (a new one-time sign-in link; earlier ones stop working)',
  'ecm-claims users disable --email ADDRESS',
  'ecm-claims users signout --email ADDRESS       (ends every session of the user)',
];

const BY_CLI = { actor: 'cli' };

function emailOf(p: Parsed, sub: string): string {
  const email = p.values.email;
  if (!email) throw new UsageError(`users ${sub} needs --email ADDRESS`);
  return email;
}

function linkText(link: string): string {
  const path = `/welcome/${link}`;
  return `Sign-in link (shown only now, works once, for ${LINK_VALID_DAYS} days): ${path} — open it on the workspace's address (e.g. http://127.0.0.1:8080${path}) to set a password`;
}

function userRows(users: readonly UserView[]) {
  return users.map((u) => ({ email: u.email, role: u.role, userId: u.userId, createdAt: u.createdAt, lastSignInAt: u.lastSignInAt ?? '', disabledAt: u.disabledAt ?? '' }));
}

async function runUsers(ctx: AppContext, p: Parsed): Promise<number> {
  const sub = p.positionals[1];
  if (sub === 'create') {
    const role = p.values.role;
    if (!p.values.email || !role) throw new UsageError(`users create needs --email ADDRESS and --role ${ROLE_CHOICES}`);
    if (!ROLES.includes(role as Role)) throw new UsageError(`--role ${role} is not a role (use ${ROLES.join(', ')})`);
    const created = await createUser(ctx, { email: p.values.email, role: role as Role }, BY_CLI);
    print(p.values.json, { ...created, path: `/welcome/${created.link}` }, () => `Created ${created.user.role} user ${created.user.email} (${created.user.userId}).\n${linkText(created.link)}`);
    return 0;
  }
  if (sub === 'list') {
    const users = await listUsers(ctx);
    print(p.values.json, users, () =>
      users.length === 0
        ? 'No users.'
        : table(userRows(users), [['email', 'Email'], ['role', 'Role'], ['userId', 'User'], ['createdAt', 'Created'], ['lastSignInAt', 'Last sign-in'], ['disabledAt', 'Disabled']]),
    );
    return 0;
  }
  if (sub === 'link') {
    const issued = await issueSignInLink(ctx, emailOf(p, sub), BY_CLI);
    print(p.values.json, { ...issued, path: `/welcome/${issued.link}` }, () => `${linkText(issued.link)}\nAny earlier unused link of ${issued.user.email} no longer works.`);
    return 0;
  }
  if (sub === 'disable') {
    const user = await disableUser(ctx, emailOf(p, sub), BY_CLI);
    print(p.values.json, user, () => `Disabled ${user.email}: their sessions have ended and their sign-in links no longer work.`);
    return 0;
  }
  if (sub === 'signout') {
    const email = normalEmail(emailOf(p, sub));
    const user = (await listUsers(ctx)).find((u) => u.email === email);
    if (!user) throw new AppError('not_found', `there is no user with the email ${email}`);
    const ended = await signOutEverywhere(ctx, user.userId, BY_CLI);
    print(p.values.json, { user, sessionsEnded: ended }, () => `Signed ${user.email} out everywhere: ${count(ended, 'session')} ended.`);
    return 0;
  }
  throw new UsageError('users needs create, list, link, disable or signout');
}

export const userCommands: Record<string, CommandHandler> = { users: runUsers };
