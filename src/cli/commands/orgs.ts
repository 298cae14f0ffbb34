// `ecm-claims orgs list|create`: the organizations a deployment bills for.

import { createOrganization, listOrganizations } from '../../app/organizations/organizations.js';
import { UsageError, type CommandHandler } from '../args.js';
import { print, table } from '../output.js';

const runOrgs: CommandHandler = async (ctx, p) => {
  const sub = p.positionals[1];
  if (sub === 'list') {
    const orgs = await listOrganizations(ctx);
    print(p.values.json, orgs, () =>
      orgs.length === 0 ? 'No organizations yet: import an organization file to start one.' : table(orgs.map((o) => ({ id: o.id, name: o.name ?? '(no details yet)', npi: o.npi ?? '', tin: o.tin ?? '' })), [['id', 'Id'], ['name', 'Name'], ['npi', 'NPI'], ['tin', 'TIN']]),
    );
    return 0;
  }
  if (sub === 'create') {
    const id = p.positionals[2];
    if (!id) throw new UsageError('orgs create needs an organization id');
    const created = await createOrganization(ctx, id);
    print(p.values.json, created, () => `Created organization ${created.id}. Import its organization file with --org ${created.id} next.`);
    return 0;
  }
  throw new UsageError('orgs needs list or create');
};

export const orgCommands: Record<string, CommandHandler> = { orgs: runOrgs };
