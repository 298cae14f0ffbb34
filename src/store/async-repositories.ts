// The ports answer with promises; better-sqlite3 answers at once. Each SQLite repository is handed
// out behind an object whose methods call the synchronous ones and return their answer (or their
// error) as a settled promise: the engine keeps its fast synchronous code, and nothing above the
// store depends on an answer being immediate.

/** A repository's public methods, each answering with a promise. */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R extends AsyncGenerator<infer Y> ? AsyncIterable<Y> : Awaited<R>> : never;
};

/** The public methods of `repository`'s class and its ancestors, as promise-returning functions. */
export function asyncRepository<T extends object>(repository: T): Async<T> {
  const wrapped: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (let proto = Object.getPrototypeOf(repository) as object | null; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const method = (repository as Record<string, unknown>)[name];
      if (name === 'constructor' || name in wrapped || typeof method !== 'function') continue;
      wrapped[name] = (...args: unknown[]) => {
        try {
          return Promise.resolve(method.apply(repository, args));
        } catch (err) {
          return Promise.reject(err);
        }
      };
    }
  }
  return wrapped as Async<T>;
}
