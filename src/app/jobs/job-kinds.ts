// What a job can be: the long pieces of work a client may hand over and ask about later. Each
// kind runs the same use case its synchronous route runs, with the request as stored.

import { Readable } from 'node:stream';
import { buildClaims, type BuildFilter } from '../claims/build.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { exportAny, type AnyExportRequest } from '../exports/any-export.js';
import { importDocument, importFile, type ImportKind } from '../imports/import-file.js';
import { ingestPayerFile } from '../remittances/ingest.js';

export const JOB_KINDS = ['import', 'build', 'export', 'ingest'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A job's request as it is stored; import and ingest jobs carry their file as the payload. */
export type JobRequest =
  | { kind: 'import'; request: { importKind: ImportKind; source: string; json?: boolean } }
  | { kind: 'build'; request: BuildFilter }
  | { kind: 'export'; request: AnyExportRequest }
  | { kind: 'ingest'; request: { source: string } };

/** How far a job has come, as its work reports it. */
export interface JobProgress {
  claimsWritten?: number;
}

function bytesOf(kind: string, payload: Buffer | undefined): Buffer {
  if (!payload) throw new AppError('invalid', `a ${kind} job carries its file, and this one has none`);
  return payload;
}

function payloadOf(kind: string, payload: Buffer | undefined): Readable {
  return Readable.from([bytesOf(kind, payload)]);
}

/** Runs one job's work in `ctx` (its organization's); its answer is the job's result. */
export function runJobWork(ctx: AppContext, job: JobRequest, payload: Buffer | undefined, progress: (p: JobProgress) => void): Promise<unknown> {
  switch (job.kind) {
    case 'import': {
      const { importKind, source, json } = job.request;
      if (json) return importDocument(ctx, importKind, JSON.parse(bytesOf('import', payload).toString('utf8')) as unknown, source);
      return importFile(ctx, importKind, payloadOf('import', payload), { source });
    }
    case 'build':
      return buildClaims(ctx, job.request);
    case 'export':
      return exportAny(ctx, job.request, (claimsWritten) => progress({ claimsWritten }));
    case 'ingest':
      return ingestPayerFile(ctx, payloadOf('ingest', payload), { source: job.request.source });
  }
}
