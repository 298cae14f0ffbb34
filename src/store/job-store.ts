// Long work stored as jobs, so that any service instance may take it up: a worker takes the
// oldest queued job (or one whose worker stopped renewing its lease) for itself alone, renews the
// lease while it works, and ends it as done or failed only while the lease is still its own.
// Times are the worker's wall clock in milliseconds, never the app's injected clock: a lease
// measures how long a process has been silent, not a billing date.

import { Repository } from './repository.js';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRecord {
  jobId: number;
  org: string;
  kind: string;
  input: unknown;
  state: JobState;
  progress?: unknown;
  result?: unknown;
  error?: string;
  attempts: number;
  takenBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** A job as a worker takes it: with the bytes it carries, and which attempt this is. */
export interface TakenJob extends JobRecord {
  payload?: Buffer;
}

/** Who holds a job: the worker and its attempt, so a lease taken over by another is never ended by the first. */
export interface JobHold {
  jobId: number;
  worker: string;
  attempt: number;
}

interface JobRow {
  job_id: number;
  org_id: string;
  kind: string;
  input: string;
  state: JobState;
  progress: string | null;
  result: string | null;
  error: string | null;
  attempts: number;
  taken_by: string | null;
  created_at: string;
  updated_at: string;
  payload?: Buffer | Uint8Array | null;
}

const COLUMNS = 'job_id, org_id, kind, input, state, progress, result, error, attempts, taken_by, created_at, updated_at';

function recordOf(row: JobRow): JobRecord {
  return {
    jobId: row.job_id,
    org: row.org_id,
    kind: row.kind,
    input: JSON.parse(row.input) as unknown,
    state: row.state,
    ...(row.progress !== null ? { progress: JSON.parse(row.progress) as unknown } : {}),
    ...(row.result !== null ? { result: JSON.parse(row.result) as unknown } : {}),
    ...(row.error !== null ? { error: row.error } : {}),
    attempts: row.attempts,
    ...(row.taken_by !== null ? { takenBy: row.taken_by } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class JobStore extends Repository {
  /** Queues work for this store's organization; returns the job's id. */
  async enqueue(job: { kind: string; input: unknown; payload?: Buffer; at: string }): Promise<number> {
    if (this.org === null) throw new Error('a job belongs to an organization');
    return (await this.sql('INSERT INTO jobs (org_id, kind, input, payload, state, attempts, created_at, updated_at) VALUES (@org, ?, ?, ?, ?, 0, ?, ?) RETURNING job_id')
      .pluck()
      .get(job.kind, JSON.stringify(job.input), job.payload ?? null, 'queued', job.at, job.at)) as number;
  }

  async get(jobId: number): Promise<JobRecord | undefined> {
    const row = (await this.sql(`SELECT ${COLUMNS} FROM jobs WHERE org_id = @org AND job_id = ?`).get(jobId)) as JobRow | undefined;
    return row ? recordOf(row) : undefined;
  }

  /** The organization's jobs, newest first. */
  async list(limit: number): Promise<JobRecord[]> {
    return ((await this.sql(`SELECT ${COLUMNS} FROM jobs WHERE org_id = @org ORDER BY job_id DESC LIMIT ?`).all(limit)) as JobRow[]).map(recordOf);
  }

  /** Whether any job waits for a worker: a look that writes nothing, for runners with nothing to do. */
  async waiting(nowMs: number): Promise<boolean> {
    return (await this.sql("SELECT 1 FROM jobs WHERE state = 'queued' OR (state = 'running' AND lease_until < ?) LIMIT 1").pluck().get(nowMs)) !== undefined;
  }

  /**
   * Takes the oldest job that is queued, or running under a lease that ran out, for `worker`
   * (whatever its organization): only one worker can take a given job, however many ask at once.
   */
  async take(worker: string, nowMs: number, leaseMs: number, at: string): Promise<TakenJob | undefined> {
    const row = (await this.sql(
      `UPDATE jobs SET state = 'running', taken_by = ?, attempts = attempts + 1, lease_until = ?, updated_at = ?
       WHERE job_id = (SELECT job_id FROM jobs WHERE state = 'queued' OR (state = 'running' AND lease_until < ?) ORDER BY job_id LIMIT 1${this.dialect.skipLocked})
       RETURNING ${COLUMNS}, payload`,
    ).get(worker, nowMs + leaseMs, at, nowMs)) as JobRow | undefined;
    if (!row) return undefined;
    return { ...recordOf(row), ...(row.payload ? { payload: Buffer.from(row.payload) } : {}) };
  }

  /** Extends the lease; false when the job is no longer this worker's to run. */
  async renew(hold: JobHold, untilMs: number, progress?: unknown): Promise<boolean> {
    const text = progress === undefined ? null : JSON.stringify(progress);
    return (
      (await this.sql(`UPDATE jobs SET lease_until = ?, progress = COALESCE(?, progress) WHERE job_id = ? AND taken_by = ? AND attempts = ? AND state = 'running'`).run(untilMs, text, hold.jobId, hold.worker, hold.attempt))
        .changes > 0
    );
  }

  /** Ends the job as done or failed; false (and nothing written) when the lease is no longer the worker's. */
  async end(hold: JobHold, outcome: { state: 'done'; result: unknown; progress?: unknown } | { state: 'failed'; error: string }, at: string): Promise<boolean> {
    const result = outcome.state === 'done' ? JSON.stringify(outcome.result ?? null) : null;
    const progress = outcome.state === 'done' && outcome.progress !== undefined ? JSON.stringify(outcome.progress) : null;
    const error = outcome.state === 'failed' ? outcome.error : null;
    return (
      (await this.sql(`UPDATE jobs SET state = ?, result = ?, progress = COALESCE(?, progress), error = ?, lease_until = NULL, payload = NULL, updated_at = ? WHERE job_id = ? AND taken_by = ? AND attempts = ? AND state = 'running'`).run(
        outcome.state,
        result,
        progress,
        error,
        at,
        hold.jobId,
        hold.worker,
        hold.attempt,
      )).changes > 0
    );
  }

  /** Jobs whose workers stopped `attempts` times: failed, so they are not taken up forever. */
  async failAbandoned(nowMs: number, maxAttempts: number, at: string): Promise<number> {
    return (
      await this.sql(`UPDATE jobs SET state = 'failed', error = ?, lease_until = NULL, payload = NULL, updated_at = ? WHERE state = 'running' AND lease_until < ? AND attempts >= ?`).run(
        `the service stopped while running this job ${maxAttempts} times; nothing it did was kept, and it can be submitted again`,
        at,
        nowMs,
        maxAttempts,
      )
    ).changes;
  }
}
