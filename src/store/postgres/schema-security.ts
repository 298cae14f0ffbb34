// Row-level security: the second wall between organizations, behind the stores' own
// `WHERE org_id = ...`. Each transaction names its organization with
// `SELECT set_config('app.org', $1, true)`; a row is seen, written or kept only when its org_id is
// that one. The empty string (or no setting) is the platform, which sees no organization's rows.
//
// FORCE applies the policies to the tables' owner too: the service may well connect as the role
// that ran the migrations. Superusers and BYPASSRLS roles are never filtered, so the service must
// not connect as one.

/**
 * The tables of the first schema whose rows each belong to one organization (org_id NOT NULL);
 * a table added later gets its policy in its own migration, from organizationPolicySql.
 */
export const ORGANIZATION_TABLES: readonly string[] = [
  'payers',
  'staff',
  'members',
  'imports',
  'import_issues',
  'row_changes',
  'services',
  'sequences',
  'builds',
  'build_issues',
  'claims',
  'claim_line_services',
  'claim_issues',
  'claim_events',
  'batches',
  'batch_claims',
  'batch_file_chunks',
  'invoices',
  'invoice_claims',
  'payer_files',
  'payer_file_unmatched',
  'payer_file_warnings',
  'claim_payer_references',
  'claim_timeliness',
  'claim_denial_reasons',
  'timeliness_as_of',
];

/**
 * Tables read before the organization is known (signing in, checking a key, listing
 * organizations), so they cannot sit behind app.org; their stores filter by hand. jobs too: a
 * worker takes the next job whatever its organization.
 */
export const CROSS_ORGANIZATION_TABLES: readonly string[] = [
  'organizations',
  'api_keys',
  'users',
  'user_sessions',
  'sign_in_links',
  'sign_in_failures',
  'jobs',
];

// current_setting(..., true) is NULL when the setting was never made: no row matches NULL.
/** The policy that shows and takes only the rows of the transaction's organization. */
export function organizationPolicySql(table: string): string {
  return `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_org ON ${table}
  USING (org_id = current_setting('app.org', true))
  WITH CHECK (org_id = current_setting('app.org', true));`;
}

const ORGANIZATION_POLICIES_SQL = ORGANIZATION_TABLES.map(organizationPolicySql).join('\n');

// The platform's own entries have no organization: they are the ones it sees (and writes) when
// app.org is empty or unset.
const AUDIT_POLICY_SQL = `
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_org ON audit_log
  USING (coalesce(org_id, '') = coalesce(current_setting('app.org', true), ''))
  WITH CHECK (coalesce(org_id, '') = coalesce(current_setting('app.org', true), ''));
`;

export const ROW_LEVEL_SECURITY_SQL = `${ORGANIZATION_POLICIES_SQL}\n${AUDIT_POLICY_SQL}`;
