/**
 * What every scenario is given: the dataset and a sample of it, tokens, the
 * API under test, a way to start more servers (of any kind: see
 * bench/servers.ts), the HTTP load generator with CPU accounting, and the
 * ledgers shared across scenarios. The runner opens one per run (BenchRun)
 * and closes it at the end, whatever happened: rows the run created are
 * removed again and every process it started is stopped.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { TokenService } from '../src/auth/tokens';
import { Role } from '../src/modules/accounts/account.entity';
import { forkChild, type Child } from './children';
import {
  BENCH_ACCOUNT_ID,
  ensureBenchAccount,
  openBenchDatabase,
  postgresCpuMs,
  type BenchDatabase,
} from './common';
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

/** The processes a run starts (servers, load generators, subscribers); all stopped at its end. */
class Processes {
  private readonly children: Child[] = [];
  private readonly prestarted = new Map<string, Promise<Server>>();

  constructor(
    private readonly jwtSecret: string,
    private readonly cpuProf: string | null,
  ) {}

  fork(name: string, script: string, options?: Parameters<typeof forkChild>[2]): Child {
    const child = forkChild(name, script, options);
    this.children.push(child);
    return child;
  }

  /** Starts a server, or takes the one `prestart` began under that name. */
  launch(launcher: Launcher, name: string, databaseUrl: string, profile: boolean) {
    const early = this.prestarted.get(name);
    this.prestarted.delete(name);
    return (
      early ??
      launcher({
        name,
        databaseUrl,
        jwtSecret: this.jwtSecret,
        poolSize: POOL_SIZE,
        cpuProfDir: profile ? this.cpuProf : null,
        fork: (script, options) => this.fork(name, script, options),
      })
    );
  }

  /** Starts a server now, in the background, for a later `launch` under the same name. */
  prestart(launcher: Launcher, name: string, databaseUrl: string): void {
    const server = this.launch(launcher, name, databaseUrl, false);
    server.catch(() => undefined);
    this.prestarted.set(name, server);
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.children.map((c) => c.stop(10_000).catch(() => undefined)));
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

/** What `BenchRun.open` prepares before the first scenario. */
type Prepared = 'options' | 'log' | 'database' | 'pg' | 'dataset' | 'people' | 'rootUnitId' | 'tokens' | 'api'; // prettier-ignore

/** The context of one run; `BenchRun.open` prepares it, `close` ends it. */
export class BenchRun implements BenchContext {
  /** What `skip` was told, in order. */
  readonly skipped: string[] = [];
  readonly shared: BenchContext['shared'] = { approvedAwards: [] };
  readonly created: CreatedRows = { conferences: [], awards: [], announcedFromDataset: [] };
  private readonly loader = new LoadGenerator(() => this.fork('load', 'load/http.js'));
  readonly options: BenchOptions;
  readonly log: (message: string) => void;
  readonly database: BenchDatabase;
  readonly pg: Client;
  readonly dataset: DatasetSummary;
  readonly people: BenchContext['people'];
  readonly rootUnitId: string;
  readonly tokens: BenchContext['tokens'];
  readonly api: Server;
  private readonly processes: Processes;

  private constructor(parts: Pick<BenchRun, Prepared> & { processes: Processes }) {
    this.options = parts.options;
    this.log = parts.log;
    this.database = parts.database;
    this.pg = parts.pg;
    this.dataset = parts.dataset;
    this.people = parts.people;
    this.rootUnitId = parts.rootUnitId;
    this.tokens = parts.tokens;
    this.api = parts.api;
    this.processes = parts.processes;
  }

