import { Role } from '../../src/modules/accounts/account.entity';
import { PersonCategory } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { startTestApp, type TestApp } from '../helpers/app';

const PERSON_FIELDS = `id fullName gender position category isLeader partyMember avatarUrl unit { id code }`;
const PEOPLE = `query($filter: PersonFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { fullName } }
  }
}`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { ${PERSON_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${PERSON_FIELDS} } }`;

describe('people', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let viewer: ReturnType<typeof clientFor>;
  let department: Unit;
  let division: Unit;
  let team: Unit;
  let elsewhere: Unit;

  /** Names found, sorted here so that assertions do not depend on the database's collation. */
  const names = async (filter: Record<string, unknown>, first = 100): Promise<string[]> =>
    (await viewer.data(PEOPLE, { filter, first })).people.edges
      .map((e: any) => e.node.fullName)
      .sort();

  beforeAll(async () => {
    t = await startTestApp();
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    department = await buildUnit(t.dataSource, { code: 'P-DEPT' });
    division = await buildUnit(t.dataSource, { code: 'P-DIV', parent: department });
    team = await buildUnit(t.dataSource, { code: 'P-TEAM', parent: division });
    elsewhere = await buildUnit(t.dataSource, { code: 'P-ELSE' });
    const { CADRE, CIVIL_SERVANT, WORKER } = PersonCategory;
    for (const person of [
      { unit: department, fullName: 'Nguyễn Quốc Khánh', category: CADRE },
      { unit: department, fullName: 'Đặng Văn Quyết', category: CADRE },
      { unit: division, fullName: 'Đỗ Thị Đào', category: CIVIL_SERVANT },
      { unit: division, fullName: 'Lương Văn Đức', category: CIVIL_SERVANT },
      { unit: team, fullName: 'Hoàng Thị Thu Hà', category: WORKER },
      { unit: elsewhere, fullName: 'Nguyễn Văn An', category: WORKER },
    ])
      await buildPerson(t.dataSource, person);
  });

  afterAll(() => t?.stop());

  describe('search', () => {
    it('ignores case and Vietnamese diacritics, including đ/Đ', async () => {
      expect(await names({ search: 'nguyen quoc khanh' })).toEqual(['Nguyễn Quốc Khánh']);
      expect(await names({ search: 'NGUYỄN QUỐC KHÁNH' })).toEqual(['Nguyễn Quốc Khánh']);
      expect(await names({ search: 'dang' })).toEqual(['Đặng Văn Quyết']);
      expect(await names({ search: 'đặng' })).toEqual(['Đặng Văn Quyết']);
      expect(await names({ search: 'DUC' })).toEqual(['Lương Văn Đức']);
      expect(await names({ search: 'dao' })).toEqual(['Đỗ Thị Đào']);
      expect(await names({ search: 'thu ha' })).toEqual(['Hoàng Thị Thu Hà']);
      expect(await names({ search: 'nguyen' })).toEqual(['Nguyễn Quốc Khánh', 'Nguyễn Văn An']);
    });

    it('matches inside names, collapses spaces, and treats LIKE wildcards literally', async () => {
      expect(await names({ search: '  quoc    khanh ' })).toEqual(['Nguyễn Quốc Khánh']);
      expect(await names({ search: 'van' })).toHaveLength(3);
      expect(await names({ search: '%' })).toEqual([]);
      expect(await names({ search: '_' })).toEqual([]);
      expect(await names({ search: '\\' })).toEqual([]);
    });

    it('lists search results by name ignoring diacritics, so Đặng sorts with D, and pages them', async () => {
      const all = await viewer.data(PEOPLE, { filter: { search: 'van' } });
      const order = ['Đặng Văn Quyết', 'Lương Văn Đức', 'Nguyễn Văn An'];
      expect(all.people.edges.map((e: any) => e.node.fullName)).toEqual(order);
      const walked: string[] = [];
      let after: string | null = null;
      do {
        const res: any = await viewer.data(PEOPLE, { filter: { search: 'van' }, first: 1, after });
        walked.push(...res.people.edges.map((e: any) => e.node.fullName));
        after = res.people.pageInfo.hasNextPage ? res.people.pageInfo.endCursor : null;
      } while (after);
      expect(walked).toEqual(order);
      // A cursor of the unsearched list is not one of this list.
      const plain = await viewer.data(PEOPLE, { first: 1 });
      const mixed = await viewer.request(PEOPLE, {
        filter: { search: 'van' },
        after: plain.people.pageInfo.endCursor,
      });
      expect(errorCode(mixed)).toBe('BAD_USER_INPUT');
    });

    it('ignores a blank search', async () => {
      expect(await names({ search: '   ', unitId: department.id })).toHaveLength(2);
    });
  });

  describe('filters', () => {
    it('filters by unit: its own people only, or with includeSubunits its whole subtree', async () => {
      expect(await names({ unitId: department.id })).toEqual([
        'Nguyễn Quốc Khánh',
        'Đặng Văn Quyết',
      ]);
      expect(await names({ unitId: department.id, includeSubunits: false })).toHaveLength(2);
      expect(await names({ unitId: department.id, includeSubunits: true })).toEqual([
        'Hoàng Thị Thu Hà',
        'Lương Văn Đức',
        'Nguyễn Quốc Khánh',
        'Đặng Văn Quyết',
        'Đỗ Thị Đào',
      ]);
      expect(await names({ unitId: division.id, includeSubunits: true })).toHaveLength(3);
      expect(await names({ unitId: team.id, includeSubunits: true })).toEqual(['Hoàng Thị Thu Hà']);
    });

    it('filters by category, combined with the other filters', async () => {
      expect(await names({ category: 'WORKER' })).toEqual(['Hoàng Thị Thu Hà', 'Nguyễn Văn An']);
      expect(
        await names({ category: 'WORKER', unitId: department.id, includeSubunits: true }),
      ).toEqual(['Hoàng Thị Thu Hà']);
      expect(await names({ category: 'CADRE', search: 'quyet' })).toEqual(['Đặng Văn Quyết']);
    });

    it('answers an unknown unit with an empty list and a malformed one with BAD_USER_INPUT', async () => {
      const unknown = '00000000-0000-4000-8000-0000000000ff';
      for (const includeSubunits of [true, false]) {
        const res = await viewer.data(PEOPLE, { filter: { unitId: unknown, includeSubunits } });
        expect(res.people).toEqual({
          totalCount: 0,
          pageInfo: { hasNextPage: false, endCursor: null },
          edges: [],
        });
      }
      const malformed = await viewer.request(PEOPLE, { filter: { unitId: 'x' } });
      expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
    });
  });

  describe('pagination', () => {
    it('answers an empty list with no edges, no next page and no cursor', async () => {
      const res = await viewer.data(PEOPLE, { filter: { search: 'không có ai' } });
      expect(res.people).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });

    it('walks all pages with cursors: every person exactly once, in order', async () => {
      const filter = { unitId: department.id, includeSubunits: true };
      const all = (await viewer.data(PEOPLE, { filter })).people.edges.map(
        (e: any) => e.node.fullName,
      );
      expect(all).toHaveLength(5);
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: any = await viewer.data(PEOPLE, { filter, first: 2, after });
        expect(res.people.totalCount).toBe(5);
        seen.push(...res.people.edges.map((e: any) => e.node.fullName));
        expect(res.people.pageInfo.endCursor).toBe(res.people.edges.at(-1).cursor);
        if (!res.people.pageInfo.hasNextPage) break;
        after = res.people.pageInfo.endCursor;
      }
      expect(seen).toEqual(all);
    });

    it('says hasNextPage false on an exactly full last page, and empty after it', async () => {
      const first = await viewer.data(PEOPLE, { filter: { unitId: department.id }, first: 2 });
      expect(first.people.edges).toHaveLength(2);
      expect(first.people.pageInfo.hasNextPage).toBe(false);
      const after = await viewer.data(PEOPLE, {
        filter: { unitId: department.id },
        first: 2,
        after: first.people.pageInfo.endCursor,
      });
      expect(after.people).toMatchObject({
        totalCount: 2,
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('refuses a bad cursor and first above 100 with BAD_USER_INPUT', async () => {
      for (const after of ['!!!', 'e30', Buffer.from('[1,2]').toString('base64url')]) {
        expect(errorCode(await viewer.request(PEOPLE, { after }))).toBe('BAD_USER_INPUT');
      }
      expect(errorCode(await viewer.request(PEOPLE, { first: 101 }))).toBe('BAD_USER_INPUT');
      const hundred = await viewer.request(PEOPLE, { first: 100 });
      expect(hundred.errors).toBeUndefined();
    });
  });

  describe('person and node', () => {
    it('answers person(id) and node(id) for a Person', async () => {
      const p = await buildPerson(t.dataSource, {
        unit: team,
        fullName: 'Vi Thị Hồng Nhung',
        position: 'Phó Trưởng ban',
        isLeader: true,
        partyMember: true,
      });
      const { person, node } = await viewer.data(
        `query($id: ID!) { person(id: $id) { ${PERSON_FIELDS} } node(id: $id) { __typename id ... on Person { fullName } } }`,
        { id: p.id },
      );
      expect(person).toEqual({
        id: p.id,
        fullName: 'Vi Thị Hồng Nhung',
        gender: 'FEMALE',
        position: 'Phó Trưởng ban',
        category: 'CIVIL_SERVANT',
        isLeader: true,
        partyMember: true,
        avatarUrl: null,
        unit: { id: team.id, code: 'P-TEAM' },
      });
      expect(node).toEqual({ __typename: 'Person', id: p.id, fullName: 'Vi Thị Hồng Nhung' });
    });

    it('answers null for unknown ids and BAD_USER_INPUT for malformed ones', async () => {
      const res = await viewer.data(
        `{ person(id: "00000000-0000-4000-8000-000000000009") { id } node(id: "00000000-0000-4000-8000-000000000009") { id } }`,
      );
      expect(res).toEqual({ person: null, node: null });
      expect(errorCode(await viewer.request(`{ person(id: "1") { id } }`))).toBe('BAD_USER_INPUT');
      expect(errorCode(await viewer.request(`{ node(id: "'; drop table person") { id } }`))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('createPerson and updatePerson', () => {
    it('creates a person with trimmed text and defaults', async () => {
      const { createPerson } = await admin.data(CREATE, {
        input: {
          fullName: '  Bế Văn Thành ',
          unitId: division.id,
          category: 'CIVIL_SERVANT',
          position: '  Trưởng phòng ',
        },
      });
      expect(createPerson).toMatchObject({
        fullName: 'Bế Văn Thành',
        gender: null,
        position: 'Trưởng phòng',
        isLeader: false,
        partyMember: false,
        avatarUrl: null,
        unit: { id: division.id },
      });
      expect(await names({ search: 'be van thanh' })).toEqual(['Bế Văn Thành']);
    });

    it('refuses empty and over-long names, bad URLs and malformed units; NOT_FOUND for an unknown unit', async () => {
      const base = { fullName: 'Tên', unitId: division.id, category: 'WORKER' };
      for (const input of [
        { fullName: '' },
        { fullName: '    ' },
        { fullName: 'a'.repeat(201) },
        { position: 'p'.repeat(201) },
        { avatarUrl: 'javascript:alert(1)' },
        { unitId: 'abc' },
      ]) {
        const res = await admin.request(CREATE, { input: { ...base, ...input } });
        expect({ input, code: errorCode(res) }).toEqual({ input, code: 'BAD_USER_INPUT' });
      }
      const unknown = await admin.request(CREATE, {
        input: { ...base, unitId: '00000000-0000-4000-8000-000000000003' },
      });
      expect(errorCode(unknown)).toBe('NOT_FOUND');
    });

    it('updates fields that are given, clears nullable ones with null, and moves a person', async () => {
      const p = await buildPerson(t.dataSource, {
        unit: division,
        fullName: 'Nông Thị Mai',
        position: 'Chuyên viên',
      });
      const { updatePerson } = await admin.data(UPDATE, {
        id: p.id,
        input: {
          fullName: ' Nông Thị Mai Anh ',
          position: null,
          isLeader: true,
          category: 'CADRE',
          avatarUrl: 'https://example.org/a.png',
          unitId: elsewhere.id,
        },
      });
      expect(updatePerson).toMatchObject({
        fullName: 'Nông Thị Mai Anh',
        position: null,
        isLeader: true,
        partyMember: false,
        category: 'CADRE',
        gender: 'FEMALE',
        avatarUrl: 'https://example.org/a.png',
        unit: { id: elsewhere.id },
      });
      const { person } = await viewer.data(
        `query($id: ID!) { person(id: $id) { fullName unit { id } } }`,
        {
          id: p.id,
        },
      );
      expect(person).toEqual({ fullName: 'Nông Thị Mai Anh', unit: { id: elsewhere.id } });
    });

    it('refuses a null or blank fullName, and answers NOT_FOUND for unknown people or units', async () => {
      const p = await buildPerson(t.dataSource, { unit: division });
      for (const fullName of [null, '', '  ']) {
        const res = await admin.request(UPDATE, { id: p.id, input: { fullName } });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
      }
      const unknown = '00000000-0000-4000-8000-000000000004';
      expect(errorCode(await admin.request(UPDATE, { id: unknown, input: {} }))).toBe('NOT_FOUND');
      expect(errorCode(await admin.request(UPDATE, { id: p.id, input: { unitId: unknown } }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await admin.request(UPDATE, { id: 'zz', input: {} }))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });
});
