import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { compile, query, sql, type SqlFragment } from '../common/sql';
import { StartupError } from '../startup-error';
import { createDataSource } from './data-source';
import { migrations } from './migrations';

/** The first line of every backup names its format. */
export const BACKUP_FORMAT = 'thidua-backup/1';

/** What a backup holds, and what a restore loaded. */
export interface BackupSummary {
  /** Migrations applied to the database the backup was made from, in order. */
  migrations: string[];
  /** Every table, in the order it is loaded (referenced tables first), with its row count. */
  tables: { name: string; rows: number }[];
  /** Size of the backup file in bytes. */
  bytes: number;
}

interface Header {
  format: string;
  createdAt: string;
  migrations: string[];
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
}

interface TableSection {
  table: string;
  columns: string[];
}

/** Thrown for a backup or restore that cannot be done; the message says why and what to do. */
export class BackupError extends StartupError {}

/** `table (a, b, c)` as SQL text for COPY, whose statement has no parameters. */
const copyTarget = (table: string, columns: string[]) =>
  compile(sql`${sql.ident(table)} (${sql.join(columns.map((column) => sql.ident(column)))})`).text;

/**
 * The application's tables (all but TypeORM's `migrations`), ordered so that
 * every table comes after the tables its foreign keys reference. Throws when
 * the references form a cycle (none do today; a self-reference is fine).
 */
async function orderedTables(client: Client): Promise<{ name: string; columns: string[] }[]> {
  const tables = await query<{ name: string; columns: string[] }>(
    client,
    sql`
    SELECT c.relname::text AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                         AND a.attgenerated = ''
     WHERE c.relkind IN ('r', 'p') AND c.relname <> 'migrations' AND NOT c.relispartition
     GROUP BY c.relname
     ORDER BY c.relname`,
  );
  const references = await query<{ child: string; parent: string }>(
    client,
    sql`
    SELECT DISTINCT c.relname AS child, p.relname AS parent
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     WHERE k.contype = 'f' AND k.conrelid <> k.confrelid`,
  );
  const parents = new Map(tables.map((t) => [t.name, new Set<string>()]));
  for (const { child, parent } of references) parents.get(child)?.add(parent);
  const ordered: { name: string; columns: string[] }[] = [];
  const placed = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter(
      (t) => !placed.has(t.name) && [...parents.get(t.name)!].every((p) => placed.has(p)),
    );
    if (!ready.length) {
      const left = tables.filter((t) => !placed.has(t.name)).map((t) => t.name);
      throw new BackupError(
        `Cannot order the tables ${left.join(', ')}: their foreign keys form a cycle.`,
      );
    }
    for (const table of ready) {
      ordered.push(table);
      placed.add(table.name);
    }
  }
  return ordered;
}

async function appliedMigrations(client: Client): Promise<string[] | null> {
  const rows = await query<{ exists: boolean }>(
    client,
    sql`SELECT to_regclass(current_schema() || '.migrations') IS NOT NULL AS exists`,
  );
  if (!rows[0]?.exists) return null;
  const applied = await query<{ name: string }>(
    client,
    sql`SELECT name FROM migrations ORDER BY id`,
  );
  return applied.map((row) => row.name);
}

/**
 * Writes a consistent logical backup of the database at `url` to `file`
 * (gzip, readable only by its owner since it holds password hashes): the
 * applied migrations, every table's rows (COPY text format) in dependency
 * order, and the sequences, all read in one REPEATABLE READ snapshot. The
 * server may keep running meanwhile.
 */
