import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import type { AwardType } from '../../src/modules/awards/award-type.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Campaign } from '../../src/modules/campaigns/campaign.entity';
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
import { clientFor, errorCode } from '../helpers/graphql';

const DASHBOARD = `query($filter: DashboardFilter, $limit: Int) {
  dashboard(filter: $filter) {
    units people activeCampaigns achievements advancedModels awards
    awardsByType { awardType { code } count }
    awardsByYear { year count }
    topUnits(limit: $limit) { unit { code } count }
    leaderShare
    campaigns { campaign { code } registeredUnits achievements advancedModels awards }
  }
}`;

/**
 * A small world whose numbers are computed by hand in each test:
 *
 *   R (root; person pr, leader)
 *   ├── A (person pa, leader)
 *   │   ├── A1 (people pa1, pa1L leader)
 *   │   └── A2 (person pa2)
 *   └── B (person pb)
 *
 * Campaigns: C1 organised by A, LAUNCHED 2020-2022, pledges of A1 and B;
 * C2 organised by B, DRAFT 2024-2025, no pledges; C3 organised by R,
 * CLOSED 2018-2019, pledge of A.
 *
 * Awards (type, recipient, year, campaign, status):
 *   1 T1 pa1  2021 C1 APPROVED       6 T1 pr   2022 -  APPROVED
 *   2 T1 pa1L 2021 C1 ANNOUNCED      7 T1 pa   2020 -  NOMINATED (not counted)
 *   3 T2 A1   2022 -  APPROVED       8 T2 pa2  2021 -  REVOKED   (not counted)
 *   4 T1 pa2  2022 -  APPROVED       9 T1 B    2019 -  REJECTED  (not counted)
 *   5 T2 pb   2021 C1 APPROVED      10 T2 pa2  2019 C3 APPROVED
 *
 * Achievements (holder, year, campaign, status):
 *   h1 pa1 2021 C1 VERIFIED advanced   h4 pa2 2020 -  PROPOSED (not counted)
 *   h2 A1  2021 C1 VERIFIED            h5 pr  2019 C3 VERIFIED
 *   h3 pb  2022 -  VERIFIED advanced   h6 A2  2022 -  REJECTED (not counted)
 */
