import 'reflect-metadata';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../src/db/data-source';
import { startEmbeddedPostgres } from '../src/db/embedded';

/** The size of a generated dataset. `national` is ten times `province`. */
export interface ScaleSpec {
  name: ScaleName;
  /** Units per tree level, root first (5 levels). */
  unitsPerLevel: number[];
  people: number;
  campaigns: number;
  /** Achievements recorded by units (people's achievements follow from their awards). */
  unitAchievements: number;
  /** Extra achievements of people beyond those their titles cite. */
  extraPersonAchievements: number;
  /** Target award count; LAO_DONG_TIEN_TIEN fills what the other types leave. */
  awards: number;
}

export type ScaleName = 'small' | 'province' | 'national';

export const SCALES: Record<ScaleName, ScaleSpec> = {
  small: {
    name: 'small',
    unitsPerLevel: [1, 4, 12, 36, 47],
    people: 5_000,
    campaigns: 10,
    unitAchievements: 1_000,
    extraPersonAchievements: 9_000,
    awards: 50_000,
  },
  province: {
    name: 'province',
    unitsPerLevel: [1, 12, 96, 480, 1_411],
    people: 100_000,
    campaigns: 200,
    unitAchievements: 20_000,
    extraPersonAchievements: 180_000,
    awards: 1_000_000,
  },
  national: {
    name: 'national',
    unitsPerLevel: [1, 40, 600, 4_800, 14_559],
    people: 1_000_000,
    campaigns: 2_000,
    unitAchievements: 200_000,
    extraPersonAchievements: 1_800_000,
    awards: 10_000_000,
  },
};

/** The ten award years of every dataset. */
export const FIRST_YEAR = 2016;
export const LAST_YEAR = 2025;

/**
 * True when `mod` is the program's entry point: run by node directly, or by
 * scripts/launch.mjs (`npm run bench`), which imports it after setting
 * process.argv[1] to its path (then require.main is not the module).
 */
export function isEntryPoint(mod: NodeJS.Module): boolean {
  return (
    require.main === mod || (!!process.argv[1] && path.resolve(process.argv[1]) === mod.filename)
  );
}

/** The repository root (works from bench/*.ts and from dist/bench/*.js). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

/** Reads `--name value`, `--name=value` and bare `--flag` from argv. */
export function parseArgs(argv: string[]): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      args.set(arg.slice(2, eq), arg.slice(eq + 1));
    } else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) {
      args.set(arg.slice(2), argv[++i]!);
    } else {
      args.set(arg.slice(2), true);
    }
  }
  return args;
}

