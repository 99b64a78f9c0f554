import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request } from 'node:http';
import path from 'node:path';
import { freePort } from '../../src/db/embedded';
import { DEMO_PASSWORD } from '../../src/db/seed/organisation';
import { createTestDatabase, TEST_ADMIN_PASSWORD } from '../helpers/app';

const root = path.resolve(__dirname, '..', '..');
// Built apart from dist/ so that other builds and `npm start` runs are not disturbed.
const outDir = path.join(root, 'dist', `.shutdown-test-${process.pid}`);
const mainJs = path.join(outDir, 'src', 'main.js');

/** A `node main.js` process with its output, and a promise of its exit. */
interface Child {
  process: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startMain(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [mainJs], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      JWT_SECRET: 'shutdown-test-secret-0123456789',
      ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  // Ready when /healthz answers.
  const deadline = Date.now() + 80_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`main.js exited early:\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`main.js did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { process: child, port, output: () => output, exited };
}

/** Sends the head and half the body of a login, and the rest when asked. */
function halfSentLogin(port: number) {
  const body = JSON.stringify({
    query: `mutation { login(username: "admin", password: "${TEST_ADMIN_PASSWORD}") { account { username } } }`,
  });
  const cut = Math.floor(body.length / 2);
  let finish!: () => void;
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.slice(0, cut));
    finish = () => req.end(body.slice(cut));
  });
  return { response, finish: () => finish() };
}

describe('the built server process', () => {
  let databaseUrl: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    // What `npm run build` emits; types are checked by `npm run check:types`, not here.
    const build = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
        '--noCheck',
        '--outDir',
        outDir,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    if (!existsSync(mainJs)) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
    databaseUrl = await createTestDatabase();
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(outDir, { recursive: true, force: true });
  });

  it('finishes a request in flight on SIGTERM, then exits 0 promptly', async () => {
    const child = await startMain({ DATABASE_URL: databaseUrl });
    children.push(child.process);
    const inFlight = halfSentLogin(child.port);
    // Let the server read the request head before the signal.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    child.process.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    // No new connections once stopping.
    await expect(fetch(`http://127.0.0.1:${child.port}/healthz`)).rejects.toThrow();
    inFlight.finish();
    const response = await inFlight.response;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      data: { login: { account: { username: 'admin' } } },
    });
    const exit = await child.exited;
    expect({ exit, output: exit.code === 0 ? '' : child.output() }).toEqual({
      exit: { code: 0, signal: null },
      output: '',
    });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(child.output()).toMatch(/shutting down/);
    expect(child.output()).not.toContain(TEST_ADMIN_PASSWORD);
  }, 90_000);

  it('without DATABASE_URL runs its own PostgreSQL with the demo data, and stops it on SIGINT', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-main-'));
    chmodSync(dataDir, 0o777);
    try {
      const child = await startMain({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
      children.push(child.process);
      const login = await fetch(`http://127.0.0.1:${child.port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { login(username: "manager", password: "${DEMO_PASSWORD}") { account { unit { code } } } }`,
        }),
      });
      expect(await login.json()).toEqual({
        data: { login: { account: { unit: { code: 'LS-TGDV' } } } },
      });
      const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
      expect(existsSync(pidFile)).toBe(true);
      const signalled = Date.now();
      child.process.kill('SIGINT');
      expect(await child.exited).toEqual({ code: 0, signal: null });
      expect(Date.now() - signalled).toBeLessThan(5_000);
      // PostgreSQL was stopped cleanly, not left running.
      expect(existsSync(pidFile)).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses to start with an invalid configuration, naming the variable', async () => {
    const result = spawnSync(process.execPath, [mainJs], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'eighty', DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration[\s\S]*PORT/);
  });
});
