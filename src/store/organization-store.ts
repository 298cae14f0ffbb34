// The organizations a deployment bills for. Their ids are slugs chosen by whoever creates them;
// their details (name, NPI, TIN, address) arrive with `import organization` and may come later
// than the organization itself, which a platform key can create empty.

import type { Organization } from '../domain/reference.js';
import { Repository } from './repository.js';

export interface OrganizationRecord {
  orgId: string;
  /** undefined until the organization file is imported */
  details?: Organization;
  createdAt: string;
}

interface OrganizationRow {
  org_id: string;
  data: string | null;
  created_at: string;
}

function recordOf(row: OrganizationRow): OrganizationRecord {
  return { orgId: row.org_id, ...(row.data !== null ? { details: JSON.parse(row.data) as Organization } : {}), createdAt: row.created_at };
}

export class OrganizationStore extends Repository {
  async list(): Promise<OrganizationRecord[]> {
    return (await this.sql('SELECT org_id, data, created_at FROM organizations ORDER BY org_id').all() as OrganizationRow[]).map(recordOf);
  }

  async find(orgId: string): Promise<OrganizationRecord | undefined> {
    const row = await this.sql('SELECT org_id, data, created_at FROM organizations WHERE org_id = ?').get(orgId) as OrganizationRow | undefined;
    return row ? recordOf(row) : undefined;
  }

  /** False when it exists already. */
  async create(orgId: string, at: string): Promise<boolean> {
    return (await this.sql('INSERT INTO organizations (org_id, data, created_at, updated_at) VALUES (?, NULL, ?, ?) ON CONFLICT (org_id) DO NOTHING').run(orgId, at, at)).changes > 0;
  }
}
