// Errors the app layer raises on purpose; the API maps them to HTTP statuses and the CLI to exit
// codes. Their messages are written for billers and never include member data.

export type AppErrorKind = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unauthorized' | 'too_large';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Store failures a person can act on (a full disk, a read-only or missing database file), said in
 * a sentence; undefined for anything else. The transaction that hit them has been rolled back.
 */
export function describeStoreFailure(err: unknown): AppError | undefined {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (code === 'SQLITE_FULL') return new AppError('conflict', 'the disk holding the database is full; nothing from this operation was saved. Free space and run it again.');
  if (code.startsWith('SQLITE_READONLY')) return new AppError('conflict', 'the database file is read-only; nothing was saved. Check the file and folder permissions.');
  if (code.startsWith('SQLITE_CANTOPEN')) return new AppError('conflict', 'the database file cannot be opened; check that its folder exists and is writable.');
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY')) return new AppError('conflict', 'the database stayed busy with another writer for too long; try again.');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new AppError('conflict', 'the database file is damaged or is not an ecm-claims database.');
  const constraint = `${(err as { constraint?: unknown }).constraint ?? ''} ${(err as Error).message ?? ''}`;
  if ((code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') && /claim_line_services(_one_live|\.service_id)/.test(constraint)) {
    return new AppError('conflict', 'a service row would be on two live claims at once, so nothing was saved; another build or correction may have billed it a moment ago. Look at the claims for these rows and run it again.');
  }
  if ((code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') && /batch_claims(_one_live|\.claim_id)/.test(constraint)) {
    return new AppError('conflict', 'a claim would be in two batches at once, so nothing was saved; another export may have sent it a moment ago. Look at the batches and run it again.');
  }
  // The same failures on a PostgreSQL server, by their SQLSTATE.
  if (code === '53100') return new AppError('conflict', 'the disk of the database server is full; nothing from this operation was saved. Free space on the server and run it again.');
  if (code === '25006') return new AppError('conflict', 'the database is read-only (a standby, or set read-only); nothing was saved. Point ECM_DB at the primary server.');
  if (code === 'ENOSPC') return new AppError('conflict', 'the disk is full; nothing from this operation was saved.');
  if (code === 'EACCES' || code === 'EROFS') return new AppError('conflict', 'a file could not be written: permission denied or read-only file system.');
  return undefined;
}
