import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { CompiledSql } from './sql';

/** Most statement texts given a name: each stays prepared on every connection that ran it. */
const MAX_NAMED = 200;
/** Most texts remembered as seen once. */
const MAX_SEEN = 2000;

/**
 * Names for the statements that are sent again and again, so that each
 * connection of the pool parses and plans them once: a text gets a name the
 * second time it is seen, up to MAX_NAMED names in all (per process).
 */
class StatementNames {
  private readonly seen = new Map<string, string | null>();
  private named = 0;

  nameOf(text: string): string | undefined {
    const known = this.seen.get(text);
    if (known) return known;
    if (known === null && this.named < MAX_NAMED) {
      const name = `thidua_${++this.named}`;
      this.seen.set(text, name);
      return name;
    }
    if (known === undefined && this.seen.size < MAX_SEEN) this.seen.set(text, null);
    return undefined;
  }
}
const names = new StatementNames();

/**
 * Runs a compiled statement on the pool, outside any transaction, as a named
 * prepared statement once it is hot (see StatementNames). Logged like
 * TypeORM's own statements, so the statement-count tests count it.
 */
export async function queryPrepared<Row = Record<string, unknown>>(
  dataSource: DataSource,
  { text, values }: CompiledSql,
): Promise<Row[]> {
  dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const name = names.nameOf(text);
  const result = await pool.query<Row & Record<string, unknown>>(
    name ? { name, text, values } : { text, values },
  );
  return result.rows;
}
