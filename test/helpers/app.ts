import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { startApp, type App } from '../../src/app';
import type { Actor } from '../../src/auth/actor';
import { TokenService } from '../../src/auth/tokens';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/logger';
import { Role } from '../../src/modules/accounts/account.entity';

/** The JWT secret of every test server, so tests can mint tokens without signing in. */
export const TEST_JWT_SECRET = 'test-secret-0123456789abcdef';

/**
 * The account behind tokens minted by `tokenFor` without an accountId: it
 * exists (a token whose account does not is refused) and cannot sign in.
 */
export const TEST_ACCOUNT_ID = '00000000-0000-4000-8000-000000000000';
export const TEST_ADMIN_PASSWORD = 'admin-password';

/** Creates an empty database on the test PostgreSQL and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const adminUrl = process.env.TEST_PG_ADMIN_URL;
  if (!adminUrl)
    throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup)');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A running test server on its own fresh database. */
export interface TestApp {
  app: App;
  url: string;
  wsUrl: string;
  dataSource: DataSource;
  config: Config;
  tokens: TokenService;
  /** A token for an actor, minted directly (no password hashing). */
  tokenFor(actor: Partial<Actor> & { role: Role }): string;
  stop(): Promise<void>;
}

/**
 * Starts the real application (migrations, schema, HTTP and WebSocket) on
 * port 0 against a new database. `env` overrides configuration.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = env.DATABASE_URL ?? (await createTestDatabase());
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    SEED_DEMO: 'false',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    DB_POOL_SIZE: '10',
    // Uploaded files of a test server stay out of the repository, one folder per server.
    FILES_DIR: mkdtempSync(path.join(tmpdir(), 'thidua-files-')),
    // Tests run the deadline check themselves (runDeadlineCheck), on the days they choose.
    DEADLINE_CHECK_MINUTES: '0',
    ...env,
  });
  const app = await startApp(config, createLogger(config.LOG_LEVEL), '127.0.0.1');
  await app.database.dataSource.query(
    `INSERT INTO account (id, username, password_hash, role)
     VALUES ($1, 'test-actor', '!', 'VIEWER') ON CONFLICT DO NOTHING`,
    [TEST_ACCOUNT_ID],
  );
  const tokens = new TokenService(TEST_JWT_SECRET, 3600);
  return {
    app,
    url: app.url,
    wsUrl: app.url.replace(/^http/, 'ws'),
    dataSource: app.database.dataSource,
    config,
    tokens,
    tokenFor: (actor) =>
      tokens.sign({
        accountId: actor.accountId ?? TEST_ACCOUNT_ID,
        username: actor.username ?? actor.role.toLowerCase(),
        unitId: actor.unitId ?? null,
        personId: actor.personId ?? null,
        role: actor.role,
      }),
    stop: () => app.stop(),
  };
}
