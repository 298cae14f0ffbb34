// The pure computations that may run in a worker thread. Each task is set up once per session
// (the facts that hold for the whole job) and then run on one slice of input at a time.

import { createBuildSlicer } from '../app/build-slices.js';

export const TASKS = {
  'build-slices': createBuildSlicer,
};

export type TaskName = keyof typeof TASKS;
export type SetupOf<T extends TaskName> = Parameters<(typeof TASKS)[T]>[0];
export type InputOf<T extends TaskName> = Parameters<ReturnType<(typeof TASKS)[T]>>[0];
export type OutputOf<T extends TaskName> = ReturnType<ReturnType<(typeof TASKS)[T]>>;

/** What crosses from the main thread to a worker. */
export type ToWorker = { kind: 'setup'; task: TaskName; setup: unknown } | { kind: 'run'; seq: number; input: unknown };

/** What comes back: one answer per run, in order, or the failure that ended the session. */
export type FromWorker = { kind: 'done'; seq: number; output: unknown } | { kind: 'failed'; seq: number; name: string; message: string };
