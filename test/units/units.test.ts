import { Role } from '../../src/modules/accounts/account.entity';
import { Unit, UnitKind } from '../../src/modules/units/unit.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';
import { startTestApp, type TestApp } from '../helpers/app';

const UNIT_FIELDS = `id code name kind parent { id code } children { code } ancestors { code } headcount`;

const CREATE = `mutation($input: CreateUnitInput!) { createUnit(input: $input) { ${UNIT_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateUnitInput!) { updateUnit(id: $id, input: $input) { ${UNIT_FIELDS} } }`;
const UNITS = `query($filter: UnitFilter, $first: Int, $after: String) {
  units(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code name } }
  }
}`;

describe('units', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let viewer: ReturnType<typeof clientFor>;
  // province > committee > department > (divA, divB); department has people.
  let province: Unit;
  let committee: Unit;
  let department: Unit;
  let divA: Unit;
  let divB: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    province = await buildUnit(t.dataSource, {
      code: 'T-LS',
      name: 'Tỉnh Lạng Sơn',
      kind: UnitKind.PROVINCE,
    });
    committee = await buildUnit(t.dataSource, {
      code: 'T-LS-TU',
      name: 'Tỉnh ủy Lạng Sơn',
      kind: UnitKind.PARTY_COMMITTEE,
      parent: province,
    });
    department = await buildUnit(t.dataSource, {
      code: 'T-TGDV',
      name: 'Ban Tuyên giáo và Dân vận',
      kind: UnitKind.DEPARTMENT,
      parent: committee,
    });
    divA = await buildUnit(t.dataSource, {
      code: 'T-TGDV-A',
      name: 'Phòng Dân vận',
      parent: department,
    });
    divB = await buildUnit(t.dataSource, {
      code: 'T-TGDV-B',
      name: 'Văn phòng Ban',
      parent: department,
    });
    for (let i = 0; i < 3; i++) await buildPerson(t.dataSource, { unit: department });
    // A cursor at divA's member ('M…') has the department's ('Người …') after it and divB's before.
    await buildPerson(t.dataSource, { unit: divA, fullName: 'Minh Giữa' });
    await buildPerson(t.dataSource, { unit: divB, fullName: 'An Đầu' });
  });

  afterAll(() => t?.stop());

  describe('reading the tree', () => {
    it('answers unit(id) with parent, children (by name), root-first ancestors and headcount', async () => {
      const { unit } = await viewer.data(`query($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} } }`, {
        id: department.id,
      });
      expect(unit).toEqual({
        id: department.id,
        code: 'T-TGDV',
        name: 'Ban Tuyên giáo và Dân vận',
        kind: 'DEPARTMENT',
        parent: { id: committee.id, code: 'T-LS-TU' },
        children: [{ code: 'T-TGDV-A' }, { code: 'T-TGDV-B' }],
        ancestors: [{ code: 'T-LS' }, { code: 'T-LS-TU' }],
        headcount: 3,
      });
    });

    it('gives a root unit no parent and no ancestors, and a leaf no children', async () => {
      const { root, leaf } = await viewer.data(
        `query($root: ID!, $leaf: ID!) {
          root: unit(id: $root) { parent { id } ancestors { id } headcount }
          leaf: unit(id: $leaf) { children { id } headcount }
        }`,
        { root: province.id, leaf: divB.id },
      );
      expect(root).toEqual({ parent: null, ancestors: [], headcount: 0 });
      expect(leaf).toEqual({ children: [], headcount: 1 });
    });

    it('pages the members of a unit, with their total', async () => {
      const { unit } = await viewer.data(
        `query($id: ID!) { unit(id: $id) { members(first: 2) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { unit { code } } }
        } } }`,
        { id: department.id },
      );
      expect(unit.members.totalCount).toBe(3);
      expect(unit.members.edges).toHaveLength(2);
      expect(unit.members.pageInfo.hasNextPage).toBe(true);
      const next = await viewer.data(
        `query($id: ID!, $after: String) { unit(id: $id) { members(first: 2, after: $after) {
          totalCount pageInfo { hasNextPage } edges { node { id } } } } }`,
        { id: department.id, after: unit.members.pageInfo.endCursor },
      );
      expect(next.unit.members).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: false } });
      expect(next.unit.members.edges).toHaveLength(1);
    });

    it('keeps each unit’s members total right when a cursor leaves a unit with nothing after it', async () => {
      // The same `after` is applied to every unit of the batch; totals must not drop to 0.
      const first = await viewer.data(
        `query($id: ID!) { unit(id: $id) { members(first: 1) { pageInfo { endCursor } } } }`,
        { id: divA.id },
      );
      const { units } = await viewer.data(
        `query($after: String) { units(filter: { search: "T-TGDV" }) { edges { node {
          code members(first: 5, after: $after) { totalCount edges { node { id } } } } } } }`,
        { after: first.unit.members.pageInfo.endCursor },
      );
      const byCode = Object.fromEntries(
        units.edges.map((e: any) => [e.node.code, e.node.members.totalCount]),
      );
      expect(byCode).toEqual({ 'T-TGDV': 3, 'T-TGDV-A': 1, 'T-TGDV-B': 1 });
    });

    it('finds a unit through node(id) as a Unit', async () => {
      const { node } = await viewer.data(
        `query($id: ID!) { node(id: $id) { __typename id ... on Unit { code } } }`,
        { id: divA.id.toUpperCase() },
      );
      expect(node).toEqual({ __typename: 'Unit', id: divA.id, code: 'T-TGDV-A' });
    });

    it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
      const unknown = await viewer.data(
        `{ unit(id: "00000000-0000-4000-8000-00000000abcd") { id } }`,
      );
      expect(unknown.unit).toBeNull();
      const malformed = await viewer.request(`{ unit(id: "not-a-uuid") { id } }`);
      expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
      expect(malformed.status).toBe(200);
    });
  });

  describe('listing and filtering', () => {
    it('lists units in tree order (depth first) with a total', async () => {
      const res = await viewer.data(UNITS, { filter: { search: 'T-' } });
      expect(res.units.edges.map((e: any) => e.node.code)).toEqual([
        'T-LS',
        'T-LS-TU',
        'T-TGDV',
        expect.stringMatching(/^T-TGDV-[AB]$/),
        expect.stringMatching(/^T-TGDV-[AB]$/),
      ]);
      expect(res.units.totalCount).toBe(5);
    });

    it('searches names and codes ignoring case and diacritics', async () => {
      const names = async (search: string) =>
        (await viewer.data(UNITS, { filter: { search } })).units.edges.map((e: any) => e.node.name);
      expect(await names('lang son')).toEqual(['Tỉnh Lạng Sơn', 'Tỉnh ủy Lạng Sơn']);
      expect(await names('TUYEN GIAO')).toEqual(['Ban Tuyên giáo và Dân vận']);
      expect(await names('t-tgdv-b')).toEqual(['Văn phòng Ban']);
      expect(await names('  phong   dan  van ')).toEqual(['Phòng Dân vận']);
      // LIKE wildcards in the search text are literal.
      expect(await names('%')).toEqual([]);
      expect(await names('T_TGDV')).toEqual([]);
    });

    it('filters by kind and by parent (direct children only)', async () => {
      const byKind = await viewer.data(UNITS, { filter: { kind: 'DEPARTMENT', search: 'T-' } });
      expect(byKind.units.edges.map((e: any) => e.node.code)).toEqual(['T-TGDV']);
      const byParent = await viewer.data(UNITS, { filter: { parentId: committee.id } });
      expect(byParent.units.edges.map((e: any) => e.node.code)).toEqual(['T-TGDV']);
      const empty = await viewer.data(UNITS, { filter: { parentId: divB.id } });
      expect(empty.units).toEqual({
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        edges: [],
      });
    });

    it('walks every page with cursors, each unit once, and ends with hasNextPage false', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: any = await viewer.data(UNITS, { filter: { search: 'T-' }, first: 2, after });
        pages += 1;
        seen.push(...res.units.edges.map((e: any) => e.node.code));
        expect(res.units.totalCount).toBe(5);
        if (!res.units.pageInfo.hasNextPage) break;
        after = res.units.pageInfo.endCursor;
      }
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(5);
      expect(seen).toHaveLength(5);
    });

    it('says hasNextPage false on an exactly full last page', async () => {
      const res = await viewer.data(UNITS, { filter: { search: 'T-TGDV-' }, first: 2 });
      expect(res.units.edges).toHaveLength(2);
      expect(res.units.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses first above 100, a negative first, and cursors that are not from this list', async () => {
      expect(errorCode(await viewer.request(UNITS, { first: 101 }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await viewer.request(UNITS, { first: -1 }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await viewer.request(UNITS, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
      const forged = Buffer.from(
        JSON.stringify({ o: 'path,id:ASC', v: ['x', 'not-a-uuid'] }),
      ).toString('base64url');
      expect(errorCode(await viewer.request(UNITS, { after: forged }))).toBe('BAD_USER_INPUT');
      const people = await viewer.data(`{ people(first: 1) { pageInfo { endCursor } } }`);
      const wrongList = await viewer.request(UNITS, { after: people.people.pageInfo.endCursor });
      expect(errorCode(wrongList)).toBe('BAD_USER_INPUT');
    });

    it('answers first: 0 with the total and no edges', async () => {
      const res = await viewer.data(UNITS, { filter: { search: 'T-' }, first: 0 });
      expect(res.units).toMatchObject({ totalCount: 5, edges: [] });
    });
  });

  describe('createUnit', () => {
    it('creates a unit under a parent, trimming its text', async () => {
      const { createUnit } = await admin.data(CREATE, {
        input: { code: '  T-NEW-1 ', name: '  Phòng Mới  ', kind: 'DIVISION', parentId: divA.id },
      });
      expect(createUnit).toMatchObject({
        code: 'T-NEW-1',
        name: 'Phòng Mới',
        kind: 'DIVISION',
        parent: { id: divA.id },
        ancestors: [
          { code: 'T-LS' },
          { code: 'T-LS-TU' },
          { code: 'T-TGDV' },
          { code: 'T-TGDV-A' },
        ],
        headcount: 0,
      });
      const [row] = await t.dataSource.query(`SELECT path, depth FROM unit WHERE id = $1`, [
        createUnit.id,
      ]);
      expect(row).toEqual({ path: `${divA.path}${createUnit.id}/`, depth: 4 });
    });

    it('creates a root unit', async () => {
      const { createUnit } = await admin.data(CREATE, {
        input: { code: 'T-ROOT-2', name: 'Tỉnh Cao Bằng', kind: 'PROVINCE' },
      });
      expect(createUnit).toMatchObject({ parent: null, ancestors: [] });
    });

    it('refuses a duplicate code as CONFLICT, ignoring case', async () => {
      const same = await admin.request(CREATE, {
        input: { code: 'T-TGDV', name: 'Trùng', kind: 'DIVISION', parentId: divA.id },
      });
      expect(errorCode(same)).toBe('CONFLICT');
      const otherCase = await admin.request(CREATE, {
        input: { code: 't-tgdv', name: 'Trùng', kind: 'DIVISION', parentId: divA.id },
      });
      expect(errorCode(otherCase)).toBe('CONFLICT');
    });

    it('refuses empty, blank, over-long and malformed text as BAD_USER_INPUT', async () => {
      const attempt = (input: Record<string, unknown>) =>
        admin.request(CREATE, { input: { code: 'T-OK', name: 'Tên', kind: 'DIVISION', ...input } });
      for (const input of [
        { name: '' },
        { name: '   ' },
        { name: 'x'.repeat(201) },
        { code: '' },
        { code: '  ' },
        { code: 'C'.repeat(41) },
        { code: 'has space' },
        { code: '%' },
      ]) {
        const res = await attempt(input);
        expect({ input, code: errorCode(res) }).toEqual({ input, code: 'BAD_USER_INPUT' });
      }
      // 200 characters after trimming is still fine.
      const longest = await attempt({ code: 'T-LONG', name: ` ${'x'.repeat(200)} ` });
      expect(longest.errors).toBeUndefined();
    });

    it('answers a malformed parentId with BAD_USER_INPUT and an unknown one with NOT_FOUND', async () => {
      const malformed = await admin.request(CREATE, {
        input: { code: 'T-X1', name: 'X', kind: 'DIVISION', parentId: '123' },
      });
      expect(errorCode(malformed)).toBe('BAD_USER_INPUT');
      const unknown = await admin.request(CREATE, {
        input: {
          code: 'T-X2',
          name: 'X',
          kind: 'DIVISION',
          parentId: '00000000-0000-4000-8000-000000000001',
        },
      });
      expect(errorCode(unknown)).toBe('NOT_FOUND');
    });

    it('lets exactly one of many concurrent creations of one code win; the others get CONFLICT', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          admin.request(CREATE, {
            input: {
              code: i % 2 ? 'T-RACE' : 't-race',
              name: `Race ${i}`,
              kind: 'DIVISION',
              parentId: divB.id,
            },
          }),
        ),
      );
      const codes = attempts.map((res) => errorCode(res) ?? 'OK');
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
      expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(7);
      const rows = await t.dataSource.query(`SELECT name FROM unit WHERE lower(code) = 't-race'`);
      expect(rows).toHaveLength(1);
      const winner = attempts.find((res) => !res.errors)!;
      expect(rows[0].name).toBe(winner.data!.createUnit.name);
    });
  });

  describe('updateUnit', () => {
    it('renames and re-kinds a unit, trimming the name', async () => {
      const unit = await buildUnit(t.dataSource, { parent: divB });
      const { updateUnit } = await admin.data(UPDATE, {
        id: unit.id,
        input: { name: '  Tổ Công tác  ', kind: 'OTHER' },
      });
      expect(updateUnit).toMatchObject({
        name: 'Tổ Công tác',
        kind: 'OTHER',
        parent: { id: divB.id },
      });
    });

    it('refuses a blank or over-long name and keeps the old one', async () => {
      const unit = await buildUnit(t.dataSource, { parent: divB, name: 'Giữ tên' });
      for (const name of ['', '   ', 'y'.repeat(201)]) {
        const res = await admin.request(UPDATE, { id: unit.id, input: { name } });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
      }
      const { unit: after } = await admin.data(`query($id: ID!) { unit(id: $id) { name } }`, {
        id: unit.id,
      });
      expect(after.name).toBe('Giữ tên');
    });

    it('moves a unit with its whole subtree: paths, depths, ancestors', async () => {
      const a = await buildUnit(t.dataSource, { code: 'T-MV-A', parent: divA });
      const b = await buildUnit(t.dataSource, { code: 'T-MV-B', parent: a });
      const c = await buildUnit(t.dataSource, { code: 'T-MV-C', parent: b });
      const target = await buildUnit(t.dataSource, { code: 'T-MV-T', parent: province });
      const { updateUnit } = await admin.data(UPDATE, { id: a.id, input: { parentId: target.id } });
      expect(updateUnit.parent).toEqual({ id: target.id, code: 'T-MV-T' });
      const rows: { code: string; path: string; depth: number; parent_id: string }[] =
        await t.dataSource.query(
          `SELECT code, path, depth, parent_id FROM unit WHERE code LIKE 'T-MV-%' ORDER BY depth`,
        );
      expect(rows).toEqual([
        { code: 'T-MV-T', path: `${target.path}`, depth: 1, parent_id: province.id },
        { code: 'T-MV-A', path: `${target.path}${a.id}/`, depth: 2, parent_id: target.id },
        { code: 'T-MV-B', path: `${target.path}${a.id}/${b.id}/`, depth: 3, parent_id: a.id },
        {
          code: 'T-MV-C',
          path: `${target.path}${a.id}/${b.id}/${c.id}/`,
          depth: 4,
          parent_id: b.id,
        },
      ]);
      const { unit } = await viewer.data(
        `query($id: ID!) { unit(id: $id) { ancestors { code } } }`,
        {
          id: c.id,
        },
      );
      expect(unit.ancestors.map((u: any) => u.code)).toEqual([
        'T-LS',
        'T-MV-T',
        'T-MV-A',
        'T-MV-B',
      ]);
      // Units outside the moved subtree keep their paths.
      const [dept] = await t.dataSource.query(`SELECT path FROM unit WHERE id = $1`, [divA.id]);
      expect(dept.path).toBe(divA.path);
    });

    it('refuses to move a unit under itself or its own subtree (BAD_USER_INPUT) and changes nothing', async () => {
      const a = await buildUnit(t.dataSource, { parent: divB });
      const b = await buildUnit(t.dataSource, { parent: a });
      const c = await buildUnit(t.dataSource, { parent: b });
      for (const parentId of [a.id, b.id, c.id]) {
        const res = await admin.request(UPDATE, { id: a.id, input: { parentId, name: 'Đổi' } });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
      }
      const rows = await t.dataSource.query(`SELECT name, path FROM unit WHERE id = $1`, [a.id]);
      expect(rows).toEqual([{ name: a.name, path: a.path }]);
    });

    it('serialises concurrent opposite moves so that no cycle is ever built', async () => {
      const x = await buildUnit(t.dataSource, { parent: divB });
      const y = await buildUnit(t.dataSource, { parent: divB });
      const [xy, yx] = await Promise.all([
        admin.request(UPDATE, { id: x.id, input: { parentId: y.id } }),
        admin.request(UPDATE, { id: y.id, input: { parentId: x.id } }),
      ]);
      const outcomes = [errorCode(xy) ?? 'OK', errorCode(yx) ?? 'OK'].sort();
      expect(outcomes).toEqual(['BAD_USER_INPUT', 'OK']);
      const rows: { id: string; path: string; parent_id: string }[] = await t.dataSource.query(
        `SELECT id, path, parent_id FROM unit WHERE id = ANY($1)`,
        [[x.id, y.id]],
      );
      // Every path ends with its own id and extends its parent's path.
      const paths = new Map(
        (await t.dataSource.query(`SELECT id, path FROM unit`)).map((r: any) => [r.id, r.path]),
      );
      for (const row of rows) {
        expect(row.path).toBe(`${paths.get(row.parent_id)}${row.id}/`);
      }
    });

    it('answers NOT_FOUND for an unknown unit or parent and BAD_USER_INPUT for malformed ids', async () => {
      const unknown = '00000000-0000-4000-8000-000000000002';
      expect(errorCode(await admin.request(UPDATE, { id: unknown, input: { name: 'X' } }))).toBe(
        'NOT_FOUND',
      );
      expect(
        errorCode(await admin.request(UPDATE, { id: divB.id, input: { parentId: unknown } })),
      ).toBe('NOT_FOUND');
      expect(errorCode(await admin.request(UPDATE, { id: 'nope', input: { name: 'X' } }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(
        errorCode(await admin.request(UPDATE, { id: divB.id, input: { parentId: 'nope' } })),
      ).toBe('BAD_USER_INPUT');
    });
  });
});
