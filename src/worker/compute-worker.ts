// Worker thread entry: sets up one task and runs it on each slice the main thread sends.
// Errors go back as their name and message; the main thread decides what the user sees.

import { parentPort } from 'node:worker_threads';
import { TASKS, type FromWorker, type ToWorker } from '../app/compute-tasks.js';

type Runner = (input: never) => unknown;

let runner: Runner | undefined;
let setupFailure: Error | undefined;

const port = parentPort;
if (!port) throw new Error('compute-worker.js runs only as a worker thread');

// One message at a time, in order, even when a task answers with a promise: tasks may keep state
// from one input to the next (an import's CSV reader).
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ToWorker): Promise<void> {
  if (message.kind === 'setup') {
    try {
      runner = (TASKS[message.task] as (setup: never) => Runner)(message.setup as never);
    } catch (err) {
      setupFailure = asError(err);
    }
    return;
  }
  let reply: FromWorker;
  try {
    if (setupFailure) throw setupFailure;
    if (!runner) throw new Error('the worker was asked to run before it was set up');
    reply = { kind: 'done', seq: message.seq, output: await runner(message.input as never) };
  } catch (err) {
    const error = asError(err);
    reply = { kind: 'failed', seq: message.seq, name: error.name, message: error.message };
  }
  port!.postMessage(reply);
}

function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
