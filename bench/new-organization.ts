// The bench and the load run on PostgreSQL work in organizations of their own, made for the run
// in the database they are given and left there, so a shared database's other organizations are
// never touched: their ids carry the time the run started.

import { createContext, type AppContext, type Clock } from '../src/app/context.js';
import { createOrganization } from '../src/app/organizations/organizations.js';

/** yyyymmddhhmmss of now: what tells one run's organizations from another's. */
export function runStamp(): string {
  return new Date().toISOString().replace(/\D/g, '').slice(0, 14);
}

/** Creates organization `id` in the database at `url` and opens it. */
export async function inNewOrganization(url: string, id: string, clock: Clock): Promise<AppContext> {
  const platform = createContext({ dbPath: url, org: null, clock });
  try {
    await createOrganization(platform, id);
  } finally {
    platform.store.close();
  }
  return createContext({ dbPath: url, org: id, clock });
}
