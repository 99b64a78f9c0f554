import {
  paginate,
  paginateByParent,
  type Connection,
  type PageOrder,
} from '../../src/common/connection';
import { sql } from '../../src/common/sql';
import { Person } from '../../src/modules/people/person.entity';
import { Unit } from '../../src/modules/units/unit.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';

/** Keyset pagination on real PostgreSQL, where timestamps have microseconds. */
describe('keyset pagination', () => {
  let t: TestApp;
  let parent: Unit;

  const NEWEST_FIRST: PageOrder<Unit> = { keys: ['createdAt', 'id'], direction: 'DESC' };

  beforeAll(async () => {
    t = await startTestApp();
    parent = await buildUnit(t.dataSource, { code: 'K-PARENT' });
    // Four units within one millisecond: a JS Date cannot tell them apart.
    for (const micros of ['000001', '000002', '000002', '000903']) {
      const unit = await buildUnit(t.dataSource, { parent });
      await t.dataSource.query(
        `UPDATE unit SET created_at = '2025-08-27 14:00:00.${micros}+00' WHERE id = $1`,
        [unit.id],
      );
      await buildPerson(t.dataSource, { unit });
    }
  });

  afterAll(() => t?.stop());

  async function walk(order: PageOrder<Unit>, first: number) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const connection: Connection<Unit> = await paginate(
        t.dataSource.manager,
        Unit,
        { first, after },
        { order, where: sql`t.parent_id = ${parent.id}` },
      );
      expect(connection.totalCount).toBe(4);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      if (!connection.pageInfo.hasNextPage) return seen;
      after = connection.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  it('walks timestamp keys that differ only in microseconds, each row once', async () => {
    const expected: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM unit WHERE parent_id = $1 ORDER BY created_at DESC, id DESC`,
      [parent.id],
    );
    for (const first of [1, 2, 3]) {
      expect(await walk(NEWEST_FIRST, first)).toEqual(expected.map((r) => r.id));
    }
    expect(await walk({ ...NEWEST_FIRST, direction: 'ASC' }, 1)).toEqual(
      expected.map((r) => r.id).reverse(),
    );
  });

  it('keeps the cursor format clients hold: base64url of {"o": list, "v": key texts}', async () => {
    const names = ['Nguyễn "Thị" \\ Hồng', 'Lò\u0001Văn'];
    for (const fullName of names) await buildPerson(t.dataSource, { unit: parent, fullName });
    const page = await paginate(
      t.dataSource.manager,
      Person,
      { first: 10 },
      {
        order: { keys: ['fullName', 'id'], direction: 'ASC' },
        where: sql`t.unit_id = ${parent.id}`,
      },
    );
    expect(page.edges.map((edge) => edge.node.fullName)).toEqual([...names].sort());
    for (const { cursor, node } of page.edges) {
      expect(cursor).toBe(
        Buffer.from(
          JSON.stringify({ o: 'full_name,id:ASC', v: [node.fullName, node.id] }),
        ).toString('base64url'),
      );
    }
  });

  it('pages children of many parents at once with the same cursors', async () => {
    const children: { id: string }[] = await t.dataSource.query(
      `SELECT id FROM unit WHERE parent_id = $1`,
      [parent.id],
    );
    const ids = children.map((c) => c.id);
    const order: PageOrder<Person> = { keys: ['fullName', 'id'], direction: 'ASC' };
    const pages = await paginateByParent(
      t.dataSource.manager,
      Person,
      { first: 1 },
      { parent: 'unitId', parentIds: ids, order },
    );
    expect(pages.map((p) => p.totalCount)).toEqual([1, 1, 1, 1]);
    expect(pages.every((p) => p.edges.length === 1 && !p.pageInfo.hasNextPage)).toBe(true);
    // Past the last row: an empty page, totals intact.
    const after = pages[0]!.pageInfo.endCursor;
    const next = await paginateByParent(
      t.dataSource.manager,
      Person,
      { first: 1, after },
      { parent: 'unitId', parentIds: ids, order },
    );
    expect(next.map((p) => p.totalCount)).toEqual([1, 1, 1, 1]);
    expect(next[0]!.edges).toEqual([]);
  });
});
