// Worker thread entry: sets up one task and runs it on each slice the main thread sends.
// Errors go back as their name and message; the main thread decides what the user sees.

import { parentPort } from 'node:worker_threads';
import { TASKS, type FromWorker, type ToWorker } from './tasks.js';

type Runner = (input: never) => unknown;

let runner: Runner | undefined;

const port = parentPort;
if (!port) throw new Error('compute-worker.js runs only as a worker thread');

port.on('message', (message: ToWorker) => {
  if (message.kind === 'setup') {
    runner = (TASKS[message.task] as (setup: never) => Runner)(message.setup as never);
    return;
  }
  let reply: FromWorker;
  try {
    if (!runner) throw new Error('the worker was asked to run before it was set up');
    reply = { kind: 'done', seq: message.seq, output: runner(message.input as never) };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    reply = { kind: 'failed', seq: message.seq, name: error.name, message: error.message };
  }
  port.postMessage(reply);
});
