/**
 * The benchmark runner.
 *
 *   npm run bench                      province dataset (generated on first use), full run
 *   npm run bench -- --quick           small dataset, short runs, everything in well under a minute
 *   npm run bench -- --only profile,search --seconds 20 --cpu-prof /tmp/prof
 *
 * It starts the API server in its own process on the benchmark database (or
 * targets BENCH_URL; JWT_SECRET must then be the server's), warms up, and
 * measures on loopback with load generators in other processes: autocannon
 * for HTTP (bench/load/http.ts) and real graphql-ws clients for
 * subscriptions (bench/load/ws-clients.ts). It prints one Markdown table and
 * writes it to bench/RESULTS.md (between the bench markers, keeping the rest
 * of the file); `--quick` writes only with `--out <file>`.
 *
 * Every loop is bounded and every child is stopped at the end; rows it
 * created (conferences, nominations, announcements) are removed again so the
 * dataset stays as generated.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { TokenService } from '../src/auth/tokens';
import { Role } from '../src/modules/accounts/account.entity';
import { forkChild, type Child } from './children';
import {
  machineInfo,
  migrate,
  openBenchDatabase,
  parseArgs,
  projectRoot,
  scaleOf,
  sleep,
  ensureDatabase,
  postgresCpuMs,
  SCALES,
  type ScaleSpec,
} from './common';
import { generateDataset, readDataset, type DatasetSummary } from './data';
import type { HttpLoadResult, HttpLoadSpec } from './load/http';
import { summarise } from './load/http';
import type { CollectedResult, WsClientsSpec } from './load/ws-clients';
import * as Q from './queries';

export const SCENARIOS = [
  'profile',
  'baseline',
  'search',
  'dashboard',
  'writes',
  'fanout',
  'scaleout',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  quick: boolean;
  /** The database to use instead of DATABASE_URL or the embedded one. */
  databaseUrl?: string;
  scale: ScaleSpec;
  only: Set<Scenario> | null;
  /** Where to write the results; null: print only. */
  out: string | null;
  seconds: number;
  warmupSeconds: number;
  connections: number;
  dashboardConnections: number;
  subscribers: number[];
  scaleOutSubscribers: number;
  announcements: number;
  writes: number;
  writeConnections: number;
  clientsPerProcess: number;
  /** Directory for the server's CPU profile (node --cpu-prof), or null. */
  cpuProf: string | null;
  /** Also measure the dashboard on the small dataset (for growth), when it can. */
  compareSmall: boolean;
  /** Print the costliest SQL statements of each scenario (pg_stat_statements). */
  pgStats: boolean;
  log: (message: string) => void;
}

/** One line of the results table. */
export interface Row {
  name: string;
  load: string;
  rps?: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
  errors: string;
  notes?: string;
  target?: string;
  met?: boolean | null;
}

export interface BenchReport {
  rows: Row[];
  markdown: string;
  dataset: DatasetSummary;
  /** Subscription events lost over every fan-out run. */
  lost: number;
  /** Scenarios that failed to run (not missed targets). */
  failures: string[];
  skipped: string[];
}

/** Defaults of a full run and of --quick. */
export function defaultOptions(quick: boolean): BenchOptions {
  return quick
    ? {
        quick,
        scale: SCALES.small,
        only: null,
        out: null,
        seconds: 1.5,
        warmupSeconds: 0.5,
        connections: 16,
        dashboardConnections: 4,
        subscribers: [200],
        scaleOutSubscribers: 200,
        announcements: 5,
        writes: 24,
        writeConnections: 8,
        clientsPerProcess: 2500,
        cpuProf: null,
        compareSmall: false,
        pgStats: false,
        log: (message) => process.stderr.write(`${message}\n`),
      }
    : {
        quick,
        scale: SCALES.province,
        only: null,
        out: path.join(projectRoot(), 'bench', 'RESULTS.md'),
        seconds: 15,
        warmupSeconds: 5,
        connections: 16,
        dashboardConnections: 4,
        subscribers: [1000, 5000, 10000],
        scaleOutSubscribers: 10000,
        announcements: 20,
        writes: 400,
        writeConnections: 8,
        clientsPerProcess: 2500,
        cpuProf: null,
        compareSmall: true,
        pgStats: false,
        log: (message) => process.stderr.write(`${message}\n`),
      };
}

// ---------------------------------------------------------------- helpers

const now = () => performance.timeOrigin + performance.now();

interface GraphQLResponse {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function graphql(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(60_000),
  });
  return (await response.json()) as GraphQLResponse;
}

