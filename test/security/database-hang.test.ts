import { Role } from '../../src/modules/accounts/account.entity';
import { createTestDatabase, startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/graphql';
import { startStallingProxy, type StallingProxy } from '../helpers/stalling-proxy';

// Issue 11, item 7: /readyz and queries hung while PostgreSQL hung (no
// answer in 4 s); the pool had no connect or statement timeout.

let proxy: StallingProxy;
let t: TestApp;

beforeAll(async () => {
  const url = new URL(await createTestDatabase());
  proxy = await startStallingProxy(url.hostname, Number(url.port));
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  t = await startTestApp({
    DATABASE_URL: url.toString(),
    DB_CONNECT_TIMEOUT_MS: '1000',
    DB_STATEMENT_TIMEOUT_MS: '2000',
  });
});

afterAll(async () => {
  proxy?.resume();
  await t?.stop();
  await proxy?.close();
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await run();
  return { value, ms: Date.now() - started };
}

const readyz = () => fetch(new URL('/readyz', t.url)).then((r) => r.status);

describe('a PostgreSQL that stops answering', () => {
  it('gets /readyz 503 within 2 s, and queries an error instead of a hang; all recovers after', async () => {
    const token = t.tokenFor({ role: Role.VIEWER });
    const query = () => gql(t.url, `{ units { totalCount } }`, {}, token);
    expect(await readyz()).toBe(200);
    expect((await query()).errors).toBeUndefined();

    proxy.stall();
    const ready = await timed(readyz);
    expect(ready.value).toBe(503);
    expect(ready.ms).toBeLessThan(2_000);
    // Every connection of the pool is stuck now: a query gets its error when
    // the statement's time is up (2 s here, plus the driver's second).
    const answered = await timed(query);
    expect(answered.value.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(answered.ms).toBeLessThan(6_000);
    const health = await timed(() => fetch(new URL('/healthz', t.url)).then((r) => r.status));
    expect(health).toMatchObject({ value: 200 });
    expect(health.ms).toBeLessThan(500);

    proxy.resume();
    const until = Date.now() + 10_000;
    while ((await readyz()) !== 200 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await readyz()).toBe(200);
    expect((await query()).errors).toBeUndefined();
  });
});
