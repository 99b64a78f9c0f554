import { Role } from '../../src/modules/accounts/account.entity';
import { buildAccount, buildUnit } from '../helpers/factories';
import { startTestApp, TEST_ACCOUNT_ID, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';
import { disposeAllWs, wsClient } from '../helpers/ws';

// Issue 11, "What to build": an append-only audit log of every mutation,
// written in the mutation's transaction, listed for ADMIN with nothing secret.

const AUDIT = `query($f: AuditLogFilter, $first: Int, $after: String) {
  auditLog(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id occurredAt requestId accountId username role operation targetIds outcome ip transport } }
  }
}`;

let t: TestApp;
let admin: ReturnType<typeof clientFor>;

beforeAll(async () => {
  // Behind a proxy on loopback, so tests can name the client's address.
  t = await startTestApp({ TRUST_PROXY: 'loopback' });
  const { login } = await clientFor(t.url).data(
    `mutation { login(username: "admin", password: "${TEST_ADMIN_PASSWORD}") { token } }`,
  );
  admin = clientFor(t.url, login.token);
});

afterAll(async () => {
  await disposeAllWs();
  await t?.stop();
});

/** Posts an operation as `token` from `address` with request id `requestId`. */
async function post(query: string, variables: Record<string, unknown>, token: string, extra = {}) {
  const response = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      authorization: `Bearer ${token}`,
      ...extra,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

async function entries(filter: Record<string, unknown>) {
  const { auditLog } = await admin.data(AUDIT, { f: filter, first: 100 });
  return auditLog.edges.map((e: any) => e.node);
}

const CREATE_UNIT = `mutation($code: String!, $parent: ID) {
  createUnit(input: { code: $code, name: "Phòng kiểm toán", kind: DIVISION, parentId: $parent }) { id } }`;

describe('the audit log', () => {
  it('records a mutation with who, role, operation, targets, outcome, request id, address and time', async () => {
    const parent = await buildUnit(t.dataSource);
    const secretary = t.tokenFor({ role: Role.SECRETARY });
    const before = new Date();
    const res = await post(CREATE_UNIT, { code: 'AUD-1', parent: parent.id }, secretary, {
      'x-request-id': 'audit-req-1',
      'x-forwarded-for': '203.0.113.7',
    });
    const unitId = res.data.createUnit.id;
    const [entry] = await entries({ targetId: unitId });
    expect(entry).toMatchObject({
      requestId: 'audit-req-1',
      accountId: TEST_ACCOUNT_ID,
      username: 'secretary',
      role: 'SECRETARY',
      operation: 'createUnit',
      outcome: 'OK',
      ip: '203.0.113.7',
      transport: 'HTTP',
    });
    // The unit it was given, and the unit it created.
    expect(entry.targetIds.sort()).toEqual([parent.id, unitId].sort());
    expect(new Date(entry.occurredAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it('records refused and failed mutations in entries of their own, and the refused change is not made', async () => {
    const viewer = t.tokenFor({ role: Role.VIEWER });
    const refused = await post(CREATE_UNIT, { code: 'AUD-REFUSED' }, viewer);
    expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
    const secretary = t.tokenFor({ role: Role.SECRETARY });
    await post(CREATE_UNIT, { code: 'AUD-DUP' }, secretary);
    const duplicate = await post(CREATE_UNIT, { code: 'AUD-DUP' }, secretary);
    expect(duplicate.errors![0].extensions.code).toBe('CONFLICT');
    const anonymous = await clientFor(t.url).request(CREATE_UNIT, { code: 'AUD-ANON' });
    expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');

    const failed = await entries({ operation: 'createUnit', failed: true });
    expect(failed.map((e: any) => [e.role, e.outcome])).toEqual(
      expect.arrayContaining([
        ['VIEWER', 'FORBIDDEN'],
        ['SECRETARY', 'CONFLICT'],
        [null, 'UNAUTHENTICATED'],
      ]),
    );
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM unit WHERE code IN ('AUD-REFUSED', 'AUD-ANON')`,
    );
    expect(n).toBe(0);
  });

  it('writes the entry in the mutation’s transaction: no entry, no change', async () => {
    // Make the entry of a successful createUnit impossible to write...
    await t.dataSource.query(
      `ALTER TABLE audit_log ADD CONSTRAINT test_no_unit_entries
         CHECK (NOT (operation = 'createUnit' AND outcome = 'OK' AND 'AUD-ATOMIC' = 'AUD-ATOMIC' AND request_id = 'atomic'))`,
    );
    try {
      const res = await post(
        CREATE_UNIT,
        { code: 'AUD-ATOMIC' },
        t.tokenFor({ role: Role.SECRETARY }),
        {
          'x-request-id': 'atomic',
        },
      );
      expect(res.errors![0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.dataSource.query(`ALTER TABLE audit_log DROP CONSTRAINT test_no_unit_entries`);
    }
    // ...and the unit was not created either; the failure has its entry.
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM unit WHERE code = 'AUD-ATOMIC'`,
    );
    expect(n).toBe(0);
    const [entry] = await entries({ operation: 'createUnit', outcome: 'INTERNAL_SERVER_ERROR' });
    expect(entry.requestId).toBe('atomic');
  });

  it('records mutations over WebSocket', async () => {
    const ws = wsClient(t.wsUrl, t.tokenFor({ role: Role.SECRETARY }));
    const result = await new Promise<any>((resolve, reject) =>
      ws.client.subscribe(
        { query: CREATE_UNIT, variables: { code: 'AUD-WS' } },
        { next: resolve, error: reject, complete: () => undefined },
      ),
    );
    const unitId = result.data.createUnit.id;
    const [entry] = await entries({ targetId: unitId });
    expect(entry).toMatchObject({ operation: 'createUnit', outcome: 'OK', transport: 'WEBSOCKET' });
    expect(entry.ip).toBe('127.0.0.1');
  });

  it('records sign-ins, failed ones with the username tried, and never a password', async () => {
    await buildAccount(t.dataSource, { username: 'audited', role: Role.COUNCIL });
    const login = (p: string) =>
      clientFor(t.url).request(
        `mutation($p: String!) { login(username: "audited", password: $p) { token } }`,
        { p },
      );
    await login('the wrong secret');
    await login('correct horse');
    await clientFor(t.url).request(
      `mutation { login(username: "no-such-user", password: "another secret") { token } }`,
    );
    const signIns = await entries({ operation: 'login', username: 'audited' });
    expect(signIns.map((e: any) => [e.outcome, e.role])).toEqual([
      ['OK', 'COUNCIL'],
      ['UNAUTHENTICATED', null],
    ]);
    expect(signIns[0].accountId).toBe(signIns[1].accountId);
    const [unknown] = await entries({ operation: 'login', username: 'no-such-user' });
    expect(unknown).toMatchObject({ outcome: 'UNAUTHENTICATED', accountId: null });
    const everything = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_log`));
    for (const secret of ['the wrong secret', 'correct horse', 'another secret', 'scrypt$']) {
      expect(everything).not.toContain(secret);
    }
  });

  it('is append-only', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET outcome = 'OK'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('is listed newest first, page by page, for ADMIN only', async () => {
    const page1 = await admin.data(AUDIT, { first: 3 });
    const page2 = await admin.data(AUDIT, { first: 3, after: page1.auditLog.pageInfo.endCursor });
    const ids = [...page1.auditLog.edges, ...page2.auditLog.edges].map((e: any) =>
      Number(e.node.id),
    );
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(6);
    for (const role of [Role.SECRETARY, Role.COUNCIL, Role.VIEWER]) {
      const res = await clientFor(t.url, t.tokenFor({ role })).request(AUDIT);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
  });
});