/** The data of a GraphQL response; throws with its first error. */
async function data(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<any> {
  const result = await graphql(url, token, query, variables);
  if (result.errors?.length) {
    throw new Error(
      `${result.errors[0]!.extensions?.code ?? 'ERROR'}: ${result.errors[0]!.message}`,
    );
  }
  return result.data;
}

/** True when the server's schema accepts `query` (no GRAPHQL_VALIDATION_FAILED). */
async function supports(url: string, token: string, query: string, variables = {}) {
  const result = await graphql(url, token, query, variables);
  return !result.errors?.some(
    (e) =>
      e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' ||
      /Cannot query field|Unknown type|Unknown argument/.test(e.message),
  );
}

/**
 * The HTTP load generator: one child process for the whole run, taking one
 * load spec at a time.
 */
class LoadGenerator {
  private child: Child | null = null;

  async run(spec: HttpLoadSpec, timeoutMs: number): Promise<HttpLoadResult> {
    this.child ??= forkChild('load', 'load/http.js');
    this.child.send({ type: 'run', spec });
    const message = await this.child.next<{ result: HttpLoadResult }>('result', timeoutMs);
    return message.result;
  }

  async stop(): Promise<void> {
    await this.child?.stop(2000);
    this.child = null;
  }
}

const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? ''
    : value < 10
      ? value.toFixed(1)
      : value.toFixed(0);

/** Adds a note before the row's own (its CPU figures). */
function noted(row: Row, note: string): Row {
  return { ...row, notes: [note, row.notes].filter(Boolean).join('; ') };
}

function loadRow(name: string, load: string, result: HttpLoadResult): Row {
  const cpu = [
    result.serverCpuMs !== undefined ? `server ${result.serverCpuMs.toFixed(1)} ms` : '',
    result.postgresCpuMs !== undefined ? `PostgreSQL ${result.postgresCpuMs.toFixed(1)} ms` : '',
  ].filter(Boolean);
  return {
    notes: cpu.length ? `CPU per request: ${cpu.join(', ')}` : undefined,
    name,
    load,
    rps: result.rps,
    p50: result.p50,
    p95: result.p95,
    p99: result.p99,
    max: result.max,
    errors: result.errors
      ? `${result.errors} of ${result.requests}: ${result.firstError ?? ''}`.slice(0, 200)
      : '0',
  };
}

// ---------------------------------------------------------------- the run

/** Runs the benchmark end to end and returns its report. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const runStarted = Date.now();
  const log = (message: string) =>
    options.log(`[${((Date.now() - runStarted) / 1000).toFixed(1)} s] ${message}`);
  const wanted = (scenario: Scenario) => !options.only || options.only.has(scenario);
  const rows: Row[] = [];
  const failures: string[] = [];
  const skipped: string[] = [];
  const children: Child[] = [];
  const loader = new LoadGenerator();
  const cleanup: (() => Promise<void>)[] = [];
  const loadAverage = os.loadavg().map((l) => l.toFixed(2));

  const database = await openBenchDatabase(options.scale.name, log, {
    pgStats: options.pgStats,
    url: options.databaseUrl,
  });
  const pg = new Client({ connectionString: database.url, application_name: 'thidua-bench' });
  try {
    const applied = await migrate(database.url);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    let dataset = await readDataset(database.url);
    if (!dataset || dataset.scale !== options.scale.name) {
      log(`generating the ${options.scale.name} dataset`);
      dataset = await generateDataset(database.url, options.scale, {
        progress: process.stderr.isTTY,
        log,
      });
    }
    await pg.connect();
    await prewarm(pg, log);

    // ------------------------------------------------------------ samples
    const sampleSize = options.quick ? 200 : 2000;
    const people = (
      await pg.query(`SELECT id, full_name FROM person ORDER BY md5(id::text) LIMIT $1`, [
        sampleSize,
      ])
    ).rows as { id: string; full_name: string }[];
    const [root] = (await pg.query(`SELECT id FROM unit WHERE parent_id IS NULL LIMIT 1`)).rows;
    const jwtSecret = process.env.JWT_SECRET ?? randomBytes(24).toString('hex');
    const tokens = new TokenService(jwtSecret, 6 * 3600);
    const token = (role: Role, unitId: string | null = null) =>
      tokens.sign({
        accountId: '00000000-0000-4000-8000-00000000be0c',
        username: `bench-${role.toLowerCase()}`,
        role,
        unitId,
        personId: null,
      });
    const viewer = token(Role.VIEWER);
    const secretary = token(Role.SECRETARY);
    const council = token(Role.COUNCIL);
    const manager = token(Role.UNIT_MANAGER, root.id);
    const poolSize = 10;

    // ------------------------------------------------------------ servers
    const serverEnv = (url: string) => ({
      DATABASE_URL: url,
      PORT: '0',
      JWT_SECRET: jwtSecret,
      ADMIN_PASSWORD: randomBytes(12).toString('hex'),
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      DB_POOL_SIZE: String(poolSize),
    });
    const startServer = async (name: string, url: string, profile = false) => {
      const execArgv = ['--expose-gc'];
      if (profile && options.cpuProf) {
        execArgv.push(
          '--cpu-prof',
          `--cpu-prof-dir=${options.cpuProf}`,
          `--cpu-prof-name=${name}.cpuprofile`,
        );
      }
      const child = forkChild(name, 'load/server.js', {
        env: serverEnv(url),
        execArgv,
        openFiles: 16_384,
      });
      children.push(child);
      const ready = await child.next<{ url: string }>('ready', 120_000);
      return { child, url: ready.url, wsUrl: ready.url.replace(/^http/, 'ws') };
    };
    type Server = Awaited<ReturnType<typeof startServer>>;
    const memory = async (server: Server | null) => {
      if (!server) return null;
      server.child.send({ type: 'memory' });
      return server.child.next<{
        rss: number;
        heapUsed: number;
        external: number;
        sockets: number;
        subscriptions: number | null;
      }>('memory', 30_000);
    };

    let primary: Server | null = null;
    // The second API process of the scale-out run starts beside the first.
    let secondary: Promise<Server> | null = null;
    let apiUrl = process.env.BENCH_URL ?? '';
    if (!apiUrl) {
      primary = await startServer('api', database.url, true);
      apiUrl = primary.url;
      // Quick runs start it now, beside the first scenarios, to save time
      // (after the first is up: two first starts on one empty database race
      // to create the admin account). Full runs start it when it is needed,
      // so it cannot disturb the other measurements.
      if (options.quick && wanted('scaleout')) {
        secondary = startServer('api-2', database.url);
        secondary.catch(() => undefined);
      }
    }
    const wsUrl = apiUrl.replace(/^http/, 'ws');
    log(`API at ${apiUrl}`);

    const http = (
      bodies: string[],
      authorization: string,
      connections: number,
      url = apiUrl,
    ): HttpLoadSpec => ({
      url,
      headers: { authorization: `Bearer ${authorization}` },
      bodies,
      connections,
      mode: 'duration',
      seconds: options.seconds,
      warmupSeconds: options.warmupSeconds,
    });
    const loadTimeout = (options.seconds + options.warmupSeconds + 60) * 1000;
    /** CPU milliseconds used so far by a child that answers { type: 'cpu' }. */
    const cpuOf = async (child: Child | null | undefined) => {
      if (!child) return null;
      child.send({ type: 'cpu' });
      return (await child.next<{ cpuMs: number }>('cpu', 10_000)).cpuMs;
    };
    /**
     * Runs a load spec: its warm-up first, then the measured part, with the
     * CPU time the server process (`serverChild`) and PostgreSQL spent on it.
     */
    const measure = async (spec: HttpLoadSpec, serverChild: Child | null | undefined) => {
      if (spec.mode === 'duration' && spec.warmupSeconds) {
        await loader.run({ ...spec, seconds: spec.warmupSeconds, warmupSeconds: 0 }, loadTimeout);
      }
      const server0 = await cpuOf(serverChild);
      const pg0 = postgresCpuMs(database.postmasterPid);
      const result = await loader.run({ ...spec, warmupSeconds: 0 }, loadTimeout);
      const server1 = await cpuOf(serverChild);
      const pg1 = postgresCpuMs(database.postmasterPid);
      if (server0 !== null && server1 !== null && result.requests) {
        result.serverCpuMs = (server1 - server0) / result.requests;
      }
      if (pg0 !== null && pg1 !== null && result.requests) {
        result.postgresCpuMs = (pg1 - pg0) / result.requests;
      }
      return result;
    };
    const scenario = async (name: Scenario, body: () => Promise<void>) => {
      if (!wanted(name)) return;
      const started = Date.now();
      log(`— ${name}`);
      if (options.pgStats) await pg.query(`SELECT pg_stat_statements_reset()`);
      try {
        await body();
        if (options.pgStats) await printPgStats(pg, log);
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        const message = `${String((error as Error).message ?? error)}${cause ? ` (${String((cause as Error).message ?? cause)})` : ''}`;
        failures.push(`${name}: ${message}`);
        rows.push({ name, load: '', errors: `failed: ${message}`.slice(0, 200), met: false });
        log(`${name} failed: ${(error as Error).stack ?? error}`);
      }
      log(`  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    };

    // ------------------------------------------------------------ profile
    const hasProfile = await supports(apiUrl, viewer, Q.PROFILE, { id: people[0]!.id });
    let profileRps: number | undefined;
    await scenario('profile', async () => {
      const query = hasProfile ? Q.PROFILE : Q.PROFILE_BASIC;
      if (!hasProfile)
        skipped.push('profile: awards/achievements not served yet; basic profile only');
      const bodies = people.map((p) => JSON.stringify({ query, variables: { id: p.id } }));
      await data(apiUrl, viewer, query, { id: people[0]!.id });
      const result = await measure(http(bodies, viewer, options.connections), primary?.child);
      profileRps = result.rps;
      rows.push({
        ...loadRow(
          hasProfile ? 'profile (GraphQL)' : 'profile (GraphQL, basic)',
          `${options.connections} conn`,
          result,
        ),
        target: 'p95 < 50 ms; ≥ 50% of baseline',
      });
    });

    await scenario('baseline', async () => {
      const child = forkChild('baseline', 'baseline.js', {
        env: { DATABASE_URL: database.url, JWT_SECRET: jwtSecret, DB_POOL_SIZE: String(poolSize) },
      });
      children.push(child);
      const { url } = await child.next<{ url: string }>('ready', 60_000);
      const bodies = people.map((p) => JSON.stringify({ id: p.id }));
      const result = await measure({ ...http(bodies, viewer, options.connections), url }, child);
      await child.stop();
      rows.push(
        noted(
          loadRow('baseline (hand-written SQL)', `${options.connections} conn`, result),
          'node:http + pg, 4 statements in parallel, same pool size',
        ),
      );
      const profileRow = rows.find((r) => r.name.startsWith('profile'));
      if (profileRow && profileRps !== undefined && hasProfile) {
        const share = profileRps / result.rps;
        Object.assign(
          profileRow,
          noted(profileRow, `${(share * 100).toFixed(0)}% of baseline throughput`),
        );
        profileRow.met = share >= 0.5 && (profileRow.p95 ?? Infinity) < 50;
      }
    });

    // ------------------------------------------------------------ search
    await scenario('search', async () => {
      const terms = Q.searchTerms(people.map((p) => p.full_name));
      const bodies = terms.map((search) =>
        JSON.stringify({ query: Q.SEARCH, variables: { search } }),
      );
      const probe = await data(apiUrl, viewer, Q.SEARCH, { search: terms[0] });
      if (!probe.people.totalCount) throw new Error(`search for "${terms[0]}" found nobody`);
      // Under the profile's load, then under a light one (an interactive search box).
      for (const connections of [options.connections, 4]) {
        const result = await measure(http(bodies, viewer, connections), primary?.child);
        rows.push({
          ...noted(
            loadRow(`search (${dataset!.counts.person} people)`, `${connections} conn`, result),
            'diacritic-free, as typed: whole names, last two words, given names, family + middle',
          ),
          target: 'p95 < 50 ms',
          met: result.p95 < 50 && result.errors === 0,
        });
      }
    });

    // ------------------------------------------------------------ dashboard
    const hasDashboard = await supports(apiUrl, viewer, Q.DASHBOARD, { filter: {} });
    await scenario('dashboard', async () => {
      if (!hasDashboard) {
        skipped.push('dashboard: not served yet');
        return;
      }
      const measureDashboard = async (
        server: Server | null,
        label: string,
        filter: Record<string, unknown>,
      ) => {
        const url = server?.url ?? apiUrl;
        const body = JSON.stringify({ query: Q.DASHBOARD, variables: { filter } });
        await data(url, viewer, Q.DASHBOARD, { filter });
        const result = await measure(
          http([body], viewer, options.dashboardConnections, url),
          server?.child,
        );
        return { row: loadRow(label, `${options.dashboardConnections} conn`, result), result };
      };
      const awards = dataset!.counts.award;
      const whole = await measureDashboard(primary, `dashboard: province (${awards} awards)`, {});
      const department = await measureDashboard(primary, `dashboard: one department's subtree`, {
        unitId: dataset!.departmentId,
      });
      for (const r of [whole, department]) {
        r.row.target = 'p95 < 200 ms';
        r.row.met = r.result.p95 < 200 && r.result.errors === 0;
        rows.push(r.row);
      }
      // Growth from the small dataset: measured on a server over the small one.
      if (options.compareSmall && options.scale.name !== 'small' && database.embedded) {
        const smallUrl = await ensureDatabase(database.url, 'bench_small');
        await migrate(smallUrl);
        let small = await readDataset(smallUrl);
        if (!small) small = await generateDataset(smallUrl, SCALES.small, { log });
        const smallServer = await startServer('api-small', smallUrl);
        try {
          const smallWhole = await measureDashboard(
            smallServer,
            `dashboard: province, small dataset (${small.counts.award} awards)`,
            {},
          );
          const growth = whole.result.p50 / smallWhole.result.p50;
          const dataGrowth = awards / small.counts.award;
          // Latency as a power of the data size: 1 is linear, 0 is flat.
          const exponent = Math.log(growth) / Math.log(dataGrowth);
          const pgGrowth =
            whole.result.postgresCpuMs && smallWhole.result.postgresCpuMs
              ? `, PostgreSQL CPU ×${(whole.result.postgresCpuMs / smallWhole.result.postgresCpuMs).toFixed(1)}`
              : '';
          rows.push({
            ...noted(
              smallWhole.row,
              `p50 ×${growth.toFixed(1)}${pgGrowth} for ×${dataGrowth.toFixed(0)} the awards: p50 ∝ N^${exponent.toFixed(2)}`,
            ),
            target: 'much less than linear: N^k, k < 0.6',
            met: exponent < 0.6,
          });
        } finally {
          await smallServer.child.stop();
        }
      }
    });

    // ------------------------------------------------------------ writes
    const hasAwards = await supports(apiUrl, viewer, `{ awardTypes { code } }`);
    const announceable: string[] = [];
    const createdAwards: string[] = [];
    await scenario('writes', async () => {
      if (!hasAwards) {
        skipped.push('writes: nominations not served yet');
        return;
      }
      const year = dataset!.lastYear;
      const pairs = (
        await pg.query(
          `SELECT a.id, a.person_id FROM achievement a
            WHERE a.status = 'VERIFIED' AND a.person_id IS NOT NULL
              AND extract(year FROM a.achieved_on) = $2
              AND NOT EXISTS (SELECT 1 FROM award_achievement l WHERE l.achievement_id = a.id AND l.active)
            ORDER BY md5(a.id::text) LIMIT $1`,
          [options.writes, year],
        )
      ).rows as { id: string; person_id: string }[];
      if (pairs.length < options.writes) {
        throw new Error(
          `only ${pairs.length} unused verified achievements of ${year} to nominate on`,
        );
      }
      const nominations = pairs.map((pair, i) =>
        JSON.stringify({
          query: Q.NOMINATE,
          variables: {
            input: {
              typeCode: 'GIAY_KHEN',
              personId: pair.person_id,
              year,
              achievementIds: [pair.id],
              citation: `Benchmark nomination ${i + 1}`,
            },
          },
        }),
      );
      const nominated = await measure(
        {
          url: apiUrl,
          headers: { authorization: `Bearer ${manager}` },
          bodies: nominations,
          connections: options.writeConnections,
          mode: 'once',
        },
        primary?.child,
      );
      const ids = (nominated.responses ?? [])
        .map((text) => {
          try {
            return JSON.parse(text).data?.nominateAward?.id as string | undefined;
          } catch {
            return undefined;
          }
        })
        .filter((id): id is string => Boolean(id));
      createdAwards.push(...ids);
      rows.push(
        noted(
          loadRow(
            'writes: nominateAward',
            `${options.writeConnections} conn, ${nominations.length} ops`,
            nominated,
          ),
          'GIAY_KHEN citing a verified achievement; rules run in the transaction',
        ),
      );
      const decisions = ids.map((id, i) =>
        JSON.stringify({
          query: Q.DECIDE,
          variables: {
            id,
            input: {
              approve: true,
              decisionNumber: `${i + 1}/QĐ-BENCH`,
              decidedOn: new Date().toISOString().slice(0, 10),
              membersTotal: 11,
              membersPresent: 10,
              votesFor: 9,
              votesAgainst: 1,
              votesAbstain: 0,
            },
          },
        }),
      );
      const decided = await measure(
        {
          url: apiUrl,
          headers: { authorization: `Bearer ${council}` },
          bodies: decisions,
          connections: options.writeConnections,
          mode: 'once',
        },
        primary?.child,
      );
      rows.push(
        noted(
          loadRow(
            'writes: decideAward',
            `${options.writeConnections} conn, ${decisions.length} ops`,
            decided,
          ),
          'approval with quorum and vote checks',
        ),
      );
      for (const [i, text] of (decided.responses ?? []).entries()) {
        if (text.includes('"APPROVED"')) announceable.push(ids[i]!);
      }
    });

    // ------------------------------------------------------------ fan-out
    const hasConferences = await supports(
      apiUrl,
      viewer,
      `{ conferences(first: 1) { totalCount } }`,
    );
    const conferences: string[] = [];
    let lost = 0;
    const revertAnnounced: string[] = [];
    const nextAwards = async (count: number): Promise<string[]> => {
      const taken = announceable.splice(0, count);
      if (taken.length < count) {
        const more = (
          await pg.query(
            `SELECT id FROM award WHERE status = 'APPROVED' AND conference_id IS NULL AND year = $2
              ORDER BY md5(id::text) LIMIT $1`,
            [count - taken.length, dataset!.lastYear],
          )
        ).rows.map((r) => r.id as string);
        revertAnnounced.push(...more);
        taken.push(...more);
      }
      return taken;
    };

    const fanOut = async (label: string, subscribers: number, servers: Server[] | null) => {
      const targets = servers?.map((s) => s.wsUrl) ?? [wsUrl];
      const conference = (
        await data(apiUrl, secretary, Q.CREATE_CONFERENCE, {
          input: {
            title: `Benchmark conference: ${label}`,
            hostUnitId: root.id,
            startsAt: new Date().toISOString(),
          },
        })
      ).createConference.id as string;
      conferences.push(conference);
      await data(apiUrl, secretary, Q.START_CONFERENCE, { id: conference });
      const awards = await nextAwards(options.announcements);

      const before = await Promise.all((servers ?? []).map((s) => memory(s)));
      // Client processes, each holding up to clientsPerProcess sockets to one server.
      const processes = Math.max(
        targets.length,
        Math.ceil(subscribers / options.clientsPerProcess),
      );
      const clients: Child[] = [];
      const delivered = new Map<string, number>();
      for (let i = 0; i < processes; i++) {
        const share = Math.floor(subscribers / processes) + (i < subscribers % processes ? 1 : 0);
        const child = forkChild(`subscribers-${i}`, 'load/ws-clients.js', {
          openFiles: share + 1024,
          execArgv: [
            '--max-old-space-size=4096',
            ...(options.cpuProf
              ? [
                  '--cpu-prof',
                  `--cpu-prof-dir=${options.cpuProf}`,
                  `--cpu-prof-name=subscribers-${i}.cpuprofile`,
                ]
              : []),
          ],
        });
        children.push(child);
        clients.push(child);
        child.on('delivered', (m: { key: string }) =>
          delivered.set(m.key, (delivered.get(m.key) ?? 0) + 1),
        );
        const spec: WsClientsSpec = {
          wsUrl: targets[i % targets.length]!,
          token: viewer,
          count: share,
          query: Q.CONFERENCE_EVENTS,
          variables: { conferenceId: conference },
          openConcurrency: 100,
          connectTimeoutMs: 30_000,
        };
        child.send({ type: 'connect', spec });
      }
      const connectStarted = Date.now();
      const connected = await Promise.all(
        clients.map((c) =>
          c.next<{ opened: number; failed: number; firstError?: string }>(
            'connected',
            60_000 + subscribers * 10,
          ),
        ),
      );
      const opened = connected.reduce((n, c) => n + c.opened, 0);
      const failedToOpen = connected.reduce((n, c) => n + c.failed, 0);
      const connectSeconds = (Date.now() - connectStarted) / 1000;
      log(
        `  ${opened} subscribers connected in ${connectSeconds.toFixed(1)} s (${failedToOpen} failed)`,
      );
      // Wait until every subscription is attached on its server (bounded).
      if (servers) {
        const deadline = Date.now() + 30_000;
        for (;;) {
          const counts = await Promise.all(servers.map((s) => memory(s)));
          const attached = counts.reduce((n, m) => n + (m?.subscriptions ?? m?.sockets ?? 0), 0);
          if (attached >= opened || Date.now() > deadline) break;
          await sleep(200);
        }
      } else {
        await sleep(2000);
      }
      const after = await Promise.all(servers?.map((s) => memory(s)) ?? []);

      const sent: Record<string, number> = {};
      let undelivered = 0;
      const cpuTotals = async () => ({
        servers: (await Promise.all((servers ?? []).map((s) => cpuOf(s.child)))).reduce(
          (sum: number, ms) => sum + (ms ?? 0),
          0,
        ),
        clients: (await Promise.all(clients.map((c) => cpuOf(c)))).reduce(
          (sum: number, ms) => sum + (ms ?? 0),
          0,
        ),
      });
      const cpuBefore = await cpuTotals();
      for (const awardId of awards) {
        const result = await data(apiUrl, secretary, Q.ANNOUNCE, {
          conferenceId: conference,
          awardId,
        });
        sent[result.announceAward.award.id] = now();
        const deadline = Date.now() + 15_000;
        while ((delivered.get(awardId) ?? 0) < clients.length && Date.now() < deadline) {
          await sleep(2);
        }
        if ((delivered.get(awardId) ?? 0) < clients.length) undelivered++;
        await sleep(options.quick ? 10 : 50);
      }
      const cpuAfter = await cpuTotals();
      const deliveries = Math.max(1, opened * awards.length);
      const cpuNote = `CPU per delivered event: ${servers ? `server ${((1000 * (cpuAfter.servers - cpuBefore.servers)) / deliveries).toFixed(0)} µs, ` : ''}subscriber processes ${((1000 * (cpuAfter.clients - cpuBefore.clients)) / deliveries).toFixed(0)} µs`;
      const results = await Promise.all(
        clients.map((c) => {
          c.send({ type: 'collect', sent });
          return c.next<{ result: CollectedResult }>('collected', 60_000).then((m) => m.result);
        }),
      );
      await data(apiUrl, secretary, Q.END_CONFERENCE, { id: conference });
      await Promise.all(clients.map((c) => c.stop(10_000)));

      const latencies = results.flatMap((r) => r.latencies);
      const stats = summarise(latencies);
      const eventsLost = results.reduce((n, r) => n + r.lost, 0) + failedToOpen * awards.length;
      const duplicates = results.reduce((n, r) => n + r.duplicates, 0);
      const outOfOrder = results.reduce((n, r) => n + r.outOfOrder, 0);
      const firstError =
        connected.find((c) => c.firstError)?.firstError ??
        results.find((r) => r.firstError)?.firstError;
      lost += eventsLost + duplicates;
      const perSubscriber = (servers ?? []).map((s, i) => {
        const b = before[i];
        const a = after[i];
        if (!a || !b) return '';
        const n = Math.max(1, opened / (servers?.length ?? 1));
        return `${s.child.name}: RSS ${(b.rss / 2 ** 20).toFixed(0)}→${(a.rss / 2 ** 20).toFixed(0)} MB, heap ${(b.heapUsed / 2 ** 20).toFixed(0)}→${(a.heapUsed / 2 ** 20).toFixed(0)} MB = ${((a.rss - b.rss) / n / 1024).toFixed(0)} KB RSS, ${((a.heapUsed - b.heapUsed) / n / 1024).toFixed(0)} KB heap per subscriber`;
      });
      const rssPerSubscriber = (servers ?? []).map((_s, i) => {
        const n = Math.max(1, opened / (servers?.length ?? 1));
        return (after[i]!.rss - before[i]!.rss) / n / 1024;
      });
      const memoryOk = rssPerSubscriber.every((kb) => kb < 100);
      rows.push({
        name: label,
        load: `${subscribers} subs × ${awards.length} events, ${processes} client processes`,
        p50: stats.p50,
        p95: stats.p95,
        p99: stats.p99,
        max: stats.max,
        errors: `${eventsLost} lost, ${duplicates} dup, ${outOfOrder} out of order${undelivered ? `, ${undelivered} events not everywhere in 15 s` : ''}${firstError ? ` (${firstError.slice(0, 120)})` : ''}`,
        notes: [`connect ${connectSeconds.toFixed(1)} s`, cpuNote, ...perSubscriber]
          .filter(Boolean)
          .join('; '),
        target: 'none lost, p99 < 500 ms, < 100 KB/subscriber',
        met: eventsLost === 0 && duplicates === 0 && stats.p99 < 500 && memoryOk,
      });
    };

    await scenario('fanout', async () => {
      if (!hasConferences) {
        skipped.push('fanout: conferences not served yet');
        return;
      }
      for (const n of options.subscribers) {
        await fanOut(`fan-out: ${n} subscribers, 1 API process`, n, primary ? [primary] : null);
      }
    });

    await scenario('scaleout', async () => {
      if (!hasConferences) {
        skipped.push('scaleout: conferences not served yet');
        return;
      }
      if (!primary) {
        skipped.push('scaleout: needs the runner to start the servers (no BENCH_URL)');
        return;
      }
      const second = await (secondary ?? startServer('api-2', database.url));
      try {
        await fanOut(
          `fan-out: ${options.scaleOutSubscribers} subscribers over 2 API processes`,
          options.scaleOutSubscribers,
          [primary, second],
        );
      } finally {
        await second.child.stop();
      }
    });

    // ------------------------------------------------------------ clean-up of our rows
    cleanup.push(async () => {
      await pg.query('BEGIN');
      try {
        await pg.query(`DELETE FROM conference_event WHERE conference_id = ANY($1)`, [conferences]);
        await pg.query(
          `UPDATE award SET status = 'APPROVED', announced_at = NULL, conference_id = NULL
            WHERE id = ANY($1)`,
          [revertAnnounced],
        );
        await pg.query(`DELETE FROM award_achievement WHERE award_id = ANY($1)`, [createdAwards]);
        await pg.query(`DELETE FROM award WHERE id = ANY($1)`, [createdAwards]);
        await pg.query(`DELETE FROM conference WHERE id = ANY($1)`, [conferences]);
        await pg.query('COMMIT');
      } catch (error) {
        await pg.query('ROLLBACK');
        log(`could not remove the rows this run created: ${String(error)}`);
      }
    });

    const markdown = renderMarkdown(options, dataset, rows, skipped, loadAverage);
    return { rows, markdown, dataset, lost, failures, skipped };
  } finally {
    for (const step of cleanup) await step().catch(() => undefined);
    await loader.stop().catch(() => undefined);
    await Promise.all(children.map((c) => c.stop(10_000).catch(() => undefined)));
    await pg.end().catch(() => undefined);
    await database.stop();
  }
}

