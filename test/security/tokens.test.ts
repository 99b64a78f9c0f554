import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import jwt from 'jsonwebtoken';
import { Role } from '../../src/modules/accounts/account.entity';
import { buildAccount, buildConference, buildUnit } from '../helpers/factories';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET, type TestApp } from '../helpers/app';
import { clientFor, errorCode, gql } from '../helpers/graphql';
import { disposeAllWs, rawSocket } from '../helpers/ws';

// Issue 11, item 1 (a token outlives its account) and item 10 (a token
// without `exp`; a lower-case `bearer`), and the refresh of short tokens.

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;
const CREATE_UNIT = `mutation($code: String!) { createUnit(input: { code: $code, name: "Phòng thử", kind: DIVISION }) { id } }`;
const REFRESH = `mutation { refreshToken { token account { username role } } }`;

let t: TestApp;
let admin: ReturnType<typeof clientFor>;

beforeAll(async () => {
  t = await startTestApp();
  const { login } = await clientFor(t.url).data(LOGIN, { u: 'admin', p: TEST_ADMIN_PASSWORD });
  admin = clientFor(t.url, login.token);
});

afterAll(async () => {
  await disposeAllWs();
  await t?.stop();
});

/** Signs in a fresh SECRETARY account and returns its id and token. */
async function secretary(username: string): Promise<{ id: string; token: string }> {
  const account = await buildAccount(t.dataSource, { username, role: Role.SECRETARY });
  const { login } = await clientFor(t.url).data(LOGIN, { u: username, p: 'correct horse' });
  return { id: account.id, token: login.token };
}

let codes = 0;
const createUnit = (token: string) => gql(t.url, CREATE_UNIT, { code: `TK-${++codes}` }, token);

describe('a token dies with its account', () => {
  it('stops working once the account is demoted', async () => {
    const { id, token } = await secretary('demoted-sec');
    expect(errorCode(await createUnit(token))).toBeUndefined();
    await admin.data(
      `mutation($id: ID!) { updateAccountAccess(id: $id, input: { role: VIEWER }) { role } }`,
      { id },
    );
    const after = await createUnit(token);
    expect(errorCode(after)).toBe('UNAUTHENTICATED');
    expect(await clientFor(t.url, token).data(`{ viewer { role } }`)).toEqual({ viewer: null });
  });

  it('stops working once the account is disabled, deleted, or its password changes', async () => {
    const disabled = await secretary('disabled-sec');
    await admin.data(`mutation($id: ID!) { disableAccount(id: $id) { disabled } }`, {
      id: disabled.id,
    });
    expect(errorCode(await createUnit(disabled.token))).toBe('UNAUTHENTICATED');

    const deleted = await secretary('deleted-sec');
    await t.dataSource.query(`DELETE FROM account WHERE id = $1`, [deleted.id]);
    expect(errorCode(await createUnit(deleted.token))).toBe('UNAUTHENTICATED');

    const reset = await secretary('reset-sec');
    await admin.data(
      `mutation($id: ID!) { resetPassword(id: $id, newPassword: "a new long password") { id } }`,
      { id: reset.id },
    );
    expect(errorCode(await createUnit(reset.token))).toBe('UNAUTHENTICATED');

    // A change made by hand in the database counts as well.
    const byHand = await secretary('byhand-sec');
    await t.dataSource.query(`UPDATE account SET role = 'VIEWER' WHERE id = $1`, [byHand.id]);
    expect(errorCode(await createUnit(byHand.token))).toBe('UNAUTHENTICATED');
  });

  it('stops working within a moment of a change by hand to an account it was just used with', async () => {
    // The standing of a used token is cached; PostgreSQL's NOTIFY empties the
    // cache, arriving on another connection a few milliseconds after the commit.
    const { id, token } = await secretary('cached-byhand-sec');
    expect(errorCode(await createUnit(token))).toBeUndefined();
    await t.dataSource.query(`UPDATE account SET disabled_at = now() WHERE id = $1`, [id]);
    const started = Date.now();
    let code: string | undefined;
    while (Date.now() - started < 1_000) {
      code = errorCode(await createUnit(token));
      if (code) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(code).toBe('UNAUTHENTICATED');
  });

  it('closes a WebSocket with 4403 within a second of the account being disabled', async () => {
    const host = await buildUnit(t.dataSource);
    const conference = await buildConference(t.dataSource, { host, status: ConferenceStatus.LIVE });
    const screen = await buildAccount(t.dataSource, { username: 'screen-1', role: Role.VIEWER });
    const { login } = await clientFor(t.url).data(LOGIN, { u: 'screen-1', p: 'correct horse' });
    const socket = await rawSocket(t.wsUrl, { authorization: login.token });
    await socket.next((m) => m.type === 'connection_ack');
    socket.send({
      id: '1',
      type: 'subscribe',
      payload: {
        query: `subscription($id: ID!) { conferenceEvents(conferenceId: $id) { cursor } }`,
        variables: { id: conference.id },
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await admin.data(`mutation($id: ID!) { disableAccount(id: $id) { disabled } }`, {
      id: screen.id,
    });
    const closed = await Promise.race([
      socket.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000)),
    ]);
    expect(closed?.code).toBe(4403);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('closes a WebSocket with 4403 when its token expires', async () => {
    const expiring = jwt.sign(
      { role: 'VIEWER', unitId: null, personId: null, username: 'viewer', ver: 1 },
      TEST_JWT_SECRET,
      {
        subject: '00000000-0000-4000-8000-000000000000',
        issuer: 'thidua-api',
        expiresIn: 2,
      },
    );
    const socket = await rawSocket(t.wsUrl, { authorization: expiring });
    await socket.next((m) => m.type === 'connection_ack');
    const closed = await Promise.race([
      socket.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 5_000)),
    ]);
    expect(closed?.code).toBe(4403);
  });
});

describe('token format', () => {
  it('refuses a signed token without an expiry', async () => {
    const forever = jwt.sign(
      { role: 'ADMIN', unitId: null, personId: null, username: 'admin', ver: 1 },
      TEST_JWT_SECRET,
      { subject: '00000000-0000-4000-8000-000000000000', issuer: 'thidua-api' },
    );
    expect(errorCode(await createUnit(forever))).toBe('UNAUTHENTICATED');
    const socket = await rawSocket(t.wsUrl, { authorization: forever });
    expect((await socket.closed).code).toBe(4403);
  });

  it('accepts the Bearer scheme in any case', async () => {
    const { token } = await secretary('case-sec');
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `${scheme} ${token}` },
        body: JSON.stringify({ query: '{ viewer { username } }' }),
      });
      expect(await response.json()).toEqual({ data: { viewer: { username: 'case-sec' } } });
    }
  });
});

