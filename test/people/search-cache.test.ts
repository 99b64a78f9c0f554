import { Client } from 'pg';
import { Role } from '../../src/modules/accounts/account.entity';
import { PersonCategory } from '../../src/modules/people/person.entity';
import { MAX_CACHED_TERMS } from '../../src/modules/people/person-search';
import type { Unit } from '../../src/modules/units/unit.entity';
import { buildUnit } from '../helpers/factories';
import { clientFor } from '../helpers/graphql';
import { startTestApp, type TestApp } from '../helpers/app';

const SEARCH = `query($search: String!, $first: Int, $after: String) {
  people(filter: { search: $search }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;
const CREATE = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { id } }`;

/**
 * The search keeps its meaning whatever way it reads a term (a walk of the
 * name order from the cached first match, or the trigram index) and
 * whatever the cache holds: every answer is compared with the plain
 * substring meaning, computed here with `position` over the unaccented
 * names in a statement of the test's own.
 */
describe('people search: the same answers, cached or not', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let viewer: ReturnType<typeof clientFor>;
  let unit: Unit;
  let pg: Client;

  beforeAll(async () => {
    t = await startTestApp();
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    unit = await buildUnit(t.dataSource, { code: 'SC' });
    pg = new Client({ connectionString: t.config.DATABASE_URL });
    await pg.connect();
    // 12,000 people (more than a walk may read, so that scattered terms are not walked):
    // family, middle and given names cycle independently, plus a few odd names.
    await pg.query(
      `INSERT INTO person (full_name, category, unit_id)
       SELECT (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + i % 13]
              || ' ' || (ARRAY['Văn','Thị','Minh','Quốc','Thu','Đức','Hồng'])[1 + (i / 13) % 7]
              || ' ' || (ARRAY['An','Bình','Cường','Dũng','Hà','Khánh','Lan','Mai','Nam','Phúc','Quân','Sơn','Tâm','Uyên','Vinh','Yến','Thảo','Trang','Hiếu','Long'])[1 + (i / 91) % 20],
              'CADRE', $1
         FROM generate_series(1, 12000) i`,
      [unit.id],
    );
    // One match in each stretch of the order (A…, B…, …): too far apart for a walk to pay.
    await pg.query(
      `INSERT INTO person (full_name, category, unit_id)
       SELECT chr(65 + k) || 'x Kappa', 'WORKER', $1 FROM generate_series(0, 25) k`,
      [unit.id],
    );
    for (const name of ['Lê 100% Đúng', 'Trần A_B', 'Phạm Back\\slash', 'ĐINH   THỊ   XUÂN'])
      await pg.query(`INSERT INTO person (full_name, category, unit_id) VALUES ($1, 'CADRE', $2)`, [
        name,
        unit.id,
      ]);
    await pg.query(`VACUUM ANALYZE person`);
  }, 60_000);

  afterAll(async () => {
    await pg?.end();
    await t?.stop();
  });

  /** The ids a plain substring search finds, in the list's order. */
  async function expected(search: string): Promise<string[]> {
    const { rows } = await pg.query(
      `SELECT id FROM person
        WHERE position(immutable_unaccent(regexp_replace(trim($1), '\\s+', ' ', 'g'))
                       IN immutable_unaccent(full_name)) > 0
        ORDER BY immutable_unaccent(full_name), full_name, id`,
      [search],
    );
    return rows.map((r) => r.id as string);
  }

  /** The first page of 20 as the API gives it. */
  async function firstPage(search: string) {
    const { people } = await viewer.data(SEARCH, { search, first: 20 });
    return {
      totalCount: people.totalCount as number,
      ids: people.edges.map((e: any) => e.node.id as string),
      hasNextPage: people.pageInfo.hasNextPage as boolean,
    };
  }

  /** Every page, `first` at a time, with the totals each page gave. */
  async function allPages(search: string, first: number) {
    const ids: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    do {
      const { people }: any = await viewer.data(SEARCH, { search, first, after });
      ids.push(...people.edges.map((e: any) => e.node.id));
      totals.add(people.totalCount);
      after = people.pageInfo.hasNextPage ? people.pageInfo.endCursor : null;
    } while (after);
    return { ids, totals: [...totals] };
  }

  /** The first page and total equal the plain meaning. */
  async function expectSame(search: string) {
    const all = await expected(search);
    expect({ search, ...(await firstPage(search)) }).toEqual({
      search,
      totalCount: all.length,
      ids: all.slice(0, 20),
      hasNextPage: all.length > 20,
    });
    return all;
  }

  const cached = async (term: string) =>
    (
      await pg.query(
        `SELECT c.total, c.walk, c.generation = g.generation AS current
           FROM person_search_count c, person_search_generation g
          WHERE c.term = immutable_unaccent($1)`,
        [term],
      )
    ).rows[0] as { total: number; walk: boolean; current: boolean } | undefined;

  const TERMS = [
    // frequent: a family name, a given name inside others (yen in nguyen), a middle name
    'nguyen',
    'yen',
    'thi',
    // rare: a middle and given name, scattered matches, a whole name
    'thi lan',
    'x kappa',
    'dang hong tam',
    // accented and in capitals, typed with extra spaces
    'NGUYỄN   Văn',
    'Đặng',
    'đinh thị xuân',
    // one and two letters
    'a',
    'h',
    'an',
    'uy',
    // nothing matches
    'zzz',
    'nguyen xyz',
    // LIKE's wildcards and escape are plain characters
    '%',
    '_',
    'a_b',
    '100% d',
    '\\',
  ];

  it('gives the plain substring meaning for every kind of term, before and after caching it', async () => {
    for (const term of TERMS) await expectSame(term); // fills the cache
    for (const term of TERMS) await expectSame(term); // reads it
    // Both ways of reading were taken: walks for the frequent and the clustered terms,
    // the trigram index for the scattered one.
    expect(await cached('nguyen')).toMatchObject({ total: expect.any(Number), walk: true });
    expect(await cached('yen')).toMatchObject({ walk: true });
    expect(await cached('dang hong tam')).toMatchObject({ walk: true });
    expect(await cached('x kappa')).toMatchObject({ total: 26, walk: false, current: true });
    // A page larger than the cached first page of a scattered term: read through the trigram index.
    const large = await viewer.data(SEARCH, { search: 'x kappa', first: 100 });
    expect(large.people.edges.map((e: any) => e.node.id)).toEqual(await expected('x kappa'));
  });

  it('pages through every match in order, with the same total on each page', async () => {
    for (const term of ['yen', 'x kappa', 'dang', 'uy']) {
      await firstPage(term);
      const all = await expected(term);
      const { ids, totals } = await allPages(term, term === 'yen' || term === 'uy' ? 100 : 7);
      expect({ term, ids, totals }).toEqual({ term, ids: all, totals: [all.length] });
    }
  });

  it('stays exact after people are added, renamed and edited through the API', async () => {
    for (const term of TERMS) await firstPage(term);
    const created = await admin.data(CREATE, {
      input: { fullName: 'Nguyễn Thị Yến', unitId: unit.id, category: PersonCategory.CADRE },
    });
    for (const term of ['nguyen', 'yen', 'thi', 'nguyen thi yen']) await expectSame(term);
    const id = created.createPerson.id as string;
    await admin.data(UPDATE, { id, input: { fullName: 'Aaa Đặng Hồng Tâm' } });
    for (const term of ['nguyen', 'yen', 'dang hong tam', 'aaa']) await expectSame(term);
    // A change that does not touch the name keeps the cache.
    const before = await cached('dang hong tam');
    await admin.data(UPDATE, { id, input: { position: 'Chuyên viên' } });
    expect(await cached('dang hong tam')).toEqual(before);
    await expectSame('dang hong tam');
  });

  it('stays exact after changes made by hand in SQL, and ignores those rolled back', async () => {
    for (const term of TERMS) await firstPage(term);
    await pg.query(
      `INSERT INTO person (full_name, category, unit_id)
       SELECT 'Nguyễn Văn Yên ' || i, 'WORKER', $1 FROM generate_series(1, 30) i`,
      [unit.id],
    );
    for (const term of ['nguyen', 'yen', 'an', 'nguyen van']) await expectSame(term);
    await pg.query(
      `UPDATE person SET full_name = 'Zzz ' || full_name WHERE full_name LIKE 'Nguyễn Văn Yên 1%'`,
    );
    for (const term of ['nguyen', 'yen', 'zzz']) await expectSame(term);
    await pg.query(`DELETE FROM person WHERE full_name LIKE 'Zzz %'`);
    for (const term of ['nguyen', 'yen', 'zzz']) await expectSame(term);
    // Under session_replication_role = replica, as a bulk load runs.
    await pg.query('BEGIN');
    await pg.query(`SET LOCAL session_replication_role = replica`);
    await pg.query(
      `INSERT INTO person (full_name, category, unit_id) VALUES ('Thi Lan Bulk', 'WORKER', $1)`,
      [unit.id],
    );
    await pg.query('COMMIT');
    await expectSame('thi lan');
    // Rolled back: neither the rows nor the counter's bump stay.
    const generation = async () =>
      (await pg.query(`SELECT generation FROM person_search_generation`)).rows[0].generation;
    const at = await generation();
    await pg.query('BEGIN');
    await pg.query(`DELETE FROM person WHERE full_name = 'Thi Lan Bulk'`);
    await pg.query('ROLLBACK');
    expect(await generation()).toBe(at);
    await expectSame('thi lan');
    for (const term of TERMS) await expectSame(term);
  });

  it('never uses a count taken before a change that commits later', async () => {
    await expectSame('yen'); // cached
    const writer = new Client({ connectionString: t.config.DATABASE_URL });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO person (full_name, category, unit_id) VALUES ('Lâm Yến Trễ', 'WORKER', $1)`,
        [unit.id],
      );
      // Searched while the writer is open: the count and page are those of before it.
      await pg.query(`DELETE FROM person_search_count WHERE term = 'yen'`);
      const during = await firstPage('yen'); // refills the cache in a snapshot without the row
      expect(during.totalCount).toBe((await expected('yen')).length);
      expect(await cached('yen')).toMatchObject({ current: true });
      await writer.query('COMMIT');
      const after = await expectSame('yen');
      expect(after).toHaveLength(during.totalCount + 1);
    } finally {
      await writer.end();
    }
  });

  it('makes room when full by dropping the rows of past generations, and only those', async () => {
    await pg.query(`DELETE FROM person_search_count`);
    await expectSame('nguyen'); // current
    await pg.query(
      `INSERT INTO person_search_count (term, generation, total, first_name, last_name, walk, page_ids)
       SELECT 'stale ' || i, 0, 1, NULL, NULL, true, '{}' FROM generate_series(1, $1::int) i`,
      [MAX_CACHED_TERMS],
    );
    await expectSame('thi lan'); // full: not cached, the stale rows dropped
    expect(await cached('thi lan')).toBeUndefined();
    const left = await pg.query(`SELECT term FROM person_search_count`);
    expect(left.rows).toEqual([{ term: 'nguyen' }]);
    await expectSame('thi lan');
    expect(await cached('thi lan')).toMatchObject({ current: true });
    await expectSame('thi lan');
  });

  it('counts a later page from the cache or the table alike', async () => {
    const all = await expected('nguyen');
    const { people } = await viewer.data(SEARCH, { search: 'nguyen', first: 20 });
    const second = await viewer.data(SEARCH, {
      search: 'nguyen',
      first: 20,
      after: people.pageInfo.endCursor,
    });
    expect(second.people.totalCount).toBe(all.length);
    expect(second.people.edges.map((e: any) => e.node.id)).toEqual(all.slice(20, 40));
    await pg.query(`DELETE FROM person_search_count`);
    const uncached = await viewer.data(SEARCH, {
      search: 'nguyen',
      first: 20,
      after: people.pageInfo.endCursor,
    });
    expect(uncached.people).toEqual(second.people);
  });
});
