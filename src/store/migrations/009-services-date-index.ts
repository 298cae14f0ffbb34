// With the member in the date index, the members a build has rows for are read from the index
// alone instead of from every row it names.

import type { Migration } from './migration.js';

export const migration: Migration = {
  version: 9,
  name: 'date index of services covers the members of a period',
  sql: 'DROP INDEX services_by_date; CREATE INDEX services_by_date ON services (service_date, payer_id, member_cin);',
};
