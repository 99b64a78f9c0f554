import { Role } from '../../src/modules/accounts/account.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode, gql } from '../helpers/graphql';
import { startTestApp, type TestApp } from '../helpers/app';

describe('the HTTP server', () => {
  let t: TestApp;
  let token: string;
  let client: ReturnType<typeof clientFor>;
  let unitId: string;

  beforeAll(async () => {
    t = await startTestApp();
    token = t.tokenFor({ role: Role.VIEWER });
    client = clientFor(t.url, token);
    const unit = await buildUnit(t.dataSource, { code: 'S-UNIT' });
    unitId = unit.id;
    for (let i = 0; i < 3; i++) await buildPerson(t.dataSource, { unit });
  });

  afterAll(() => t?.stop());

  const origin = () => t.url.replace(/\/graphql$/, '');
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body,
    });

  describe('health', () => {
    it('answers /healthz and /readyz with JSON', async () => {
      for (const path of ['/healthz', '/readyz']) {
        const res = await fetch(`${origin()}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(await res.json()).toMatchObject({ status: 'ok' });
      }
    });
  });

  it('answers unknown paths with a JSON 404, in Vietnamese unless English is asked for', async () => {
    const res = await fetch(`${origin()}/nothing-here`);
    expect(res.status).toBe(404);
    const extensions = { code: 'NOT_FOUND', messageKey: 'server.notFound', messageParams: {} };
    expect(await res.json()).toEqual({ errors: [{ message: 'Không tìm thấy', extensions }] });
    const english = await fetch(`${origin()}/nothing-here`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(await english.json()).toEqual({ errors: [{ message: 'Not found', extensions }] });
  });

  describe('limits', () => {
    it('refuses a query deeper than the limit with QUERY_TOO_COMPLEX (400)', async () => {
      const deep = `{ unit(id: "${unitId}") { ${'parent { '.repeat(12)}id${' }'.repeat(12)} } }`;
      const res = await post(JSON.stringify({ query: deep }));
      expect(res.status).toBe(400);
      const body: any = await res.json();
      expect(body.errors[0].extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        messageKey: 'limits.depth',
        messageParams: { limit: 12, found: 14 },
      });
      expect(body.data).toBeUndefined();
      const fine = `{ unit(id: "${unitId}") { ${'parent { '.repeat(8)}id${' }'.repeat(8)} } }`;
      expect((await client.request(fine)).errors).toBeUndefined();
    });

    it('refuses more than 20 aliases with QUERY_TOO_COMPLEX', async () => {
      const aliases = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: unit(id: "${unitId}") { id }`).join(' ')} }`;
      expect(errorCode(await client.request(aliases(21)))).toBe('QUERY_TOO_COMPLEX');
      expect((await client.request(aliases(20))).errors).toBeUndefined();
    });

    it('refuses a query whose pages multiply past the cost limit, but not a dashboard-sized one', async () => {
      const costly = `{ units(first: 100) { edges { node { members(first: 100) { edges { node {
        unit { members(first: 100) { edges { node { id } } } } } } } } } } }`;
      const res = await client.request(costly);
      expect(errorCode(res)).toBe('QUERY_TOO_COMPLEX');
      expect(res.status).toBe(400);
      expect(res.errors![0].message).toMatch(/cost/i);
      const sensible = `{ units(first: 20) { edges { node { code children { code } members(first: 20) {
        totalCount edges { node { fullName unit { code } } } } } } } }`;
      expect((await client.request(sensible)).errors).toBeUndefined();
    });

    it('answers a body over 100kb with 413 and a JSON error', async () => {
      const res = await post(
        JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(110 * 1024) } }),
      );
      expect(res.status).toBe(413);
      expect(await res.json()).toEqual({
        errors: [
          {
            message: 'Nội dung yêu cầu lớn hơn 100kb',
            extensions: {
              code: 'PAYLOAD_TOO_LARGE',
              messageKey: 'server.bodyTooLarge',
              messageParams: { limit: '100kb' },
            },
          },
        ],
      });
    });

    it('answers malformed JSON with 400 and a JSON error', async () => {
      const res = await post('{"query": ');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        errors: [
          {
            message: 'Yêu cầu không đúng định dạng',
            extensions: {
              code: 'BAD_REQUEST',
              messageKey: 'server.malformedRequest',
              messageParams: {},
            },
          },
        ],
      });
    });
  });

  describe('CSRF prevention', () => {
    it('refuses a GET query without a preflight header, and serves it with one', async () => {
      const url = `${t.url}?query=${encodeURIComponent('{ units { totalCount } }')}`;
      const bare = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      expect(bare.status).toBe(400);
      expect(await bare.text()).toMatch(/CSRF/);
      const preflighted = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
      });
      expect(preflighted.status).toBe(200);
      expect(((await preflighted.json()) as any).data.units.totalCount).toBe(1);
    });

    it('refuses a simple text/plain POST (what a cross-site form could send)', async () => {
      const res = await post(JSON.stringify({ query: '{ units { totalCount } }' }), {
        'content-type': 'text/plain',
      });
      expect(res.status).toBe(400);
    });
  });

  describe('errors', () => {
    it('names client mistakes with their codes', async () => {
      expect(errorCode(await client.request(`{ units { nope } }`))).toBe(
        'GRAPHQL_VALIDATION_FAILED',
      );
      expect(errorCode(await client.request(`{ units {`))).toBe('GRAPHQL_PARSE_FAILED');
      const badVariable = await client.request(
        `query($n: Int) { units(first: $n) { totalCount } }`,
        {
          n: 'many',
        },
      );
      expect(errorCode(badVariable)).toBe('BAD_USER_INPUT');
      for (const id of ['', '42', 'null', `${unitId}x`, "1' OR '1'='1"]) {
        const res = await client.request(`query($id: ID!) { node(id: $id) { id } }`, { id });
        expect({ id, code: errorCode(res), status: res.status }).toEqual({
          id,
          code: 'BAD_USER_INPUT',
          status: 200,
        });
      }
    });

    it('masks an unexpected failure: INTERNAL_SERVER_ERROR with a request id, no SQL, driver text or stack', async () => {
      // Break the database under the running server for one query.
      await t.dataSource.query(`ALTER TABLE person RENAME TO person_away`);
      let res: Response;
      try {
        res = await post(
          JSON.stringify({ query: `{ people { totalCount edges { node { fullName } } } }` }),
          {
            'x-request-id': 'req-test-123',
          },
        );
      } finally {
        await t.dataSource.query(`ALTER TABLE person_away RENAME TO person`);
      }
      const text = await res.text();
      const body = JSON.parse(text);
      expect(body.errors).toEqual([
        {
          message: 'Lỗi hệ thống, vui lòng thử lại sau',
          locations: expect.any(Array),
          path: ['people'],
          extensions: {
            code: 'INTERNAL_SERVER_ERROR',
            messageKey: 'server.internal',
            messageParams: {},
            requestId: 'req-test-123',
          },
        },
      ]);
      expect(res.headers.get('x-request-id')).toBe('req-test-123');
      for (const leak of [
        'relation',
        'person_away',
        '"person"',
        'SELECT',
        'QueryFailed',
        'typeorm',
        'at ',
        '.ts:',
        'stack',
      ]) {
        expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
      }
      // The server is fine afterwards.
      expect((await client.data(`{ people { totalCount } }`)).people.totalCount).toBe(3);
    });

    it('masks a failure inside a nested field and still answers the rest', async () => {
      await t.dataSource.query(`ALTER TABLE person RENAME TO person_away`);
      let res;
      try {
        res = await client.request(`query($id: ID!) { unit(id: $id) { code headcount } }`, {
          id: unitId,
        });
      } finally {
        await t.dataSource.query(`ALTER TABLE person_away RENAME TO person`);
      }
      expect(res.data).toEqual({ unit: null });
      expect(res.errors![0]).toMatchObject({
        message: 'Internal server error',
        path: ['unit', 'headcount'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res)).not.toMatch(/relation|person_away/);
    });

    it('shows introspection outside production', async () => {
      const res = await client.data(`{ __schema { queryType { name } } }`);
      expect(res.__schema.queryType.name).toBe('Query');
    });
  });

  describe('readiness', () => {
    it('answers /readyz with 503 once the database is gone, and /healthz still with 200', async () => {
      await t.dataSource.destroy();
      const ready = await fetch(`${origin()}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual(
        expect.objectContaining({ status: 'unavailable', database: 'down' }),
      );
      expect((await fetch(`${origin()}/healthz`)).status).toBe(200);
      // Whatever fails now is masked too.
      const res = await gql(t.url, `{ units { totalCount } }`, {}, token);
      expect(errorCode(res)).toBe('INTERNAL_SERVER_ERROR');
    });
  });
});

describe('the HTTP server in production', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: 'production' });
  });

  afterAll(() => t?.stop());

  it('refuses introspection', async () => {
    const client = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    for (const query of [`{ __schema { types { name } } }`, `{ __type(name: "Unit") { name } }`]) {
      const res = await client.request(query);
      expect(errorCode(res)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(res.errors![0].message).toMatch(/introspection/i);
    }
    expect((await client.request(`{ units { totalCount } }`)).errors).toBeUndefined();
  });

  it('serves no landing page', async () => {
    const res = await fetch(t.url, { headers: { accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/<html/i);
  });
});
