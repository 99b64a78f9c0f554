import type { PoolClient } from 'pg';
import { pageStatements } from '../../src/common/connection';
import { compile, query, type SqlFragment } from '../../src/common/sql';
import { Person } from '../../src/modules/people/person.entity';
import { PersonService } from '../../src/modules/people/person.service';
import { startTestApp, type TestApp } from '../helpers/app';

/**
 * Search and subtree filters must stay index-backed at scale: on 100,000
 * people in 11,050 units, EXPLAIN the exact statements `people` runs.
 * Set SHOW_PLANS=1 to print the plans with timings.
 */
describe('people search on 100,000 people', () => {
  let t: TestApp;
  let service: PersonService;
  let regionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.server.services.get(PersonService);
    const q = async (sql: string) => {
      const started = Date.now();
      const result = await t.dataSource.query(sql);
      if (process.env.SHOW_PLANS)
        process.stdout.write(`${Date.now() - started} ms: ${sql.slice(0, 60)}\n`);
      return result;
    };
    // The trigram indexes are dropped during the bulk load and rebuilt after it from their
    // own definitions (as the migration made them): one build is much faster than 111,050 updates.
    const trigramIndexes: { indexdef: string; indexname: string }[] = await q(
      `SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN ('person_search_idx', 'unit_search_idx')`,
    );
    expect(trigramIndexes).toHaveLength(2);
    for (const { indexname } of trigramIndexes) await q(`DROP INDEX ${indexname}`);
    // 50 regions, 20 agencies each, 10 offices each: 11,050 units.
    await q(`WITH n AS (SELECT gen_random_uuid() AS id, i FROM generate_series(1, 50) i)
      INSERT INTO unit (id, code, name, kind, parent_id, path, depth)
      SELECT id, 'S1-' || i, 'Vùng ' || i, 'PROVINCE', NULL, '/' || id || '/', 0 FROM n`);
    await q(`WITH p AS (SELECT id, path, code FROM unit WHERE depth = 0),
           n AS (SELECT gen_random_uuid() AS id, p.id AS pid, p.path, p.code, j FROM p, generate_series(1, 20) j)
      INSERT INTO unit (id, code, name, kind, parent_id, path, depth)
      SELECT id, code || '-' || j, 'Cơ quan ' || code || '-' || j, 'DEPARTMENT', pid, path || id || '/', 1 FROM n`);
    await q(`WITH p AS (SELECT id, path, code FROM unit WHERE depth = 1),
           n AS (SELECT gen_random_uuid() AS id, p.id AS pid, p.path, p.code, j FROM p, generate_series(1, 10) j)
      INSERT INTO unit (id, code, name, kind, parent_id, path, depth)
      SELECT id, code || '-' || j, 'Phòng ' || code || '-' || j, 'DIVISION', pid, path || id || '/', 2 FROM n`);
    // One statement for the 100,000 people: surname, middle and given names cycle
    // independently; everyone is in one of the 10,000 offices.
    await t.dataSource.transaction(async (manager) => {
      // The rows are consistent by construction: skip the per-row foreign key triggers.
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`INSERT INTO person (full_name, category, unit_id)
        SELECT (ARRAY['Nguyễn','Trần','Lê','Phạm','Hoàng','Vũ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + i % 13]
               || ' ' || (ARRAY['Văn','Thị','Minh','Quốc','Thu','Đức','Hồng'])[1 + (i / 13) % 7]
               || ' ' || (ARRAY['An','Bình','Cường','Dũng','Hà','Khánh','Lan','Mai','Nam','Phúc','Quân','Sơn','Tâm','Uyên','Vinh','Yến','Thảo','Trang','Hiếu','Long'])[1 + (i / 91) % 20],
               (ARRAY['CADRE','CIVIL_SERVANT','PUBLIC_EMPLOYEE','WORKER'])[1 + i % 4],
               office.id
          FROM generate_series(1, 100000) i
          JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k FROM unit WHERE depth = 2) office
            ON office.k = i % 10000`);
    });
    await q(`SET maintenance_work_mem = '128MB'`);
    for (const { indexdef } of trigramIndexes) await q(indexdef);
    // The plans asserted below must not depend on luck: the statistics are read from every
    // row (a target of 400 samples 120,000 rows) and autovacuum does not re-sample them later.
    for (const table of ['unit', 'person']) {
      await q(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
    }
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL default_statistics_target = 400`);
      await manager.query(`ANALYZE unit`);
      await manager.query(`ANALYZE person`);
    });
    [{ id: regionId }] = await q(`SELECT id FROM unit WHERE code = 'S1-7'`);
  }, 120_000);

  afterAll(() => t?.stop());

  /** The plan of a statement, as JSON, with the node types and index names it uses. */
  async function explain(statement: SqlFragment, label: string) {
    const { text: sql, values: params } = compile(statement);
    const analyse = process.env.SHOW_PLANS ? 'ANALYZE, ' : '';
    const [row] = await t.dataSource.query(`EXPLAIN (${analyse}FORMAT JSON) ${sql}`, params);
    const plan = row['QUERY PLAN'][0];
    if (process.env.SHOW_PLANS) {
      const [text] = [await t.dataSource.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params)];
      process.stdout.write(`\n--- ${label}\n${text.map((r: any) => r['QUERY PLAN']).join('\n')}\n`);
    }
    const nodes: { type: string; index?: string; table?: string }[] = [];
    const walk = (node: any) => {
      nodes.push({
        type: node['Node Type'],
        index: node['Index Name'],
        table: node['Relation Name'],
      });
      (node.Plans ?? []).forEach(walk);
    };
    walk(plan.Plan);
    return nodes;
  }

  /** The page statement and the count statement of `people(filter)`. */
  async function statements(filter: Record<string, unknown>) {
    const filtered = (await service.filteredQuery(filter))!;
    return pageStatements(t.dataSource, Person, { first: 20 }, filtered);
  }

  it('finds names ignoring diacritics through person_search_idx (bitmap index scan)', async () => {
    await t.dataSource.query(`DELETE FROM person_search_count`);
    for (const search of ['nguyen quoc khanh', 'dang thi yen', 'DUC', 'van']) {
      const { page, count } = await statements({ search });
      for (const [label, statement] of [
        [`page: ${search}`, page],
        [`count: ${search}`, count],
      ] as const) {
        const nodes = await explain(statement, label);
        expect({ label, nodes }).toEqual({
          label,
          nodes: expect.arrayContaining([
            { type: 'Bitmap Index Scan', index: 'person_search_idx' },
          ]),
        });
        expect(nodes).not.toContainEqual(
          expect.objectContaining({ type: 'Seq Scan', table: 'person' }),
        );
      }
    }
  });

  it('reads the first page of a cached term by walking the name order, not the trigram index', async () => {
    // Frequent (a given name, a family name inside others), clustered (family and middle), whole.
    const terms = ['yen', 'van', 'nguyen thi', 'dang duc khanh'];
    for (const search of terms) {
      await service.list({ search }, { first: 20 }); // fills person_search_count
      const { page } = await statements({ search });
      const { text, values } = compile(page);
      const [row] = await t.dataSource.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${text}`, values);
      const ran: { type: string; index?: string; loops: number }[] = [];
      const walk = (node: any) => {
        ran.push({
          type: node['Node Type'],
          index: node['Index Name'],
          loops: node['Actual Loops'],
        });
        (node.Plans ?? []).forEach(walk);
      };
      walk(row['QUERY PLAN'][0].Plan);
      const used = ran.filter((node) => node.loops > 0);
      expect({ search, used }).toEqual({
        search,
        used: expect.arrayContaining([
          expect.objectContaining({ index: 'person_search_order_idx' }),
        ]),
      });
      expect({ search, used }).not.toEqual({
        search,
        used: expect.arrayContaining([expect.objectContaining({ index: 'person_search_idx' })]),
      });
      expect((await query(t.dataSource, (await statements({ search })).count))[0]).toEqual({
        n: (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM person WHERE position($1 IN immutable_unaccent(full_name)) > 0`,
            [search],
          )
        )[0].n,
      });
    }
  });

  it('keeps one generic plan for the prepared first page, whatever the term', async () => {
    // A custom plan per execution costs PostgreSQL more than the search itself (bench/RESULTS.md):
    // the statement must read the same to the planner for every term, the page size included.
    const terms = ['yen', 'van', 'nguyen thi', 'dang duc khanh', 'minh an', 'thu', 'hong lan'];
    const texts = new Set<string>();
    const runner = t.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      for (const search of [...terms, ...terms]) {
        const { text, values } = compile((await statements({ search })).page);
        texts.add(text);
        await client.query({ name: 'search_first_page', text, values });
      }
      const [plans] = (
        await client.query(
          `SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name = 'search_first_page'`,
        )
      ).rows;
      expect(texts.size).toBe(1);
      // PostgreSQL tries five custom plans, then keeps the generic one if it costs no more.
      expect(plans).toEqual({ generic_plans: 2 * terms.length - 5, custom_plans: 5 });
    } finally {
      await runner.query(`DEALLOCATE ALL`).catch(() => undefined);
      await runner.release();
    }
  });

  it('answers such a search over HTTP with the right people', async () => {
    const res = await fetch(t.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t.tokenFor({ role: 'VIEWER' as any })}`,
      },
      body: JSON.stringify({
        query: `{ people(filter: { search: "nguyen quoc khanh" }, first: 100) { totalCount edges { node { fullName } } } }`,
      }),
    });
    const { data } = (await res.json()) as any;
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM person WHERE full_name = 'Nguyễn Quốc Khánh'`,
    );
    expect(n).toBeGreaterThan(0);
    expect(data.people.totalCount).toBe(n);
    expect(new Set(data.people.edges.map((e: any) => e.node.fullName))).toEqual(
      new Set(['Nguyễn Quốc Khánh']),
    );
  });

  it('reads a subtree through the unit path index, not a walk of the tree or a scan of units', async () => {
    const [{ id: agencyId }] = await t.dataSource.query(
      `SELECT id FROM unit WHERE code = 'S1-7-3'`,
    );
    // An agency: 1 + 10 units, 100 people. Both statements start from unit_path_idx.
    const agency = await statements({ unitId: agencyId, includeSubunits: true });
    for (const [label, statement] of [
      ['page: agency subtree', agency.page],
      ['count: agency subtree', agency.count],
    ] as const) {
      const nodes = await explain(statement, label);
      expect({ label, indexes: nodes.map((n) => n.index) }).toEqual({
        label,
        indexes: expect.arrayContaining(['unit_path_idx']),
      });
      expect(nodes.map((n) => n.type)).not.toContain('Seq Scan');
    }
    // A region: 221 units, 2% of everyone. The subtree's units still come from the path
    // index; with that many matches the planner may then scan people or walk the name index.
    const region = await statements({ unitId: regionId, includeSubunits: true });
    const count = await explain(region.count, 'count: region subtree');
    expect(count.map((n) => n.index)).toContain('unit_path_idx');
    const page = await explain(region.page, 'page: region subtree');
    for (const nodes of [count, page]) {
      expect(nodes).not.toContainEqual(
        expect.objectContaining({ type: 'Seq Scan', table: 'unit' }),
      );
    }
    // 1 region + 20 agencies + 200 offices, 10 people in each office.
    expect(await query(t.dataSource, region.count)).toEqual([{ n: 2000 }]);
  });
});
