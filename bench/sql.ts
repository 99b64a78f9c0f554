/**
 * Runs SQL against a benchmark database, for EXPLAIN ANALYZE while profiling.
 *
 *   node dist/bench/sql.js [--scale province] "EXPLAIN (ANALYZE, BUFFERS) SELECT ..." ...
 *
 * Uses DATABASE_URL when set, else the embedded benchmark PostgreSQL.
 */
import { Client } from 'pg';
import { openBenchDatabase, parseArgs, scaleOf } from './common';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const scale = scaleOf(args.get('scale'), 'province');
  const statements = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--scale');
  const database = await openBenchDatabase(scale.name, () => undefined);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    for (const sql of statements) {
      const started = performance.now();
      const result = await client.query(sql);
      const elapsed = (performance.now() - started).toFixed(1);
      for (const r of Array.isArray(result) ? result : [result]) {
        if (r.fields?.[0]?.name === 'QUERY PLAN') {
          process.stdout.write(`${r.rows.map((row: any) => row['QUERY PLAN']).join('\n')}\n`);
        } else if (r.rows?.length) {
          console.table(r.rows);
        }
      }
      process.stdout.write(`(${elapsed} ms)\n`);
    }
  } finally {
    await client.end();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