export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const client = new Client({ connectionString: url, application_name: 'thidua-backup' });
  await client.connect();
  try {
    await query(client, sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    const applied = await appliedMigrations(client);
    if (!applied?.length) {
      throw new BackupError('The database has no migrations applied: there is nothing to back up.');
    }
    const tables = await orderedTables(client);
    const sequences = await query<{ name: string }>(
      client,
      sql`
      SELECT c.relname AS name FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
       WHERE c.relkind = 'S' ORDER BY c.relname`,
    );
    const header: Header = {
      format: BACKUP_FORMAT,
      createdAt: new Date().toISOString(),
      migrations: applied,
      sequences: [],
    };
    for (const { name } of sequences) {
      const rows = await query<{ last_value: string; is_called: boolean }>(
        client,
        sql`SELECT last_value::text, is_called FROM ${sql.ident(name)}`,
      );
      header.sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
    }

    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
    const write = async (text: string | Buffer) => {
      if (!gzip.write(text)) await once(gzip, 'drain');
    };
    const counts: { name: string; rows: number }[] = [];
    await write(`${JSON.stringify(header)}\n`);
    for (const table of tables) {
      const section: TableSection = { table: table.name, columns: table.columns };
      await write(`${JSON.stringify(section)}\n`);
      const stream = client.query(
        copyTo(`COPY ${copyTarget(table.name, table.columns)} TO STDOUT`),
      );
      let rows = 0;
      for await (const chunk of stream) {
        for (const byte of chunk as Buffer) if (byte === 10) rows++;
        await write(chunk as Buffer);
      }
      await write('\\.\n');
      counts.push({ name: table.name, rows });
    }
    await write(
      `${JSON.stringify({ end: true, rows: Object.fromEntries(counts.map((c) => [c.name, c.rows])) })}\n`,
    );
    gzip.end();
    await written;
    await query(client, sql`COMMIT`);
    return { migrations: applied, tables: counts, bytes: statSync(file).size };
  } finally {
    await client.end();
  }
}

/** Reads a backup line by line. */
function lines(file: string) {
  const input = createReadStream(file).pipe(createGunzip());
  return createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
}

async function readHeader(file: string): Promise<Header> {
  const reader = lines(file);
  try {
    const first = await reader.next();
    const header = JSON.parse(String(first.value ?? '')) as Header;
    if (header.format !== BACKUP_FORMAT) throw new Error('format');
    return header;
  } catch {
    throw new BackupError(`${file} is not a backup made by npm run db:backup (${BACKUP_FORMAT}).`);
  } finally {
    await reader.return?.();
  }
}

/**
 * Loads a backup into the database at `url`, which must be empty (its schema
 * is then made by the backup's migrations) or at exactly the backup's
 * migrations (its rows are then replaced). In one transaction: tables
 * truncated, their triggers paused (the dashboard tallies and event
 * positions are restored as they were, not recomputed), rows copied in
 * dependency order, sequences set. Then the migrations this version has
 * beyond the backup's are applied. Refuses while API servers are connected.
 */
export async function restoreDatabase(url: string, file: string): Promise<BackupSummary> {
  const header = await readHeader(file);
  const known = migrations.map((migration) => new migration().name ?? migration.name);
  const unknown = header.migrations.filter((name) => !known.includes(name));
  if (unknown.length) {
    throw new BackupError(
      `The backup was made by a newer version (migration ${unknown[0]} is unknown here): restore it with that version.`,
    );
  }
  const client = new Client({ connectionString: url, application_name: 'thidua-restore' });
  await client.connect();
  try {
    const busy = await query<{ count: number }>(
      client,
      sql`SELECT count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND (application_name = 'thidua-api' OR application_name LIKE 'thidua-listen-%')`,
    );
    if (busy[0]!.count > 0) {
      throw new BackupError(
        `${busy[0]!.count} connections of API servers are open on this database: stop every server first, then restore.`,
      );
    }
    const applied = await appliedMigrations(client);
    if (applied === null || applied.length === 0) {
      await migrate(
        url,
        known.slice(0, Math.max(...header.migrations.map((name) => known.indexOf(name))) + 1),
      );
    } else if (applied.join() !== header.migrations.join()) {
      throw new BackupError(
        `The database is at migration ${applied.at(-1)}, the backup at ${header.migrations.at(-1)}: restore into an empty database (the embedded one is recreated by npm run db:restore).`,
      );
    }
    const tables = await load(client, file, header);
    // What this version adds beyond the backup.
    await migrate(url, known);
    return { migrations: header.migrations, tables, bytes: statSync(file).size };
  } finally {
    await client.end();
  }
}