  /**
   * Opens a run: the database with its dataset (generated on first use) read
   * into the page cache, a sample of people, tokens, and the API server
   * (unless BENCH_URL names one; JWT_SECRET must then be its secret).
   */
  static async open(options: BenchOptions, log: (message: string) => void): Promise<BenchRun> {
    const database = await openBenchDatabase(options.scale.name, log, {
      pgStats: options.pgStats,
      url: options.databaseUrl,
    });
    const pg = new Client({ connectionString: database.url, application_name: 'thidua-bench' });
    const jwtSecret = process.env.JWT_SECRET ?? randomBytes(24).toString('hex');
    const processes = new Processes(jwtSecret, options.cpuProf);
    try {
      const dataset = await prepareDataset(database.url, options.scale, log);
      await pg.connect();
      await prewarm(pg, log);
      const people = (
        await pg.query(`SELECT id, full_name FROM person ORDER BY md5(id::text) LIMIT $1`, [
          options.quick ? 200 : 2000,
        ])
      ).rows as { id: string; full_name: string }[];
      const [root] = (await pg.query(`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`)).rows;
      await ensureBenchAccount(pg);
      const benchUrl = process.env.BENCH_URL;
      const api = benchUrl
        ? remoteServer('api', benchUrl)
        : await processes.launch(apiServer, 'api', database.url, true);
      log(`API at ${api.url}`);
      const tokens = tokensFor(jwtSecret, root.id);
      const rootUnitId = root.id as string;
      return new BenchRun({ options, log, database, pg, dataset, people, rootUnitId, tokens, api, processes }); // prettier-ignore
    } catch (error) {
      await processes.stopAll();
      await pg.end().catch(() => undefined);
      await database.stop();
      throw error;
    }
  }

  launch(
    launcher: Launcher,
    name: string,
    options: { databaseUrl?: string; cpuProfile?: boolean } = {},
  ): Promise<Server> {
    const url = options.databaseUrl ?? this.database.url;
    return this.processes.launch(launcher, name, url, options.cpuProfile ?? false);
  }

  /** Starts a server now, beside the first scenarios; `launch` under its name takes it. */
  prestart(launcher: Launcher, name: string): void {
    this.processes.prestart(launcher, name, this.database.url);
  }

  fork(name: string, script: string, options?: Parameters<typeof forkChild>[2]): Child {
    return this.processes.fork(name, script, options);
  }

  http(bodies: string[], token: string, connections: number, url = this.api.url): HttpLoadSpec {
    return {
      url,
      headers: { authorization: `Bearer ${token}` },
      bodies,
      connections,
      mode: 'duration',
      seconds: this.options.seconds,
      warmupSeconds: this.options.warmupSeconds,
    };
  }

  async measure(spec: HttpLoadSpec, server: Server | null): Promise<HttpLoadResult> {
    const { seconds, warmupSeconds } = this.options;
    const timeout = (seconds + warmupSeconds + 60) * 1000;
    if (spec.mode === 'duration' && spec.warmupSeconds) {
      await this.loader.run({ ...spec, seconds: spec.warmupSeconds, warmupSeconds: 0 }, timeout);
    }
    const server0 = await cpuOf(server?.child);
    const pg0 = postgresCpuMs(this.database.postmasterPid);
    const result = await this.loader.run({ ...spec, warmupSeconds: 0 }, timeout);
    const server1 = await cpuOf(server?.child);
    const pg1 = postgresCpuMs(this.database.postmasterPid);
    if (server0 !== null && server1 !== null && result.requests) {
      result.serverCpuMs = (server1 - server0) / result.requests;
    }
    if (pg0 !== null && pg1 !== null && result.requests) {
      result.postgresCpuMs = (pg1 - pg0) / result.requests;
    }
    return result;
  }

  skip(message: string): void {
    this.skipped.push(message);
  }

  /** Removes the rows the run created, stops every process it started, lets go of the database. */
  async close(): Promise<void> {
    await removeCreatedRows(this.pg, this.created, this.log).catch(() => undefined);
    await this.processes.stopAll();
    await this.pg.end().catch(() => undefined);
    await this.database.stop();
  }
}

/** Tokens of one bench account per role (the unit manager's over the whole tree). */
function tokensFor(jwtSecret: string, rootUnitId: string): BenchContext['tokens'] {
  const signer = new TokenService(jwtSecret, 6 * 3600);
  const token = (role: Role, unitId: string | null = null) =>
    signer.sign({
      accountId: BENCH_ACCOUNT_ID,
      username: `bench-${role.toLowerCase()}`,
      role,
      unitId,
      personId: null,
    });
  return {
    viewer: token(Role.VIEWER),
    secretary: token(Role.SECRETARY),
    council: token(Role.COUNCIL),
    manager: token(Role.UNIT_MANAGER, rootUnitId),
  };
}
