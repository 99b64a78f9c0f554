import jwt from 'jsonwebtoken';
import { Role } from '../../src/modules/accounts/account.entity';
import { buildAccount, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode, gql } from '../helpers/graphql';
import { startTestApp, TEST_ADMIN_PASSWORD, TEST_JWT_SECRET, type TestApp } from '../helpers/app';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { token account { id username role unit { code } person { fullName } } }
}`;
const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { id username role unit { id } person { id } }
}`;
const VIEWER = `{ viewer { id username role unit { code } person { fullName } } }`;

describe('accounts', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let unitId: string;
  let personId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const unit = await buildUnit(t.dataSource, { code: 'A-UNIT' });
    unitId = unit.id;
    personId = (await buildPerson(t.dataSource, { unit, fullName: 'Lăng Thị Dung' })).id;
    const { login } = await clientFor(t.url).data(LOGIN, { u: 'admin', p: TEST_ADMIN_PASSWORD });
    admin = clientFor(t.url, login.token);
  });

  afterAll(() => t?.stop());

  const createAccount = (input: Record<string, unknown>, client = admin) =>
    client.request(CREATE_ACCOUNT, { input: { password: 'correct horse', ...input } });

  describe('login', () => {
    it('signs in the first-start admin and returns a token that works', async () => {
      const res = await gql(t.url, LOGIN, { u: 'admin', p: TEST_ADMIN_PASSWORD });
      expect(res.data!.login.account).toMatchObject({
        username: 'admin',
        role: 'ADMIN',
        unit: null,
      });
      const claims = jwt.decode(res.data!.login.token) as jwt.JwtPayload;
      expect(claims.exp! - claims.iat!).toBe(t.config.JWT_TTL_SECONDS);
      const { viewer } = await clientFor(t.url, res.data!.login.token).data(VIEWER);
      expect(viewer).toMatchObject({ username: 'admin', role: 'ADMIN' });
    });

    it('accepts the username in any case', async () => {
      await buildAccount(t.dataSource, { username: 'Thu.Ha' });
      const res = await gql(t.url, LOGIN, { u: '  thu.ha ', p: 'correct horse' });
      expect(res.data!.login.account.username).toBe('Thu.Ha');
    });

    it('refuses a wrong password or an unknown user alike with UNAUTHENTICATED', async () => {
      await buildAccount(t.dataSource, { username: 'wrongpw' });
      const wrong = await gql(t.url, LOGIN, { u: 'wrongpw', p: 'not it at all' });
      const unknown = await gql(t.url, LOGIN, { u: 'nobody-here', p: 'whatever' });
      expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
      expect(errorCode(unknown)).toBe('UNAUTHENTICATED');
      expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
      expect(wrong.data).toBeNull();
    });

    it('answers RATE_LIMITED after 10 failures, even for the right password', async () => {
      await buildAccount(t.dataSource, { username: 'limited' });
      for (let i = 0; i < 10; i++) {
        expect(errorCode(await gql(t.url, LOGIN, { u: 'limited', p: `guess ${i}` }))).toBe(
          'UNAUTHENTICATED',
        );
      }
      expect(errorCode(await gql(t.url, LOGIN, { u: 'LIMITED', p: 'guess 11' }))).toBe(
        'RATE_LIMITED',
      );
      expect(errorCode(await gql(t.url, LOGIN, { u: 'limited', p: 'correct horse' }))).toBe(
        'RATE_LIMITED',
      );
      // Other accounts are not affected.
      expect(
        (await gql(t.url, LOGIN, { u: 'admin', p: TEST_ADMIN_PASSWORD })).errors,
      ).toBeUndefined();
    });

    it('counts failures sent all at once: no more than 10 get a password check', async () => {
      await buildAccount(t.dataSource, { username: 'burst' });
      const attempts = await Promise.all(
        Array.from({ length: 14 }, (_, i) => gql(t.url, LOGIN, { u: 'burst', p: `guess ${i}` })),
      );
      const codes = attempts.map(errorCode);
      expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
      expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(4);
    });

    it('forgets earlier failures after a successful sign-in', async () => {
      await buildAccount(t.dataSource, { username: 'forgetful' });
      for (let i = 0; i < 9; i++) await gql(t.url, LOGIN, { u: 'forgetful', p: 'nope nope' });
      expect(
        (await gql(t.url, LOGIN, { u: 'forgetful', p: 'correct horse' })).errors,
      ).toBeUndefined();
      // Without the reset these would be failures 10 and 11, and the second RATE_LIMITED.
      for (let i = 0; i < 2; i++) {
        expect(errorCode(await gql(t.url, LOGIN, { u: 'forgetful', p: 'nope nope' }))).toBe(
          'UNAUTHENTICATED',
        );
      }
    });
  });

  describe('tokens', () => {
    it('treats a forged, expired or garbage token as no token', async () => {
      const claims = { role: 'ADMIN', unitId: null, personId: null, username: 'x' };
      const forged = jwt.sign(claims, 'another-secret-0123456789', {
        subject: '00000000-0000-4000-8000-000000000000',
        issuer: 'thidua-api',
        expiresIn: 60,
      });
      const expired = jwt.sign(
        { ...claims, exp: Math.floor(Date.now() / 1000) - 10 },
        TEST_JWT_SECRET,
        { subject: '00000000-0000-4000-8000-000000000000', issuer: 'thidua-api' },
      );
      for (const token of [forged, expired, 'garbage']) {
        const client = clientFor(t.url, token);
        expect(await client.data(`{ viewer { id } }`)).toEqual({ viewer: null });
        expect(errorCode(await client.request(`{ units { totalCount } }`))).toBe('UNAUTHENTICATED');
      }
    });
  });

  describe('createAccount', () => {
    it('creates accounts for each role; a UNIT_MANAGER gets its unit, a MEMBER its person', async () => {
      const manager = await createAccount({ username: 'mgr1', role: 'UNIT_MANAGER', unitId });
      expect(manager.data!.createAccount).toMatchObject({
        username: 'mgr1',
        role: 'UNIT_MANAGER',
        unit: { id: unitId },
        person: null,
      });
      const member = await createAccount({ username: 'member1', role: 'MEMBER', personId });
      expect(member.data!.createAccount).toMatchObject({
        role: 'MEMBER',
        person: { id: personId },
      });
      for (const role of ['ADMIN', 'SECRETARY', 'COUNCIL', 'VIEWER']) {
        const res = await createAccount({ username: `new-${role.toLowerCase()}`, role });
        expect(res.data!.createAccount.role).toBe(role);
      }
      const login = await gql(t.url, LOGIN, { u: 'mgr1', p: 'correct horse' });
      expect(login.data!.login.account).toMatchObject({
        role: 'UNIT_MANAGER',
        unit: { code: 'A-UNIT' },
      });
    });

    it('refuses a taken username with CONFLICT, ignoring case', async () => {
      await createAccount({ username: 'dupe', role: 'VIEWER' });
      expect(errorCode(await createAccount({ username: 'dupe', role: 'VIEWER' }))).toBe('CONFLICT');
      expect(errorCode(await createAccount({ username: 'DUPE', role: 'COUNCIL' }))).toBe(
        'CONFLICT',
      );
    });

    it('validates username, password, and the unit or person a role needs', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ username: 'ab', role: 'VIEWER' }, 'BAD_USER_INPUT'],
        [{ username: 'has space', role: 'VIEWER' }, 'BAD_USER_INPUT'],
        [{ username: '   ', role: 'VIEWER' }, 'BAD_USER_INPUT'],
        [{ username: 'shortpw', role: 'VIEWER', password: 'seven77' }, 'BAD_USER_INPUT'],
        [{ username: 'longpw', role: 'VIEWER', password: 'p'.repeat(201) }, 'BAD_USER_INPUT'],
        [{ username: 'nounit', role: 'UNIT_MANAGER' }, 'BAD_USER_INPUT'],
        [{ username: 'noperson', role: 'MEMBER' }, 'BAD_USER_INPUT'],
        [{ username: 'badunit', role: 'UNIT_MANAGER', unitId: 'x' }, 'BAD_USER_INPUT'],
        [
          {
            username: 'ghostunit',
            role: 'UNIT_MANAGER',
            unitId: '00000000-0000-4000-8000-000000000010',
          },
          'NOT_FOUND',
        ],
        [
          {
            username: 'ghostperson',
            role: 'MEMBER',
            personId: '00000000-0000-4000-8000-000000000011',
          },
          'NOT_FOUND',
        ],
      ];
      for (const [input, code] of cases) {
        expect({ input, code: errorCode(await createAccount(input)) }).toEqual({ input, code });
      }
    });

    it('is for ADMIN only', async () => {
      for (const role of [
        Role.SECRETARY,
        Role.COUNCIL,
        Role.UNIT_MANAGER,
        Role.MEMBER,
        Role.VIEWER,
      ]) {
        const client = clientFor(t.url, t.tokenFor({ role, unitId, personId }));
        const res = await createAccount(
          { username: `by-${role.toLowerCase()}`, role: 'VIEWER' },
          client,
        );
        expect({ role, code: errorCode(res) }).toEqual({ role, code: 'FORBIDDEN' });
      }
      const anonymous = await createAccount(
        { username: 'by-nobody', role: 'VIEWER' },
        clientFor(t.url),
      );
      expect(errorCode(anonymous)).toBe('UNAUTHENTICATED');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM account WHERE username LIKE 'by-%'`,
      );
      expect(n).toBe(0);
    });
  });

  describe('viewer and me', () => {
    it('answers viewer with null without a token, and the account with one', async () => {
      expect(await clientFor(t.url).data(VIEWER)).toEqual({ viewer: null });
      await buildAccount(t.dataSource, { username: 'vmgr', role: Role.UNIT_MANAGER, unitId });
      const { login } = await clientFor(t.url).data(LOGIN, { u: 'vmgr', p: 'correct horse' });
      const { viewer } = await clientFor(t.url, login.token).data(VIEWER);
      expect(viewer).toEqual({
        id: login.account.id,
        username: 'vmgr',
        role: 'UNIT_MANAGER',
        unit: { code: 'A-UNIT' },
        person: null,
      });
    });

    it('answers me with a MEMBER’s own profile, null for accounts without one, and needs a token', async () => {
      await buildAccount(t.dataSource, { username: 'dung', role: Role.MEMBER, personId });
      const { login } = await clientFor(t.url).data(LOGIN, { u: 'dung', p: 'correct horse' });
      const member = await clientFor(t.url, login.token).data(
        `{ me { id fullName unit { code } } }`,
      );
      expect(member.me).toEqual({
        id: personId,
        fullName: 'Lăng Thị Dung',
        unit: { code: 'A-UNIT' },
      });
      expect(await admin.data(`{ me { id } }`)).toEqual({ me: null });
      expect(errorCode(await clientFor(t.url).request(`{ me { id } }`))).toBe('UNAUTHENTICATED');
    });
  });

  describe('passwords', () => {
    it('never appear in a response, and the hash is no field of Account', async () => {
      const password = 'a very secret passphrase';
      const created = await admin.request(
        `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id username role } }`,
        { input: { username: 'secretive', password, role: 'VIEWER' } },
      );
      const login = await gql(t.url, LOGIN, { u: 'secretive', p: password });
      const failed = await gql(t.url, LOGIN, { u: 'secretive', p: `${password}!` });
      const viewer = await clientFor(t.url, login.data!.login.token).request(VIEWER);
      const [{ password_hash: hash }] = await t.dataSource.query(
        `SELECT password_hash FROM account WHERE username = 'secretive'`,
      );
      expect(hash).toMatch(/^scrypt\$/);
      for (const res of [created, login, failed, viewer]) {
        const text = JSON.stringify(res);
        expect(text).not.toContain(password);
        expect(text).not.toContain(hash.split('$').at(-1));
      }
      const fields = await admin.data(`{ __type(name: "Account") { fields { name } } }`);
      const names = fields.__type.fields.map((f: any) => f.name);
      expect(names).toEqual([
        'id',
        'username',
        'role',
        'disabled',
        'createdAt',
        'passwordChangedAt',
        'lastSignInAt',
        'unit',
        'person',
      ]);
      const asked = await admin.request(`{ viewer { passwordHash } }`);
      expect(errorCode(asked)).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });
});
