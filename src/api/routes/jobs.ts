// /api/jobs: long work handed over instead of waited for. The import, build, export and payer-file
// routes queue a job when asked with "Prefer: respond-async" (RFC 7240) and answer 202 with it;
// any instance sharing the database runs it, and any instance answers how it stands.

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { JOB_KINDS, type JobRequest } from '../../app/jobs/job-kinds.js';
import { listJobs, showJob, submitJob } from '../../app/jobs/jobs.js';
import { JOB_STATES } from '../../store/job-store.js';
import { AppError } from '../../app/errors.js';
import type { ApiEnv } from '../auth.js';
import { formFile, mediaType } from '../uploads.js';
import { errorResponses, notFound } from '../schemas.js';

export const JobSchema = z
  .object({
    jobId: z.number().int(),
    kind: z.enum(JOB_KINDS),
    state: z.enum(JOB_STATES),
    progress: z.object({ claimsWritten: z.number().int().optional() }).optional().openapi({ description: 'export jobs: claims written so far' }),
    result: z.unknown().optional().openapi({ description: 'when done: what the same request answers when it is not a job (an import, build, export or ingest report)' }),
    error: z.string().optional().openapi({ description: 'when failed: why; nothing the job did was kept' }),
    attempts: z.number().int().openapi({ description: 'how many times a worker took it (more than one when an instance stopped while running it)' }),
    takenBy: z.string().optional().openapi({ description: 'the instance that runs or ran it' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Job');

/** The Prefer header the routes that can queue a job document. */
export const PreferHeader = z.object({
  prefer: z.string().optional().openapi({ param: { name: 'prefer', in: 'header' }, description: '"respond-async": queue the work as a job and answer 202 with it at once', example: 'respond-async' }),
});

export const queuedResponse = { 202: { content: { 'application/json': { schema: JobSchema } }, description: 'Queued as a job (with Prefer: respond-async); follow Location' } };

/** Whether the client asked for the work to be queued rather than waited for. */
export function wantsJob(c: Context<ApiEnv>): boolean {
  return /(^|[,;\s])respond-async($|[,;\s])/i.test(c.req.header('prefer') ?? '');
}

type JobJson = z.infer<typeof JobSchema>;

/** Queues the work; the caller answers 202 with the job, whose address is set in Location. */
export async function queueJob(c: Context<ApiEnv>, job: JobRequest, payload?: Buffer): Promise<JobJson> {
  const queued = await submitJob(c.var.ctx, job, payload);
  c.header('Location', `/api/jobs/${queued.jobId}`);
  c.header('Preference-Applied', 'respond-async');
  return queued as JobJson;
}

/** A request's body whole, for a job to carry: a multipart upload's "file" field, or the body itself. */
export async function wholeBody(c: Context<ApiEnv>): Promise<{ bytes: Buffer; name?: string }> {
  if (mediaType(c) === 'multipart/form-data') {
    const file = await formFile(c);
    return { bytes: Buffer.from(await file.arrayBuffer()), name: file.name };
  }
  const bytes = Buffer.from(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new AppError('invalid', 'the body is empty');
  return { bytes };
}

export function jobRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs',
      summary: "The organization's jobs, newest first",
      security: [{ Bearer: [] }],
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) }) },
      responses: { 200: { content: { 'application/json': { schema: z.array(JobSchema) } }, description: 'Jobs' }, ...errorResponses },
    }),
    async (c) => c.json((await listJobs(c.var.ctx, c.req.valid('query').limit)) as JobJson[], 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/jobs/{id}',
      summary: 'One job: its state, progress, and when done its result',
      security: [{ Bearer: [] }],
      request: { params: z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }) },
      responses: { 200: { content: { 'application/json': { schema: JobSchema } }, description: 'The job' }, ...errorResponses, ...notFound },
    }),
    async (c) => c.json((await showJob(c.var.ctx, c.req.valid('param').id)) as JobJson, 200),
  );
}
