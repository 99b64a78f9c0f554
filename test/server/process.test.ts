import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exerciseDemoServer } from '../../scripts/smoke';
import { freePort } from '../../src/db/embedded';

/**
 * The server as an office runs it: `npm start` and `node dist/src/main.js`
 * as child processes on their own embedded PostgreSQL, stopped with signals,
 * killed, and started where they cannot run.
 */
const root = path.resolve(__dirname, '..', '..');
const mainJs = path.join(root, 'dist', 'src', 'main.js');
const isRoot = process.getuid?.() === 0;

interface Child {
  process: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
const dirs: string[] = [];

/** An empty DATA_DIR that the `postgres` user can enter when tests run as root. */
function emptyDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-process-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

/** A DATA_DIR made once by a first start (initialised, migrated, demo data), copied for each test. */
let template: string;

/** A copy of the template DATA_DIR, as a server leaves it after a clean stop. */
function dataDir(): string {
  const dir = emptyDataDir();
  const copy = spawnSync('cp', ['-a', `${template}/.`, dir]);
  if (copy.status !== 0) throw new Error(`cp failed: ${copy.stderr}`);
  return dir;
}

function spawnServer(command: string, args: string[], env: Record<string, string>): Child {
  const port = Number(env.PORT);
  const child = spawn(command, args, {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      JWT_SECRET: 'process-test-secret-0123456789',
      ADMIN_PASSWORD: 'process-test-admin',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { process: child, port, output: () => output, exited };
}

/** Resolves when /healthz answers; throws with the output when the process exits first. */
async function healthy(child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`exited early:\n${child.output()}`);
    }
    try {
      if ((await fetch(`http://127.0.0.1:${child.port}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`no answer:\n${child.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function postmasterPid(dir: string): number | null {
  try {
    return Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function gone(pid: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** Runs main.js where it cannot start; returns its exit code and what it printed. */
async function failedStart(env: Record<string, string>) {
  const child = spawnServer(process.execPath, [mainJs], env);
  const exit = await child.exited;
  return { code: exit.code, output: child.output().trim() };
}

/** Holds a TCP port on 127.0.0.1 (and all interfaces) until closed. */
async function occupy(): Promise<{ port: number; close: () => Promise<void> }> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const port = (server.address() as { port: number }).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  // The build npm start would make (only if the sources changed since the last one).
  const build = spawnSync(
    process.execPath,
    [path.join(root, 'scripts', 'launch.mjs'), '--build-if-stale'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (build.status !== 0 || !existsSync(mainJs)) throw new Error(`build failed:\n${build.stderr}`);
  template = emptyDataDir();
  const first = spawnServer(process.execPath, [mainJs], {
    PORT: String(await freePort()),
    DATA_DIR: template,
    SEED_DEMO: 'true',
  });
  await healthy(first, 90_000);
  first.process.kill('SIGTERM');
  if ((await first.exited).code !== 0) throw new Error(`template start failed:\n${first.output()}`);
}, 240_000);

afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of dirs) {
    const pid = postmasterPid(dir);
    if (pid && alive(pid)) process.kill(pid, 'SIGINT');
    if (pid) await gone(pid);
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('npm start under a process manager', () => {
  it('serves the demo, and SIGTERM sent to the npm process stops everything with exit 0', async () => {
    const dir = dataDir();
    const port = await freePort();
    const npm = spawnServer('npm', ['start', '--silent'], {
      PORT: String(port),
      DATA_DIR: dir,
      SEED_DEMO: 'true',
    });
    await healthy(npm, 90_000);
    expect(await exerciseDemoServer(`http://127.0.0.1:${port}/graphql`)).toEqual([
      'signed in as secretary (SECRETARY)',
      expect.stringMatching(/^query: 1 conference\(s\), ".+" SCHEDULED$/),
      'subscription: received ConferenceStarted',
    ]);
    const postgres = postmasterPid(dir)!;
    expect(alive(postgres)).toBe(true);

    const signalled = Date.now();
    npm.process.kill('SIGTERM');
    const exit = await npm.exited;
    expect({ exit, output: exit.code === 0 ? '' : npm.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
    expect(Date.now() - signalled).toBeLessThan(10_000);
    // Nothing left: the server no longer answers, PostgreSQL has stopped.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await gone(postgres)).toBe(true);
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(npm.output()).toMatch(/"signal":"SIGTERM".*shutting down/);
  }, 150_000);
});

describe('recovery after an unclean stop', () => {
  it('starts after the server was killed with SIGKILL, taking over the PostgreSQL it left behind', async () => {
    const dir = dataDir();
    const env = { PORT: String(await freePort()), DATA_DIR: dir };
    const first = spawnServer(process.execPath, [mainJs], env);
    await healthy(first);
    const orphan = postmasterPid(dir)!;
    first.process.kill('SIGKILL');
    await first.exited;
    // The PostgreSQL of the killed server is still running, on the data directory.
    expect(alive(orphan)).toBe(true);

    const second = spawnServer(process.execPath, [mainJs], env);
    await healthy(second);
    expect(second.output()).toContain(`took over PostgreSQL (pid ${orphan}) left running`);
    expect(postmasterPid(dir)).toBe(orphan);
    const login = await fetch(`http://127.0.0.1:${second.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { login(username: "admin", password: "process-test-admin") { account { role } } }',
      }),
    });
    expect(await login.json()).toEqual({ data: { login: { account: { role: 'ADMIN' } } } });
    // And stops it on the way out, as if it had started it.
    second.process.kill('SIGINT');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(await gone(orphan)).toBe(true);
    expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 150_000);

  it('stops a PostgreSQL left behind on another port than EMBEDDED_PG_PORT asks for, then starts its own', async () => {
    const dir = dataDir();
    const first = spawnServer(process.execPath, [mainJs], {
      PORT: String(await freePort()),
      DATA_DIR: dir,
    });
    await healthy(first);
    const orphan = postmasterPid(dir)!;
    first.process.kill('SIGKILL');
    await first.exited;

    const pgPort = await freePort();
    const second = spawnServer(process.execPath, [mainJs], {
      PORT: String(await freePort()),
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: String(pgPort),
    });
    await healthy(second);
    expect(second.output()).toContain(`stopping PostgreSQL (pid ${orphan}) left running`);
    expect(alive(orphan)).toBe(false);
    expect(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[3]).toBe(
      String(pgPort),
    );
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 150_000);

  it('is not blocked by a stale postmaster.pid naming a live process that is not PostgreSQL', async () => {
    const dir = dataDir();
    const env = { PORT: String(await freePort()), DATA_DIR: dir };
    const first = spawnServer(process.execPath, [mainJs], env);
    await healthy(first);
    first.process.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    // As after a reboot: the pid in the file now belongs to some other process (here, this test).
    const pidFile = path.join(dir, 'pg', 'postmaster.pid');
    writeFileSync(
      pidFile,
      `${process.pid}\n${path.join(dir, 'pg')}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`,
    );

    const second = spawnServer(process.execPath, [mainJs], env);
    await healthy(second);
    expect(second.output()).toContain('removing a stale postmaster.pid');
    second.process.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 150_000);
});

describe('a start that cannot succeed', () => {
  it('says in one line that the HTTP port is taken, exits 1 and stops its PostgreSQL', async () => {
    const dir = dataDir();
    const taken = await occupy();
    try {
      const result = await failedStart({ PORT: String(taken.port), DATA_DIR: dir });
      expect(result).toEqual({
        code: 1,
        output: expect.stringMatching(
          new RegExp(
            `Failed to start: Port ${taken.port} is already in use .*set PORT to a free port\\.$`,
          ),
        ),
      });
      expect(result.output.split('\n').filter((line) => line.startsWith('Failed'))).toHaveLength(1);
      expect(result.output).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);
    } finally {
      await taken.close();
    }
  }, 90_000);

  it('says in one line that the embedded PostgreSQL port is taken', async () => {
    const taken = await occupy();
    try {
      const result = await failedStart({
        PORT: String(await freePort()),
        DATA_DIR: dataDir(),
        EMBEDDED_PG_PORT: String(taken.port),
      });
      expect(result.code).toBe(1);
      expect(result.output.split('\n').pop()).toBe(
        `Failed to start: Port ${taken.port} for the embedded PostgreSQL is already in use: set EMBEDDED_PG_PORT to a free port, or leave it unset to pick one.`,
      );
    } finally {
      await taken.close();
    }
  }, 90_000);

  it('refuses a second server on the same DATA_DIR, naming the first', async () => {
    const dir = dataDir();
    const first = spawnServer(process.execPath, [mainJs], {
      PORT: String(await freePort()),
      DATA_DIR: dir,
    });
    await healthy(first);
    const result = await failedStart({ PORT: String(await freePort()), DATA_DIR: dir });
    expect(result.code).toBe(1);
    expect(result.output.split('\n').pop()).toBe(
      `Failed to start: Another process (pid ${first.process.pid}) is running the embedded PostgreSQL in ${dir}: stop it first, or give this one its own DATA_DIR.`,
    );
    // The first one is untouched.
    expect((await fetch(`http://127.0.0.1:${first.port}/healthz`)).ok).toBe(true);
    first.process.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
  }, 120_000);

  (isRoot ? it : it.skip)(
    'as root, says which directory the postgres user cannot enter',
    async () => {
      const closed = mkdtempSync(path.join(tmpdir(), 'thidua-root-only-'));
      dirs.push(closed);
      chmodSync(closed, 0o700);
      const result = await failedStart({
        PORT: String(await freePort()),
        DATA_DIR: path.join(closed, 'data'),
      });
      expect(result).toEqual({
        code: 1,
        output: `Failed to start: PostgreSQL refuses to run as root, so it runs as the system user "postgres", which cannot enter ${closed}: move the project and DATA_DIR under a directory every user can enter (e.g. /srv or /opt), run as a non-root user, or set DATABASE_URL.`,
      });
    },
    60_000,
  );

  // A small RAM disk stands for a full disk; mounting one needs root.
  const canMount =
    isRoot && spawnSync('mount', ['--version']).status === 0 && process.platform === 'linux';
  (canMount ? it : it.skip)(
    'says in one line that the disk is full',
    async () => {
      const disk = mkdtempSync(path.join(tmpdir(), 'thidua-full-'));
      chmodSync(disk, 0o755);
      const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m,mode=0755', 'tmpfs', disk]);
      if (mounted.status !== 0) throw new Error(`mount failed: ${mounted.stderr}`);
      try {
        mkdirSync(path.join(disk, 'data'));
        const result = await failedStart({
          PORT: String(await freePort()),
          DATA_DIR: path.join(disk, 'data'),
        });
        expect(result.code).toBe(1);
        expect(result.output.split('\n').pop()).toMatch(
          new RegExp(
            `^Failed to start: The disk holding ${path.join(disk, 'data')} is full .*free some space`,
          ),
        );
        expect(result.output).not.toMatch(/\n\s+at /);
      } finally {
        spawnSync('umount', [disk]);
        rmSync(disk, { recursive: true, force: true });
      }
    },
    60_000,
  );
});
