// Duplicate checks look claims up by member.

import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 3,
  name: 'index claims by member for duplicate checks',
  sql: `
CREATE INDEX claims_by_member ON claims (member_cin);
`,
};
