/** The benchmark database before and after a run: dataset, page cache, statement stats, clean-up. */
import type { Client } from 'pg';
import { migrate, type ScaleSpec } from './common';
import { generateDataset, readDataset, type DatasetSummary } from './data';

/** Migrates the database and returns its dataset, generating the scale's first when missing. */
export async function prepareDataset(
  url: string,
  scale: ScaleSpec,
  log: (message: string) => void,
): Promise<DatasetSummary> {
  const applied = await migrate(url);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  const dataset = await readDataset(url);
  if (dataset && dataset.scale === scale.name) return dataset;
  log(`generating the ${scale.name} dataset`);
  return generateDataset(url, scale, { progress: process.stderr.isTTY, log });
}

/**
 * Reads every table and index of the dataset once (pg_prewarm into the OS
 * page cache), so that measurements see the steady state of a server whose
 * working set is in memory, not the first reads of a freshly loaded one. A
 * server without pg_prewarm just stays as it is.
 */
export async function prewarm(pg: Client, log: (message: string) => void): Promise<void> {
  const started = Date.now();
  try {
    await pg.query(`CREATE EXTENSION IF NOT EXISTS pg_prewarm`);
    const { rows } = await pg.query(
      `SELECT coalesce(sum(pg_prewarm(c.oid, 'read')), 0)::bigint AS blocks
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'm')`,
    );
    log(
      `prewarmed ${Math.round((Number(rows[0].blocks) * 8) / 1024)} MB in ${Date.now() - started} ms`,
    );
  } catch (error) {
    log(`could not prewarm the database: ${String((error as Error).message ?? error)}`);
  }
}

/** Logs the statements that took the most database time since the last reset. */
export async function printPgStats(pg: Client, log: (message: string) => void): Promise<void> {
  const { rows } = await pg.query(
    `SELECT calls, round(total_exec_time::numeric, 0) AS total_ms,
            round(mean_exec_time::numeric, 2) AS mean_ms, rows,
            regexp_replace(query, '\\s+', ' ', 'g') AS query
       FROM pg_stat_statements
      WHERE query NOT LIKE '%pg_stat_statements%'
      ORDER BY total_exec_time DESC LIMIT 8`,
  );
  for (const r of rows) {
    log(
      `  sql ${r.total_ms} ms total, ${r.calls} calls, ${r.mean_ms} ms mean, ${r.rows} rows: ${String(r.query).slice(0, 220)}`,
    );
  }
}

/** Rows a run added to the dataset or changed in it, to put back at the end. */
export interface CreatedRows {
  /** Conferences the fan-out created (with their events). */
  conferences: string[];
  /** Awards the writes nominated (with their achievement links). */
  awards: string[];
  /** Approved awards of the dataset that the fan-out announced: approved again, no conference. */
  announcedFromDataset: string[];
}

/** Puts the dataset back as generated, in one transaction; logs (does not throw) on failure. */
export async function removeCreatedRows(
  pg: Client,
  created: CreatedRows,
  log: (message: string) => void,
): Promise<void> {
  await pg.query('BEGIN');
  try {
    await pg.query(`DELETE FROM conference_event WHERE conference_id = ANY($1)`, [
      created.conferences,
    ]);
    await pg.query(
      `UPDATE award SET status = 'APPROVED', announced_at = NULL, conference_id = NULL
        WHERE id = ANY($1)`,
      [created.announcedFromDataset],
    );
    await pg.query(`DELETE FROM award_achievement WHERE award_id = ANY($1)`, [created.awards]);
    await pg.query(`DELETE FROM award WHERE id = ANY($1)`, [created.awards]);
    await pg.query(`DELETE FROM conference WHERE id = ANY($1)`, [created.conferences]);
    await pg.query('COMMIT');
  } catch (error) {
    await pg.query('ROLLBACK');
    log(`could not remove the rows this run created: ${String(error)}`);
  }
}
