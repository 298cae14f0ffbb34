// The schema's history, one file per migration in migrations/, in the order they run.

import type { Migration } from './migrations/migration.js';
import { migration as m001 } from './migrations/001-initial-schema.js';
import { migration as m002 } from './migrations/002-batches-and-events.js';
import { migration as m003 } from './migrations/003-claims-by-member.js';
import { migration as m004 } from './migrations/004-documents.js';
import { migration as m005 } from './migrations/005-remittances.js';
import { migration as m006 } from './migrations/006-audit.js';
import { migration as m007 } from './migrations/007-services-by-member.js';
import { migration as m008 } from './migrations/008-validation-stamps.js';
import { migration as m009 } from './migrations/009-services-date-index.js';
import { migration as m010 } from './migrations/010-claim-lines-in-claims.js';
import { migration as m011 } from './migrations/011-date-anomalies.js';
import { migration as m012 } from './migrations/012-users.js';
import { migration as m013 } from './migrations/013-organizations.js';
import { migration as m014 } from './migrations/014-jobs.js';
import { migration as m015 } from './migrations/015-live-flags.js';
import { migration as m016 } from './migrations/016-claims-by-original.js';
import { migration as m017 } from './migrations/017-provider-adjustments.js';

export type { Migration };

export const MIGRATIONS: readonly Migration[] = [m001, m002, m003, m004, m005, m006, m007, m008, m009, m010, m011, m012, m013, m014, m015, m016, m017];
