/**
 * `npm run db:backup -- <file>` and `npm run db:restore -- <file>`.
 *
 * With DATABASE_URL they work on that database. Without it, on the embedded
 * PostgreSQL in DATA_DIR: a backup reads it while the server runs (or starts
 * it for the time of the backup); a restore needs the server stopped, and
 * replaces the embedded database whole: it is loaded into a new database
 * first and swapped in only when complete, so a failed restore changes
 * nothing. Prints one line per table and a summary; a failure is one line
 * and exit code 1.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { query, sql } from './common/sql';
import { loadConfig } from './config';
import { backupDatabase, restoreDatabase, type BackupSummary } from './db/backup';
import {
  EMBEDDED_DATABASE,
  embeddedPaths,
  runningEmbedded,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './db/embedded';
import { explainStartupFailure } from './startup-error';

const USAGE = 'usage: npm run db:backup -- <file> | npm run db:restore -- <file>';

function report(verb: string, file: string, summary: BackupSummary, started: number): void {
  for (const table of summary.tables) {
    process.stdout.write(`  ${table.name.padEnd(24)} ${String(table.rows).padStart(10)} rows\n`);
  }
  const rows = summary.tables.reduce((sum, table) => sum + table.rows, 0);
  process.stdout.write(
    `${verb} ${summary.tables.length} tables, ${rows} rows (${(summary.bytes / 1024).toFixed(0)} KiB, migration ${summary.migrations.at(-1)}) ${verb === 'backed up' ? 'to' : 'from'} ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

/** Runs `work` against a database URL of the embedded cluster, starting it when no server runs it. */
async function withEmbedded<T>(
  dataDir: string,
  port: number,
  work: (url: string, embedded: EmbeddedDatabase | null) => Promise<T>,
): Promise<T> {
  const running = runningEmbedded(dataDir);
  if (running) return work(running.url, null);
  const paths = embeddedPaths(dataDir);
  if (!existsSync(path.join(paths.cluster, 'PG_VERSION'))) {
    throw new Error(
      `There is no embedded database in ${paths.root} (start the server once, or set DATA_DIR)`,
    );
  }
  const embedded = await startEmbeddedPostgres({ dataDir, port });
  try {
    return await work(embedded.url, embedded);
  } finally {
    await embedded.stop();
  }
}

/** Restores into a new database on the embedded cluster, then swaps it in for the application's. */
async function restoreEmbedded(url: string, file: string): Promise<BackupSummary> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const staging = `${EMBEDDED_DATABASE}_restoring`;
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await query(client, sql`DROP DATABASE IF EXISTS ${sql.ident(staging)}`);
    await query(client, sql`CREATE DATABASE ${sql.ident(staging)}`);
    const target = new URL(url);
    target.pathname = `/${staging}`;
    let summary: BackupSummary;
    try {
      summary = await restoreDatabase(target.toString(), file);
    } catch (error) {
      await query(client, sql`DROP DATABASE IF EXISTS ${sql.ident(staging)}`).catch(
        () => undefined,
      );
      throw error;
    }
    await query(client, sql`DROP DATABASE IF EXISTS ${sql.ident(EMBEDDED_DATABASE)} WITH (FORCE)`);
    await query(
      client,
      sql`ALTER DATABASE ${sql.ident(staging)} RENAME TO ${sql.ident(EMBEDDED_DATABASE)}`,
    );
    return summary;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const [command, given] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !given) throw new Error(USAGE);
  // npm runs scripts in the project's folder; a relative path means the caller's folder.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), given);
  const config = loadConfig();
  const started = Date.now();
  if (command === 'backup') {
    const summary = config.DATABASE_URL
      ? await backupDatabase(config.DATABASE_URL, file)
      : await withEmbedded(config.DATA_DIR, config.EMBEDDED_PG_PORT, (url) =>
          backupDatabase(url, file),
        );
    report('backed up', file, summary, started);
    return;
  }
  if (!existsSync(file)) throw new Error(`No such file: ${file}`);
  if (config.DATABASE_URL) {
    report('restored', file, await restoreDatabase(config.DATABASE_URL, file), started);
    return;
  }
  const running = runningEmbedded(config.DATA_DIR);
  if (running) {
    throw new Error(
      `The server (pid ${running.ownerPid}) is running on ${path.resolve(config.DATA_DIR)}: stop it first, then restore`,
    );
  }
  const summary = await withEmbedded(config.DATA_DIR, config.EMBEDDED_PG_PORT, (url) =>
    restoreEmbedded(url, file),
  );
  report('restored', file, summary, started);
}

main().catch((error: unknown) => {
  process.stderr.write(`${explainStartupFailure(error).replace(/^unexpected error: /, '')}\n`);
  process.exitCode = 1;
});
