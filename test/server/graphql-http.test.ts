import { request } from 'node:http';
import { Role } from '../../src/modules/accounts/account.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';

// How /graphql answers over HTTP (src/web/post-answer.ts): a POST's JSON is written
// straight to the socket; GETs still go through express's res.send (ETag, 304).

/** One raw HTTP exchange: status, headers and the body's bytes as sent. */
function exchange(
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string },
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('GraphQL over HTTP', () => {
  let t: TestApp;
  let token: string;
  const names = ['Nguyễn Thị Hồng Nhung', 'Đặng Quốc Khánh', 'Lò Văn Ửng'];

  beforeAll(async () => {
    t = await startTestApp();
    token = t.tokenFor({ role: Role.VIEWER });
    const unit = await buildUnit(t.dataSource, { code: 'GH-UNIT', name: 'Phòng Tuyên truyền' });
    for (const fullName of names) await buildPerson(t.dataSource, { unit, fullName });
  });

  afterAll(() => t?.stop());

  const QUERY = `{ people(filter: { search: "nguyen thi hong nhung" }) { totalCount edges { node { fullName unit { name } } } } }`;
  const post = (path = '') =>
    exchange(`${t.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });

  it('answers a POST with its JSON, UTF-8 and exactly as long as its Content-Length says', async () => {
    const res = await post();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    // Multi-byte characters: a length counted in characters would cut the body short.
    expect(res.body.length).toBeGreaterThan(res.body.toString('utf8').length);
    expect(JSON.parse(res.body.toString('utf8'))).toEqual({
      data: {
        people: {
          totalCount: 1,
          edges: [{ node: { fullName: names[0], unit: { name: 'Phòng Tuyên truyền' } } }],
        },
      },
    });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
  });

  it('answers a POST the same with a query string in its URL', async () => {
    const plain = await post();
    const withSearch = await post('?from=test&x=%7B%7D');
    expect(withSearch.status).toBe(200);
    expect(withSearch.body.toString('utf8')).toBe(plain.body.toString('utf8'));
  });

  it('answers a GET with an ETag, and a repeated one with 304 Not Modified', async () => {
    const url = `${t.url}?query=${encodeURIComponent(QUERY)}`;
    const headers = { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' };
    const first = await exchange(url, { method: 'GET', headers });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body.toString('utf8')).data.people.totalCount).toBe(1);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await exchange(url, {
      method: 'GET',
      headers: { ...headers, 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('answers errors as before: a malformed body 400 as JSON, a bad query 400 with its code', async () => {
    const malformed = await exchange(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body.toString('utf8')).errors[0].extensions.code).toBe(
      'BAD_REQUEST',
    );
    const invalid = await exchange(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ nothingLikeThis }' }),
    });
    expect(invalid.status).toBe(400);
    expect(Number(invalid.headers['content-length'])).toBe(invalid.body.length);
    expect(JSON.parse(invalid.body.toString('utf8')).errors[0].extensions.code).toBe(
      'GRAPHQL_VALIDATION_FAILED',
    );
  });
});
