/**
 * What every scenario is given: the dataset and a sample of it, tokens, the
 * API under test, a way to start more servers (of any kind: see
 * bench/servers.ts), the HTTP load generator with CPU accounting, and the
 * ledgers shared across scenarios. The runner opens one per run and closes
 * it at the end, whatever happened: rows the run created are removed again
 * and every process it started is stopped.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TokenService } from '../src/auth/tokens';
import { Role } from '../src/modules/accounts/account.entity';
import { forkChild, type Child } from './children';
import { openBenchDatabase, postgresCpuMs, type BenchDatabase } from './common';
import type { DatasetSummary } from './data';
import type { HttpLoadResult, HttpLoadSpec } from './load/http';
import type { BenchOptions } from './options';
import { prepareDataset, prewarm, removeCreatedRows, type CreatedRows } from './prepare';
import type { Row } from './report';
import { apiServer, cpuOf, remoteServer, type Launcher, type Server } from './servers';

/** One scenario of the benchmark: measures something and returns its rows of the table. */
export type Scenario = (ctx: BenchContext) => Promise<Row[]>;

export interface BenchContext {
  readonly options: BenchOptions;
  /** Logs with the seconds since the run started. */
  log(message: string): void;
  readonly database: BenchDatabase;
  readonly dataset: DatasetSummary;
  /** The runner's own connection (samples, clean-up, statement statistics). */
  readonly pg: Client;
  /** People drawn at random (2,000; 200 with --quick): profiles and searches cycle over them. */
  readonly people: { id: string; full_name: string }[];
  /** The root of the unit tree (the province). */
  readonly rootUnitId: string;
  /** Bearer tokens of one account per role, signed with the servers' secret. */
  readonly tokens: Record<'viewer' | 'secretary' | 'council' | 'manager', string>;
  /** The API under test: started by the runner, or BENCH_URL. */
  readonly api: Server;
  /**
   * Starts a server of the given kind as `name` on `databaseUrl` (default: the
   * benchmark database); it is stopped at the end of the run if not before.
   * `cpuProfile` writes its CPU profile when the run has --cpu-prof.
   */
  launch(
    launcher: Launcher,
    name: string,
    options?: { databaseUrl?: string; cpuProfile?: boolean },
  ): Promise<Server>;
  /** Forks a helper process (bench/children.ts); stopped at the end of the run if not before. */
  fork(name: string, script: string, options?: Parameters<typeof forkChild>[2]): Child;
  /** A load of `bodies` for the run's measured seconds after its warm-up, to `url` (the API). */
  http(bodies: string[], token: string, connections: number, url?: string): HttpLoadSpec;
  /**
   * Runs a load in the load generator's process: the warm-up first, then the
   * measured part, with the CPU time per request of `server`'s process and of
   * PostgreSQL (when they are on this machine).
   */
  measure(spec: HttpLoadSpec, server: Server | null): Promise<HttpLoadResult>;
  /** Notes something not measured, and why; listed under the table. */
  skip(message: string): void;
  /** What one scenario leaves for a later one. */
  readonly shared: {
    /** The profile's row, which the baseline completes (share of its throughput, target met). */
    profile?: { row: Row; full: boolean };
    /** Awards the writes approved, for the fan-out to announce. */
    approvedAwards: string[];
  };
  /** Rows the run created in the dataset; removed when the run ends. */
  readonly created: CreatedRows;
}

/** A scenario that failed after some of its rows were measured; the runner keeps them. */
export class ScenarioFailure extends Error {
  constructor(
    readonly rows: Row[],
    override readonly cause: unknown,
  ) {
    super(String((cause as Error)?.message ?? cause));
  }
}

/** Runs `body`, which adds to `rows`; if it fails, the rows measured so far go with the error. */
export async function keepRowsOnFailure(rows: Row[], body: () => Promise<void>): Promise<Row[]> {
  try {
    await body();
    return rows;
  } catch (error) {
    throw new ScenarioFailure(rows, error);
  }
}

/** The HTTP load generator: one child process for the whole run, taking one load spec at a time. */
class LoadGenerator {
  private child: Child | null = null;

  constructor(private readonly fork: () => Child) {}

  async run(spec: HttpLoadSpec, timeoutMs: number): Promise<HttpLoadResult> {
    this.child ??= this.fork();
    this.child.send({ type: 'run', spec });
    const message = await this.child.next<{ result: HttpLoadResult }>('result', timeoutMs);
    return message.result;
  }
}

/** Database connections of each server process. */
const POOL_SIZE = 10;

/**
 * Opens a run: the database with its dataset (generated on first use) read
 * into the page cache, a sample of people, tokens, and the API server (unless
 * BENCH_URL names one; JWT_SECRET must then be its secret). `skipped` collects
 * what `ctx.skip` is told.
 */