describe('refreshToken', () => {
  it('gives a fresh token for the same session, and none for a revoked one', async () => {
    const { id, token } = await secretary('refresh-sec');
    const first = jwt.decode(token) as jwt.JwtPayload;
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const { refreshToken } = await clientFor(t.url, token).data(REFRESH);
    expect(refreshToken.account).toEqual({ username: 'refresh-sec', role: 'SECRETARY' });
    const second = jwt.decode(refreshToken.token) as jwt.JwtPayload;
    expect(second.exp!).toBeGreaterThan(first.exp!);
    expect(second.auth_time).toBe(first.auth_time);
    expect(errorCode(await createUnit(refreshToken.token))).toBeUndefined();

    await admin.data(`mutation($id: ID!) { disableAccount(id: $id) { id } }`, { id });
    expect(errorCode(await clientFor(t.url, refreshToken.token).request(REFRESH))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('refuses a session older than its maximum age', async () => {
    const account = await buildAccount(t.dataSource, { username: 'old-session' });
    const now = Math.floor(Date.now() / 1000);
    const old = jwt.sign(
      {
        role: 'VIEWER',
        unitId: null,
        personId: null,
        username: 'old-session',
        ver: 1,
        auth_time: now - t.config.JWT_SESSION_MAX_SECONDS - 10,
      },
      TEST_JWT_SECRET,
      { subject: account.id, issuer: 'thidua-api', expiresIn: 60 },
    );
    // The token itself still works until it expires...
    expect(await clientFor(t.url, old).data(`{ viewer { username } }`)).toEqual({
      viewer: { username: 'old-session' },
    });
    // ...but it cannot be extended: sign in again.
    const refused = await clientFor(t.url, old).request(REFRESH);
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toMatch(/sign in again/i);
  });
});
