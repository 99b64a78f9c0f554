import { randomBytes } from 'node:crypto';
import { ACCOUNT_CHANNEL, SessionGuard } from './auth/sessions';
import { TokenService } from './auth/tokens';
import { Services } from './common/services';
import type { Config } from './config';
import { openDatabase, type Database } from './db/database';
import type { EmbeddedDatabase } from './db/embedded';
import { seedDemo } from './db/seed';
import type { Logger } from './logger';
import { AccountService } from './modules/accounts/account.service';
import { startDeadlineChecks } from './modules/dossiers/deadline-check';
import { RealtimeService } from './realtime/realtime.service';
import { createSchema } from './schema';
import { createServer, type RunningServer } from './server';

/** A running application: database, server, and how to stop both. */
export interface App {
  url: string;
  server: RunningServer;
  database: Database;
  /** Graceful stop: close sockets (1001), drain HTTP, release the LISTEN connection, close the pool, stop the embedded database. */
  stop(): Promise<void>;
}

/**
 * Starts everything in order: database (and migrations), first-start admin
 * account, demo data, the LISTEN bridge, schema, and last the server, so that
 * nothing is served before what it needs exists. `host` defaults to all interfaces;
 * `embedded` is an embedded PostgreSQL already starting (main.ts starts it first).
 */
export async function startApp(
  config: Config,
  logger: Logger,
  host?: string,
  embedded?: Promise<EmbeddedDatabase>,
): Promise<App> {
  const database = await openDatabase(config, logger, embedded);
  let realtime: RealtimeService | undefined;
  try {
    let secret = config.JWT_SECRET;
    if (!secret) {
      secret = randomBytes(32).toString('hex');
      logger.warn('JWT_SECRET is not set: using a random secret, so tokens die with this process');
    }
    const tokens = new TokenService(secret, config.JWT_TTL_SECONDS);
    const services = new Services({ config, dataSource: database.dataSource, logger, tokens });
    const admin = await services.get(AccountService).ensureAdmin(config.ADMIN_PASSWORD);
    if (admin.generatedPassword) {
      // Printed once, on purpose, outside the structured log (which never holds passwords).
      process.stdout.write(
        `\n  First start: created account "admin" with password ${admin.generatedPassword}\n\n`,
      );
    }
    if (config.SEED_DEMO) await seedDemo(database.dataSource, logger);
    // The LISTEN bridge that feeds this process's subscriptions, and tells
    // the session guard which accounts changed.
    realtime = services.get(RealtimeService);
    const sessions = services.get(SessionGuard);
    realtime.watch(
      ACCOUNT_CHANNEL,
      (accountId) => sessions.changed(accountId),
      (listening) => sessions.listening(listening),
    );
    await realtime.start();
    const schema = await createSchema();
    const server = await createServer(
      { config, dataSource: database.dataSource, logger, schema, tokens, services },
      config.PORT,
      host,
    );
    const listening = realtime;
    const stopDeadlineChecks = startDeadlineChecks(services, config.DEADLINE_CHECK_MINUTES, logger);
    return {
      url: server.url,
      server,
      database,
      async stop() {
        // Sockets (1001) and HTTP first, then the LISTEN connection, then the pool.
        stopDeadlineChecks();
        await server.stop();
        await listening.stop();
        await database.close();
      },
    };
  } catch (error) {
    await realtime?.stop().catch(() => undefined);
    await database.close();
    throw error;
  }
}