/** Applies, one transaction each, those of `names` not yet applied. */
async function migrate(url: string, names: string[]): Promise<void> {
  // As the server migrates (src/db/database.ts): without the pool's statement
  // limits, since a migration over a large restored database (one that
  // rewrites every award, say) may run longer than any request should.
  const base = createDataSource(url, {
    poolSize: 1,
    applicationName: 'thidua-restore',
    statementMs: 0,
    idleInTransactionMs: 0,
  });
  const dataSource = new DataSource({
    ...base.options,
    migrations: migrations.filter((m) => names.includes(new m().name ?? m.name)),
  } as DataSourceOptions);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** How a trigger that is not plainly enabled ('O') fires, as ALTER TABLE words (pg_trigger.tgenabled). */
const FIRING: Record<string, SqlFragment | undefined> = {
  A: sql`ENABLE ALWAYS TRIGGER`,
  R: sql`ENABLE REPLICA TRIGGER`,
  D: sql`DISABLE TRIGGER`,
};

/** The user triggers of this schema's tables that fire otherwise than plainly enabled. */
function triggerFiring(client: Client) {
  return query<{ table: string; name: string; enabled: string }>(
    client,
    sql`
    SELECT c.relname::text AS table, t.tgname::text AS name, t.tgenabled::text AS enabled
      FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
     WHERE NOT t.tgisinternal AND t.tgenabled <> 'O'
     ORDER BY 1, 2`,
  );
}

async function load(
  client: Client,
  file: string,
  header: Header,
): Promise<BackupSummary['tables']> {
  const present = await orderedTables(client);
  const counts: BackupSummary['tables'] = [];
  await query(client, sql`BEGIN`);
  try {
    const names = present.map((t) => sql.ident(t.name));
    // ENABLE TRIGGER USER below would leave every trigger as plain "enabled": the tallies' ALWAYS
    // (they also fire for bulk loads in replica mode) is put back from what it was.
    const fired = await triggerFiring(client);
    for (const name of names) await query(client, sql`ALTER TABLE ${name} DISABLE TRIGGER USER`);
    if (names.length) await query(client, sql`TRUNCATE ${sql.join(names)} CASCADE`);
    const reader = lines(file);
    await reader.next(); // the header
    let trailer: { end?: boolean; rows?: Record<string, number> } = {};
    for (;;) {
      const next = await reader.next();
      if (next.done) break;
      const section = JSON.parse(next.value) as TableSection & { end?: boolean };
      if (section.end) {
        trailer = section;
        break;
      }
      if (!present.some((t) => t.name === section.table)) {
        throw new BackupError(`The backup has a table ${section.table} that this database lacks.`);
      }
      const stream = client.query(
        copyFrom(`COPY ${copyTarget(section.table, section.columns)} FROM STDIN`),
      );
      const done = new Promise<void>((resolve, reject) => {
        stream.once('finish', resolve);
        stream.once('error', reject);
      });
      let rows = 0;
      for (;;) {
        const line = await reader.next();
        if (line.done)
          throw new BackupError(`${file} ends in the middle of table ${section.table}.`);
        if (line.value === '\\.') break;
        rows++;
        if (!stream.write(`${line.value}\n`)) await once(stream, 'drain');
      }
      stream.end();
      try {
        await done;
      } catch (error) {
        throw new BackupError(
          `Table ${section.table} of ${file} could not be loaded (${(error as Error).message}): is the file damaged? Nothing was changed.`,
        );
      }
      counts.push({ name: section.table, rows });
    }
    if (!trailer.end) throw new BackupError(`${file} is cut short: it has no end marker.`);
    for (const { name, rows } of counts) {
      if (trailer.rows?.[name] !== rows) {
        throw new BackupError(
          `${file} is damaged: table ${name} has ${rows} rows, the backup says ${trailer.rows?.[name]}.`,
        );
      }
    }
    for (const sequence of header.sequences) {
      await query(
        client,
        sql`SELECT setval(${compile(sql.ident(sequence.name)).text}::regclass, ${sequence.lastValue}::bigint, ${sequence.isCalled})`,
      );
    }
    for (const name of names) await query(client, sql`ALTER TABLE ${name} ENABLE TRIGGER USER`);
    for (const { table, name, enabled } of fired) {
      const how = FIRING[enabled];
      if (how) await query(client, sql`ALTER TABLE ${sql.ident(table)} ${how} ${sql.ident(name)}`);
    }
    await query(client, sql`COMMIT`);
  } catch (error) {
    await query(client, sql`ROLLBACK`).catch(() => undefined);
    throw error;
  }
  return counts;
}
