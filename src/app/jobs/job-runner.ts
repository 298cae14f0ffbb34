// Takes jobs from the store and runs them, one at a time per process: any instance sharing the
// database may take any organization's job. The work and the job's end commit in one
// transaction, so a job is done once, with what it did, or not at all; a worker that dies leaves
// a lease that runs out, and another worker takes the job again from the start.

import { hostname } from 'node:os';
import { randomBytes, randomUUID } from 'node:crypto';
import { HeldLock, timestamp, withOrganization, type AppContext } from '../context.js';
import { AppError, describeStoreFailure } from '../errors.js';
import type { JobHold, TakenJob } from '../../store/job-store.js';
import { runJobWork, type JobProgress, type JobRequest } from './job-kinds.js';
import { progressHere, whenJobQueued } from './job-progress.js';
import { onJobQueue } from './jobs.js';

export interface JobRunnerOptions {
  /** this worker's name in the jobs it takes (default: host, process and a random tag) */
  worker?: string;
  /** how long a job stays this worker's without a renewal */
  leaseMs?: number;
  /** how often to look for work when none was announced */
  pollMs?: number;
  /** after this many workers stopped while running a job, it fails instead of starting again */
  maxAttempts?: number;
}

/** A job whose lease another worker took over: its work is undone and left to that worker. */
class LeaseLost extends Error {}

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export class JobRunner {
  readonly worker: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private unsubscribe: (() => void) | undefined;

  /** `ctx` is the platform's: each job runs in its own organization's. */
  constructor(
    private readonly ctx: AppContext,
    options: JobRunnerOptions = {},
  ) {
    this.worker = options.worker ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? envNumber('ECM_JOB_LEASE_SECONDS', 60) * 1000;
    this.pollMs = options.pollMs ?? envNumber('ECM_JOB_POLL_MS', 1000);
    this.maxAttempts = options.maxAttempts ?? 3;
  }

  start(): void {
    if (this.loop) return;
    this.unsubscribe = whenJobQueued(() => this.wake?.());
    this.loop = this.keepRunning();
  }

  /** Takes no new job; resolves once the one running (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private async keepRunning(): Promise<void> {
    while (!this.stopped) {
      let ran = false;
      try {
        ran = await this.runNext();
      } catch (err) {
        // The database may be away for a moment; the next round tries again.
        this.ctx.logger.error('job.poll_failed', { worker: this.worker, name: (err as Error).name, code: (err as { code?: string }).code });
      }
      if (!ran && !this.stopped) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Takes the next job and runs it to its end; false when there was none. */
  async runNext(): Promise<boolean> {
    const jobs = this.ctx.store.jobs;
    if (!(await jobs.waiting(Date.now()))) return false;
    const job = await onJobQueue(this.ctx, async () => {
      await jobs.failAbandoned(Date.now(), this.maxAttempts, timestamp(this.ctx));
      return jobs.take(this.worker, Date.now(), this.leaseMs, timestamp(this.ctx));
    });
    if (!job) return false;
    await this.run(job);
    return true;
  }

  private async run(job: TakenJob): Promise<void> {
    const jobs = this.ctx.store.jobs;
    const hold: JobHold = { jobId: job.jobId, worker: this.worker, attempt: job.attempts };
    const live = progressHere(job.jobId);
    const renew = () => {
      jobs.renew(hold, Date.now() + this.leaseMs, live.current).catch(() => undefined);
    };
    const heartbeat = setInterval(renew, Math.max(100, Math.floor(this.leaseMs / 3)));
    const started = performance.now();
    this.ctx.logger.info('job.started', { job: job.jobId, kind: job.kind, attempt: job.attempts, worker: this.worker });
    const org = withOrganization(this.ctx, job.org);
    try {
      await this.ctx.writeLock.run(() =>
        org.store.withTransaction(async (tx) => {
          const result = await runJobWork({ ...org, writeLock: new HeldLock() }, { kind: job.kind, request: job.input } as JobRequest, job.payload, (p: JobProgress) => {
            live.current = p;
          });
          if (!(await tx.jobs.end(hold, { state: 'done', result, progress: live.current }, timestamp(this.ctx)))) throw new LeaseLost();
        }),
      );
      this.ctx.logger.info('job.done', { job: job.jobId, kind: job.kind, ms: Math.round(performance.now() - started) });
    } catch (thrown) {
      if (thrown instanceof LeaseLost) {
        this.ctx.logger.error('job.lease_lost', { job: job.jobId, worker: this.worker });
        return;
      }
      const err = describeStoreFailure(thrown) ?? thrown;
      let message: string;
      if (err instanceof AppError) message = err.message;
      else {
        const incident = randomUUID();
        // The error's message may quote data; log its kind and code only.
        this.ctx.logger.error('job.error', { job: job.jobId, incident, name: (err as Error).name, code: (err as { code?: string }).code });
        message = `the job failed (incident ${incident}); nothing it did was kept`;
      }
      await onJobQueue(this.ctx, () => jobs.end(hold, { state: 'failed', error: message }, timestamp(this.ctx)));
      this.ctx.logger.info('job.failed', { job: job.jobId, kind: job.kind });
    } finally {
      clearInterval(heartbeat);
      live.release();
    }
  }
}
