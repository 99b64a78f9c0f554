/**
 * The benchmark runner.
 *
 *   npm run bench                      province dataset (generated on first use), full run
 *   npm run bench -- --quick           small dataset, short runs, everything in well under a minute
 *   npm run bench -- --only profile,search --seconds 20 --cpu-prof /tmp/prof
 *
 * It starts the API server in its own process on the benchmark database (or
 * targets BENCH_URL; JWT_SECRET must then be the server's), warms up, and
 * runs the scenarios of bench/scenarios/ (all, or those `--only` names) on
 * loopback with load generators in other processes: autocannon for HTTP
 * (bench/load/http.ts) and real graphql-ws clients for subscriptions
 * (bench/load/ws-clients.ts). It prints one Markdown table and writes it to
 * bench/RESULTS.md (between the bench markers, keeping the rest of the file);
 * `--quick` writes only with `--out <file>`. Options: bench/options.ts.
 *
 * Every loop is bounded and every child is stopped at the end; rows it
 * created (conferences, nominations, announcements) are removed again so the
 * dataset stays as generated.
 */
import os from 'node:os';
import { isEntryPoint } from './common';
import { BenchRun, ScenarioFailure, type BenchContext, type Scenario } from './context';
import type { DatasetSummary } from './data';
import { parseOptions, type BenchOptions } from './options';
import { printPgStats } from './prepare';
import { renderMarkdown, writeResults, type Row } from './report';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { apiServer } from './servers';

export { defaultOptions, type BenchOptions } from './options';
export type { Row } from './report';

export interface BenchReport {
  rows: Row[];
  markdown: string;
  dataset: DatasetSummary;
  /** Subscription events lost or duplicated over every fan-out run. */
  lost: number;
  /** Scenarios that failed to run (not missed targets). */
  failures: string[];
  skipped: string[];
}

/** Runs the benchmark end to end and returns its report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const runStarted = Date.now();
  const log = (message: string) =>
    options.log(`[${((Date.now() - runStarted) / 1000).toFixed(1)} s] ${message}`);
  const chosen = (Object.keys(SCENARIOS) as ScenarioName[]).filter(
    (name) => !options.only || options.only.has(name),
  );
  const loadAverage = os.loadavg().map((l) => l.toFixed(2));
  const rows: Row[] = [];
  const failures: string[] = [];
  const ctx = await BenchRun.open(options, log);
  try {
    // Quick runs start the second API process now, beside the first scenarios,
    // to save time (after the first is up: two first starts on one empty
    // database race to create the admin account). Full runs start it when it
    // is needed, so it cannot disturb the other measurements.
    if (options.quick && chosen.includes('scaleout') && ctx.api.child) {
      ctx.prestart(apiServer, 'api-2');
    }
    for (const name of chosen) {
      rows.push(...(await runScenario(ctx, name, SCENARIOS[name], failures)));
    }
    const markdown = renderMarkdown(
      { ...options, dataset: ctx.dataset, loadAverage },
      rows,
      ctx.skipped,
    );
    const lost = rows.reduce((n, row) => n + (row.lost ?? 0), 0);
    return { rows, markdown, dataset: ctx.dataset, lost, failures, skipped: ctx.skipped };
  } finally {
    await ctx.close();
  }
}

/**
 * Runs one scenario and returns its rows; a failure becomes a failed row
 * (after the rows it measured before failing) and an entry in `failures`.
 */
async function runScenario(
  ctx: BenchContext,
  name: string,
  scenario: Scenario,
  failures: string[],
): Promise<Row[]> {
  const started = Date.now();
  ctx.log(`— ${name}`);
  try {
    if (ctx.options.pgStats) await ctx.pg.query(`SELECT pg_stat_statements_reset()`);
    const rows = await scenario(ctx);
    if (ctx.options.pgStats) await printPgStats(ctx.pg, ctx.log);
    return rows;
  } catch (failure) {
    const error = failure instanceof ScenarioFailure ? failure.cause : failure;
    const cause = (error as { cause?: unknown }).cause;
    const message = `${String((error as Error).message ?? error)}${cause ? ` (${String((cause as Error).message ?? cause)})` : ''}`;
    failures.push(`${name}: ${message}`);
    ctx.log(`${name} failed: ${(error as Error).stack ?? error}`);
    const measured = failure instanceof ScenarioFailure ? failure.rows : [];
    return [
      ...measured,
      { name, load: '', errors: `failed: ${message}`.slice(0, 200), met: false },
    ];
  } finally {
    ctx.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), Object.keys(SCENARIOS));
  // A hard stop, whatever happens: the benchmark always ends by itself.
  const limit = setTimeout(
    () => {
      process.stderr.write('benchmark took too long; stopping\n');
      process.exit(2);
    },
    (options.quick ? 5 : 90) * 60_000,
  );
  limit.unref();

  const report = await runBench(options);
  process.stdout.write(`\n${report.markdown}\n`);
  if (options.out) {
    writeResults(options.out, report.markdown);
    process.stderr.write(`wrote ${options.out}\n`);
  }
  if (report.failures.length) {
    process.stderr.write(`failed: ${report.failures.join('; ')}\n`);
    process.exitCode = 1;
  }
  if (report.lost) {
    process.stderr.write(`${report.lost} subscription events lost or duplicated\n`);
    process.exitCode = 1;
  }
}

if (isEntryPoint(module)) {
  main().catch((error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
