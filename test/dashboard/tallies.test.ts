import { Pool } from 'pg';
import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import type { AwardType } from '../../src/modules/awards/award-type.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildAward,
  buildAwardType,
  buildCampaign,
  buildPerson,
  buildRegistration,
  buildUnit,
} from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/**
 * The dashboard reads running tallies that triggers keep. Whatever writes
 * the award and achievement rows (services, factories, bulk loads, several
 * transactions at once), the tallies must equal the aggregates of the rows.
 */
describe('dashboard tallies', () => {
  let t: TestApp;
  let pool: Pool;
  let viewer: ReturnType<typeof clientFor>;
  let root: Unit;
  let unit: Unit;
  let person: Person;
  let type: AwardType;

  const dashboard = async () =>
    (
      await viewer.data(
        `{ dashboard { awards leaderShare achievements advancedModels awardsByYear { year count } } }`,
      )
    ).dashboard;

  /** Rows where the tallies and the aggregates of the base tables disagree (0 when exact). */
  const drift = async (): Promise<number> => {
    const [row] = await t.dataSource.query(`
      WITH award_truth AS (
        SELECT k.unit_id, a.type_id, a.year, a.campaign_id, count(*)::int AS awards,
               count(a.person_id)::int AS individual, count(*) FILTER (WHERE p.is_leader)::int AS leaders
          FROM award a JOIN unit u ON u.id = a.recipient_unit_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) k(unit_id)
          LEFT JOIN person p ON p.id = a.person_id
         WHERE a.status IN ('APPROVED','ANNOUNCED') GROUP BY 1, 2, 3, 4
      ), award_kept AS (
        SELECT unit_id, type_id, year, campaign_id, awards, individual, leaders
          FROM award_tally WHERE awards <> 0 OR individual <> 0 OR leaders <> 0
      ), achievement_truth AS (
        SELECT k.unit_id, extract(year FROM h.achieved_on)::int AS year, h.campaign_id,
               count(*)::int AS verified, count(*) FILTER (WHERE h.advanced_model)::int AS advanced
          FROM achievement h JOIN unit u ON u.id = h.holder_unit_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) k(unit_id)
         WHERE h.status = 'VERIFIED' GROUP BY 1, 2, 3
      ), achievement_kept AS (
        SELECT unit_id, year, campaign_id, verified, advanced
          FROM achievement_tally WHERE verified <> 0 OR advanced <> 0
      ), people_truth AS (
        SELECT k.unit_id, count(*)::int AS people
          FROM person p JOIN unit u ON u.id = p.unit_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) k(unit_id)
         GROUP BY 1
      ), people_kept AS (
        SELECT unit_id, people FROM people_tally WHERE people <> 0
      ), unit_truth AS (
        SELECT k.unit_id, count(*)::int AS units
          FROM unit u
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) k(unit_id)
         GROUP BY 1
      ), unit_kept AS (
        SELECT unit_id, units FROM unit_tally WHERE units <> 0
      ), award_rollup_truth AS (
        SELECT unit_id, type_id, year, sum(awards)::int AS awards,
               sum(individual)::int AS individual, sum(leaders)::int AS leaders
          FROM award_truth GROUP BY 1, 2, 3
      ), award_rollup_kept AS (
        SELECT unit_id, type_id, year, awards, individual, leaders
          FROM award_rollup WHERE awards <> 0 OR individual <> 0 OR leaders <> 0
      ), award_campaign_truth AS (
        SELECT unit_id, campaign_id, year, sum(awards)::int AS awards
          FROM award_truth WHERE campaign_id IS NOT NULL GROUP BY 1, 2, 3
      ), award_campaign_kept AS (
        SELECT unit_id, campaign_id, year, awards FROM award_campaign_rollup WHERE awards <> 0
      ), achievement_rollup_truth AS (
        SELECT unit_id, year, sum(verified)::int AS verified, sum(advanced)::int AS advanced
          FROM achievement_truth GROUP BY 1, 2
      ), achievement_rollup_kept AS (
        SELECT unit_id, year, verified, advanced
          FROM achievement_rollup WHERE verified <> 0 OR advanced <> 0
      ), campaign_truth AS (
        SELECT k.unit_id, c.campaign_id, sum(c.pledges)::int AS pledges, sum(c.organized)::int AS organized
          FROM (SELECT unit_id, campaign_id, 1 AS pledges, 0 AS organized FROM campaign_registration
                UNION ALL
                SELECT organizer_id, id, 0, 1 FROM campaign) c
          JOIN unit u ON u.id = c.unit_id
          CROSS JOIN LATERAL unnest(string_to_array(trim(both '/' from u.path), '/')::uuid[]) k(unit_id)
         GROUP BY 1, 2
      ), campaign_kept AS (
        SELECT unit_id, campaign_id, pledges, organized
          FROM campaign_tally WHERE pledges <> 0 OR organized <> 0
      ), campaign_rollup_truth AS (
        SELECT unit_id, campaign_id, sum(pledges)::int AS pledges, sum(organized)::int AS organized,
               sum(verified)::int AS verified, sum(advanced)::int AS advanced, sum(awards)::int AS awards
          FROM (SELECT unit_id, campaign_id, pledges, organized, 0 AS verified, 0 AS advanced, 0 AS awards
                  FROM campaign_truth
                UNION ALL
                SELECT unit_id, campaign_id, 0, 0, verified, advanced, 0
                  FROM achievement_truth WHERE campaign_id IS NOT NULL
                UNION ALL
                SELECT unit_id, campaign_id, 0, 0, 0, 0, awards FROM award_truth WHERE campaign_id IS NOT NULL) x
         GROUP BY 1, 2
      ), campaign_rollup_kept AS (
        SELECT unit_id, campaign_id, pledges, organized, verified, advanced, awards FROM campaign_rollup
         WHERE pledges <> 0 OR organized <> 0 OR verified <> 0 OR advanced <> 0 OR awards <> 0
      )
      SELECT (SELECT count(*) FROM (TABLE people_truth EXCEPT TABLE people_kept) x)
           + (SELECT count(*) FROM (TABLE unit_truth EXCEPT TABLE unit_kept) x)
           + (SELECT count(*) FROM (TABLE unit_kept EXCEPT TABLE unit_truth) x)
           + (SELECT count(*) FROM (TABLE people_kept EXCEPT TABLE people_truth) x)
           + (SELECT count(*) FROM (TABLE award_truth EXCEPT TABLE award_kept) x)
           + (SELECT count(*) FROM (TABLE award_kept EXCEPT TABLE award_truth) x)
           + (SELECT count(*) FROM (TABLE achievement_truth EXCEPT TABLE achievement_kept) x)
           + (SELECT count(*) FROM (TABLE achievement_kept EXCEPT TABLE achievement_truth) x)
           + (SELECT count(*) FROM (TABLE award_rollup_truth EXCEPT TABLE award_rollup_kept) x)
           + (SELECT count(*) FROM (TABLE award_rollup_kept EXCEPT TABLE award_rollup_truth) x)
           + (SELECT count(*) FROM (TABLE award_campaign_truth EXCEPT TABLE award_campaign_kept) x)
           + (SELECT count(*) FROM (TABLE award_campaign_kept EXCEPT TABLE award_campaign_truth) x)
           + (SELECT count(*) FROM (TABLE achievement_rollup_truth EXCEPT TABLE achievement_rollup_kept) x)
           + (SELECT count(*) FROM (TABLE achievement_rollup_kept EXCEPT TABLE achievement_rollup_truth) x)
           + (SELECT count(*) FROM (TABLE campaign_truth EXCEPT TABLE campaign_kept) x)
           + (SELECT count(*) FROM (TABLE campaign_kept EXCEPT TABLE campaign_truth) x)
           + (SELECT count(*) FROM (TABLE campaign_rollup_truth EXCEPT TABLE campaign_rollup_kept) x)
           + (SELECT count(*) FROM (TABLE campaign_rollup_kept EXCEPT TABLE campaign_rollup_truth) x) AS n`);
    return Number(row.n);
  };

  /**
   * The campaign lists of the whole tree and of every unit, read without
   * years (from campaign_rollup) and with years wider than any data (from
   * the yearly tallies), the units as aliases of a few requests.
   */
  const campaignLists = async (years: boolean) => {
    const units: { id: string }[] = await t.dataSource.query(`SELECT id FROM unit ORDER BY code`);
    const filters = [
      years ? '(filter: { fromYear: 1945, toYear: 2200 })' : '',
      ...units.map(
        (u) => `(filter: { unitId: "${u.id}"${years ? ', fromYear: 1945, toYear: 2200' : ''} })`,
      ),
    ];
    const fields = `campaigns { campaign { id } registeredUnits achievements advancedModels awards }`;
    const lists: unknown[] = [];
    for (let i = 0; i < filters.length; i += 15) {
      const chunk = filters.slice(i, i + 15);
      const data = await viewer.data(
        `{ ${chunk.map((f, j) => `d${j}: dashboard${f} { ${fields} }`).join('\n')} }`,
      );
      lists.push(...chunk.map((_, j) => data[`d${j}`]));
    }
    return lists;
  };

  // Whatever a test wrote, the campaign figures must not depend on the table they are read from.
  afterEach(async () => {
    const yearless = await campaignLists(false);
    expect(yearless).toEqual(await campaignLists(true));
  });

  beforeAll(async () => {
    t = await startTestApp();
    pool = new Pool({ connectionString: t.config.DATABASE_URL, max: 12 });
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    root = await buildUnit(t.dataSource, { code: 'TL-ROOT' });
    unit = await buildUnit(t.dataSource, { code: 'TL-UNIT', parent: root });
    person = await buildPerson(t.dataSource, { unit });
    type = await buildAwardType(t.dataSource, { code: 'TL_T' });
  });

  afterAll(async () => {
    await pool.end();
    await t.stop();
  });

  it('follows an award through its lifecycle, by row updates and deletes', async () => {
    const { id } = await buildAward(t.dataSource, {
      type,
      person,
      year: 2023,
      status: AwardStatus.NOMINATED,
    });
    expect((await dashboard()).awards).toBe(0);
    for (const [status, expected] of [
      ['APPROVED', 1],
      ['ANNOUNCED', 1],
      ['REVOKED', 0],
      ['APPROVED', 1],
    ] as const) {
      await t.dataSource.query(`UPDATE award SET status = $2 WHERE id = $1`, [id, status]);
      expect((await dashboard()).awards).toBe(expected);
    }
    await t.dataSource.query(`UPDATE award SET year = 2024 WHERE id = $1`, [id]);
    expect((await dashboard()).awardsByYear).toEqual([{ year: 2024, count: 1 }]);
    await t.dataSource.query(`DELETE FROM award WHERE id = $1`, [id]);
    expect((await dashboard()).awards).toBe(0);
    expect(await drift()).toBe(0);
  });

  it('moves awards between leaders and others when a person takes or leaves a post', async () => {
    const leaderToBe = await buildPerson(t.dataSource, { unit });
    await buildAward(t.dataSource, { type, person: leaderToBe, year: 2022 });
    await buildAward(t.dataSource, { type, person: leaderToBe, year: 2021 });
    await buildAward(t.dataSource, { type, person, year: 2021 });
    await buildAward(t.dataSource, { type, unit, year: 2021 });
    expect((await dashboard()).leaderShare).toBe(0);
    const admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    const update = `mutation($id: ID!, $leader: Boolean!) { updatePerson(id: $id, input: { isLeader: $leader }) { isLeader } }`;
    await admin.data(update, { id: leaderToBe.id, leader: true });
    expect((await dashboard()).leaderShare).toBeCloseTo(2 / 3);
    await admin.data(update, { id: leaderToBe.id, leader: false });
    expect((await dashboard()).leaderShare).toBe(0);
    expect(await drift()).toBe(0);
  });

  it('follows achievements through verification and advanced-model marking', async () => {
    const before = await dashboard();
    const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    const a = await buildAchievement(t.dataSource, {
      person,
      status: AchievementStatus.PROPOSED,
      achievedOn: '2024-02-02',
    });
    expect((await dashboard()).achievements).toBe(before.achievements);
    await secretary.data(
      `mutation($id: ID!) { verifyAchievement(id: $id, approve: true) { id } }`,
      {
        id: a.id,
      },
    );
    expect((await dashboard()).achievements).toBe(before.achievements + 1);
    await secretary.data(`mutation($id: ID!) { markAdvancedModel(id: $id) { id } }`, { id: a.id });
    expect((await dashboard()).advancedModels).toBe(before.advancedModels + 1);
    await secretary.data(
      `mutation($id: ID!) { markAdvancedModel(id: $id, advancedModel: false) { id } }`,
      { id: a.id },
    );
    expect((await dashboard()).advancedModels).toBe(before.advancedModels);
    await t.dataSource.query(`DELETE FROM achievement WHERE id = $1`, [a.id]);
    expect((await dashboard()).achievements).toBe(before.achievements);
    expect(await drift()).toBe(0);
  });

  it('stays exact under statements that change many rows with different keys', async () => {
    const campaign = await buildCampaign(t.dataSource, { organizer: unit });
    const others = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        buildPerson(t.dataSource, { unit, isLeader: i % 2 === 0 }),
      ),
    );
    for (const [i, p] of others.entries()) {
      for (const year of [2019, 2020]) {
        await buildAward(t.dataSource, {
          type,
          person: p,
          year,
          status: AwardStatus.NOMINATED,
          campaignId: i % 2 ? campaign.id : null,
        });
      }
      await buildAchievement(t.dataSource, { person: p, status: AchievementStatus.PROPOSED });
    }
    await t.dataSource.query(`UPDATE award SET status = 'APPROVED' WHERE status = 'NOMINATED'`);
    await t.dataSource.query(
      `UPDATE achievement SET status = 'VERIFIED', advanced_model = (random() < 0.5) WHERE status = 'PROPOSED'`,
    );
    expect(await drift()).toBe(0);
    await t.dataSource.query(`UPDATE award SET campaign_id = NULL WHERE year = 2019`);
    await t.dataSource.query(
      `UPDATE award SET status = 'REVOKED' WHERE year = 2020 AND campaign_id IS NULL`,
    );
    expect(await drift()).toBe(0);
  });

  it('stays exact when many transactions write at once, and leadership changes race approvals', async () => {
    const racer = await buildPerson(t.dataSource, { unit });
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const award = await buildAward(t.dataSource, {
        type,
        person: racer,
        year: 2018,
        status: AwardStatus.NOMINATED,
      });
      ids.push(award.id);
    }
    const inTransaction = async (statements: [string, unknown[]][]) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const [sql, params] of statements) await client.query(sql, params);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const work: Promise<void>[] = [];
    for (const [i, id] of ids.entries()) {
      work.push(
        inTransaction([
          [`UPDATE award SET status = 'APPROVED' WHERE id = $1`, [id]],
          [`SELECT pg_sleep(0.005)`, []],
        ]),
      );
      if (i % 3 === 0) {
        work.push(
          inTransaction([
            [`UPDATE person SET is_leader = NOT is_leader WHERE id = $1`, [racer.id]],
            [`SELECT pg_sleep(0.005)`, []],
          ]),
        );
      }
    }
    await Promise.all(work);
    expect(await drift()).toBe(0);
  });

  it('counts the units of a subtree as they are created, move, are loaded in bulk and go', async () => {
    const units = async (u: Unit | null) =>
      (
        await viewer.data(`query($f: DashboardFilter) { dashboard(filter: $f) { units } }`, {
          f: u ? { unitId: u.id } : null,
        })
      ).dashboard.units as number;
    const admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    const a = await buildUnit(t.dataSource, { code: 'TL-U-A', parent: root });
    const b = await buildUnit(t.dataSource, { code: 'TL-U-B', parent: root });
    const everything = await units(null);
    const { createUnit } = await admin.data(
      `mutation($p: ID!) { createUnit(input: { code: "TL-U-A1", kind: COMMUNE, name: "Xã Tân Lập", parentId: $p }) { id } }`,
      { p: a.id },
    );
    const [a1] = await t.dataSource.query(`SELECT id, path, depth FROM unit WHERE id = $1`, [
      createUnit.id,
    ]);
    await buildUnit(t.dataSource, { code: 'TL-U-A1X', parent: a1 as Unit });
    expect([await units(a), await units(b), await units(null)]).toEqual([3, 1, everything + 2]);
    await admin.data(
      `mutation($id: ID!, $to: ID!) { updateUnit(id: $id, input: { parentId: $to }) { id } }`,
      { id: createUnit.id, to: b.id },
    );
    expect([await units(a), await units(b), await units(root)]).toEqual([1, 3, everything + 2]);
    expect(await drift()).toBe(0);

    const client = await pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `INSERT INTO unit (id, code, name, kind, parent_id, path, depth)
         SELECT g.id, 'TL-U-BULK-' || g.n, 'Đơn vị ' || g.n, 'COMMUNE', $1, $2 || g.id || '/', $3
           FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 40) n) g`,
        [a.id, a.path, a.depth + 1],
      );
    } finally {
      await client.query(`SET session_replication_role = DEFAULT`);
      client.release();
    }
    expect(await units(a)).toBe(41);
    expect(await drift()).toBe(0);
    await t.dataSource.query(`DELETE FROM unit WHERE code LIKE 'TL-U-BULK-%'`);
    expect([await units(a), await units(null)]).toEqual([1, everything + 2]);
    expect(await drift()).toBe(0);
  });

  it('counts people as they are created, move between units and leave', async () => {
    const from = await buildUnit(t.dataSource, { code: 'TL-FROM', parent: root });
    const to = await buildUnit(t.dataSource, { code: 'TL-TO', parent: root });
    const people = async (u: Unit) =>
      (
        await viewer.data(`query($id: ID!) { dashboard(filter: { unitId: $id }) { people } }`, {
          id: u.id,
        })
      ).dashboard.people;
    const admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    const { createPerson } = await admin.data(
      `mutation($unitId: ID!) { createPerson(input: { fullName: "Lý Văn Sơn", unitId: $unitId, category: CIVIL_SERVANT }) { id } }`,
      { unitId: from.id },
    );
    expect([await people(from), await people(to)]).toEqual([1, 0]);
    await admin.data(
      `mutation($id: ID!, $to: ID!) { updatePerson(id: $id, input: { unitId: $to }) { id } }`,
      {
        id: createPerson.id,
        to: to.id,
      },
    );
    expect([await people(from), await people(to)]).toEqual([0, 1]);
    await t.dataSource.query(`DELETE FROM person WHERE id = $1`, [createPerson.id]);
    expect(await people(to)).toBe(0);
    expect(await drift()).toBe(0);
  });

  it('follows a unit that moves to another parent, with its whole subtree', async () => {
    const left = await buildUnit(t.dataSource, { code: 'TL-LEFT', parent: root });
    const right = await buildUnit(t.dataSource, { code: 'TL-RIGHT', parent: root });
    const mover = await buildUnit(t.dataSource, { code: 'TL-MOVER', parent: left });
    const leaf = await buildUnit(t.dataSource, { code: 'TL-LEAF', parent: mover });
    const worker = await buildPerson(t.dataSource, { unit: leaf, isLeader: true });
    await buildAward(t.dataSource, { type, person: worker, year: 2017 });
    await buildAward(t.dataSource, { type, unit: mover, year: 2017 });
    await buildAchievement(t.dataSource, { person: worker, advancedModel: true });
    const subtree = async (u: Unit) =>
      (
        await viewer.data(
          `query($id: ID!) { dashboard(filter: { unitId: $id }) { people awards achievements advancedModels leaderShare } }`,
          { id: u.id },
        )
      ).dashboard;
    expect(await subtree(left)).toEqual({
      people: 1,
      awards: 2,
      achievements: 1,
      advancedModels: 1,
      leaderShare: 1,
    });
    const admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    await admin.data(
      `mutation($id: ID!, $to: ID!) { updateUnit(id: $id, input: { parentId: $to }) { id } }`,
      {
        id: mover.id,
        to: right.id,
      },
    );
    expect(await subtree(left)).toEqual({
      people: 0,
      awards: 0,
      achievements: 0,
      advancedModels: 0,
      leaderShare: 0,
    });
    expect(await subtree(right)).toEqual({
      people: 1,
      awards: 2,
      achievements: 1,
      advancedModels: 1,
      leaderShare: 1,
    });
    expect(await drift()).toBe(0);
  });

  it('is kept by bulk loads that run with session_replication_role = replica', async () => {
    const client = await pool.connect();
    try {
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `INSERT INTO award (type_id, is_title, person_id, recipient_unit_id, year, status, nominated_by_id)
         SELECT $1, false, $2, $3, 2010 + g % 5, 'ANNOUNCED', $3 FROM generate_series(1, 500) g`,
        [type.id, person.id, unit.id],
      );
    } finally {
      await client.query(`SET session_replication_role = DEFAULT`);
      client.release();
    }
    expect(await drift()).toBe(0);
    expect((await dashboard()).awardsByYear).toEqual(
      expect.arrayContaining([{ year: 2010, count: 100 }]),
    );
  });

  describe('of campaigns and pledges', () => {
    let dept: Unit, div1: Unit, div2: Unit, other: Unit;
    const admin = () => clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));

    /** The campaigns of a unit's dashboard, by code, with their pledges; and its active campaigns. */
    const campaignsOf = async (u: Unit) => {
      const { dashboard: d } = await viewer.data(
        `query($id: ID!) { dashboard(filter: { unitId: $id }) {
           activeCampaigns campaigns { campaign { code } registeredUnits } } }`,
        { id: u.id },
      );
      return {
        active: d.activeCampaigns as number,
        campaigns: Object.fromEntries(
          (d.campaigns as { campaign: { code: string }; registeredUnits: number }[]).map((c) => [
            c.campaign.code,
            c.registeredUnits,
          ]),
        ),
      };
    };

    beforeAll(async () => {
      dept = await buildUnit(t.dataSource, { code: 'TL-DEPT', parent: root });
      div1 = await buildUnit(t.dataSource, { code: 'TL-DIV1', parent: dept });
      div2 = await buildUnit(t.dataSource, { code: 'TL-DIV2', parent: dept });
      other = await buildUnit(t.dataSource, { code: 'TL-OTHER', parent: root });
    });

    it('follows pledges as units make, withdraw and transfer them', async () => {
      const k = await buildCampaign(t.dataSource, { code: 'TL-K', organizer: other });
      expect(await campaignsOf(dept)).toEqual({ active: 0, campaigns: {} });
      const first = await buildRegistration(t.dataSource, { campaign: k, unit: div1 });
      const second = await buildRegistration(t.dataSource, { campaign: k, unit: div2 });
      expect(await campaignsOf(dept)).toEqual({ active: 1, campaigns: { 'TL-K': 2 } });
      expect(await campaignsOf(div1)).toEqual({ active: 1, campaigns: { 'TL-K': 1 } });
      expect((await campaignsOf(root)).campaigns['TL-K']).toBe(2);
      expect(await campaignsOf(other)).toEqual({ active: 1, campaigns: { 'TL-K': 0 } });
      expect(await drift()).toBe(0);

      await t.dataSource.query(`DELETE FROM campaign_registration WHERE id = $1`, [second.id]);
      expect(await campaignsOf(dept)).toEqual({ active: 1, campaigns: { 'TL-K': 1 } });
      // A statement that changes a pledge's unit, and one that changes only its text.
      await t.dataSource.query(`UPDATE campaign_registration SET unit_id = $2 WHERE id = $1`, [
        first.id,
        other.id,
      ]);
      await t.dataSource.query(`UPDATE campaign_registration SET pledge = 'Hoàn thành xuất sắc'`);
      expect(await campaignsOf(dept)).toEqual({ active: 0, campaigns: {} });
      expect(await campaignsOf(other)).toEqual({ active: 1, campaigns: { 'TL-K': 1 } });
      expect((await campaignsOf(root)).campaigns['TL-K']).toBe(1);
      expect(await drift()).toBe(0);
    });

    it("follows a campaign's organizer, and counts only LAUNCHED campaigns as active", async () => {
      const draft = await buildCampaign(t.dataSource, {
        code: 'TL-L',
        organizer: div2,
        status: CampaignStatus.DRAFT,
      });
      expect(await campaignsOf(dept)).toEqual({ active: 0, campaigns: { 'TL-L': 0 } });
      await t.dataSource.query(`UPDATE campaign SET status = 'LAUNCHED' WHERE id = $1`, [draft.id]);
      expect(await campaignsOf(dept)).toEqual({ active: 1, campaigns: { 'TL-L': 0 } });
      await t.dataSource.query(`UPDATE campaign SET organizer_id = $2 WHERE id = $1`, [
        draft.id,
        other.id,
      ]);
      expect(await campaignsOf(dept)).toEqual({ active: 0, campaigns: {} });
      expect((await campaignsOf(other)).campaigns).toEqual({ 'TL-K': 1, 'TL-L': 0 });
      expect(await drift()).toBe(0);
      await t.dataSource.query(`DELETE FROM campaign WHERE id = $1`, [draft.id]);
      expect((await campaignsOf(other)).campaigns).toEqual({ 'TL-K': 1 });
      expect(await drift()).toBe(0);
    });

    it('follows a unit that moves with its pledges and the campaigns it organizes', async () => {
      await buildCampaign(t.dataSource, { code: 'TL-M', organizer: div1 });
      const n = await buildCampaign(t.dataSource, { code: 'TL-N', organizer: other });
      const leaf = await buildUnit(t.dataSource, { code: 'TL-DIV1-LEAF', parent: div1 });
      await buildRegistration(t.dataSource, { campaign: n, unit: leaf });
      await buildRegistration(t.dataSource, { campaign: n, unit: div2 });
      expect(await campaignsOf(dept)).toEqual({ active: 2, campaigns: { 'TL-M': 0, 'TL-N': 2 } });
      await admin().data(
        `mutation($id: ID!, $to: ID!) { updateUnit(id: $id, input: { parentId: $to }) { id } }`,
        { id: div1.id, to: other.id },
      );
      expect(await campaignsOf(dept)).toEqual({ active: 1, campaigns: { 'TL-N': 1 } });
      expect((await campaignsOf(other)).campaigns).toEqual({ 'TL-K': 1, 'TL-M': 0, 'TL-N': 1 });
      expect((await campaignsOf(root)).campaigns).toMatchObject({ 'TL-M': 0, 'TL-N': 2 });
      expect(await drift()).toBe(0);
    });

    it('stays exact when many units pledge at once while a unit moves', async () => {
      const campaign = await buildCampaign(t.dataSource, { code: 'TL-RACE', organizer: root });
      const units = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          buildUnit(t.dataSource, { code: `TL-RACE-${i}`, parent: i % 2 ? dept : other }),
        ),
      );
      const pledge = async (u: Unit) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO campaign_registration (campaign_id, unit_id) VALUES ($1, $2)`,
            [campaign.id, u.id],
          );
          await client.query(`SELECT pg_sleep(0.005)`);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      };
      await Promise.all([
        ...units.map(pledge),
        admin().data(
          `mutation($id: ID!, $to: ID!) { updateUnit(id: $id, input: { parentId: $to }) { id } }`,
          { id: units[1]!.id, to: other.id },
        ),
      ]);
      expect(await drift()).toBe(0);
      expect((await campaignsOf(dept)).campaigns['TL-RACE']).toBe(5);
      expect((await campaignsOf(other)).campaigns['TL-RACE']).toBe(7);
    });

    it("keeps a campaign's awards and achievements over all years as they come, change, move and go", async () => {
      const yDept = await buildUnit(t.dataSource, { code: 'TL-Y-DEPT', parent: root });
      const yDiv1 = await buildUnit(t.dataSource, { code: 'TL-Y-DIV1', parent: yDept });
      const yDiv2 = await buildUnit(t.dataSource, { code: 'TL-Y-DIV2', parent: yDept });
      const c = await buildCampaign(t.dataSource, { code: 'TL-YEARS', organizer: yDept });
      const figuresOf = async (u: Unit | null) => {
        const { dashboard: d } = await viewer.data(
          `query($f: DashboardFilter) { dashboard(filter: $f) {
             campaigns { campaign { code } registeredUnits achievements advancedModels awards } } }`,
          { f: u ? { unitId: u.id } : null },
        );
        const row = (d.campaigns as { campaign: { code: string } }[]).find(
          (x) => x.campaign.code === 'TL-YEARS',
        );
        return row && { ...row, campaign: undefined };
      };
      const inDiv1 = await buildPerson(t.dataSource, { unit: yDiv1, isLeader: true });
      const inDiv2 = await buildPerson(t.dataSource, { unit: yDiv2 });
      const awards = [];
      for (const year of [2019, 2020, 2021]) {
        awards.push(
          await buildAward(t.dataSource, { type, person: inDiv1, year, campaignId: c.id }),
        );
        awards.push(await buildAward(t.dataSource, { type, unit: yDiv2, year, campaignId: c.id }));
      }
      for (const achievedOn of ['2019-05-01', '2021-05-01']) {
        await buildAchievement(t.dataSource, { person: inDiv2, achievedOn, campaignId: c.id });
      }
      await buildAchievement(t.dataSource, {
        person: inDiv1,
        achievedOn: '2020-05-01',
        campaignId: c.id,
        advancedModel: true,
      });
      const all = { registeredUnits: 0, achievements: 3, advancedModels: 1, awards: 6 };
      expect(await figuresOf(null)).toMatchObject(all);
      expect(await figuresOf(yDept)).toMatchObject(all);
      expect(await figuresOf(yDiv1)).toBeUndefined(); // neither pledged nor organized
      expect(await drift()).toBe(0);

      // Years, statuses and campaigns changed by hand; a pledge by the API.
      await t.dataSource.query(`UPDATE award SET year = 2022 WHERE id = $1`, [awards[0]!.id]);
      await t.dataSource.query(`UPDATE award SET status = 'REVOKED' WHERE id = $1`, [
        awards[1]!.id,
      ]);
      await t.dataSource.query(`UPDATE award SET campaign_id = NULL WHERE id = $1`, [
        awards[2]!.id,
      ]);
      await t.dataSource.query(
        `UPDATE achievement SET achieved_on = achieved_on + interval '1 year', advanced_model = true
          WHERE campaign_id = $1 AND holder_unit_id = $2`,
        [c.id, yDiv2.id],
      );
      await buildRegistration(t.dataSource, { campaign: c, unit: yDiv1 });
      expect(await figuresOf(yDept)).toMatchObject({
        registeredUnits: 1,
        achievements: 3,
        advancedModels: 3,
        awards: 4,
      });
      expect(await drift()).toBe(0);

      // yDiv1 moves away with its person, awards, achievement and pledge.
      await admin().data(
        `mutation($id: ID!, $to: ID!) { updateUnit(id: $id, input: { parentId: $to }) { id } }`,
        { id: yDiv1.id, to: other.id },
      );
      expect(await figuresOf(yDept)).toMatchObject({
        registeredUnits: 0,
        achievements: 2,
        advancedModels: 2,
        awards: 2,
      });
      expect(await figuresOf(other)).toMatchObject({
        registeredUnits: 1,
        achievements: 1,
        advancedModels: 1,
        awards: 2,
      });
      expect(await figuresOf(null)).toMatchObject({ registeredUnits: 1, awards: 4 });
      expect(await drift()).toBe(0);

      // A bulk load of the campaign's awards over five years, with the triggers of a replica.
      const client = await pool.connect();
      try {
        await client.query(`SET session_replication_role = replica`);
        await client.query(
          `INSERT INTO award (type_id, is_title, person_id, recipient_unit_id, year, status, nominated_by_id, campaign_id)
           SELECT $1, false, $2, $3, 2015 + g % 5, 'APPROVED', $3, $4 FROM generate_series(1, 200) g`,
          [type.id, inDiv2.id, yDiv2.id, c.id],
        );
      } finally {
        await client.query(`SET session_replication_role = DEFAULT`);
        client.release();
      }
      expect(await figuresOf(yDept)).toMatchObject({ awards: 202 });
      expect(await drift()).toBe(0);

      await t.dataSource.query(`DELETE FROM award WHERE campaign_id = $1`, [c.id]);
      await t.dataSource.query(`DELETE FROM achievement WHERE campaign_id = $1`, [c.id]);
      expect(await figuresOf(null)).toMatchObject({
        achievements: 0,
        advancedModels: 0,
        awards: 0,
      });
      expect(await drift()).toBe(0);
    });

    it('is kept by bulk loads of pledges that run with session_replication_role = replica', async () => {
      const campaigns = await Promise.all(
        [0, 1, 2].map((i) =>
          buildCampaign(t.dataSource, { code: `TL-BULK-${i}`, organizer: dept }),
        ),
      );
      const client = await pool.connect();
      try {
        await client.query(`SET session_replication_role = replica`);
        await client.query(
          `INSERT INTO campaign_registration (campaign_id, unit_id)
           SELECT c, u FROM unnest($1::uuid[]) c CROSS JOIN unnest($2::uuid[]) u`,
          [campaigns.map((c) => c.id), [dept.id, div2.id, other.id]],
        );
      } finally {
        await client.query(`SET session_replication_role = DEFAULT`);
        client.release();
      }
      expect(await drift()).toBe(0);
      expect((await campaignsOf(dept)).campaigns['TL-BULK-0']).toBe(2);
      expect((await campaignsOf(root)).campaigns['TL-BULK-2']).toBe(3);
    });
  });

  it('can be rebuilt from the base tables after a load that bypassed it', async () => {
    await t.dataSource.query(`UPDATE award_tally SET awards = awards + 7`);
    await t.dataSource.query(`DELETE FROM people_tally`);
    expect(await drift()).toBeGreaterThan(0);
    await t.dataSource.query(`SELECT rebuild_dashboard_tallies()`);
    expect(await drift()).toBe(0);
    // The rollups are rebuilt with the tallies they are kept from.
    for (const damage of [
      `UPDATE award_rollup SET leaders = leaders + 1`,
      `DELETE FROM award_campaign_rollup`,
      `DELETE FROM achievement_rollup`,
      `UPDATE campaign_tally SET pledges = pledges + 3, organized = 1 - organized`,
      `DELETE FROM campaign_tally WHERE organized = 0`,
      `UPDATE campaign_rollup SET awards = awards + 1, verified = verified + 2, pledges = pledges + 1`,
      `DELETE FROM campaign_rollup WHERE organized = 0`,
      `UPDATE unit_tally SET units = units + 1 WHERE unit_id = (SELECT id FROM unit ORDER BY code LIMIT 1)`,
      `DELETE FROM unit_tally WHERE units = 1`,
    ]) {
      await t.dataSource.query(damage);
      expect(await drift()).toBeGreaterThan(0);
      await t.dataSource.query(`SELECT rebuild_dashboard_tallies()`);
      expect(await drift()).toBe(0);
    }
  });

  it('is emptied with the tables', async () => {
    await t.dataSource.query(`TRUNCATE award, achievement CASCADE`);
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM award_tally)::int AS a, (SELECT count(*) FROM achievement_tally)::int AS h,
              (SELECT count(*) FROM award_rollup)::int AS ar, (SELECT count(*) FROM award_campaign_rollup)::int AS acr,
              (SELECT count(*) FROM achievement_rollup)::int AS hr,
              (SELECT count(*) FROM campaign_rollup WHERE verified <> 0 OR advanced <> 0 OR awards <> 0)::int AS cr`,
    );
    expect(row).toEqual({ a: 0, h: 0, ar: 0, acr: 0, hr: 0, cr: 0 });
    expect(await drift()).toBe(0);
    expect(await dashboard()).toMatchObject({ awards: 0, achievements: 0, leaderShare: 0 });
  });

  it('drops the pledges with their table, and everything with the campaigns', async () => {
    const count = async (where: string) =>
      Number(
        (await t.dataSource.query(`SELECT count(*) AS n FROM campaign_tally WHERE ${where}`))[0].n,
      );
    expect(await count('pledges > 0')).toBeGreaterThan(0);
    await t.dataSource.query(`TRUNCATE campaign_registration CASCADE`);
    expect(await count('pledges <> 0')).toBe(0);
    expect(await count('organized > 0')).toBeGreaterThan(0);
    expect(await drift()).toBe(0);
    await t.dataSource.query(`TRUNCATE campaign CASCADE`);
    expect(await count('true')).toBe(0);
    expect(
      Number((await t.dataSource.query(`SELECT count(*) AS n FROM campaign_rollup`))[0].n),
    ).toBe(0);

    expect(await drift()).toBe(0);
  });
});
