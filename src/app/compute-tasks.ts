// The computations that may run in a worker thread. Each task is set up once per session (the
// facts that hold for the whole job) and then run on one slice of input at a time. They write
// nothing: a build's slices are pure, an export's parts and an import's rows only read committed
// data. A task may answer with a promise; a worker runs one input at a time, in order.
// The table belongs to the app: compute-session.ts runs a task here or starts the worker entry
// (src/worker) by its file, and only that entry imports the table from below.

import type { ResourceLimits } from 'node:worker_threads';
import { createBuildSlicer } from './claims/build-slices.js';
import { createPartRenderer } from './exports/x12-parts.js';
import { createChunkPreparer } from './imports/prepare-rows.js';

export const TASKS = {
  'build-slices': createBuildSlicer,
  'render-837-parts': (setup: Parameters<typeof createPartRenderer>[0]) => createPartRenderer(setup),
  'prepare-rows': createChunkPreparer,
};

export type TaskName = keyof typeof TASKS;

/**
 * Each task's heap in its worker. A slice needs a few tens of megabytes; the old-generation cap
 * keeps a runaway one from taking the machine (it fails the job instead). The young generation of
 * builds and exports is held to 24 MB: their slices are small and short-lived, and the default
 * let the worker's heap add about 15 MB to the process for no speed (npm run bench). An import's
 * reader keeps more alive between chunks and runs slower with less.
 */
export const TASK_LIMITS: Record<TaskName, ResourceLimits> = {
  'build-slices': { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 },
  'render-837-parts': { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 24 },
  'prepare-rows': { maxOldGenerationSizeMb: 256 },
};
export type SetupOf<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type InputOf<T extends TaskName> = Parameters<ReturnType<(typeof TASKS)[T]>>[0];
export type OutputOf<T extends TaskName> = Awaited<ReturnType<ReturnType<(typeof TASKS)[T]>>>;

/** What crosses from the main thread to a worker. */
export type ToWorker = { kind: 'setup'; task: TaskName; setup: unknown } | { kind: 'run'; seq: number; input: unknown };

/** What comes back: one answer per run, in order, or the failure that ended the session. */
export type FromWorker = { kind: 'done'; seq: number; output: unknown } | { kind: 'failed'; seq: number; name: string; message: string };
