import { Writable } from 'node:stream';
import { Client } from 'pg';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { exerciseDemoServer } from '../../scripts/smoke';
import { startApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { TokenService } from '../../src/auth/tokens';
import { Role } from '../../src/modules/accounts/account.entity';
import { RealtimeService } from '../../src/realtime/realtime.service';
import { createTestDatabase, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET } from '../helpers/app';

/** A server whose log lines are kept, started like startTestApp but logging at info. */
async function startLoggedApp(env: Record<string, string> = {}) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const databaseUrl = await createTestDatabase();
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: TEST_JWT_SECRET,
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    SEED_DEMO: 'false',
    NODE_ENV: 'test',
    ...env,
  });
  const app = await startApp(config, createLogger('info', 'json', destination), '127.0.0.1');
  const base = app.url.replace(/\/graphql$/, '');
  const logs = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { app, base, databaseUrl, lines, logs };
}

const apps: App[] = [];
afterAll(async () => {
  for (const app of apps) await app.stop();
});

async function metricsText(base: string, token?: string): Promise<string> {
  const res = await fetch(`${base}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample line, e.g. `name{label="x"} 3`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface ReadinessSeen {
  httpStatus: number;
  status: string;
  database: string;
  listener: string;
}

/** Polls /readyz until `seen` holds of an answer (its HTTP status and body); returns that answer. */
async function waitForReadiness(
  base: string,
  seen: (answer: ReadinessSeen) => boolean,
): Promise<ReadinessSeen> {
  let last: ReadinessSeen | undefined;
  await waitFor(async () => {
    const response = await fetch(`${base}/readyz`);
    last = {
      httpStatus: response.status,
      ...((await response.json()) as Omit<ReadinessSeen, 'httpStatus'>),
    };
    return seen(last);
  });
  return last!;
}

describe('metrics and access logs', () => {
  let server: Awaited<ReturnType<typeof startLoggedApp>>;

  beforeAll(async () => {
    server = await startLoggedApp({ SEED_DEMO: 'true' });
    apps.push(server.app);
    // The account the minted tokens below stand for (a token whose account does not exist is refused).
    await server.app.database.dataSource.query(
      `INSERT INTO account (id, username, password_hash, role)
       VALUES ('00000000-0000-4000-8000-000000000001', 'observer', '!', 'VIEWER')`,
    );
  }, 90_000);

  it('counts operations, errors, sockets, subscriptions and deliveries in Prometheus format', async () => {
    await exerciseDemoServer(server.app.url);
    // One expected error: a malformed id.
    const tokens = new TokenService(TEST_JWT_SECRET, 600);
    const token = tokens.sign({
      accountId: '00000000-0000-4000-8000-000000000001',
      username: 'viewer',
      unitId: null,
      personId: null,
      role: Role.VIEWER,
    });
    const bad = await fetch(server.app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query PersonById { node(id: "nope") { id } }' }),
    });
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');

    // A subscriber still connected while the metrics are read.
    const client = createClient({
      url: server.app.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
    });
    const unsubscribe = client.subscribe(
      { query: 'subscription { awardAnnounced { cursor } }' },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
    try {
      await waitFor(
        async () => sample(await metricsText(server.base), 'thidua_subscriptions') === 1,
      );
      const text = await metricsText(server.base);
      expect(
        sample(
          text,
          'thidua_graphql_request_duration_seconds_count{operation="SignIn",type="mutation",outcome="ok"}',
        ),
      ).toBe(1);
      expect(
        sample(
          text,
          'thidua_graphql_request_duration_seconds_count{operation="Conferences",type="query",outcome="ok"}',
        ),
      ).toBe(1);
      expect(
        sample(
          text,
          'thidua_graphql_request_duration_seconds_count{operation="PersonById",type="query",outcome="error"}',
        ),
      ).toBe(1);
      expect(sample(text, 'thidua_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
      expect(sample(text, 'thidua_websocket_connections')).toBe(1);
      expect(sample(text, 'thidua_event_delivery_lag_seconds_count')).toBe(1);
      expect(sample(text, 'thidua_event_bridge_up')).toBe(1);
      expect(sample(text, 'thidua_event_bridge_reconnects_total')).toBe(0);
      expect(sample(text, 'thidua_db_pool_connections{state="idle"}')).toBeGreaterThan(0);
      expect(sample(text, 'thidua_db_pool_waiting')).toBe(0);
      expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    } finally {
      unsubscribe();
      await client.dispose();
    }
  }, 60_000);

  it('logs one line per HTTP request and per WebSocket connection, never a token or a password', async () => {
    const viewerSocket = (l: Record<string, unknown>) =>
      l.msg === 'websocket connection' && l.accountId === '00000000-0000-4000-8000-000000000001';
    await waitFor(async () => server.logs().some(viewerSocket));
    const requests = server.logs().filter((l) => l.msg === 'http request' && l.path === '/graphql');
    const signIn = requests.find((l) => l.operation === 'SignIn');
    expect(signIn).toEqual(
      expect.objectContaining({
        requestId: expect.any(String),
        method: 'POST',
        status: 200,
        ms: expect.any(Number),
      }),
    );
    expect(requests.find((l) => l.operation === 'Conferences')).toEqual(
      expect.objectContaining({ accountId: expect.any(String), status: 200 }),
    );
    expect(requests.find((l) => l.operation === 'PersonById')?.accountId).toBe(
      '00000000-0000-4000-8000-000000000001',
    );
    expect(server.logs().find((l) => l.msg === 'http request' && l.path === '/metrics')).toEqual(
      expect.objectContaining({ method: 'GET', status: 200 }),
    );
    const sockets = server.logs().filter((l) => l.msg === 'websocket connection');
    expect(sockets).toContainEqual(
      expect.objectContaining({
        connectionId: expect.any(String),
        accountId: '00000000-0000-4000-8000-000000000001',
        operations: 1,
        code: 1000,
      }),
    );
    const all = server.lines.join('\n');
    expect(all).not.toContain('demo-password');
    expect(all).not.toContain(TEST_ADMIN_PASSWORD);
    expect(all).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/); // no JWT
    expect(all).not.toMatch(/bearer/i);
  });

  it('echoes a sane x-request-id and logs it', async () => {
    const res = await fetch(`${server.base}/healthz`, { headers: { 'x-request-id': 'probe-42' } });
    expect(res.headers.get('x-request-id')).toBe('probe-42');
    await waitFor(async () => server.logs().some((l) => l.requestId === 'probe-42'));
  });
});

describe('METRICS_TOKEN', () => {
  it('guards /metrics when set', async () => {
    const secret = 'metrics-token-0123456789';
    const server = await startLoggedApp({ METRICS_TOKEN: secret });
    apps.push(server.app);
    expect((await fetch(`${server.base}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.base}/metrics`, {
      headers: { authorization: 'Bearer metrics-token-wrong-0000' },
    });
    expect(wrong.status).toBe(401);
    expect(await metricsText(server.base, secret)).toContain('thidua_event_bridge_up 1');
    expect(server.lines.join('\n')).not.toContain(secret);
  }, 60_000);
});

describe('/readyz', () => {
  it('reports the LISTEN bridge: not ready while it is down past a few seconds, ready again once back', async () => {
    const server = await startLoggedApp();
    apps.push(server.app);
    expect(await (await fetch(`${server.base}/readyz`)).json()).toEqual({
      status: 'ok',
      database: 'up',
      listener: 'up',
    });
    const database = new URL(server.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_PG_ADMIN_URL });
    await admin.connect();
    try {
      // The bridge loses its connection and cannot get another one.
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
        [server.app.server.services.get(RealtimeService).listener!.connectionName],
      );
      // Waits for the listener itself: a 503 may come earlier from the database check,
      // when the pool needs a new connection that the database now refuses.
      const down = await waitForReadiness(server.base, (body) => body.listener === 'down');
      expect(down).toEqual(
        expect.objectContaining({ httpStatus: 503, status: 'unavailable', listener: 'down' }),
      );
      expect(sample(await metricsText(server.base), 'thidua_event_bridge_up')).toBe(0);

      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      const back = await waitForReadiness(server.base, (body) => body.httpStatus === 200);
      expect(back).toEqual({ httpStatus: 200, status: 'ok', database: 'up', listener: 'up' });
      expect(
        sample(await metricsText(server.base), 'thidua_event_bridge_reconnects_total'),
      ).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.query(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  }, 60_000);
});
