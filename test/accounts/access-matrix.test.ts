import { Role } from '../../src/modules/accounts/account.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { buildPerson, buildUnit, unique } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { ANON, cells, NO, OK } from '../helpers/matrix';
import { startTestApp, type TestApp } from '../helpers/app';

const ACTORS = [
  'ADMIN',
  'SECRETARY',
  'COUNCIL',
  'MANAGER_IN',
  'MANAGER_OUT',
  'MEMBER',
  'VIEWER',
  'ANONYMOUS',
] as const;
type Actor = (typeof ACTORS)[number];
type Mutation = 'createUnit' | 'updateUnit' | 'createPerson' | 'updatePerson' | 'createAccount';

/**
 * Who may do which mutation of units, people and accounts. MANAGER_IN manages
 * the unit that holds the targets; MANAGER_OUT manages a sibling unit.
 */
// prettier-ignore
const CASES = cells<Mutation, typeof ACTORS>(ACTORS, [
  //                ADMIN  SECRETARY  COUNCIL  MANAGER_IN  MANAGER_OUT  MEMBER  VIEWER  ANONYMOUS
  ['createUnit',    OK,    OK,        NO,      OK,         NO,          NO,     NO,     ANON],
  ['updateUnit',    OK,    OK,        NO,      OK,         NO,          NO,     NO,     ANON],
  ['createPerson',  OK,    NO,        NO,      OK,         NO,          NO,     NO,     ANON],
  ['updatePerson',  OK,    NO,        NO,      OK,         NO,          NO,     NO,     ANON],
  ['createAccount', OK,    NO,        NO,      NO,         NO,          NO,     NO,     ANON],
]);

