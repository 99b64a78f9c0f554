import 'reflect-metadata';
import { startApp, type App } from './app';
import { loadConfig, type Config } from './config';
import { createLogger } from './logger';

/** How long a graceful stop may take before the process gives up and exits 1. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * Start-up: configuration, then the application (database, migrations, seed,
 * server). SIGINT and SIGTERM stop it gracefully: stop accepting, drain
 * requests, close sockets and the pool, stop the embedded database, exit 0.
 * A signal that arrives during start-up stops the application as soon as it
 * is up, so that an embedded PostgreSQL is never left behind.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.LOG_LEVEL);
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
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // During start-up there is nothing to stop yet; main() stops the app once it is up.
    if (state.app) stop(state.app);
  };
  const stop = (running: App) =>
    running.stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, 'error during shutdown');
        process.exit(1);
      },
    );
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const app = await startApp(config, logger);
  state.app = app;
  if (state.stopRequested) {
    await stop(app);
    return;
  }
  logger.info({ url: app.url }, `serving GraphQL at ${app.url}`);
}

main().catch((error) => {
  process.stderr.write(`Failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
