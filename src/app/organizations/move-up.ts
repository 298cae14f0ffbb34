// Moving up: an organization's SQLite file copied into one organization of a PostgreSQL database
// (`ecm-claims migrate`). The copy is one transaction on the target, checked table by table
// before it commits; the source file is never written.

import { existsSync } from 'node:fs';
import { CopyRefused, copySqliteToPostgres, type CopyReport } from '../../store/copy/copy-organization.js';
import { describeLocation } from '../../store/store.js';
import { isPostgresUrl } from '../../store/postgres/pg-store.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseOrgId } from './organizations.js';

export interface MoveRequest {
  /** the SQLite file */
  from: string;
  /** the postgres:// URL */
  to: string;
  /** the organization the rows belong to in the target */
  org: string;
  /** the organization in the source; by default its only one */
  fromOrg?: string;
}

export async function moveToPostgres(request: MoveRequest, logger: Logger): Promise<CopyReport> {
  const org = parseOrgId(request.org);
  if (!isPostgresUrl(request.to)) throw new AppError('invalid', `--to must be a postgres:// URL (got ${describeLocation(request.to)})`);
  if (isPostgresUrl(request.from) || !existsSync(request.from)) throw new AppError('not_found', `--from must be an existing SQLite file (${request.from} is not one)`);
  try {
    const report = await copySqliteToPostgres({ path: request.from, ...(request.fromOrg ? { org: parseOrgId(request.fromOrg) } : {}) }, { url: request.to, org });
    logger.info('organization.moved', { from: report.fromOrg, to: report.toOrg, tables: report.tables.length, rows: report.tables.reduce((n, t) => n + t.rows, 0) });
    return report;
  } catch (err) {
    if (err instanceof CopyRefused) throw new AppError('conflict', err.message);
    // The server's own refusal (a person's email already used in another organization, say):
    // nothing was kept, and its words say what.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) throw new AppError('conflict', `the target database refused the copy, and nothing was kept: ${(err as Error).message}`);
    throw err;
  }
}
