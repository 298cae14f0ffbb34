// Sliced builds read a member's services by date.

import type { Migration } from './migration.js';

export const migration: Migration = { version: 7, name: 'index services by member for sliced builds', sql: 'CREATE INDEX services_by_member ON services (member_cin, service_date);' };