export function scaleOf(value: string | true | undefined, fallback: ScaleName): ScaleSpec {
  const name = typeof value === 'string' ? value : fallback;
  if (!(name in SCALES)) {
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}; got ${name}`);
  }
  return SCALES[name as ScaleName];
}

/** A database the benchmark uses, and how to let go of it. */
export interface BenchDatabase {
  url: string;
  /** True when we started an embedded PostgreSQL for it. */
  embedded: boolean;
  /** Pid of its postmaster when it runs on this machine (embedded), for CPU accounting. */
  postmasterPid?: number;
  stop(): Promise<void>;
}

/**
 * The benchmark database of a scale: `options.url` or DATABASE_URL when set, else database
 * `bench_<scale>` on an embedded PostgreSQL with its data in BENCH_DATA_DIR
 * (default `.data/bench`, kept across runs so a dataset is generated once).
 */
export async function openBenchDatabase(
  scale: ScaleName,
  log: (message: string) => void,
  options: { pgStats?: boolean; url?: string } = {},
): Promise<BenchDatabase> {
  const given = options.url ?? process.env.DATABASE_URL;
  if (given) {
    const url = given;
    if (options.pgStats) await enablePgStats(url);
    return { url, embedded: false, stop: async () => undefined };
  }
  const dataDir = process.env.BENCH_DATA_DIR ?? path.join(projectRoot(), '.data', 'bench');
  const running = await runningEmbedded(dataDir);
  if (running) {
    // Another benchmark command has it open: share it, and leave stopping it to that one.
    log(`embedded PostgreSQL in ${dataDir} already running; sharing it`);
    if (options.pgStats) await enablePgStats(running);
    const url = await ensureDatabase(running, `bench_${scale}`);
    if (options.pgStats) await enablePgStats(url);
    return {
      url,
      embedded: true,
      postmasterPid: postmasterPid(dataDir),
      stop: async () => undefined,
    };
  }
  const started = Date.now();
  let pg = await startEmbeddedPostgres({ dataDir });
  if (options.pgStats && (await enablePgStats(pg.url)) === 'restart') {
    await pg.stop();
    pg = await startEmbeddedPostgres({ dataDir });
    await enablePgStats(pg.url);
  }
  log(`embedded PostgreSQL in ${dataDir} (${Date.now() - started} ms)`);
  const url = await ensureDatabase(pg.url, `bench_${scale}`);
  if (options.pgStats) await enablePgStats(url);
  return { url, embedded: true, postmasterPid: postmasterPid(dataDir), stop: () => pg.stop() };
}

/**
 * Turns on pg_stat_statements (for --pg-stats): 'restart' when the server
 * must first load the library (ALTER SYSTEM has been done), else creates the
 * extension in the database of `url`.
 */
export async function enablePgStats(url: string): Promise<'ok' | 'restart'> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SHOW shared_preload_libraries`);
    if (!String(rows[0].shared_preload_libraries).includes('pg_stat_statements')) {
      await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      return 'restart';
    }
    await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    return 'ok';
  } finally {
    await client.end();
  }
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    return Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}

/**
 * CPU milliseconds used so far by a PostgreSQL server: its postmaster, its
 * live backends, and the backends that have exited (Linux /proc only).
 */
export function postgresCpuMs(postmaster: number | undefined): number | null {
  if (!postmaster || process.platform !== 'linux') return null;
  const ticks = 100; // USER_HZ
  const stat = (pid: number | string) => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const own = stat(postmaster);
  if (!own) return null;
  let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = stat(pid);
    if (fields && Number(fields[1]) === postmaster)
      total += Number(fields[11]) + Number(fields[12]);
  }
  return (total * 1000) / ticks;
}

/** The URL of an embedded PostgreSQL already running on `dataDir`, if one answers. */
async function runningEmbedded(dataDir: string): Promise<string | null> {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const port = Number(readFileSync(pidFile, 'utf8').split('\n')[3]);
  if (!port) return null;
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates database `name` on the server of `serverUrl` if missing; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!found.rowCount) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Applies the application's own migrations, as the server does at start. */
export async function migrate(url: string): Promise<string[]> {
  // As the server migrates (src/db/database.ts): without the pool's statement
  // limits, since a migration over a generated dataset (1,000,000 awards and
  // more) may run longer than any one request should.
  const dataSource = createDataSource(url, {
    poolSize: 2,
    applicationName: 'thidua-bench',
    statementMs: 0,
    idleInTransactionMs: 0,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    // A migration over a generated dataset may rewrite every row of a table (the search of
    // 100,000 people then scanned the dead rows: 14.6 ms of PostgreSQL per search, 5.6 after a
    // VACUUM) or add an index whose index-only scans need the visibility map: vacuum once after.
    if (applied.length) await dataSource.query(`VACUUM (ANALYZE)`);
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Cores, memory and CPU model of this machine, for the results. */
export function machineInfo(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU';
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${cpus.length} cores (${model}), ${memory} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** A small, fast, seedable PRNG (mulberry32), so datasets are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The account every bench token stands for. */
export const BENCH_ACCOUNT_ID = '00000000-0000-4000-8000-00000000be0c';

/**
 * Makes the account the bench's tokens stand for (the API refuses a token
 * whose account does not exist); it has no password anyone can sign in with.
 */
export async function ensureBenchAccount(pg: Client): Promise<void> {
  await pg.query(
    `INSERT INTO account (id, username, password_hash, role)
     VALUES ($1, 'bench', '!', 'VIEWER') ON CONFLICT DO NOTHING`,
    [BENCH_ACCOUNT_ID],
  );
}