describe('dashboard', () => {
  let t: TestApp;
  let viewer: ReturnType<typeof clientFor>;
  let R: Unit, A: Unit, A1: Unit, A2: Unit, B: Unit;
  let pr: Person, pa: Person, pa1: Person, pa1L: Person, pa2: Person, pb: Person;
  let T1: AwardType, T2: AwardType;
  let C1: Campaign, C2: Campaign, C3: Campaign;

  const dashboard = async (filter: Record<string, unknown> | null, limit?: number) =>
    (await viewer.data(DASHBOARD, { filter, limit })).dashboard;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    const ds = t.dataSource;
    R = await buildUnit(ds, { code: 'D-R' });
    A = await buildUnit(ds, { code: 'D-A', parent: R });
    A1 = await buildUnit(ds, { code: 'D-A1', parent: A });
    A2 = await buildUnit(ds, { code: 'D-A2', parent: A });
    B = await buildUnit(ds, { code: 'D-B', parent: R });
    pr = await buildPerson(ds, { unit: R, isLeader: true });
    pa = await buildPerson(ds, { unit: A, isLeader: true });
    pa1 = await buildPerson(ds, { unit: A1 });
    pa1L = await buildPerson(ds, { unit: A1, isLeader: true });
    pa2 = await buildPerson(ds, { unit: A2 });
    pb = await buildPerson(ds, { unit: B });
    T1 = await buildAwardType(ds, { code: 'D_T1', sortOrder: 1 });
    T2 = await buildAwardType(ds, { code: 'D_T2', sortOrder: 2 });
    C1 = await buildCampaign(ds, {
      organizer: A,
      code: 'D-C1',
      startsOn: '2020-01-01',
      endsOn: '2022-12-31',
    });
    C2 = await buildCampaign(ds, {
      organizer: B,
      code: 'D-C2',
      status: CampaignStatus.DRAFT,
      startsOn: '2024-01-01',
      endsOn: '2025-12-31',
    });
    C3 = await buildCampaign(ds, {
      organizer: R,
      code: 'D-C3',
      status: CampaignStatus.CLOSED,
      startsOn: '2018-01-01',
      endsOn: '2019-12-31',
    });
    await buildRegistration(ds, { campaign: C1, unit: A1 });
    await buildRegistration(ds, { campaign: C1, unit: B });
    await buildRegistration(ds, { campaign: C3, unit: A });

    const award = (
      type: AwardType,
      recipient: { person: Person } | { unit: Unit },
      year: number,
      campaign: Campaign | null,
      status = AwardStatus.APPROVED,
    ) => buildAward(ds, { type, ...recipient, year, campaignId: campaign?.id ?? null, status });
    await award(T1, { person: pa1 }, 2021, C1);
    await award(T1, { person: pa1L }, 2021, C1, AwardStatus.ANNOUNCED);
    await award(T2, { unit: A1 }, 2022, null);
    await award(T1, { person: pa2 }, 2022, null);
    await award(T2, { person: pb }, 2021, C1);
    await award(T1, { person: pr }, 2022, null);
    await award(T1, { person: pa }, 2020, null, AwardStatus.NOMINATED);
    await award(T2, { person: pa2 }, 2021, null, AwardStatus.REVOKED);
    await award(T1, { unit: B }, 2019, null, AwardStatus.REJECTED);
    await award(T2, { person: pa2 }, 2019, C3);

    const { VERIFIED, PROPOSED, REJECTED } = AchievementStatus;
    await buildAchievement(ds, {
      person: pa1,
      achievedOn: '2021-03-01',
      campaignId: C1.id,
      advancedModel: true,
    });
    await buildAchievement(ds, {
      unit: A1,
      achievedOn: '2021-12-31',
      campaignId: C1.id,
      status: VERIFIED,
    });
    await buildAchievement(ds, { person: pb, achievedOn: '2022-01-01', advancedModel: true });
    await buildAchievement(ds, { person: pa2, achievedOn: '2020-05-05', status: PROPOSED });
    await buildAchievement(ds, { person: pr, achievedOn: '2019-07-07', campaignId: C3.id });
    await buildAchievement(ds, { unit: A2, achievedOn: '2022-02-02', status: REJECTED });
  });

  afterAll(() => t.stop());

  it('counts everything without a filter', async () => {
    expect(await dashboard(null)).toEqual({
      units: 5,
      people: 6,
      activeCampaigns: 1, // C1
      achievements: 4, // h1 h2 h3 h5
      advancedModels: 2, // h1 h3
      awards: 7, // 1-6, 10
      awardsByType: [
        { awardType: { code: 'D_T1' }, count: 4 }, // 1 2 4 6
        { awardType: { code: 'D_T2' }, count: 3 }, // 3 5 10
      ],
      awardsByYear: [
        { year: 2019, count: 1 },
        { year: 2021, count: 3 },
        { year: 2022, count: 3 },
      ],
      // One root, so its children compete; award 6 (to R's own person) is in no row.
      topUnits: [
        { unit: { code: 'D-A' }, count: 5 }, // 1 2 3 4 10
        { unit: { code: 'D-B' }, count: 1 }, // 5
      ],
      leaderShare: 2 / 6, // individual: 1 2 4 5 6 10; leaders: 2 (pa1L), 6 (pr)
      campaigns: [
        {
          campaign: { code: 'D-C2' },
          registeredUnits: 0,
          achievements: 0,
          advancedModels: 0,
          awards: 0,
        },
        {
          campaign: { code: 'D-C1' },
          registeredUnits: 2,
          achievements: 2,
          advancedModels: 1,
          awards: 3,
        },
        {
          campaign: { code: 'D-C3' },
          registeredUnits: 1,
          achievements: 1,
          advancedModels: 0,
          awards: 1,
        },
      ],
    });
  });

  it("restricts to a unit's subtree and its people", async () => {
    expect(await dashboard({ unitId: A.id })).toEqual({
      units: 3, // A A1 A2
      people: 4, // pa pa1 pa1L pa2
      activeCampaigns: 1, // C1, organised by A
      achievements: 2, // h1 h2
      advancedModels: 1, // h1
      awards: 5, // 1 2 3 4 10
      awardsByType: [
        { awardType: { code: 'D_T1' }, count: 3 },
        { awardType: { code: 'D_T2' }, count: 2 },
      ],
      awardsByYear: [
        { year: 2019, count: 1 },
        { year: 2021, count: 2 },
        { year: 2022, count: 2 },
      ],
      topUnits: [
        { unit: { code: 'D-A1' }, count: 3 }, // 1 2 3
        { unit: { code: 'D-A2' }, count: 2 }, // 4 10
      ],
      leaderShare: 0.25, // individual: 1 2 4 10; leaders: 2
      // C1 organised in A; C3 pledged to by A; C2 neither.
      campaigns: [
        {
          campaign: { code: 'D-C1' },
          registeredUnits: 1,
          achievements: 2,
          advancedModels: 1,
          awards: 2,
        },
        {
          campaign: { code: 'D-C3' },
          registeredUnits: 1,
          achievements: 0,
          advancedModels: 0,
          awards: 1,
        },
      ],
    });
  });

  it('restricts activity to the years, inclusive; structure stays', async () => {
    expect(await dashboard({ fromYear: 2021, toYear: 2022 })).toEqual({
      units: 5,
      people: 6,
      activeCampaigns: 1,
      achievements: 3, // h1 h2 (31 Dec 2021) h3 (1 Jan 2022)
      advancedModels: 2,
      awards: 6, // 1-6
      awardsByType: [
        { awardType: { code: 'D_T1' }, count: 4 },
        { awardType: { code: 'D_T2' }, count: 2 },
      ],
      awardsByYear: [
        { year: 2021, count: 3 },
        { year: 2022, count: 3 },
      ],
      topUnits: [
        { unit: { code: 'D-A' }, count: 4 },
        { unit: { code: 'D-B' }, count: 1 },
      ],
      leaderShare: 0.4, // individual: 1 2 4 5 6; leaders: 2 6
      campaigns: [
        {
          campaign: { code: 'D-C1' },
          registeredUnits: 2,
          achievements: 2,
          advancedModels: 1,
          awards: 3,
        },
      ],
    });
    const from2022 = await dashboard({ fromYear: 2022 });
    expect(from2022).toMatchObject({ awards: 3, achievements: 1, activeCampaigns: 1 });
    expect(from2022.campaigns.map((c: any) => c.campaign.code)).toEqual(['D-C2', 'D-C1']);
    expect(await dashboard({ toYear: 2019 })).toMatchObject({
      awards: 1,
      achievements: 1,
      activeCampaigns: 0,
      campaigns: [
        {
          campaign: { code: 'D-C3' },
          registeredUnits: 1,
          achievements: 1,
          advancedModels: 0,
          awards: 1,
        },
      ],
    });
  });

  it('restricts to a campaign', async () => {
    expect(await dashboard({ campaignId: C1.id })).toEqual({
      units: 5,
      people: 6,
      activeCampaigns: 1,
      achievements: 2,
      advancedModels: 1,
      awards: 3, // 1 2 5
      awardsByType: [
        { awardType: { code: 'D_T1' }, count: 2 },
        { awardType: { code: 'D_T2' }, count: 1 },
      ],
      awardsByYear: [{ year: 2021, count: 3 }],
      topUnits: [
        { unit: { code: 'D-A' }, count: 2 },
        { unit: { code: 'D-B' }, count: 1 },
      ],
      leaderShare: 1 / 3,
      campaigns: [
        {
          campaign: { code: 'D-C1' },
          registeredUnits: 2,
          achievements: 2,
          advancedModels: 1,
          awards: 3,
        },
      ],
    });
  });

  it('combines the filters, down to nothing', async () => {
    expect(await dashboard({ unitId: A.id, fromYear: 2019, toYear: 2019 })).toEqual({
      units: 3,
      people: 4,
      activeCampaigns: 0, // C1 runs 2020-2022
      achievements: 0, // h5 is R's
      advancedModels: 0,
      awards: 1, // 10
      awardsByType: [{ awardType: { code: 'D_T2' }, count: 1 }],
      awardsByYear: [{ year: 2019, count: 1 }],
      topUnits: [{ unit: { code: 'D-A2' }, count: 1 }],
      leaderShare: 0,
      campaigns: [
        {
          campaign: { code: 'D-C3' },
          registeredUnits: 1,
          achievements: 0,
          advancedModels: 0,
          awards: 1,
        },
      ],
    });
    expect(await dashboard({ unitId: B.id, campaignId: C3.id })).toEqual({
      units: 1,
      people: 1,
      activeCampaigns: 0,
      achievements: 0,
      advancedModels: 0,
      awards: 0,
      awardsByType: [],
      awardsByYear: [],
      topUnits: [],
      leaderShare: 0,
      campaigns: [],
    });
    expect((await dashboard({ unitId: B.id, campaignId: C2.id })).campaigns).toEqual([
      {
        campaign: { code: 'D-C2' },
        registeredUnits: 0,
        achievements: 0,
        advancedModels: 0,
        awards: 0,
      },
    ]);
  });

  it('limits topUnits, breaking ties by code', async () => {
    expect((await dashboard(null, 1)).topUnits).toEqual([{ unit: { code: 'D-A' }, count: 5 }]);
    expect((await dashboard({ campaignId: C1.id, unitId: A.id })).topUnits).toEqual([
      { unit: { code: 'D-A1' }, count: 2 },
    ]);
    expect((await dashboard({ fromYear: 2021, toYear: 2021, unitId: A.id })).topUnits).toEqual([
      { unit: { code: 'D-A1' }, count: 2 },
    ]);
    // A1 (1 2 3) vs A2 (4 10) is 3:2 overall; in 2022 alone it is 1:1, so by code.
    expect((await dashboard({ fromYear: 2022, toYear: 2022, unitId: A.id })).topUnits).toEqual([
      { unit: { code: 'D-A1' }, count: 1 },
      { unit: { code: 'D-A2' }, count: 1 },
    ]);
    expect((await dashboard(null, 0)).topUnits).toEqual([]);
  });

  it('shows each campaign of the list as the campaign query does', async () => {
    const fields =
      'id code name theme description kind status startsOn endsOn launchedAt organizer { code } registrationCount';
    const { dashboard: d } = await viewer.data(
      `{ dashboard { campaigns { campaign { ${fields} } } } }`,
    );
    for (const { campaign } of d.campaigns) {
      const { campaign: direct } = await viewer.data(
        `query($id: ID!) { campaign(id: $id) { ${fields} } }`,
        {
          id: campaign.id,
        },
      );
      expect(campaign).toEqual(direct);
    }
    expect(d.campaigns.map((c: any) => c.campaign.startsOn)).toEqual([
      '2024-01-01',
      '2020-01-01',
      '2018-01-01',
    ]);
  });

  it('refuses bad filters', async () => {
    const bad = (filter: Record<string, unknown>, limit?: number) =>
      viewer.request(DASHBOARD, { filter, limit }).then(errorCode);
    expect(await bad({ fromYear: 2023, toYear: 2022 })).toBe('BAD_USER_INPUT');
    expect(await bad({ fromYear: 1800 })).toBe('BAD_USER_INPUT');
    expect(await bad({ unitId: 'x' })).toBe('BAD_USER_INPUT');
    expect(await bad({}, 101)).toBe('BAD_USER_INPUT');
    expect(await bad({}, -1)).toBe('BAD_USER_INPUT');
    expect(await bad({ unitId: '00000000-0000-4000-8000-000000000020' })).toBe('NOT_FOUND');
    expect(await bad({ campaignId: '00000000-0000-4000-8000-000000000021' })).toBe('NOT_FOUND');
  });

  it('is readable by every signed-in role, not anonymously', async () => {
    for (const role of Object.values(Role)) {
      const client = clientFor(t.url, t.tokenFor({ role, unitId: A.id, personId: pa.id }));
      expect((await client.data(`{ dashboard { awards } }`)).dashboard.awards).toBe(7);
    }
    expect(errorCode(await clientFor(t.url).request(`{ dashboard { awards } }`))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('costs a fixed number of SQL statements, whatever the data', async () => {
    const count = async () => {
      let statements = 0;
      const logger = t.dataSource.logger;
      const original = logger.logQuery;
      logger.logQuery = (...args: Parameters<typeof original>) => {
        statements++;
        return original.apply(logger, args);
      };
      try {
        await dashboard({ unitId: R.id });
      } finally {
        logger.logQuery = original;
      }
      return statements;
    };
    const before = await count();
    // More units, people, awards and campaigns do not add statements.
    const extra = await buildUnit(t.dataSource, { parent: R });
    const person = await buildPerson(t.dataSource, { unit: extra });
    const campaign = await buildCampaign(t.dataSource, {
      organizer: extra,
      startsOn: '2021-01-01',
      endsOn: '2021-12-31',
    });
    for (let i = 0; i < 3; i++)
      await buildAward(t.dataSource, { type: T2, person, year: 2021, campaignId: campaign.id });
    const after = await count();
    expect(after).toBe(before);
    // scope (1) + counts, awards, top units, campaigns (4) + award types and units by id (2)
    expect(before).toBe(7);
  });
});
