import { Role } from '../../src/modules/accounts/account.entity';
import { buildAccount, buildUnit } from '../helpers/factories';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../helpers/app';
import { clientFor, errorCode, gql } from '../helpers/graphql';

// Issue 11, "What to build": account administration, every change audited.

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token account { id } } }`;
const ACCOUNTS = `query($filter: AccountFilter, $after: String, $first: Int) {
  accounts(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { username role disabled unit { code } } }
  }
}`;

let t: TestApp;
let admin: ReturnType<typeof clientFor>;
let adminId: string;

beforeAll(async () => {
  t = await startTestApp();
  const { login } = await clientFor(t.url).data(LOGIN, { u: 'admin', p: TEST_ADMIN_PASSWORD });
  admin = clientFor(t.url, login.token);
  adminId = login.account.id;
});

afterAll(() => t?.stop());

const signIn = (u: string, p = 'correct horse') => gql(t.url, LOGIN, { u, p });

/** The audit entries of `operation` naming `targetId` (or made by `accountId`), oldest first. */
async function audited(operation: string, targetId: string, by: 'target' | 'account' = 'target') {
  const { auditLog } = await admin.data(
    `query($f: AuditLogFilter) { auditLog(filter: $f) { edges { node {
      operation outcome username role targetIds account { username } } } } }`,
    { f: by === 'target' ? { operation, targetId } : { operation, accountId: targetId } },
  );
  return auditLog.edges.map((edge: any) => edge.node).reverse();
}

describe('listing accounts', () => {
  it('lists and searches accounts by username, role, unit and state, page by page (ADMIN only)', async () => {
    const unit = await buildUnit(t.dataSource, { code: 'ACC-UNIT' });
    for (const name of ['list.alpha', 'list.beta', 'list.gamma']) {
      await buildAccount(t.dataSource, { username: name });
    }
    const mgr = await buildAccount(t.dataSource, {
      username: 'list.manager',
      role: Role.UNIT_MANAGER,
      unitId: unit.id,
    });
    await t.dataSource.query(`UPDATE account SET disabled_at = now() WHERE username = 'list.beta'`);

    const first = await admin.data(ACCOUNTS, { filter: { search: 'LIST.' }, first: 2 });
    expect(first.accounts.totalCount).toBe(4);
    expect(first.accounts.edges.map((e: any) => e.node.username)).toEqual([
      'list.alpha',
      'list.beta',
    ]);
    const second = await admin.data(ACCOUNTS, {
      filter: { search: 'list.' },
      first: 2,
      after: first.accounts.pageInfo.endCursor,
    });
    expect(second.accounts.edges.map((e: any) => e.node.username)).toEqual([
      'list.gamma',
      'list.manager',
    ]);
    expect(second.accounts.pageInfo.hasNextPage).toBe(false);

    const managers = await admin.data(ACCOUNTS, { filter: { unitId: unit.id } });
    expect(managers.accounts.edges.map((e: any) => e.node)).toEqual([
      {
        username: 'list.manager',
        role: 'UNIT_MANAGER',
        disabled: false,
        unit: { code: 'ACC-UNIT' },
      },
    ]);
    const disabled = await admin.data(ACCOUNTS, { filter: { search: 'list', disabled: true } });
    expect(disabled.accounts.edges.map((e: any) => e.node.username)).toEqual(['list.beta']);
    expect(mgr.id).toBeDefined();

    for (const role of [Role.SECRETARY, Role.VIEWER]) {
      const res = await clientFor(t.url, t.tokenFor({ role })).request(ACCOUNTS);
      expect(errorCode(res)).toBe('FORBIDDEN');
    }
  });
});

describe('passwords', () => {
  it('lets an account change its own password with the current one', async () => {
    const account = await buildAccount(t.dataSource, { username: 'changer' });
    const { login } = (await signIn('changer')).data!;
    const me = clientFor(t.url, login.token);
    const wrong = await me.request(
      `mutation { changePassword(currentPassword: "not it", newPassword: "a brand new one") { token } }`,
    );
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const short = await me.request(
      `mutation { changePassword(currentPassword: "correct horse", newPassword: "short") { token } }`,
    );
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    const { changePassword } = await me.data(
      `mutation { changePassword(currentPassword: "correct horse", newPassword: "a brand new one") {
        token account { username passwordChangedAt } } }`,
    );
    expect(changePassword.account.passwordChangedAt).not.toBeNull();
    // The old token and password are done; the returned token and the new password work.
    expect(errorCode(await me.request(`{ units { totalCount } }`))).toBe('UNAUTHENTICATED');
    expect(errorCode(await signIn('changer'))).toBe('UNAUTHENTICATED');
    expect((await signIn('changer', 'a brand new one')).errors).toBeUndefined();
    expect(await clientFor(t.url, changePassword.token).data(`{ viewer { username } }`)).toEqual({
      viewer: { username: 'changer' },
    });

    const entries = await audited('changePassword', account.id, 'account');
    expect(entries.map((e: any) => e.outcome)).toEqual(['UNAUTHENTICATED', 'BAD_USER_INPUT', 'OK']);
    expect(JSON.stringify(entries)).not.toContain('brand new');
  });

  it('lets an ADMIN reset a password', async () => {
    const account = await buildAccount(t.dataSource, { username: 'forgetter' });
    await admin.data(
      `mutation($id: ID!) { resetPassword(id: $id, newPassword: "reset by admin") { id } }`,
      { id: account.id },
    );
    expect(errorCode(await signIn('forgetter'))).toBe('UNAUTHENTICATED');
    expect((await signIn('forgetter', 'reset by admin')).errors).toBeUndefined();
    const other = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    expect(
      errorCode(
        await other.request(
          `mutation($id: ID!) { resetPassword(id: $id, newPassword: "by a secretary") { id } }`,
          { id: account.id },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await audited('resetPassword', account.id)).map((e: any) => e.outcome)).toEqual([
      'OK',
      'FORBIDDEN',
    ]);
  });
});

describe('disabling and enabling', () => {
  it('disables an account so that it cannot sign in, and enables it again', async () => {
    const account = await buildAccount(t.dataSource, { username: 'sleeper' });
    const { disableAccount } = await admin.data(
      `mutation($id: ID!) { disableAccount(id: $id) { username disabled } }`,
      { id: account.id },
    );
    expect(disableAccount).toEqual({ username: 'sleeper', disabled: true });
    const refused = await signIn('sleeper');
    expect(errorCode(refused)).toBe('UNAUTHENTICATED');
    expect(refused.errors![0].message).toMatch(/disabled/);
    // Without the password nobody learns that it is disabled.
    expect((await signIn('sleeper', 'wrong one')).errors![0].message).toBe(
      'Wrong username or password',
    );
    await admin.data(`mutation($id: ID!) { enableAccount(id: $id) { disabled } }`, {
      id: account.id,
    });
    expect((await signIn('sleeper')).errors).toBeUndefined();
  });

  it('never disables or demotes the last enabled ADMIN, nor lets an ADMIN disable itself', async () => {
    const self = await admin.request(`mutation($id: ID!) { disableAccount(id: $id) { id } }`, {
      id: adminId,
    });
    expect(errorCode(self)).toBe('RULE_VIOLATION');
    const demote = await admin.request(
      `mutation($id: ID!) { updateAccountAccess(id: $id, input: { role: VIEWER }) { id } }`,
      { id: adminId },
    );
    expect(errorCode(demote)).toBe('RULE_VIOLATION');
    expect(demote.errors![0].message).toMatch(/at least one enabled ADMIN/i);

    // With a second ADMIN, the first may step down.
    const second = await buildAccount(t.dataSource, { username: 'admin2', role: Role.ADMIN });
    const { login } = (await signIn('admin2')).data!;
    const admin2 = clientFor(t.url, login.token);
    const { updateAccountAccess } = await admin2.data(
      `mutation($id: ID!) { updateAccountAccess(id: $id, input: { role: SECRETARY }) { role } }`,
      { id: adminId },
    );
    expect(updateAccountAccess.role).toBe('SECRETARY');
    const back = await admin2.data(
      `mutation($id: ID!) { updateAccountAccess(id: $id, input: { role: ADMIN }) { role } }`,
      { id: adminId },
    );
    expect(back.updateAccountAccess.role).toBe('ADMIN');
    const { login: again } = (await signIn('admin', TEST_ADMIN_PASSWORD)).data!;
    admin = clientFor(t.url, again.token);
    expect(second.id).toBeDefined();
  });
});

describe('role and scope', () => {
  it('changes role and scope; the manager of another unit loses the first', async () => {
    const [first, other] = [await buildUnit(t.dataSource), await buildUnit(t.dataSource)];
    const account = await buildAccount(t.dataSource, {
      username: 'mover',
      role: Role.UNIT_MANAGER,
      unitId: first.id,
    });
    const missing = await admin.request(
      `mutation($id: ID!) { updateAccountAccess(id: $id, input: { role: UNIT_MANAGER }) { id } }`,
      { id: account.id },
    );
    expect(errorCode(missing)).toBe('BAD_USER_INPUT');
    const { updateAccountAccess } = await admin.data(
      `mutation($id: ID!, $unit: ID!) {
        updateAccountAccess(id: $id, input: { role: UNIT_MANAGER, unitId: $unit }) { role unit { id } } }`,
      { id: account.id, unit: other.id },
    );
    expect(updateAccountAccess).toEqual({ role: 'UNIT_MANAGER', unit: { id: other.id } });
    const { login } = (await signIn('mover')).data!;
    const mover = clientFor(t.url, login.token);
    const create = (unitId: string) =>
      mover.request(
        `mutation($u: ID!) { createPerson(input: { fullName: "Hà Văn Dũng", unitId: $u, category: CIVIL_SERVANT }) { id } }`,
        { u: unitId },
      );
    expect(errorCode(await create(first.id))).toBe('FORBIDDEN');
    expect(errorCode(await create(other.id))).toBeUndefined();
    const entries = await audited('updateAccountAccess', account.id);
    expect(entries.map((e: any) => [e.outcome, e.role, e.account.username])).toEqual([
      ['BAD_USER_INPUT', 'ADMIN', 'admin'],
      ['OK', 'ADMIN', 'admin'],
    ]);
    expect(entries[1].targetIds).toEqual(expect.arrayContaining([account.id, other.id]));
  });
});
