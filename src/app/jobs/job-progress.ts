// What this process knows about jobs before the database does: the progress of the job it is
// running (on SQLite, whose one write transaction the job holds, a reader sees it only at the
// end) and a signal that a job was queued here, so a waiting runner starts at once.

const running = new Map<number, { current?: unknown }>();
const listeners = new Set<() => void>();

/** The live progress of a job this process runs; release() when it ends. */
export function progressHere(jobId: number): { current?: unknown; release(): void } {
  const entry: { current?: unknown } = {};
  running.set(jobId, entry);
  return Object.assign(entry, { release: () => void running.delete(jobId) });
}

/** The progress of `jobId` if this process is running it. */
export function progressSeenHere(jobId: number): unknown {
  return running.get(jobId)?.current;
}

export function announceJobQueued(): void {
  for (const listener of listeners) listener();
}

export function whenJobQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
