import 'reflect-metadata';
import { createServer } from 'node:net';
import type { App } from './app';
import { loadConfig, type Config } from './config';
import { launchEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { createLogger } from './logger';
import { explainStartupFailure, unexpectedStack } from './startup-error';

/**
 * How long a graceful stop may take before the process gives up: then the
 * embedded PostgreSQL is told to stop and the process exits 1. HTTP requests
 * get 5 s of it to finish (server.ts), WebSockets 2 s to close.
 */
const SHUTDOWN_TIMEOUT_MS = 9_000;

/** Signals that stop the server gracefully; SIGHUP too, as when its terminal closes. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Start-up: configuration, then the application (database, migrations, seed,
 * server). The embedded PostgreSQL is launched before the application's
 * modules load, so the two overlap. SIGINT, SIGTERM and SIGHUP stop it
 * gracefully: stop accepting, drain requests, close sockets and the pool,
 * stop the embedded database, exit 0. A signal that arrives during start-up
 * stops the application as soon as it is up, so that an embedded PostgreSQL
 * is never left behind. A failed start prints one line saying what and how
 * to fix it, and exits 1.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  if (process.env.BASE_SALARY_VND) {
    // It used to set the base salary; a forgotten one must not look as if it still did.
    logger.warn(
      'BASE_SALARY_VND is no longer read: the base salary is a dated table in the database (query baseSalaries; ADMIN edits it with setBaseSalary)',
    );
  }
  // The app once started, and the signal that asked to stop, if any.
  const state: { app?: App; stopRequested?: string } = {};

  const shutdown = (signal: string) => {
    if (state.stopRequested) return;
    state.stopRequested = signal;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      // The embedded PostgreSQL is told to stop on exit (src/db/embedded.ts).
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // During start-up there is nothing to stop yet; main() stops the app once it is up.
    if (state.app) void stop(state.app);
  };
  const stop = (running: App) =>
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  for (const signal of STOP_SIGNALS) process.on(signal, () => shutdown(signal));

  const context = { port: config.PORT, databaseUrl: config.DATABASE_URL };
  try {
    // Before anything is started: a port in use is the commonest failed start.
    await ensurePortFree(config.PORT);
    let embedded: Promise<EmbeddedDatabase> | undefined;
    if (!config.DATABASE_URL) {
      embedded = (
        await launchEmbeddedPostgres({
          dataDir: config.DATA_DIR,
          port: config.EMBEDDED_PG_PORT,
          onLog: (message) => logger.info(message),
        })
      ).ready;
    }
    // Loading the application's modules takes about a second: PostgreSQL starts meanwhile
    // (hence a require here rather than an import at the top, which would load them first).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startApp } = require('./app') as typeof import('./app');
    const app = await startApp(config, logger, undefined, embedded);
    state.app = app;
    if (state.stopRequested) {
      await stop(app);
      return;
    }
    logger.info({ url: app.url }, `serving GraphQL at ${app.url}`);
  } catch (error) {
    fail(error, context);
  }
}

/** Rejects with the listen error (EADDRINUSE, EACCES) when the HTTP port cannot be had. */
async function ensurePortFree(port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Prints why start-up failed, in one line (and the stack of an unexpected error), and exits 1. */
function fail(error: unknown, context: { port?: number; databaseUrl?: string } = {}): never {
  process.stderr.write(`Failed to start: ${explainStartupFailure(error, context)}\n`);
  const stack = unexpectedStack(error);
  if (stack) process.stderr.write(`${stack}\n`);
  process.exit(1);
}

main().catch((error: unknown) => fail(error));
