// Which organization a command works for: --org, or the only one there is. The platform's own
// commands (orgs, a platform key) work for none; `import organization --org ID` may create ID.

import { DEFAULT_ORG, withOrganization, type AppContext } from '../app/context.js';
import { listOrganizations, organizationContext, parseOrgId } from '../app/organizations/organizations.js';
import { PLATFORM_ROLE } from '../store/key-store.js';
import { UsageError, type Parsed } from './args.js';

function isPlatformCommand(p: Parsed): boolean {
  const [command, sub] = p.positionals;
  return command === 'orgs' || (command === 'keys' && sub === 'create' && p.values.role === PLATFORM_ROLE);
}

export async function scopeForCommand(ctx: AppContext, p: Parsed): Promise<AppContext> {
  if (isPlatformCommand(p)) {
    if (p.values.org !== undefined) throw new UsageError(`${p.positionals.slice(0, 2).join(' ')} belongs to no organization: leave out --org`);
    return withOrganization(ctx, null);
  }
  const org = p.values.org;
  if (org !== undefined) {
    const [command, kind] = p.positionals;
    // The organization file is where an organization's details come from: importing it for a
    // new id is how an organization starts.
    if (command === 'import' && kind === 'organization') return withOrganization(ctx, parseOrgId(org));
    return organizationContext(ctx, org);
  }
  // The only organization there is, or 'default' while there is none yet.
  const ids = (await listOrganizations(withOrganization(ctx, null))).map((o) => o.id);
  if (ids.length <= 1) return withOrganization(ctx, ids[0] ?? DEFAULT_ORG);
  throw new UsageError(`this database holds ${ids.length} organizations (${ids.join(', ')}): name one with --org ID`);
}
