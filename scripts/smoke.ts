/**
 * `npm run smoke`: the server's smoke test, as CI runs it on every supported
 * Node.js (`.ci/run` runs it on Node 24 too). It starts the built server with
 * the Node.js running this script, on a fresh embedded PostgreSQL with the
 * demo data, then signs in, runs a query, receives one subscription event
 * over graphql-ws, sends SIGTERM and checks that the server exited 0 within
 * 10 s and stopped its PostgreSQL. Prints one line per step; exits 1 on the
 * first failure.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { embeddedPaths } from '../src/db/embedded';
import { encodeEventCursor } from '../src/realtime/cursor';

const DEMO_PASSWORD = 'demo-password';

/** Runs one GraphQL operation over HTTP; throws on any error. */
async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length)
    throw new Error(`${query.trim().split('\n')[0]}: ${body.errors[0]!.message}`);
  return body.data as T;
}

/**
 * Exercises a server that serves the demo data at `url`: signs in as the
 * secretary, reads the seeded conference, subscribes to its events over
 * graphql-ws, starts it, and waits for the ConferenceStarted event. Returns
 * what each step saw, one line each.
 */
export async function exerciseDemoServer(url: string): Promise<string[]> {
  const steps: string[] = [];
  const { login } = await graphql<{ login: { token: string; account: { role: string } } }>(
    url,
    `
      mutation SignIn($u: String!, $p: String!) {
        login(username: $u, password: $p) {
          token
          account {
            role
          }
        }
      }
    `,
    { u: 'secretary', p: DEMO_PASSWORD },
  );
  steps.push(`signed in as secretary (${login.account.role})`);
  const { conferences } = await graphql<{
    conferences: { edges: { node: { id: string; title: string; status: string } }[] };
  }>(
    url,
    `
      query Conferences {
        conferences(first: 5) {
          edges {
            node {
              id
              title
              status
            }
          }
        }
      }
    `,
    {},
    login.token,
  );
  const conference = conferences.edges
    .map((edge) => edge.node)
    .find((c) => c.status === 'SCHEDULED');
  if (!conference) throw new Error('the demo data has no SCHEDULED conference');
  steps.push(`query: ${conferences.edges.length} conference(s), "${conference.title}" SCHEDULED`);

  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${login.token}` },
    retryAttempts: 0,
  });
  try {
    const event = await new Promise<{ __typename: string; cursor: string }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('no subscription event within 15 s')),
        15_000,
      );
      const settle = (error?: Error, value?: { __typename: string; cursor: string }) => {
        clearTimeout(timer);
        unsubscribe();
        if (error) reject(error);
        else resolve(value!);
      };
      // From the start of the log: the event arrives whether the subscription is attached
      // before or after the conference starts (the replay covers the gap).
      const unsubscribe = client.subscribe<{
        conferenceEvents: { __typename: string; cursor: string };
      }>(
        {
          query: `subscription ConferenceEvents($id: ID!, $after: String) { conferenceEvents(conferenceId: $id, after: $after) { __typename cursor } }`,
          variables: { id: conference.id, after: encodeEventCursor(0) },
        },
        {
          next: (message) => {
            if (message.errors?.length) settle(new Error(message.errors[0]!.message));
            else if (message.data?.conferenceEvents.__typename === 'ConferenceStarted') {
              settle(undefined, message.data.conferenceEvents);
            }
          },
          error: (error) =>
            settle(error instanceof Error ? error : new Error(JSON.stringify(error))),
          complete: () => undefined,
        },
      );
      client.on('connected', () => {
        graphql(
          url,
          `
            mutation StartConference($id: ID!) {
              startConference(id: $id) {
                status
              }
            }
          `,
          { id: conference.id },
          login.token,
        ).catch((error: unknown) => settle(error as Error));
      });
    });
    steps.push(`subscription: received ${event.__typename}`);
  } finally {
    await client.dispose();
  }
  return steps;
}

/** Waits until GET /healthz answers, or the process exits. */
async function waitForHealth(
  base: string,
  exited: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error('the server exited during start-up');
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the server did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** After a failure: stops the PostgreSQL the server may have left running on `dataDir`. */
function stopPostgres(dataDir: string): void {
  try {
    const pid = Number(
      readFileSync(path.join(embeddedPaths(dataDir).cluster, 'postmaster.pid'), 'utf8').split(
        '\n',
      )[0],
    );
    if (pid > 0) process.kill(pid, 'SIGINT');
  } catch {
    // not running
  }
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-smoke-'));
  // Run as root, PostgreSQL runs as the user "postgres", which must enter this directory.
  chmodSync(dataDir, 0o755);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const base = `http://127.0.0.1:${port}`;
  const say = (line: string) => process.stdout.write(`smoke (node ${process.version}): ${line}\n`);
  const started = Date.now();
  const server = spawn(process.execPath, [path.join(root, 'dist', 'src', 'main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      ADMIN_PASSWORD: 'smoke-admin-password',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exited = new Promise<void>((resolve) =>
    server.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    }),
  );
  try {
    await waitForHealth(base, () => exit !== undefined, 60_000);
    say(`started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const step of await exerciseDemoServer(`${base}/graphql`)) say(step);
    const postmaster = path.join(embeddedPaths(dataDir).cluster, 'postmaster.pid');
    const postgresPid = Number(readFileSync(postmaster, 'utf8').split('\n')[0]);
    const signalled = Date.now();
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (!exit) throw new Error('still running 10 s after SIGTERM');
    if (exit.code !== 0) throw new Error(`exited with ${exit.code ?? exit.signal} after SIGTERM`);
    let postgresAlive = true;
    try {
      process.kill(postgresPid, 0);
    } catch {
      postgresAlive = false;
    }
    if (postgresAlive || existsSync(postmaster))
      throw new Error('PostgreSQL is still running after the server stopped');
    say(
      `SIGTERM: exited 0 in ${((Date.now() - signalled) / 1000).toFixed(1)} s, PostgreSQL stopped`,
    );
    say('1 passed, 0 failed');
  } catch (error) {
    if (!exit) server.kill('SIGKILL');
    stopPostgres(dataDir);
    process.stderr.write(
      `smoke (node ${process.version}) FAILED: ${(error as Error).message}\n${output}\n`,
    );
    process.exitCode = 1;
  } finally {
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) void main();
