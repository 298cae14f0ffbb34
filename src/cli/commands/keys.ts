// `ecm-claims keys create|list|revoke` and `ecm-claims audit`: who may do what, and who did.

import type { AppContext } from '../../app/context.js';
import { createApiKey, listApiKeys, revokeApiKey, PLATFORM_ROLE, ROLES, type KeyRole } from '../../app/api-keys.js';
import { listAudit } from '../../app/audit.js';
import { UsageError, type CommandHandler, type Parsed } from '../args.js';
import { print, table } from '../output.js';

async function runKeys(ctx: AppContext, p: Parsed): Promise<number> {
  const sub = p.positionals[1];
  if (sub === 'create') {
    const role = p.values.role;
    const roles: readonly string[] = [...ROLES, PLATFORM_ROLE];
    if (!role) throw new UsageError(`keys create needs --role ${roles.join('|')}`);
    if (!roles.includes(role)) throw new UsageError(`--role ${role} is not a role (use ${roles.join(', ')})`);
    const created = await createApiKey(ctx, role as KeyRole, p.values.label);
    const whose = created.org ? ` for organization ${created.org}` : ' for the platform';
    print(p.values.json, created, () => `Created ${created.role} key ${created.keyId}${whose}. It is shown only now; store it safely:\n${created.key}`);
    return 0;
  }
  if (sub === 'list') {
    const keys = await listApiKeys(ctx);
    print(p.values.json, keys, () =>
      keys.length === 0 ? 'No API keys.' : table(keys.map((k) => ({ ...k, label: k.label ?? '', revokedAt: k.revokedAt ?? '' })), [['keyId', 'Key'], ['role', 'Role'], ['label', 'Label'], ['createdAt', 'Created'], ['revokedAt', 'Revoked']]),
    );
    return 0;
  }
  if (sub === 'revoke') {
    const id = p.positionals[2];
    if (!id) throw new UsageError('keys revoke needs a key id');
    await revokeApiKey(ctx, id);
    print(p.values.json, { revoked: id }, () => `Revoked key ${id}.`);
    return 0;
  }
  throw new UsageError('keys needs create, list or revoke');
}

const runAudit: CommandHandler = async (ctx, p) => {
  const entries = await listAudit(ctx, { from: p.values.from, to: p.values.to });
  print(p.values.json, entries, () => (entries.length === 0 ? 'No audit entries.' : table(entries.map((e) => ({ ...e, role: e.role ?? '' })), [['at', 'When'], ['actor', 'Who'], ['role', 'Role'], ['action', 'Action'], ['target', 'Target'], ['outcome', 'Outcome']])));
  return 0;
};

export const keyCommands: Record<string, CommandHandler> = { keys: runKeys, audit: runAudit };
