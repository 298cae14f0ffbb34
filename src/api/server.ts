// Starts the HTTP service on the embedded SQLite store. `npm start` runs this file.

import { serve, type ServerType } from '@hono/node-server';
import { fileURLToPath } from 'node:url';
import { createContext, type AppContext } from '../app/context.js';
import { jsonLogger } from '../app/logger.js';
import { createApi, type ApiOptions } from './app.js';
import { describeLocation } from '../store/store.js';
import { JobRunner, type JobRunnerOptions } from '../app/jobs/job-runner.js';

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  close(): Promise<void>;
}

export interface ServerOptions {
  dbPath?: string;
  port?: number;
  host?: string;
  ctx?: AppContext;
  quiet?: boolean;
  api?: ApiOptions;
  /** false: this instance runs no jobs (others sharing the database do); default: ECM_JOBS unless 'off' */
  jobs?: boolean | JobRunnerOptions;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const ctx = options.ctx ?? createContext({ dbPath: options.dbPath, logger: options.quiet ? undefined : jsonLogger() });
  const app = createApi(ctx, options.api);
  const runsJobs = options.jobs ?? process.env.ECM_JOBS !== 'off';
  const runner = runsJobs === false ? undefined : new JobRunner(ctx, runsJobs === true ? {} : runsJobs);
  runner?.start();
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const requested = options.port ?? Number(process.env.PORT ?? 8080);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: requested, hostname: host }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requested;
  const url = `http://${host}:${port}`;
  if (!options.quiet) ctx.logger.info('server.started', { url, db: describeLocation(ctx.store.path) });
  const startedAt = performance.now();
  // One shutdown, however many ask for it (a second signal while closing, close() after a signal):
  // so one "server.stopped" line, and the store is closed once.
  let closing: Promise<void> | undefined;
  const shutDown = (reason: string) =>
    (closing ??= new Promise<void>((resolve) => {
      // A job in progress ends (or is undone) before the store closes under it.
      server.close(() => {
        void (runner?.stop() ?? Promise.resolve()).then(() => {
          if (!options.ctx) ctx.store.close();
          if (!options.quiet) ctx.logger.info('server.stopped', { reason, url, uptimeMs: Math.round(performance.now() - startedAt) });
          resolve();
        });
      });
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    }));
  const close = () => shutDown('close');
  const stop = (signal: NodeJS.Signals) => void shutDown(signal).then(() => process.exit(0));
  if (!options.ctx && !options.quiet) {
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return { url, port, ctx, close };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void startServer();
}
