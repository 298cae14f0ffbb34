// What every use case needs: the store, the clock (injected, so outputs are deterministic for the
// same input and clock), a logger that never sees member data, and a lock that lets one writer at
// a time hold the SQLite write transaction.

import { calendarDateOf } from '../domain/calendar.js';
import { openStore, type StorePort } from '../store/store.js';
import type { Logger } from './logger.js';
import { silentLogger } from './logger.js';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => at };
}

/**
 * Serialises async write work: a streamed import holds the write transaction across awaits.
 * `after` runs once each piece of work has ended, whatever its kind of transaction.
 */
export class WriteLock {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly after: () => void = () => undefined) {}

  run<T>(work: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.finally(this.after).catch(() => undefined);
    return next;
  }
}

/**
 * The lock as seen by work already inside it: a job takes the lock and opens its transaction, and
 * the use case it runs, which asks for the lock itself, goes straight on instead of waiting for
 * the job that is running it.
 */
export class HeldLock extends WriteLock {
  override run<T>(work: () => Promise<T> | T): Promise<T> {
    return Promise.resolve().then(work);
  }
}

export interface AppContext {
  /**
   * the store's ports, seen as one organization (store.org) sees them; which engine answers
   * them is the store's business
   */
  store: StorePort;
  clock: Clock;
  logger: Logger;
  writeLock: WriteLock;
}

/**
 * Opens the store for `org`; without one, for the only organization there is ('default' while
 * there is none yet). With several and none named, the context is the platform's (store.org null):
 * it sees no organization's data until the caller picks one (withOrganization).
 */
export function createContext(options: { dbPath?: string; clock?: Clock; logger?: Logger; org?: string | null } = {}): AppContext {
  const root = openStore(options.dbPath);
  // SQLite answers at once; a server's answer comes later, and the command line asks it itself
  // (cli/org-scope.ts), so until then a PostgreSQL context works for 'default'.
  const ids = options.org === undefined ? (root.organizationIds?.() ?? []) : [];
  const org = options.org !== undefined ? options.org : ids.length === 0 ? DEFAULT_ORG : ids.length === 1 ? ids[0]! : null;
  const store = root.forOrg(org);
  // Every write use case runs under the lock: after each, the store may copy its log back.
  return { store, clock: options.clock ?? clockFromEnv(), logger: options.logger ?? silentLogger, writeLock: new WriteLock(() => store.afterWrite()) };
}

/** The organization a database's data belongs to until it holds several. */
export const DEFAULT_ORG = 'default';

/** The same context working for another organization (or, with null, for the platform). */
export function withOrganization(ctx: AppContext, org: string | null): AppContext {
  return ctx.store.org === org ? ctx : { ...ctx, store: ctx.store.forOrg(org) };
}

/** ECM_NOW pins the clock (tests, reproducible reruns); otherwise the system clock. */
function clockFromEnv(): Clock {
  const pinned = process.env.ECM_NOW;
  return pinned ? fixedClock(pinned) : systemClock;
}

export function today(ctx: Pick<AppContext, 'clock'>): string {
  return calendarDateOf(ctx.clock.now());
}

export function timestamp(ctx: Pick<AppContext, 'clock'>): string {
  return ctx.clock.now().toISOString();
}