/**
 * Reads every table and index of the dataset once (pg_prewarm into the OS
 * page cache), so that measurements see the steady state of a server whose
 * working set is in memory, not the first reads of a freshly loaded one. A
 * server without pg_prewarm just stays as it is.
 */
async function prewarm(pg: Client, log: (message: string) => void): Promise<void> {
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
async function printPgStats(pg: Client, log: (message: string) => void): Promise<void> {
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

// ---------------------------------------------------------------- report

function renderMarkdown(
  options: BenchOptions,
  dataset: DatasetSummary,
  rows: Row[],
  skipped: string[],
  loadAverage: string[],
): string {
  const counts = dataset.counts;
  const lines = [
    `Date: ${new Date().toISOString()}  `,
    `Machine: ${machineInfo()}; load average at start ${loadAverage.join(' / ')}  `,
    `Dataset: ${dataset.scale} — ${counts.unit} units, ${counts.person} people, ${counts.campaign} campaigns (${counts.campaign_registration} pledges), ${counts.achievement} achievements, ${counts.award} awards over ${dataset.firstYear}-${dataset.lastYear}  `,
    `Run: ${options.quick ? '--quick, ' : ''}${options.seconds} s measured after ${options.warmupSeconds} s warm-up per HTTP row; server, PostgreSQL and load generators on this machine, loopback only`,
    '',
    '| Benchmark | Load | Throughput (req/s) | p50 ms | p95 ms | p99 ms | max ms | Errors / lost | Notes | Target | Met |',
    '|---|---|---:|---:|---:|---:|---:|---|---|---|:-:|',
    ...rows.map(
      (r) =>
        `| ${[
          r.name,
          r.load,
          r.rps === undefined ? '' : r.rps.toFixed(0),
          ms(r.p50),
          ms(r.p95),
          ms(r.p99),
          ms(r.max),
          r.errors,
          r.notes ?? '',
          r.target ?? '',
          r.met === undefined || r.met === null ? '' : r.met ? 'yes' : '**no**',
        ]
          .map((cell) => String(cell).replace(/\|/g, '\\|'))
          .join(' | ')} |`,
    ),
  ];
  if (skipped.length) lines.push('', ...skipped.map((s) => `- skipped: ${s}`));
  return lines.join('\n');
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Writes the table into `file` between the bench markers, keeping what is around them. */
export function writeResults(file: string, markdown: string): void {
  const block = `${BEGIN}\n${markdown}\n${END}`;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (start >= 0 && end > start) {
      writeFileSync(file, text.slice(0, start) + block + text.slice(end + END.length));
      return;
    }
  }
  writeFileSync(file, `# Benchmark results\n\nWritten by \`npm run bench\`.\n\n${block}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const quick = args.has('quick');
  const options = defaultOptions(quick);
  if (args.has('scale')) options.scale = scaleOf(args.get('scale'), options.scale.name);
  const only = args.get('only');
  if (typeof only === 'string') {
    const names = only.split(',').map((s) => s.trim()) as Scenario[];
    for (const name of names) {
      if (!SCENARIOS.includes(name))
        throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.join(', ')}`);
    }
    options.only = new Set(names);
  }
  const number = (name: string) => {
    const value = args.get(name);
    return typeof value === 'string' ? Number(value) : undefined;
  };
  options.seconds = number('seconds') ?? options.seconds;
  options.warmupSeconds = number('warmup') ?? options.warmupSeconds;
  options.connections = number('connections') ?? options.connections;
  options.announcements = number('announcements') ?? options.announcements;
  options.writes = number('writes') ?? options.writes;
  options.clientsPerProcess = number('clients-per-process') ?? options.clientsPerProcess;
  options.scaleOutSubscribers = number('scaleout-subscribers') ?? options.scaleOutSubscribers;
  const subscribers = args.get('subscribers');
  if (typeof subscribers === 'string') options.subscribers = subscribers.split(',').map(Number);
  const cpuProf = args.get('cpu-prof');
  if (cpuProf)
    options.cpuProf =
      typeof cpuProf === 'string' ? path.resolve(cpuProf) : path.resolve('.data/bench-profiles');
  const out = args.get('out');
  if (typeof out === 'string') options.out = path.resolve(out);
  if (args.has('no-write')) options.out = null;
  options.pgStats = args.has('pg-stats');
  if (options.scale.name === 'small') options.compareSmall = false;

  // A hard stop, whatever happens: the benchmark always ends by itself.
  const limit = setTimeout(
    () => {
      process.stderr.write('benchmark took too long; stopping\n');
      process.exit(2);
    },
    (quick ? 5 : 90) * 60_000,
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

if (require.main === module) {
  main().catch((error) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? error}\n`);
    process.exit(1);
  });
}
