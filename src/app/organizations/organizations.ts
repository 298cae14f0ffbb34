// The organizations one deployment bills for. Creating one and listing them are the platform's
// business (a platform key, or the command line); everything else runs for one organization,
// which a key, a session or --org names.

import { OrgIdSchema } from '../../domain/reference.js';
import { AppError } from '../errors.js';
import { timestamp, withOrganization, type AppContext } from '../context.js';

export interface OrganizationSummary {
  id: string;
  /** undefined until the organization file is imported */
  name?: string;
  npi?: string;
  tin?: string;
}

export async function listOrganizations(ctx: AppContext): Promise<OrganizationSummary[]> {
  return (await ctx.store.read.organizations.list()).map((o) => ({
    id: o.orgId,
    ...(o.details ? { name: o.details.name, ...(o.details.npi ? { npi: o.details.npi } : {}), tin: o.details.tin } : {}),
  }));
}

/** The id, checked against the slug rule, or an error that says what the rule is. */
export function parseOrgId(id: string): string {
  const parsed = OrgIdSchema.safeParse(id);
  if (!parsed.success) throw new AppError('invalid', `organization id "${id}" ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

/** Creates an organization with no details yet; a conflict when the id is taken. */
export async function createOrganization(ctx: AppContext, id: string): Promise<OrganizationSummary> {
  const orgId = parseOrgId(id);
  const created = await ctx.writeLock.run(() => ctx.store.withTransaction((tx) => tx.organizations.create(orgId, timestamp(ctx))));
  if (!created) throw new AppError('conflict', `organization ${orgId} exists already`);
  ctx.logger.info('organization.created', { org: orgId });
  return { id: orgId };
}

/**
 * The context of an organization that exists; otherwise an error naming the ones there are, so
 * a mistyped --org is corrected in one step.
 */
export async function organizationContext(ctx: AppContext, id: string): Promise<AppContext> {
  const orgId = parseOrgId(id);
  if (!(await ctx.store.read.organizations.find(orgId))) {
    const ids = (await ctx.store.read.organizations.list()).map((o) => o.orgId);
    throw new AppError('not_found', `there is no organization ${orgId}; ${ids.length === 0 ? 'there are none yet' : `the organizations are: ${ids.join(', ')}`}`);
  }
  return withOrganization(ctx, orgId);
}
