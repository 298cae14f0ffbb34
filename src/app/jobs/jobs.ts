// Long work handed over instead of waited for: a client queues an import, a build, an export or
// a payer file and asks later, from any instance, how far it has come and what it came to.

import type { JobRecord } from '../../store/job-store.js';
import { timestamp, type AppContext } from '../context.js';
import { AppError } from '../errors.js';
import type { JobRequest } from './job-kinds.js';
import { announceJobQueued, progressSeenHere } from './job-progress.js';

/** A job as its organization sees it: without the request it carries. */
export type JobView = Omit<JobRecord, 'org' | 'input'>;

function viewOf(job: JobRecord): JobView {
  const { org: _org, input: _input, ...view } = job;
  const live = job.state === 'running' ? progressSeenHere(job.jobId) : undefined;
  return live !== undefined ? { ...view, progress: live } : view;
}

/**
 * Runs statements on the job queue: on PostgreSQL each commits alone at once; SQLite's queue is on
 * its one write connection, the write lock's.
 */
export function onJobQueue<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  return ctx.store.jobsCommitAlone ? work() : ctx.writeLock.run(work);
}

/** Queues the work for the context's organization; a runner in any instance takes it up. */
export async function submitJob(ctx: AppContext, job: JobRequest, payload?: Buffer): Promise<JobView> {
  const queue = async () => {
    const jobId = await ctx.store.jobs.enqueue({ kind: job.kind, input: job.request, payload, at: timestamp(ctx) });
    return (await ctx.store.jobs.get(jobId))!;
  };
  const queued = await onJobQueue(ctx, queue);
  ctx.logger.info('job.queued', { job: queued.jobId, kind: job.kind });
  announceJobQueued();
  return viewOf(queued);
}

export async function showJob(ctx: AppContext, jobId: number): Promise<JobView> {
  const job = await ctx.store.jobs.get(jobId);
  if (!job) throw new AppError('not_found', `job ${jobId} does not exist`);
  return viewOf(job);
}

export async function listJobs(ctx: AppContext, limit = 100): Promise<JobView[]> {
  return (await ctx.store.jobs.list(limit)).map(viewOf);
}
