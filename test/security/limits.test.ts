import { createHash } from 'node:crypto';
import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { gql } from '../helpers/graphql';
import { disposeAllWs, rawSocket } from '../helpers/ws';

// Issue 11, item 5 (`__typename` escaped the alias limit; no limit on a
// document's tokens), item 6 (the schema leaked in production: introspection
// over WebSocket, "Did you mean" in errors) and item 10 (a persisted-query
// hash mismatch coded INTERNAL_SERVER_ERROR).

let dev: TestApp;
let prod: TestApp;

beforeAll(async () => {
  dev = await startTestApp();
  prod = await startTestApp({ NODE_ENV: 'production' });
});

afterAll(async () => {
  await disposeAllWs();
  await dev?.stop();
  await prod?.stop();
});

/** Runs one operation over a fresh WebSocket as a VIEWER and returns the messages answering it. */
async function overWebSocket(app: TestApp, query: string) {
  const socket = await rawSocket(app.wsUrl, { authorization: app.tokenFor({ role: Role.VIEWER }) });
  await socket.next((m) => m.type === 'connection_ack');
  socket.send({ id: 'q', type: 'subscribe', payload: { query } });
  const answer = await socket.next(
    (m) => m.id === 'q' && (m.type === 'error' || m.type === 'next'),
  );
  socket.socket.close();
  return answer;
}

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;

describe('aliases and document size', () => {
  it('counts __typename aliases against the alias limit, signed in or not', async () => {
    const flood = await gql(dev.url, aliases(5_500));
    expect(flood.status).toBe(400);
    expect(flood.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(flood.data ?? null).toBeNull();
    expect((await gql(dev.url, aliases(21))).errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect((await gql(dev.url, aliases(20))).errors).toBeUndefined();
  });

  it('refuses a document of too many tokens, over HTTP and WebSocket', async () => {
    const huge = `{ viewer { ${'id '.repeat(5_000)} } }`;
    const http = await gql(dev.url, huge);
    expect(http.status).toBe(400);
    expect(http.errors![0].extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(http.errors![0].message).toMatch(/more than \d+ tokens/);
    const ws = await overWebSocket(dev, huge);
    expect(ws.type).toBe('error');
    expect(ws.payload[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    // An ordinary document is far below it.
    expect(
      (await gql(dev.url, `{ viewer { id ${'username '.repeat(200)} } }`)).errors,
    ).toBeUndefined();
  });
});

describe('in production', () => {
  it('refuses introspection over WebSocket as over HTTP', async () => {
    const query = `{ __schema { types { name } } }`;
    const http = await gql(prod.url, query, {}, prod.tokenFor({ role: Role.VIEWER }));
    expect(http.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const ws = await overWebSocket(prod, query);
    expect(ws.type).toBe('error');
    expect(ws.payload[0].message).toMatch(/introspection/i);
    const type = await overWebSocket(prod, `{ __type(name: "Account") { fields { name } } }`);
    expect(type.type).toBe('error');
    // Outside production both answer.
    expect((await overWebSocket(dev, query)).type).toBe('next');
  });

  it('suggests no field names in errors, on either transport', async () => {
    const typo = `{ viewr { id } }`;
    const http = await gql(prod.url, typo);
    expect(http.errors![0].message).not.toMatch(/did you mean/i);
    expect(http.errors![0].message).toMatch(/viewr/);
    const ws = await overWebSocket(prod, typo);
    expect(JSON.stringify(ws.payload)).not.toMatch(/did you mean/i);
    const enumTypo = await gql(
      prod.url,
      `mutation { createAccount(input: { username: "x", password: "y", role: ADMN }) { id } }`,
    );
    expect(enumTypo.errors![0].message).not.toMatch(/did you mean/i);
    // Outside production the suggestion helps developers.
    expect((await gql(dev.url, typo)).errors![0].message).toMatch(/did you mean "viewer"/i);
  });
});

describe('persisted queries', () => {
  it('answers a hash that does not match its query with BAD_USER_INPUT', async () => {
    const query = '{ __typename }';
    const post = (sha256Hash: string) =>
      fetch(dev.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({
          query,
          extensions: { persistedQuery: { version: 1, sha256Hash } },
        }),
      });
    const wrong = await post('0'.repeat(64));
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toBe('The persisted query hash does not match the query text');
    const right = await post(createHash('sha256').update(query).digest('hex'));
    expect(((await right.json()) as any).data).toEqual({ __typename: 'Query' });
  });
});
