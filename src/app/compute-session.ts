// Runs a pure task (compute-tasks.ts) slice by slice, in a worker thread when the job is big
// enough to pay for one, else on this thread. A large build then uses both cores: the worker
// computes slices while this thread writes finished ones to SQLite and computes the rest.
//
// The worker runs the compiled JavaScript in dist/, bundled into one file by `npm run build`.
// Under the test runner this module is the TypeScript source, so the worker is taken from dist/
// as the build left it; without a built worker the job runs on this thread, with the same result.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PROJECT_ROOT } from '../codesets/index.js';
import { TASK_LIMITS, TASKS, type FromWorker, type InputOf, type OutputOf, type SetupOf, type TaskName, type ToWorker } from './compute-tasks.js';

export interface ComputeSession<I, O> {
  /** whether the slices run in a worker thread */
  readonly threaded: boolean;
  run(input: I): Promise<O>;
  close(): Promise<void>;
}

function workerFile(): string | undefined {
  const here = fileURLToPath(import.meta.url);
  const dir = here.endsWith('.ts') ? join(PROJECT_ROOT, 'dist', 'src', 'worker') : join(dirname(here), '..', 'worker');
  // The bundle (scripts/bundle-worker.mjs) starts faster; the modules tsc left work the same.
  return ['compute-worker.bundle.js', 'compute-worker.js'].map((name) => join(dir, name)).find((file) => existsSync(file));
}

/** ECM_WORKERS=0 keeps every job on the main thread (for debugging and comparisons). */
export function workersEnabled(): boolean {
  return process.env.ECM_WORKERS !== '0';
}

export function openComputeSession<T extends TaskName>(task: T, setup: SetupOf<T>, options: { thread: boolean }): ComputeSession<InputOf<T>, OutputOf<T>> {
  const file = options.thread && workersEnabled() ? workerFile() : undefined;
  return file ? new WorkerSession<InputOf<T>, OutputOf<T>>(file, task, setup) : inThread(task, setup);
}

function inThread<T extends TaskName>(task: T, setup: SetupOf<T>): ComputeSession<InputOf<T>, OutputOf<T>> {
  return fromFunction((TASKS[task] as (setup: SetupOf<T>) => (input: InputOf<T>) => OutputOf<T> | Promise<OutputOf<T>>)(setup));
}

function fromFunction<I, O>(run: (input: I) => O | Promise<O>): ComputeSession<I, O> {
  return {
    threaded: false,
    run: (input) => {
      try {
        return Promise.resolve(run(input));
      } catch (err) {
        return Promise.reject(err);
      }
    },
    close: () => Promise.resolve(),
  };
}

class WorkerSession<I, O> implements ComputeSession<I, O> {
  readonly threaded = true;
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (output: O) => void; reject: (err: Error) => void }>();
  private seq = 0;
  private failure: Error | undefined;

  constructor(file: string, task: TaskName, setup: unknown) {
    // Flags meant for the main script (--input-type, --eval) are not the worker's to inherit.
    this.worker = new Worker(file, { execArgv: [], resourceLimits: TASK_LIMITS[task] });
    this.worker.on('message', (message: FromWorker) => this.answer(message));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the worker thread stopped (exit code ${code})`)));
    this.worker.postMessage({ kind: 'setup', task, setup } satisfies ToWorker);
  }

  run(input: I): Promise<O> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    return new Promise<O>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      this.worker.postMessage({ kind: 'run', seq, input } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the worker session is closed');
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private answer(message: FromWorker): void {
    const waiter = this.waiting.get(message.seq);
    if (!waiter) return;
    this.waiting.delete(message.seq);
    if (message.kind === 'done') waiter.resolve(message.output as O);
    else {
      const err = new Error(message.message);
      err.name = message.name;
      waiter.reject(err);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.waiting.values()) waiter.reject(err);
    this.waiting.clear();
  }
}

/**
 * Computes inputs 0..count-1 of a task and hands each output to `consume` in input order. A
 * worker thread takes slices while this thread, between writing outputs, computes slices itself
 * whenever the next output it needs is not ready yet: both cores stay busy and the order of the
 * results never depends on which thread was faster. Resolves to whether a worker took part.
 */
export async function runSlices<T extends TaskName>(
  task: T,
  setup: SetupOf<T>,
  count: number,
  input: (index: number) => InputOf<T>,
  consume: (output: OutputOf<T>, index: number) => void | Promise<void>,
  options: {
    thread: boolean;
    /** how this thread computes a slice, when not as the task set up afresh (e.g. with its own connection) */
    local?: (input: InputOf<T>) => OutputOf<T> | Promise<OutputOf<T>>;
    /** slices sent to the worker and not yet answered (2 unless said) */
    ahead?: number;
  },
): Promise<boolean> {
  // Set up on first use: when the worker keeps up, this thread never computes a slice.
  let local: ComputeSession<InputOf<T>, OutputOf<T>> | undefined;
  const worker = options.thread && count > 1 ? openComputeSession(task, setup, { thread: true }) : undefined;
  const remote = worker?.threaded ? worker : undefined;
  const ready = new Map<number, { output: OutputOf<T> } | { error: unknown }>();
  const running = new Map<number, Promise<void>>();
  let next = 0;
  let done = 0;
  try {
    while (done < count) {
      // Keep the worker ahead of the slice it is computing: its answers are read, and new slices
      // sent, only between this thread's own slices and writes.
      while (remote && next < count && running.size < (options.ahead ?? 2)) {
        const index = next++;
        running.set(
          index,
          remote.run(input(index)).then(
            (output) => {
              ready.set(index, { output });
              running.delete(index);
            },
            (error: unknown) => {
              ready.set(index, { error });
              running.delete(index);
            },
          ),
        );
      }
      const result = ready.get(done);
      if (result !== undefined) {
        ready.delete(done);
        if ('error' in result) throw result.error;
        // The consumer writes to the store: the next output waits until this one is written.
        await consume(result.output, done++);
      } else if (next < count) {
        const index = next++;
        local ??= options.local ? fromFunction(options.local) : inThread(task, setup);
        ready.set(index, { output: await local.run(input(index)) });
        // Let the worker's finished slices arrive (messages wait for the event loop).
        if (remote) await new Promise((resolve) => setImmediate(resolve));
      } else {
        await running.get(done);
      }
    }
  } finally {
    await Promise.all(running.values());
    await worker?.close();
  }
  return remote !== undefined;
}
