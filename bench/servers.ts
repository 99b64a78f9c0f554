/**
 * The servers a benchmark measures, each in its own process. A kind of server
 * is a `Launcher`: given a database, a JWT secret and a pool size, it forks
 * the process and resolves once it listens. To measure a peer (another
 * GraphQL server over the same database), add a launcher here whose child
 * answers `{ type: 'ready', url }` and `{ type: 'cpu' }` on IPC (as
 * bench/load/server.ts and bench/baseline.ts do), and a scenario that calls
 * `ctx.launch(peerServer, 'peer')` and measures it with `ctx.measure`.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Child, forkChild } from './children';

/** A running server under measurement. */
export interface Server {
  name: string;
  /** Where requests go (a GraphQL endpoint, or the baseline's /profile). */
  url: string;
  /** The same endpoint over WebSocket. */
  wsUrl: string;
  /** Its process, to read CPU time and memory from; null for a server the runner did not start (BENCH_URL). */
  child: Child | null;
  stop(): Promise<void>;
}

/** What a launcher is given. */
export interface LaunchEnv {
  /** The server's name in logs and notes, and its process's. */
  name: string;
  databaseUrl: string;
  /** The secret the runner signs its tokens with. */
  jwtSecret: string;
  /** Database connections per server process (the same for every kind, so that they compare). */
  poolSize: number;
  /** Directory to write this server's CPU profile to (node --cpu-prof), or null. */
  cpuProfDir: string | null;
  /** Forks a bench script (a path relative to bench/, as .js) under `name`; stopped at the end of the run. */
  fork(script: string, options?: Parameters<typeof forkChild>[2]): Child;
}

/** Starts one kind of server; resolves once it accepts requests. */
export type Launcher = (env: LaunchEnv) => Promise<Server>;

function childServer(name: string, child: Child, url: string): Server {
  return { name, url, wsUrl: url.replace(/^http/, 'ws'), child, stop: () => child.stop() };
}

/** The application itself (bench/load/server.ts: startApp), in production mode, without demo data. */
export const apiServer: Launcher = (env) => apiServerOf(null)(env);

/**
 * The application of another build: `build` is a directory holding a
 * compiled `bench/load/server.js` (the dist/ of a checkout at another
 * commit), for side-by-side runs; null: this build.
 */
export function apiServerOf(build: string | null): Launcher {
  return async (env) => {
    const execArgv = ['--expose-gc'];
    if (env.cpuProfDir) {
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${env.cpuProfDir}`,
        `--cpu-prof-name=${env.name}.cpuprofile`,
      );
    }
    const script = build
      ? path.relative(__dirname, path.resolve(build, 'bench', 'load', 'server.js'))
      : 'load/server.js';
    const child = env.fork(script, {
      env: {
        DATABASE_URL: env.databaseUrl,
        PORT: '0',
        JWT_SECRET: env.jwtSecret,
        ADMIN_PASSWORD: randomBytes(12).toString('hex'),
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        DB_POOL_SIZE: String(env.poolSize),
      },
      execArgv,
      openFiles: 16_384,
    });
    const ready = await child.next<{ url: string }>('ready', 120_000);
    return childServer(env.name, child, ready.url);
  };
}

/** The hand-written profile endpoint the GraphQL profile is compared with (bench/baseline.ts). */
export const baselineServer: Launcher = async (env) => {
  const child = env.fork('baseline.js', {
    env: {
      DATABASE_URL: env.databaseUrl,
      JWT_SECRET: env.jwtSecret,
      DB_POOL_SIZE: String(env.poolSize),
    },
  });
  const { url } = await child.next<{ url: string }>('ready', 60_000);
  return childServer(env.name, child, url);
};

/** A server someone else started (BENCH_URL): no process to read CPU or memory from. */
export function remoteServer(name: string, url: string): Server {
  return { name, url, wsUrl: url.replace(/^http/, 'ws'), child: null, stop: async () => undefined };
}

/** CPU milliseconds used so far by a child that answers `{ type: 'cpu' }`, or null without one. */
export async function cpuOf(child: Child | null | undefined): Promise<number | null> {
  if (!child) return null;
  child.send({ type: 'cpu' });
  return (await child.next<{ cpuMs: number }>('cpu', 10_000)).cpuMs;
}

/** Memory of an API server process after a full GC, and what it holds open. */
export interface ServerMemory {
  rss: number;
  heapUsed: number;
  external: number;
  sockets: number;
  subscriptions: number | null;
}

/** The memory of an API server (bench/load/server.ts), or null when it is not ours. */
export async function memoryOf(server: Server): Promise<ServerMemory | null> {
  if (!server.child) return null;
  server.child.send({ type: 'memory' });
  return server.child.next<ServerMemory>('memory', 30_000);
}
