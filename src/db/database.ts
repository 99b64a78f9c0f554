import { MigrationExecutor, type DataSource } from 'typeorm';
import type { Config } from '../config';
import { checkEntityRows } from '../common/rows';
import { query, sql } from '../common/sql';
import type { Logger } from '../logger';
import { createDataSource } from './data-source';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded';

/** An open, migrated database. */
export interface Database {
  dataSource: DataSource;
  url: string;
  /** Closes the pool, then stops the embedded PostgreSQL if one was started. */
  close(): Promise<void>;
}

/**
 * Connects to DATABASE_URL, or starts the embedded PostgreSQL with its data in
 * DATA_DIR (or takes the one `embedded` is starting), then applies pending
 * migrations. Throws StartupError when the embedded PostgreSQL cannot run.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  embedded?: Promise<EmbeddedDatabase>,
): Promise<Database> {
  let url = config.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const started = Date.now();
    const running = await (embedded ??
      startEmbeddedPostgres({
        dataDir: config.DATA_DIR,
        port: config.EMBEDDED_PG_PORT,
        onLog: (message) => logger.info(message),
      }));
    url = running.url;
    stopEmbedded = running.stop;
    logger.info(
      { dataDir: config.DATA_DIR, port: running.port, ms: Date.now() - started },
      'embedded PostgreSQL started',
    );
  }
  const dataSource = createDataSource(url, {
    poolSize: config.DB_POOL_SIZE,
    connectMs: config.DB_CONNECT_TIMEOUT_MS,
    statementMs: config.DB_STATEMENT_TIMEOUT_MS,
    idleInTransactionMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
  });
  try {
    await dataSource.initialize();
    // An entity the row mapper cannot read stops the start, not a request later.
    checkEntityRows(dataSource);
    // Migrations, and waiting for another process's, may take longer than any
    // request may: they run on a connection of their own without timeouts.
    const migrating = createDataSource(url, {
      poolSize: 1,
      applicationName: 'thidua-migrations',
      connectMs: config.DB_CONNECT_TIMEOUT_MS,
      statementMs: 0,
      idleInTransactionMs: 0,
    });
    await migrating.initialize();
    let applied: Awaited<ReturnType<typeof migrateExclusively>>;
    try {
      applied = await migrateExclusively(migrating);
    } finally {
      await migrating.destroy();
    }
    if (applied.length)
      logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await stopEmbedded?.();
    throw error;
  }
  return {
    dataSource,
    url,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await stopEmbedded?.();
    },
  };
}

/**
 * Applies pending migrations while holding a session advisory lock, on that
 * same connection, so that API processes started together (a deployment of N
 * of them) run them one at a time: the first applies them, the others then
 * find nothing to do. Without it they ran the same migrations concurrently
 * and all but one failed to start.
 */
async function migrateExclusively(dataSource: DataSource) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await query(runner, sql`SELECT pg_advisory_lock(hashtext('thidua-migrations'))`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return await executor.executePendingMigrations();
  } finally {
    await query(runner, sql`SELECT pg_advisory_unlock(hashtext('thidua-migrations'))`).catch(
      () => undefined,
    );
    await runner.release();
  }
}
