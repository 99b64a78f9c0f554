import { defaultOptions, runBench, type BenchReport } from '../../bench/run';
import { createTestDatabase } from '../helpers/app';

/**
 * Runs `npm run bench -- --quick` once, so the benchmark never rots: the
 * small dataset is generated into a fresh database, every scenario runs
 * against real server, baseline and load-generator processes, and no
 * subscriber misses an event. Timings are not asserted (this machine is
 * shared with the rest of the suite); bench/RESULTS.md holds the real ones.
 */
describe('quick benchmark', () => {
  let report: BenchReport;
  const logs: string[] = [];

  beforeAll(async () => {
    const databaseUrl = await createTestDatabase();
    report = await runBench({
      ...defaultOptions(true),
      databaseUrl,
      log: (message) => {
        logs.push(message);
        if (process.env.BENCH_VERBOSE) process.stderr.write(`${message}\n`);
      },
    });
  }, 150_000);

  it('runs every scenario to the end', () => {
    expect({ failures: report.failures, log: report.failures.length ? logs : [] }).toEqual({
      failures: [],
      log: [],
    });
    const names = report.rows.map((row) => row.name).join('\n');
    for (const expected of [
      'profile',
      'baseline',
      'search',
      'dashboard',
      'nominateAward',
      'decideAward',
    ]) {
      expect(names).toContain(expected);
    }
    expect(report.markdown).toMatch(/^\| Benchmark \|/m);
  });

  it('delivers every announcement to every subscriber, on one API process and across two', () => {
    const fanOut = report.rows.filter((row) => row.name.startsWith('fan-out'));
    expect(fanOut.map((row) => row.name)).toEqual([
      'fan-out: 200 subscribers, 1 API process',
      'fan-out: 200 subscribers over 2 API processes',
    ]);
    for (const row of fanOut) expect(row.errors).toMatch(/^0 lost, 0 dup, 0 out of order/);
    expect(report.lost).toBe(0);
  });
});
