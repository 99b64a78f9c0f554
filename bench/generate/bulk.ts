/**
 * How the generator loads: COPY in chunks with back-pressure, secondary
 * indexes dropped for the load and rebuilt after it, and (as superuser)
 * foreign keys checked once per key at the end instead of row by row.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Tables whose secondary indexes are dropped during the load and rebuilt after it. */
export const BULK_TABLES = [
  'person',
  'achievement',
  'award',
  'award_achievement',
  'campaign_registration',
  'model_replication',
];

export type Cell = string | number | boolean | null | undefined;

/** Escapes one value for COPY's text format. */
function cell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows to one table through COPY FROM STDIN, in chunks, honouring back-pressure. */
export class CopyWriter {
  rows = 0;
  private lines: string[] = [];

  private constructor(
    private readonly stream: Writable,
    private readonly finished: Promise<unknown>,
  ) {}

  static open(client: Client, table: string, columns: string[]): CopyWriter {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const finished = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    // Surface a failure when end() awaits it, not as an unhandled rejection.
    finished.catch(() => undefined);
    return new CopyWriter(stream, finished);
  }

  /** Adds a row; resolves at once unless the chunk had to wait for the socket. */
  add(values: Cell[]): Promise<void> | undefined {
    this.rows++;
    this.lines.push(values.map(cell).join('\t'));
    if (this.lines.length >= 4000) return this.flush();
    return undefined;
  }

  private async flush(): Promise<void> {
    if (!this.lines.length) return;
    const ok = this.stream.write(this.lines.join('\n') + '\n');
    this.lines = [];
    if (!ok) await Promise.race([once(this.stream, 'drain'), this.finished]);
  }

  async end(): Promise<void> {
    await this.flush();
    this.stream.end();
    await this.finished;
  }
}

/**
 * A loading connection. With `skipTriggers` (superuser only) foreign keys are
 * not checked row by row during COPY: `checkForeignKeys` checks them all at
 * the end instead, which is several times faster for a million rows.
 */
export async function connect(url: string, skipTriggers: boolean): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'thidua-bench-data' });
  await client.connect();
  await client.query(`SET maintenance_work_mem = '512MB'`);
  if (skipTriggers) await client.query(`SET session_replication_role = replica`);
  return client;
}

/** True when this connection may skip foreign-key triggers (a superuser); it then does. */
export async function skipForeignKeyTriggers(client: Client): Promise<boolean> {
  const [{ rolsuper }] = (
    await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`)
  ).rows;
  if (rolsuper) await client.query(`SET session_replication_role = replica`);
  return Boolean(rolsuper);
}

/** A secondary index dropped for the load: its name and the statement that rebuilds it. */
export interface DroppedIndex {
  name: string;
  definition: string;
}

/**
 * Drops the secondary indexes of the bulk tables (unless `keep`), remembering
 * each in `bench_dropped_index` first; returns those to rebuild, including any
 * that a load which did not finish left there.
 */
export async function dropSecondaryIndexes(client: Client, keep: boolean): Promise<DroppedIndex[]> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS bench_dropped_index (name text PRIMARY KEY, definition text NOT NULL)`,
  );
  const dropped = (
    await client.query(`SELECT name, definition FROM bench_dropped_index ORDER BY name`)
  ).rows as DroppedIndex[];
  if (keep) return dropped;
  const rows = (
    await client.query(
      `SELECT i.indexname AS name, i.indexdef AS definition
         FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [BULK_TABLES],
    )
  ).rows as DroppedIndex[];
  for (const row of rows) {
    await client.query(`INSERT INTO bench_dropped_index (name, definition) VALUES ($1, $2)`, [
      row.name,
      row.definition,
    ]);
    await client.query(`DROP INDEX ${row.name}`);
    dropped.push(row);
  }
  return dropped;
}

/** Rebuilds dropped indexes two at a time (each build is CPU-bound; this machine has few cores). */
export async function rebuildIndexes(clients: [Client, Client], dropped: DroppedIndex[]) {
  const queue = [...dropped];
  const worker = async (client: Client) => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await client.query(next.definition);
    }
  };
  await Promise.all(clients.map(worker));
  await clients[0].query(`DELETE FROM bench_dropped_index`);
}

/** Counts rows of the bulk tables whose foreign keys point nowhere; throws if any. */
export async function checkForeignKeys(client: Client): Promise<number> {
  const keys = (
    await client.query(
      `SELECT c.conname, c.conrelid::regclass::text AS child, a.attname AS column,
              c.confrelid::regclass::text AS parent, pa.attname AS parent_column
         FROM pg_constraint c
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
         JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
        WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
      [[...BULK_TABLES, 'unit', 'campaign']],
    )
  ).rows as {
    conname: string;
    child: string;
    column: string;
    parent: string;
    parent_column: string;
  }[];
  for (const key of keys) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM ${key.child} c
        WHERE c.${key.column} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE p.${key.parent_column} = c.${key.column})`,
    );
    if (rows[0].n > 0) throw new Error(`${rows[0].n} rows break foreign key ${key.conname}`);
  }
  return keys.length;
}
