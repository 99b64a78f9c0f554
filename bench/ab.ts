/**
 * A/B comparison of builds on a noisy machine: starts one API server from
 * each given build (a directory holding a compiled `bench/load/server.js`,
 * e.g. the dist/ of a git worktree at another commit) and the hand-written
 * baseline, all on the same benchmark database, then measures them in
 * interleaved short rounds (A, B, ..., baseline, A, B, ...), so that every
 * variant sees the same background load. Prints the median throughput,
 * p95 and CPU per request (server and PostgreSQL) of each.
 *
 *   node dist/bench/ab.js --builds /tmp/before/dist,dist [--scenario profile|search]
 *        (a build may carry node flags: "dist@--max-semi-space-size=64")
 *        [--rounds 8] [--seconds 3] [--connections 16]
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { TokenService } from '../src/auth/tokens';
import { Role } from '../src/modules/accounts/account.entity';
import { forkChild, type Child } from './children';
import {
  BENCH_ACCOUNT_ID,
  ensureBenchAccount,
  migrate,
  openBenchDatabase,
  parseArgs,
  postgresCpuMs,
  scaleOf,
} from './common';
import type { HttpLoadResult } from './load/http';
import * as Q from './queries';

interface Variant {
  name: string;
  child: Child;
  url: string;
  bodies: string[];
  results: HttpLoadResult[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const builds = String(args.get('builds') ?? 'dist').split(',');
  const scenario = String(args.get('scenario') ?? 'profile');
  const rounds = Number(args.get('rounds') ?? 8);
  const seconds = Number(args.get('seconds') ?? 3);
  const connections = Number(args.get('connections') ?? 16);
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const database = await openBenchDatabase(scaleOf(args.get('scale'), 'province').name, log);
  const children: Child[] = [];
  const pg = new Client({ connectionString: database.url });
  try {
    await migrate(database.url);
    await pg.connect();
    const people = (
      await pg.query(`SELECT id, full_name FROM person ORDER BY md5(id::text) LIMIT 2000`)
    ).rows as { id: string; full_name: string }[];
    const secret = randomBytes(24).toString('hex');
    await ensureBenchAccount(pg);
    const token = new TokenService(secret, 3600).sign({
      accountId: BENCH_ACCOUNT_ID,
      username: 'bench-viewer',
      role: Role.VIEWER,
      unitId: null,
      personId: null,
    });
    const bodies =
      scenario === 'search'
        ? Q.searchTerms(people.map((p) => p.full_name)).map((search) =>
            JSON.stringify({ query: Q.SEARCH, variables: { search } }),
          )
        : people.map((p) => JSON.stringify({ query: Q.PROFILE, variables: { id: p.id } }));
    const env = {
      DATABASE_URL: database.url,
      PORT: '0',
      JWT_SECRET: secret,
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DB_POOL_SIZE: '10',
    };
    const variants: Variant[] = [];
    for (const build of builds) {
      // `dir@--flag --flag` runs that build's server with node flags.
      const [dir, flags] = build.split('@') as [string, string | undefined];
      const script = path.resolve(dir, 'bench', 'load', 'server.js');
      const child = forkChild(build, path.relative(__dirname, script), {
        env,
        execArgv: flags ? flags.split(' ').filter(Boolean) : [],
      });
      children.push(child);
      const { url } = await child.next<{ url: string }>('ready', 120_000);
      variants.push({ name: build, child, url, bodies, results: [] });
    }
    if (scenario === 'profile') {
      const child = forkChild('baseline', 'baseline.js', { env });
      children.push(child);
      const { url } = await child.next<{ url: string }>('ready', 60_000);
      const baselineBodies = people.map((p) => JSON.stringify({ id: p.id }));
      variants.push({ name: 'baseline', child, url, bodies: baselineBodies, results: [] });
    }
    const load = forkChild('load', 'load/http.js');
    children.push(load);
    const run = async (variant: Variant, measured: boolean) => {
      const cpu = async () => {
        variant.child.send({ type: 'cpu' });
        return (await variant.child.next<{ cpuMs: number }>('cpu', 10_000)).cpuMs;
      };
      const server0 = await cpu();
      const pg0 = postgresCpuMs(database.postmasterPid);
      load.send({
        type: 'run',
        spec: {
          url: variant.url,
          headers: { authorization: `Bearer ${token}` },
          bodies: variant.bodies,
          connections,
          mode: 'duration',
          seconds,
        },
      });
      const { result } = await load.next<{ result: HttpLoadResult }>('result', 120_000);
      const server1 = await cpu();
      const pg1 = postgresCpuMs(database.postmasterPid);
      result.serverCpuMs = (server1 - server0) / result.requests;
      if (pg0 !== null && pg1 !== null) result.postgresCpuMs = (pg1 - pg0) / result.requests;
      if (result.errors) log(`${variant.name}: ${result.errors} errors: ${result.firstError}`);
      if (measured) variant.results.push(result);
    };
    for (const variant of variants) await run(variant, false);
    for (let round = 0; round < rounds; round++) {
      // Rotate the order so that no variant always runs right after another.
      for (let i = 0; i < variants.length; i++) {
        await run(variants[(i + round) % variants.length]!, true);
      }
      log(`round ${round + 1}/${rounds}`);
    }
    const lines = [
      `${scenario}, ${connections} connections, ${rounds} rounds of ${seconds} s, medians:`,
      '| variant | req/s | p50 ms | p95 ms | server CPU ms/req | PostgreSQL CPU ms/req |',
      '|---|---:|---:|---:|---:|---:|',
      ...variants.map((v) => {
        const m = (f: (r: HttpLoadResult) => number | undefined) =>
          median(v.results.map((r) => f(r) ?? NaN)).toFixed(1);
        return `| ${v.name} | ${m((r) => r.rps)} | ${m((r) => r.p50)} | ${m((r) => r.p95)} | ${m((r) => r.serverCpuMs)} | ${m((r) => r.postgresCpuMs)} |`;
      }),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await Promise.all(children.map((c) => c.stop(5000).catch(() => undefined)));
    await pg.end().catch(() => undefined);
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`ab failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
