import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Campaign } from '../../src/modules/campaigns/campaign.entity';
import { type Conference, ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildAward,
  buildCampaign,
  buildConference,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';

describe('awards in profiles and lists', () => {
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    client = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
  });
  afterAll(() => t.stop());

  describe('Person', () => {
    const PERSON = `
      query ($id: ID!, $first: Int, $after: String, $status: AwardStatus) {
        person(id: $id) {
          awards(first: $first, after: $after, status: $status) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { cursor node { id year status type { code } } }
          }
          titleHistory { year awardType { code level } award { id status } }
        }
      }`;

    it("lists the person's awards newest year first, by status, a page at a time", async () => {
      const unit = await buildUnit(t.dataSource);
      const person = await buildPerson(t.dataSource, { unit });
      const other = await buildPerson(t.dataSource, { unit });
      const a2023 = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2023,
      });
      const a2025 = await buildAward(t.dataSource, {
        type: 'GIAY_KHEN',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      const a2024 = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2024,
      });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person: other, year: 2024 });
      const first = await client.data(PERSON, { id: person.id, first: 2 });
      const page1 = first.person.awards;
      expect(page1.totalCount).toBe(3);
      expect(page1.edges.map((e: any) => e.node.id)).toEqual([a2025.id, a2024.id]);
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await client.data(PERSON, {
        id: person.id,
        first: 2,
        after: page1.pageInfo.endCursor,
      });
      expect(second.person.awards.edges.map((e: any) => e.node.id)).toEqual([a2023.id]);
      expect(second.person.awards.pageInfo.hasNextPage).toBe(false);
      const approved = await client.data(PERSON, { id: person.id, status: 'APPROVED' });
      expect(approved.person.awards.totalCount).toBe(2);
      expect(approved.person.awards.edges.map((e: any) => e.node.year)).toEqual([2024, 2023]);
    });

    it('shows one title a year, newest first, the highest when there are several', async () => {
      const unit = await buildUnit(t.dataSource);
      const person = await buildPerson(t.dataSource, { unit });
      await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2021,
        status: AwardStatus.REVOKED,
      });
      const ldtt2022 = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2022,
        status: AwardStatus.ANNOUNCED,
      });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2023 });
      const cstd2023 = await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2023 });
      await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2023 });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2024 });
      const capTinh2024 = await buildAward(t.dataSource, {
        type: 'CSTD_CAP_TINH',
        person,
        year: 2024,
      });
      await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      await buildAward(t.dataSource, { type: 'BANG_KHEN_TINH', person, year: 2025 });
      const { person: profile } = await client.data(PERSON, { id: person.id });
      expect(profile.titleHistory).toEqual([
        {
          year: 2024,
          awardType: { code: 'CSTD_CAP_TINH', level: 'PROVINCIAL' },
          award: { id: capTinh2024.id, status: 'APPROVED' },
        },
        {
          year: 2023,
          awardType: { code: 'CSTD_CO_SO', level: 'GRASSROOTS' },
          award: { id: cstd2023.id, status: 'APPROVED' },
        },
        {
          year: 2022,
          awardType: { code: 'LAO_DONG_TIEN_TIEN', level: 'GRASSROOTS' },
          award: { id: ldtt2022.id, status: 'ANNOUNCED' },
        },
      ]);
    });
  });

  it("Unit.awards lists the unit's own awards as a collective, by year", async () => {
    const unit = await buildUnit(t.dataSource);
    const sub = await buildUnit(t.dataSource, { parent: unit });
    const person = await buildPerson(t.dataSource, { unit });
    const a2024 = await buildAward(t.dataSource, { type: 'TAP_THE_LDTT', unit, year: 2024 });
    const a2025 = await buildAward(t.dataSource, { type: 'GIAY_KHEN', unit, year: 2025 });
    await buildAward(t.dataSource, { type: 'GIAY_KHEN', unit: sub, year: 2025 });
    await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2025 });
    const QUERY = `
      query ($id: ID!, $year: Int) {
        unit(id: $id) { awards(year: $year) { totalCount edges { node { id recipient { ... on Unit { id } } } } } }
      }`;
    const all = await client.data(QUERY, { id: unit.id });
    expect(all.unit.awards.edges.map((e: any) => e.node.id)).toEqual([a2025.id, a2024.id]);
    expect(all.unit.awards.edges[0].node.recipient).toEqual({ id: unit.id });
    const y2024 = await client.data(QUERY, { id: unit.id, year: 2024 });
    expect(y2024.unit.awards.totalCount).toBe(1);
    expect(y2024.unit.awards.edges[0].node.id).toBe(a2024.id);
  });

  it('Campaign.awards and Award.campaign link a campaign and its awards', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit });
    const campaign = await buildCampaign(t.dataSource, { organizer: unit, name: 'Dân vận khéo' });
    const award = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person,
      year: 2025,
      campaignId: campaign.id,
    });
    await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2024 });
    const { node } = await client.data(
      `query ($id: ID!) {
        node(id: $id) { ... on Campaign { awards { totalCount edges { node { id campaign { id name } } } } } }
      }`,
      { id: campaign.id },
    );
    expect(node.awards.totalCount).toBe(1);
    expect(node.awards.edges[0].node).toEqual({
      id: award.id,
      campaign: { id: campaign.id, name: 'Dân vận khéo' },
    });
  });

  it('Achievement.award is the live award citing it', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit });
    const achievement = await buildAchievement(t.dataSource, { person });
    const QUERY = `query ($id: ID!) { node(id: $id) { ... on Achievement { award { id status } } } }`;
    expect((await client.data(QUERY, { id: achievement.id })).node.award).toBeNull();
    await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person,
      year: 2024,
      status: AwardStatus.REVOKED,
      achievements: [achievement],
    });
    expect((await client.data(QUERY, { id: achievement.id })).node.award).toBeNull();
    const live = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person,
      year: 2025,
      achievements: [achievement],
    });
    expect((await client.data(QUERY, { id: achievement.id })).node.award).toEqual({
      id: live.id,
      status: 'APPROVED',
    });
  });

  describe('awards(filter)', () => {
    const AWARDS = `
      query ($filter: AwardFilter, $first: Int, $after: String) {
        awards(filter: $filter, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
        }
      }`;
    let root: Unit;
    let child: Unit;
    let grandchild: Unit;
    let sibling: Unit;
    const ids: Record<string, string> = {};
    let campaign: Campaign;
    let conference: Conference;

    beforeAll(async () => {
      root = await buildUnit(t.dataSource);
      child = await buildUnit(t.dataSource, { parent: root });
      grandchild = await buildUnit(t.dataSource, { parent: child });
      sibling = await buildUnit(t.dataSource, { parent: root });
      const inChild = await buildPerson(t.dataSource, { unit: child });
      const inGrandchild = await buildPerson(t.dataSource, { unit: grandchild });
      const inSibling = await buildPerson(t.dataSource, { unit: sibling });
      campaign = await buildCampaign(t.dataSource, { organizer: root });
      conference = await buildConference(t.dataSource, {
        host: root,
        status: ConferenceStatus.LIVE,
      });
      const { NOMINATED, ANNOUNCED } = AwardStatus;
      const awards: Record<string, Parameters<typeof buildAward>[1]> = {
        child: { type: 'TAP_THE_LDTT', unit: child, year: 2024 },
        grandchild: { type: 'GIAY_KHEN', unit: grandchild, year: 2025, campaignId: campaign.id },
        inChild: { type: 'LAO_DONG_TIEN_TIEN', person: inChild, year: 2025, status: NOMINATED },
        inGrandchild: {
          type: 'GIAY_KHEN',
          person: inGrandchild,
          year: 2025,
          status: ANNOUNCED,
          conferenceId: conference.id,
        },
        inSibling: { type: 'GIAY_KHEN', person: inSibling, year: 2025 },
      };
      for (const [name, award] of Object.entries(awards))
        ids[name] = (await buildAward(t.dataSource, award)).id;
      ids.inChildPerson = inChild.id;
    });

    async function found(filter: Record<string, unknown>): Promise<string[]> {
      const { awards } = await client.data(AWARDS, { filter, first: 100 });
      expect(awards.totalCount).toBe(awards.edges.length);
      return awards.edges.map((e: any) => e.node.id).sort();
    }

    it('covers a unit, its subunits and their people', async () => {
      expect(await found({ unitId: child.id })).toEqual(
        [ids.child, ids.grandchild, ids.inChild, ids.inGrandchild].sort(),
      );
      expect(await found({ unitId: grandchild.id })).toEqual(
        [ids.grandchild, ids.inGrandchild].sort(),
      );
      expect(await found({ unitId: root.id })).toHaveLength(5);
      expect(await found({ unitId: '3f2b8c1e-0000-4000-8000-000000000123' })).toEqual([]);
    });

    it('filters by status, type, person, campaign, conference and year, combined', async () => {
      expect(await found({ unitId: root.id, status: 'NOMINATED' })).toEqual([ids.inChild]);
      expect(await found({ unitId: root.id, typeCode: 'GIAY_KHEN' })).toEqual(
        [ids.grandchild, ids.inGrandchild, ids.inSibling].sort(),
      );
      expect(await found({ personId: ids.inChildPerson })).toEqual([ids.inChild]);
      expect(await found({ campaignId: campaign.id })).toEqual([ids.grandchild]);
      expect(await found({ conferenceId: conference.id })).toEqual([ids.inGrandchild]);
      expect(await found({ unitId: root.id, year: 2024 })).toEqual([ids.child]);
      expect(
        await found({ unitId: child.id, year: 2025, typeCode: 'GIAY_KHEN', status: 'APPROVED' }),
      ).toEqual([ids.grandchild]);
      expect(await found({ unitId: root.id, typeCode: 'NO_SUCH_TYPE' })).toEqual([]);
    });

    it('pages newest year first without repeating or skipping', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { awards }: any = await client.data(AWARDS, {
          filter: { unitId: root.id },
          first: 2,
          after,
        });
        seen.push(...awards.edges.map((e: any) => e.node.id));
        if (!awards.pageInfo.hasNextPage) break;
        after = awards.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
      expect(seen.at(-1)).toBe(ids.child);
    });

    it('refuses malformed ids and cursors with BAD_USER_INPUT', async () => {
      expect(errorCode(await client.request(AWARDS, { filter: { unitId: 'x' } }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await client.request(AWARDS, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await client.request(AWARDS, { first: 101 }))).toBe('BAD_USER_INPUT');
    });

    it('finds an award by id and through node(id)', async () => {
      const { award, node } = await client.data(
        `query ($id: ID!) { award(id: $id) { id } node(id: $id) { __typename id } }`,
        { id: ids.child },
      );
      expect(award).toEqual({ id: ids.child });
      expect(node).toEqual({ __typename: 'Award', id: ids.child });
      const none = await client.data(
        `query { award(id: "3f2b8c1e-0000-4000-8000-000000000456") { id } }`,
      );
      expect(none.award).toBeNull();
    });
  });
});
