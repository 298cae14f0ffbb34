// Copies the write-ahead log back into the database file on a thread of its own.
//
// SQLite's own checkpoint runs inside the COMMIT that crosses its threshold, on the committing
// thread: after a large import, build or export it copied tens of megabytes and waited for two
// fsyncs, about 0.15 s of every such request spent after the work was done (npm run bench). Here
// the write connection leaves checkpoints alone (wal_autocheckpoint = 0) and, once a piece of
// write work (anything run under the app's write lock) leaves the log over a few megabytes, asks a
// small worker thread with its own connection to run a PASSIVE checkpoint, which never blocks the writer or readers. Nothing about durability changes:
// a committed transaction is in the log either way, and a log not yet copied back is replayed when
// the file is next opened. The last connection to close checkpoints whatever is left.

import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** A log past this many bytes is copied back (SQLite's own default is 1,000 pages, about 4 MB). */
const CHECKPOINT_FROM_BYTES = 4 * 1024 * 1024;

// The thread's whole program: a connection of its own, one PASSIVE checkpoint per request. Kept
// as a string so that it needs no build step of its own.
const PROGRAM = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Another checkpoint is running, or the file is busy: the next request tries again.
    }
    parentPort.postMessage('done');
    return;
  }
  db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  private worker: Worker | undefined;
  private running = false;
  private closed = false;

  /** `fallback` hands checkpoints back to SQLite if the thread fails. */
  constructor(
    private readonly path: string,
    private readonly fallback: () => void,
  ) {}

  /** Called after each piece of write work: asks for a checkpoint once the log has grown past the threshold. */
  afterWrite(): void {
    if (this.closed || this.running || logBytes(this.path) < CHECKPOINT_FROM_BYTES) return;
    this.running = true;
    this.thread().postMessage('checkpoint');
  }

  /** Lets the thread close its connection and end; the process never waits for it. */
  close(): void {
    this.closed = true;
    this.worker?.postMessage('close');
  }

  private thread(): Worker {
    if (!this.worker) {
      const driver = createRequire(import.meta.url).resolve('better-sqlite3');
      const worker = new Worker(PROGRAM, { eval: true, workerData: { driver, path: this.path }, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 16 } });
      worker.on('message', () => (this.running = false));
      worker.on('error', () => {
        if (this.closed) return;
        this.closed = true;
        this.fallback();
      });
      worker.on('exit', () => {
        this.worker = undefined;
        this.running = false;
      });
      worker.unref();
      this.worker = worker;
    }
    return this.worker;
  }
}

function logBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}