export async function openContext(
  options: BenchOptions,
  log: (message: string) => void,
  skipped: string[],
): Promise<{
  ctx: BenchContext;
  /** Starts a server now, beside the first scenarios; `ctx.launch` with its name takes it. */
  prestart(launcher: Launcher, name: string): void;
  close(): Promise<void>;
}> {
  const children: Child[] = [];
  const prestarted = new Map<string, Promise<Server>>();
  const created: CreatedRows = { conferences: [], awards: [], announcedFromDataset: [] };
  const database = await openBenchDatabase(options.scale.name, log, {
    pgStats: options.pgStats,
    url: options.databaseUrl,
  });
  const pg = new Client({ connectionString: database.url, application_name: 'thidua-bench' });
  let connected = false;
  const close = async () => {
    if (connected) await removeCreatedRows(pg, created, log).catch(() => undefined);
    await Promise.all(children.map((c) => c.stop(10_000).catch(() => undefined)));
    await pg.end().catch(() => undefined);
    await database.stop();
  };
  try {
    const dataset = await prepareDataset(database.url, options.scale, log);
    await pg.connect();
    connected = true;
    await prewarm(pg, log);
    const people = (
      await pg.query(`SELECT id, full_name FROM person ORDER BY md5(id::text) LIMIT $1`, [
        options.quick ? 200 : 2000,
      ])
    ).rows as { id: string; full_name: string }[];
    const [root] = (await pg.query(`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`)).rows;
    const jwtSecret = process.env.JWT_SECRET ?? randomBytes(24).toString('hex');
    const signer = new TokenService(jwtSecret, 6 * 3600);
    const token = (role: Role, unitId: string | null = null) =>
      signer.sign({
        accountId: '00000000-0000-4000-8000-00000000be0c',
        username: `bench-${role.toLowerCase()}`,
        role,
        unitId,
        personId: null,
      });
    const fork = (name: string, script: string, forkOptions?: Parameters<typeof forkChild>[2]) => {
      const child = forkChild(name, script, forkOptions);
      children.push(child);
      return child;
    };
    const start = (launcher: Launcher, name: string, databaseUrl: string, profile: boolean) =>
      launcher({
        name,
        databaseUrl,
        jwtSecret,
        poolSize: POOL_SIZE,
        cpuProfDir: profile ? options.cpuProf : null,
        fork: (script, forkOptions) => fork(name, script, forkOptions),
      });
    const loader = new LoadGenerator(() => fork('load', 'load/http.js'));
    const loadTimeout = (options.seconds + options.warmupSeconds + 60) * 1000;
    const benchUrl = process.env.BENCH_URL;
    const api = benchUrl
      ? remoteServer('api', benchUrl)
      : await start(apiServer, 'api', database.url, true);
    log(`API at ${api.url}`);
    const ctx: BenchContext = {
      options,
      log,
      database,
      dataset,
      pg,
      people,
      rootUnitId: root.id as string,
      tokens: {
        viewer: token(Role.VIEWER),
        secretary: token(Role.SECRETARY),
        council: token(Role.COUNCIL),
        manager: token(Role.UNIT_MANAGER, root.id),
      },
      api,
      launch: (launcher, name, launchOptions = {}) => {
        const early = prestarted.get(name);
        prestarted.delete(name);
        return (
          early ??
          start(
            launcher,
            name,
            launchOptions.databaseUrl ?? database.url,
            launchOptions.cpuProfile ?? false,
          )
        );
      },
      fork,
      http: (bodies, authorization, connections, url = api.url) => ({
        url,
        headers: { authorization: `Bearer ${authorization}` },
        bodies,
        connections,
        mode: 'duration',
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
      }),
      measure: async (spec, server) => {
        if (spec.mode === 'duration' && spec.warmupSeconds) {
          await loader.run({ ...spec, seconds: spec.warmupSeconds, warmupSeconds: 0 }, loadTimeout);
        }
        const server0 = await cpuOf(server?.child);
        const pg0 = postgresCpuMs(database.postmasterPid);
        const result = await loader.run({ ...spec, warmupSeconds: 0 }, loadTimeout);
        const server1 = await cpuOf(server?.child);
        const pg1 = postgresCpuMs(database.postmasterPid);
        if (server0 !== null && server1 !== null && result.requests) {
          result.serverCpuMs = (server1 - server0) / result.requests;
        }
        if (pg0 !== null && pg1 !== null && result.requests) {
          result.postgresCpuMs = (pg1 - pg0) / result.requests;
        }
        return result;
      },
      skip: (message) => skipped.push(message),
      shared: { approvedAwards: [] },
      created,
    };
    const prestart = (launcher: Launcher, name: string) => {
      const server = start(launcher, name, database.url, false);
      server.catch(() => undefined);
      prestarted.set(name, server);
    };
    return { ctx, prestart, close };
  } catch (error) {
    await close();
    throw error;
  }
}