describe('roles and scope', () => {
  let t: TestApp;
  // root > managed > sub (> person), root > other (> outsider)
  let root: Unit;
  let managed: Unit;
  let sub: Unit;
  let other: Unit;
  let insider: Person;
  let outsider: Person;
  const clients = {} as Record<Actor, ReturnType<typeof clientFor>>;

  beforeAll(async () => {
    t = await startTestApp();
    root = await buildUnit(t.dataSource, { code: 'M-ROOT' });
    managed = await buildUnit(t.dataSource, { code: 'M-MANAGED', parent: root });
    sub = await buildUnit(t.dataSource, { code: 'M-SUB', parent: managed });
    other = await buildUnit(t.dataSource, { code: 'M-OTHER', parent: root });
    insider = await buildPerson(t.dataSource, { unit: sub, fullName: 'Người Trong' });
    outsider = await buildPerson(t.dataSource, { unit: other, fullName: 'Người Ngoài' });
    const token = (role: Role, extra: { unitId?: string; personId?: string } = {}) =>
      clientFor(t.url, t.tokenFor({ role, ...extra }));
    clients.ADMIN = token(Role.ADMIN);
    clients.SECRETARY = token(Role.SECRETARY);
    clients.COUNCIL = token(Role.COUNCIL);
    clients.MANAGER_IN = token(Role.UNIT_MANAGER, { unitId: managed.id });
    clients.MANAGER_OUT = token(Role.UNIT_MANAGER, { unitId: other.id });
    clients.MEMBER = token(Role.MEMBER, { personId: insider.id });
    clients.VIEWER = token(Role.VIEWER);
    clients.ANONYMOUS = clientFor(t.url);
  });

  afterAll(() => t?.stop());

  /** Each mutation, aimed at targets inside the managed unit's subtree. */
  const MUTATIONS: Record<Mutation, () => [string, Record<string, unknown>]> = {
    createUnit: () => [
      `mutation($input: CreateUnitInput!) { createUnit(input: $input) { id } }`,
      { input: { code: `M-${unique()}`, name: 'Tổ mới', kind: 'OTHER', parentId: sub.id } },
    ],
    updateUnit: () => [
      `mutation($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { id } }`,
      { id: sub.id, input: { name: `Tổ ${unique()}` } },
    ],
    createPerson: () => [
      `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
      { input: { fullName: `Người ${unique()}`, unitId: sub.id, category: 'WORKER' } },
    ],
    updatePerson: () => [
      `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }`,
      { id: insider.id, input: { position: `Chuyên viên ${unique()}` } },
    ],
    createAccount: () => [
      `mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`,
      { input: { username: `u-${unique()}`, password: 'long enough', role: 'VIEWER' } },
    ],
  };

  it.each(CASES)('%s by %s: %s', async (mutation, actor, outcome) => {
    const [query, variables] = MUTATIONS[mutation]();
    const res = await clients[actor].request(query, variables);
    expect(errorCode(res) ?? OK).toBe(outcome);
    if (outcome !== OK) expect(res.data).toBeNull();
  });

  it('changes nothing when a mutation is refused', async () => {
    const state = () =>
      t.dataSource.query(
        `SELECT (SELECT count(*) FROM unit) AS units, (SELECT count(*) FROM person) AS people,
                (SELECT count(*) FROM account) AS accounts,
                (SELECT name FROM unit WHERE id = $1) AS name, (SELECT position FROM person WHERE id = $2) AS position`,
        [sub.id, insider.id],
      );
    const before = await state();
    for (const [mutation, actor, outcome] of CASES) {
      if (outcome === OK) continue;
      const [query, variables] = MUTATIONS[mutation]();
      expect(errorCode(await clients[actor].request(query, variables))).toBe(outcome);
    }
    expect(await state()).toEqual(before);
  });

  describe('a UNIT_MANAGER', () => {
    const CREATE_UNIT = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { id parent { id } } }`;
    const UPDATE_UNIT = `mutation($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { id parent { id } } }`;
    const UPDATE_PERSON = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id unit { id } } }`;

    it('creates subunits directly under its unit, but no root units', async () => {
      const direct = await clients.MANAGER_IN.data(CREATE_UNIT, {
        input: { code: `M-${unique()}`, name: 'Tổ', kind: 'OTHER', parentId: managed.id },
      });
      expect(direct.createUnit.parent).toEqual({ id: managed.id });
      const rootless = await clients.MANAGER_IN.request(CREATE_UNIT, {
        input: { code: `M-${unique()}`, name: 'Gốc', kind: 'OTHER' },
      });
      expect(errorCode(rootless)).toBe('FORBIDDEN');
      const above = await clients.MANAGER_IN.request(CREATE_UNIT, {
        input: { code: `M-${unique()}`, name: 'Trên', kind: 'OTHER', parentId: root.id },
      });
      expect(errorCode(above)).toBe('FORBIDDEN');
    });

    it('edits its subunits but not the unit it manages', async () => {
      const own = await clients.MANAGER_IN.request(UPDATE_UNIT, {
        id: managed.id,
        input: { name: 'Đổi tên' },
      });
      expect(errorCode(own)).toBe('FORBIDDEN');
    });

    it('moves units only within its subtree', async () => {
      const a = await buildUnit(t.dataSource, { parent: managed });
      const b = await buildUnit(t.dataSource, { parent: managed });
      const inside = await clients.MANAGER_IN.data(UPDATE_UNIT, {
        id: a.id,
        input: { parentId: b.id },
      });
      expect(inside.updateUnit.parent).toEqual({ id: b.id });
      const outOf = await clients.MANAGER_IN.request(UPDATE_UNIT, {
        id: a.id,
        input: { parentId: other.id },
      });
      expect(errorCode(outOf)).toBe('FORBIDDEN');
      const into = await clients.MANAGER_IN.request(UPDATE_UNIT, {
        id: other.id,
        input: { parentId: b.id },
      });
      expect(errorCode(into)).toBe('FORBIDDEN');
      const [row] = await t.dataSource.query(`SELECT parent_id FROM unit WHERE id = $1`, [a.id]);
      expect(row.parent_id).toBe(b.id);
    });

    it('moves people only within its subtree', async () => {
      const p = await buildPerson(t.dataSource, { unit: sub });
      const inside = await clients.MANAGER_IN.data(UPDATE_PERSON, {
        id: p.id,
        input: { unitId: managed.id },
      });
      expect(inside.updatePerson.unit).toEqual({ id: managed.id });
      const outOf = await clients.MANAGER_IN.request(UPDATE_PERSON, {
        id: p.id,
        input: { unitId: other.id },
      });
      expect(errorCode(outOf)).toBe('FORBIDDEN');
      const into = await clients.MANAGER_IN.request(UPDATE_PERSON, {
        id: outsider.id,
        input: { unitId: sub.id },
      });
      expect(errorCode(into)).toBe('FORBIDDEN');
      const rows = await t.dataSource.query(
        `SELECT id, unit_id FROM person WHERE id = ANY($1) ORDER BY id`,
        [[p.id, outsider.id]],
      );
      expect(Object.fromEntries(rows.map((r: any) => [r.id, r.unit_id]))).toEqual({
        [p.id]: managed.id,
        [outsider.id]: other.id,
      });
    });

    it('gets NOT_FOUND, not FORBIDDEN, for a unit that does not exist', async () => {
      const res = await clients.MANAGER_IN.request(
        `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`,
        {
          input: {
            fullName: 'Ai',
            unitId: '00000000-0000-4000-8000-000000000077',
            category: 'WORKER',
          },
        },
      );
      expect(errorCode(res)).toBe('NOT_FOUND');
    });
  });

  describe('reading', () => {
    const READS = `query($unit: ID!, $person: ID!) {
      units(first: 1) { totalCount } people(first: 1) { totalCount }
      unit(id: $unit) { id } person(id: $person) { id } node(id: $unit) { id }
    }`;

    it.each(['ADMIN', 'SECRETARY', 'COUNCIL', 'MANAGER_OUT', 'MEMBER', 'VIEWER'] as const)(
      'lets %s read units and people anywhere',
      async (actor) => {
        const data = await clients[actor].data(READS, { unit: other.id, person: outsider.id });
        expect(data.unit).toEqual({ id: other.id });
        expect(data.person).toEqual({ id: outsider.id });
      },
    );

    it('refuses every read without a token, but answers viewer (null) and login', async () => {
      for (const query of [
        `{ units { totalCount } }`,
        `{ people { totalCount } }`,
        `{ unit(id: "${root.id}") { id } }`,
        `{ person(id: "${insider.id}") { id } }`,
        `{ node(id: "${root.id}") { id } }`,
        `{ me { id } }`,
      ]) {
        const res = await clients.ANONYMOUS.request(query);
        expect({ query, code: errorCode(res) }).toEqual({ query, code: 'UNAUTHENTICATED' });
      }
      expect(await clients.ANONYMOUS.data(`{ viewer { id } }`)).toEqual({ viewer: null });
      const login = await clients.ANONYMOUS.request(
        `mutation { login(username: "nobody", password: "nothing") { token } }`,
      );
      expect(errorCode(login)).toBe('UNAUTHENTICATED');
      expect(login.errors![0].message).toBe('Wrong username or password');
    });
  });
});
