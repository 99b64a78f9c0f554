import { DEMO_PASSWORD } from '../../src/db/seed/organisation';
import { clientFor, gql } from '../helpers/graphql';
import {
  TEST_ACCOUNT_ID,
  createTestDatabase,
  startTestApp,
  TEST_ADMIN_PASSWORD,
  type TestApp,
} from '../helpers/app';

const LOGIN = `mutation($u: String!, $p: String!) {
  login(username: $u, password: $p) { token account { role unit { code } person { fullName } } }
}`;

/** Row counts of every table of the public schema but the migrations'. */
async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await t.dataSource.query(
    `SELECT table_name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations'
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    // The account behind minted test tokens is the test helper's, not the server's.
    const own = table_name === 'account' ? `WHERE id <> '${TEST_ACCOUNT_ID}'` : '';
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM "${table_name}" ${own}`,
    );
    counts[table_name] = n;
  }
  return counts;
}

describe('the demo dataset', () => {
  let databaseUrl: string;
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
    t = await startTestApp({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true' });
    const { data } = await gql(t.url, LOGIN, { u: 'viewer', p: DEMO_PASSWORD });
    client = clientFor(t.url, data!.login.token);
  }, 60_000);

  afterAll(() => t?.stop());

  it('holds the department in its tree: province > party committee > department > divisions', async () => {
    const { units } = await client.data(`{ units(filter: { search: "LS-TGDV", kind: DEPARTMENT }) {
      edges { node { code name kind ancestors { code kind } children { code kind } } } } }`);
    expect(units.edges).toHaveLength(1);
    const department = units.edges[0].node;
    expect(department).toMatchObject({
      code: 'LS-TGDV',
      kind: 'DEPARTMENT',
      ancestors: [
        { code: 'LS', kind: 'PROVINCE' },
        { code: 'LS-TU', kind: 'PARTY_COMMITTEE' },
      ],
    });
    expect(department.name).toMatch(/Tuyên giáo/);
    expect(department.children.length).toBeGreaterThanOrEqual(3);
    for (const child of department.children) expect(child.kind).toBe('DIVISION');
    const others = await client.data(`{ units(first: 100) { totalCount } }`);
    expect(others.units.totalCount).toBeGreaterThan(1 + 1 + 1 + department.children.length);
  });

  it('has 40 people in the department and its divisions, headed by Nguyễn Quốc Khánh', async () => {
    const { units } = await client.data(
      `{ units(filter: { search: "LS-TGDV", kind: DEPARTMENT }) { edges { node { id } } } }`,
    );
    const departmentId = units.edges[0].node.id;
    const { people } = await client.data(
      `query($id: ID!) { people(filter: { unitId: $id, includeSubunits: true }, first: 100) {
        totalCount edges { node { fullName category } } } }`,
      { id: departmentId },
    );
    expect(people.totalCount).toBe(40);
    const names: string[] = people.edges.map((e: any) => e.node.fullName);
    expect(new Set(names).size).toBe(40);
    // Real-looking Vietnamese names: at least three words, with diacritics.
    for (const name of names) expect(name.split(' ').length).toBeGreaterThanOrEqual(3);
    expect(names.filter((n) => /[\u0080-\uFFFF]/.test(n)).length).toBeGreaterThan(30);
    const categories = new Set(people.edges.map((e: any) => e.node.category));
    expect(categories).toEqual(new Set(['CADRE', 'CIVIL_SERVANT', 'PUBLIC_EMPLOYEE', 'WORKER']));
    const head = await client.data(`{ people(filter: { search: "nguyen quoc khanh" }) {
      edges { node { fullName position isLeader unit { code } } } } }`);
    expect(head.people.edges).toEqual([
      {
        node: {
          fullName: 'Nguyễn Quốc Khánh',
          position: 'Trưởng ban',
          isLeader: true,
          unit: { code: 'LS-TGDV' },
        },
      },
    ]);
  });

  it('has one account per role that signs in', async () => {
    const roles: Record<string, string> = {};
    for (const [username, password] of [
      ['admin', TEST_ADMIN_PASSWORD],
      ['secretary', DEMO_PASSWORD],
      ['council', DEMO_PASSWORD],
      ['manager', DEMO_PASSWORD],
      ['member', DEMO_PASSWORD],
      ['viewer', DEMO_PASSWORD],
    ]) {
      const res = await gql(t.url, LOGIN, { u: username, p: password });
      expect({ username, errors: res.errors }).toEqual({ username, errors: undefined });
      const account = res.data!.login.account;
      roles[account.role] = username;
      if (username === 'manager') expect(account.unit).toEqual({ code: 'LS-TGDV' });
      if (username === 'member') {
        expect(account.person).toEqual({ fullName: 'Nguyễn Quốc Khánh' });
        const me = await clientFor(t.url, res.data!.login.token).data(`{ me { fullName } }`);
        expect(me.me.fullName).toBe('Nguyễn Quốc Khánh');
      }
    }
    expect(Object.keys(roles).sort()).toEqual(
      ['ADMIN', 'COUNCIL', 'MEMBER', 'SECRETARY', 'UNIT_MANAGER', 'VIEWER'].sort(),
    );
  });

  it('is not seeded again when the server restarts', async () => {
    const before = await rowCounts(t);
    expect(before.unit).toBeGreaterThan(0);
    await t.stop();
    t = await startTestApp({ DATABASE_URL: databaseUrl, SEED_DEMO: 'true' });
    expect(await rowCounts(t)).toEqual(before);
  });
});

describe('the first start', () => {
  it('without ADMIN_PASSWORD prints a random admin password once; without SEED_DEMO no demo data', async () => {
    const databaseUrl = await createTestDatabase();
    const printed: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => {
      printed.push(String(chunk));
      return true;
    });
    let t: TestApp | undefined;
    try {
      t = await startTestApp({ DATABASE_URL: databaseUrl, ADMIN_PASSWORD: '', SEED_DEMO: 'false' });
      const match = printed.join('').match(/account "admin" with password (\S+)/);
      expect(match).not.toBeNull();
      const login = await gql(t.url, LOGIN, { u: 'admin', p: match![1] });
      expect(login.data!.login.account.role).toBe('ADMIN');
      expect(await rowCounts(t)).toMatchObject({ unit: 0, person: 0, account: 1 });
      await t.stop();
      printed.length = 0;
      t = await startTestApp({ DATABASE_URL: databaseUrl, ADMIN_PASSWORD: '', SEED_DEMO: 'false' });
      expect(printed.join('')).not.toMatch(/password/);
    } finally {
      write.mockRestore();
      await t?.stop();
    }
  });
});
