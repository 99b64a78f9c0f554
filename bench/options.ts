/** What a benchmark run measures and how long: the defaults of a full run and of --quick, and the command line. */
import path from 'node:path';
import { parseArgs, projectRoot, scaleOf, SCALES, type ScaleSpec } from './common';
import type { WsClientKind } from './load/ws-clients';

export interface BenchOptions {
  quick: boolean;
  /** The database to use instead of DATABASE_URL or the embedded one. */
  databaseUrl?: string;
  scale: ScaleSpec;
  /** Names of the scenarios to run (`--only`); null: all of them. */
  only: Set<string> | null;
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
  /**
   * Builds whose fan-out to compare side by side (`--fanout-builds a,b`: each
   * a directory holding a compiled bench/load/server.js, e.g. another
   * checkout's dist/), or null to measure the API under test.
   */
  fanoutBuilds: string[] | null;
  /**
   * The fan-out's subscribers: `lean` (bench/load/ws-clients-lean.ts) or the
   * `graphql-ws` package's client (`--ws-client graphql-ws`).
   */
  wsClient: WsClientKind;
  /**
   * `--pin`: during each fan-out measurement the API process runs on CPU 0
   * and the subscriber processes on CPU 1 (taskset; an extra, labelled row,
   * never the target's).
   */
  pin: boolean;
  /** Directory for the server's CPU profile (node --cpu-prof), or null. */
  cpuProf: string | null;
  /** Also measure the dashboard on the small dataset (for growth), when it can. */
  compareSmall: boolean;
  /** Print the costliest SQL statements of each scenario (pg_stat_statements). */
  pgStats: boolean;
  log: (message: string) => void;
}

/** Defaults of a full run and of --quick. */
export function defaultOptions(quick: boolean): BenchOptions {
  const common = {
    quick,
    only: null,
    connections: 16,
    dashboardConnections: 4,
    writeConnections: 8,
    clientsPerProcess: 2500,
    fanoutBuilds: null,
    wsClient: 'lean' as WsClientKind,
    pin: false,
    cpuProf: null,
    pgStats: false,
    log: (message: string) => process.stderr.write(`${message}\n`),
  };
  return quick
    ? {
        ...common,
        scale: SCALES.small,
        out: null,
        seconds: 1.5,
        warmupSeconds: 0.5,
        subscribers: [200],
        scaleOutSubscribers: 200,
        announcements: 5,
        writes: 24,
        compareSmall: false,
      }
    : {
        ...common,
        scale: SCALES.province,
        out: path.join(projectRoot(), 'bench', 'RESULTS.md'),
        seconds: 15,
        warmupSeconds: 5,
        subscribers: [1000, 5000, 10000],
        scaleOutSubscribers: 10000,
        announcements: 20,
        writes: 400,
        compareSmall: true,
      };
}

/**
 * The options of a command line: `--quick`, `--scale`, `--only a,b` (each one
 * of `scenarios`), `--seconds`, `--warmup`, `--connections`, `--announcements`,
 * `--writes`, `--clients-per-process`, `--scaleout-subscribers`,
 * `--subscribers 1000,5000`, `--fanout-builds a,b`, `--ws-client lean|graphql-ws`, `--pin`, `--cpu-prof [dir]`,
 * `--out file`, `--no-write`, `--pg-stats`. Throws on an unknown scenario or scale.
 */
export function parseOptions(argv: string[], scenarios: readonly string[]): BenchOptions {
  const args = parseArgs(argv);
  const options = defaultOptions(args.has('quick'));
  if (args.has('scale')) options.scale = scaleOf(args.get('scale'), options.scale.name);
  const only = args.get('only');
  if (typeof only === 'string') {
    const names = only.split(',').map((s) => s.trim());
    for (const name of names) {
      if (!scenarios.includes(name))
        throw new Error(`unknown scenario ${name}; known: ${scenarios.join(', ')}`);
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
  const builds = args.get('fanout-builds');
  if (typeof builds === 'string')
    options.fanoutBuilds = builds.split(',').map((b) => path.resolve(b));
  const wsClient = args.get('ws-client');
  if (typeof wsClient === 'string') {
    if (wsClient !== 'lean' && wsClient !== 'graphql-ws')
      throw new Error(`unknown --ws-client ${wsClient}; known: lean, graphql-ws`);
    options.wsClient = wsClient;
  }
  options.pin = args.has('pin');
  const cpuProf = args.get('cpu-prof');
  if (cpuProf)
    options.cpuProf =
      typeof cpuProf === 'string' ? path.resolve(cpuProf) : path.resolve('.data/bench-profiles');
  const out = args.get('out');
  if (typeof out === 'string') options.out = path.resolve(out);
  if (args.has('no-write')) options.out = null;
  options.pgStats = args.has('pg-stats');
  if (options.scale.name === 'small') options.compareSmall = false;
  return options;
}
