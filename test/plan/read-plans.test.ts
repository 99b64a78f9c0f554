import { Client } from 'pg';
import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildAward,
  buildCampaign,
  buildPerson,
  buildUnit,
} from '../helpers/factories';
import { clientFor, gql } from '../helpers/graphql';

/**
 * The read planner (src/plan) must answer exactly as the resolvers and
 * DataLoaders do, field for field, error for error: two servers on one
 * database, one with PLANNED_READS=false, get the same operations and must
 * give byte-identical responses. And a profile must cost at most two SQL
 * statements, counted on the PostgreSQL driver itself.
 */
describe('planned reads', () => {
  let planned: TestApp;
  let plain: TestApp;
  let root: Unit;
  let unit: Unit;
  let leaf: Unit;
  let person: Person;
  let other: Person;
  let token: string;

  beforeAll(async () => {
    planned = await startTestApp();
    plain = await startTestApp({
      DATABASE_URL: planned.config.DATABASE_URL!,
      PLANNED_READS: 'false',
    });
    const ds = planned.dataSource;
    root = await buildUnit(ds, { code: 'RP-ROOT', name: 'Tỉnh' });
    unit = await buildUnit(ds, { code: 'RP-DEPT', name: 'Ban Tuyên giáo', parent: root });
    leaf = await buildUnit(ds, { code: 'RP-DIV', name: 'Văn phòng', parent: unit });
    await buildUnit(ds, { code: 'RP-DIV2', name: 'Phòng B', parent: unit });
    person = await buildPerson(ds, {
      unit: leaf,
      fullName: 'Nguyễn Quốc Khánh',
      position: 'Trưởng ban',
    });
    other = await buildPerson(ds, { unit: leaf, fullName: 'Đặng Thị Yến' });
    await buildPerson(ds, { unit, fullName: 'Lê Văn An' });
    const campaign = await buildCampaign(ds, { organizer: unit });
    const cited = await buildAchievement(ds, { person, achievedOn: '2024-05-01' });
    await buildAchievement(ds, { person, achievedOn: '2024-05-01', campaignId: campaign.id });
    await buildAchievement(ds, { person, status: AchievementStatus.PROPOSED });
    await buildAchievement(ds, { unit, achievedOn: '2023-01-02' });
    for (const year of [2021, 2022, 2023, 2024]) {
      await buildAward(ds, { type: 'LAO_DONG_TIEN_TIEN', person, year });
    }
    await buildAward(ds, { type: 'CSTD_CO_SO', person, year: 2024, status: AwardStatus.ANNOUNCED });
    await buildAward(ds, {
      type: 'GIAY_KHEN',
      person,
      year: 2024,
      achievements: [cited],
      campaignId: campaign.id,
    });
    await buildAward(ds, {
      type: 'BANG_KHEN_TINH',
      person,
      year: 2025,
      status: AwardStatus.NOMINATED,
    });
    await buildAward(ds, {
      type: 'LAO_DONG_TIEN_TIEN',
      person: other,
      year: 2024,
      status: AwardStatus.REJECTED,
    });
    await buildAward(ds, { type: 'TAP_THE_LDTT', unit, year: 2023 });
    token = planned.tokenFor({ role: Role.VIEWER });
  });

  afterAll(async () => {
    await plain?.stop();
    await planned?.stop();
  });

  /** Sends the operation to both servers; both responses, as text. */
  async function both(query: string, variables: Record<string, unknown> = {}) {
    const [a, b] = await Promise.all(
      [planned, plain].map((t) => gql(t.url, query, variables, token)),
    );
    return { planned: JSON.stringify(a), plain: JSON.stringify(b), response: a };
  }

  const UNIT = `id code name kind`;
  const AWARD = `id year status decisionNumber decidedOn citation warnings bonusAmount
    type { id code name category level }
    nominatedBy { ${UNIT} } campaign { id code name }
    achievements { id title award { id } }`;
  const PROFILE = `
    id fullName position category isLeader partyMember gender avatarUrl __typename
    unit { ${UNIT} headcount parent { ${UNIT} parent { ${UNIT} } } ancestors { ${UNIT} }
           children { ${UNIT} headcount }
           members(first: 2) { totalCount edges { cursor node { id fullName } } pageInfo { hasNextPage endCursor } } }
    awards(first: 3) { totalCount edges { cursor node { ${AWARD} } } pageInfo { hasNextPage endCursor } }
    approved: awards(status: APPROVED, first: 10) { totalCount edges { node { id year } } }
    noCount: awards(first: 2) { edges { cursor node { id } } pageInfo { hasNextPage } }
    titleHistory { year awardType { id code name } award { id status type { code } } }
    achievements(first: 2) { totalCount edges { cursor node { id title kind status achievedOn advancedModel
      campaign { id code } award { id year type { code } } } } pageInfo { hasNextPage endCursor } }`;

  it('answers a whole profile as the resolvers do', async () => {
    const result = await both(`query ($id: ID!) { person(id: $id) { ${PROFILE} } }`, {
      id: person.id,
    });
    expect(result.response.errors).toBeUndefined();
    expect(result.response.data!.person.titleHistory.map((r: any) => r.year)).toEqual([
      2024, 2023, 2022, 2021,
    ]);
    expect(result.planned).toBe(result.plain);
  });

  it('answers fragments, aliases, @include and @skip as the resolvers do', async () => {
    const query = `
      query ($id: ID!, $withAwards: Boolean!, $skipUnit: Boolean!, $first: Int) {
        a: person(id: $id) { ...P unit @skip(if: $skipUnit) { name } }
        b: person(id: $id) { fullName awards(first: $first) @include(if: $withAwards) { totalCount edges { node { year type { code } } } } }
        n: node(id: $id) { id ... on Person { unit { ancestors { code } } awards(first: 1) { edges { node { id } } } } }
      }
      fragment P on Person { awards(first: 2) { edges { node { id } } } ... on Person { unit { code } } }`;
    for (const variables of [
      { id: person.id, withAwards: true, skipUnit: false, first: 3 },
      { id: person.id, withAwards: false, skipUnit: true, first: 1 },
      { id: other.id, withAwards: true, skipUnit: false, first: null },
    ]) {
      const result = await both(query, variables);
      expect(result.response.errors).toBeUndefined();
      expect(result.planned).toBe(result.plain);
    }
  });

  it('pages on with cursors and answers empty pages as the resolvers do', async () => {
    const page = `query ($id: ID!, $after: String, $first: Int) {
      person(id: $id) { awards(first: $first, after: $after) {
        totalCount edges { cursor node { id year } } pageInfo { hasNextPage endCursor } } } }`;
    const first = await both(page, { id: person.id, first: 3 });
    expect(first.planned).toBe(first.plain);
    const after = first.response.data!.person.awards.pageInfo.endCursor;
    const second = await both(page, { id: person.id, first: 3, after });
    expect(second.response.data!.person.awards.edges.length).toBe(3);
    expect(second.planned).toBe(second.plain);
    const empty = await both(page, { id: person.id, first: 0 });
    expect(empty.planned).toBe(empty.plain);
  });

  it('reports bad arguments of nested fields where the resolvers do', async () => {
    const query = `query ($id: ID!, $first: Int, $after: String) {
      person(id: $id) { fullName unit { code } awards(first: $first, after: $after) { totalCount } } }`;
    const forged = Buffer.from(JSON.stringify({ o: 'year,id:DESC', v: ['x', 'y'] })).toString(
      'base64url',
    );
    for (const variables of [
      { id: person.id, first: 101 },
      { id: person.id, first: -1 },
      { id: person.id, after: 'not-a-cursor' },
      { id: person.id, after: forged },
    ]) {
      const result = await both(query, variables);
      expect(result.response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.response.errors?.[0]?.path).toEqual(['person', 'awards']);
      expect(result.planned).toBe(result.plain);
    }
  });

  it('answers root lists, units, awards, achievements and me as the resolvers do', async () => {
    const queries: [string, Record<string, unknown>][] = [
      [
        `query ($u: ID!) { people(filter: { unitId: $u, includeSubunits: true }, first: 2) { totalCount edges { cursor node { ${PROFILE} } } pageInfo { hasNextPage endCursor } } }`,
        { u: root.id },
      ],
      [
        `{ people(filter: { search: "yen" }) { totalCount edges { node { fullName unit { name ancestors { code } } } } } }`,
        {},
      ],
      [
        `query ($u: ID!) { unit(id: $u) { ${UNIT} ancestors { code } children { code children { code } } members { totalCount edges { node { fullName awards(first: 1) { totalCount } } } } awards { totalCount edges { node { ${AWARD} } } } achievements { totalCount edges { node { title } } } } }`,
        { u: unit.id },
      ],
      [
        `{ units(first: 3) { totalCount edges { cursor node { ${UNIT} parent { code } ancestors { code } headcount } } pageInfo { hasNextPage endCursor } } }`,
        {},
      ],
      [
        `{ awards(first: 4) { totalCount edges { cursor node { ${AWARD} } } pageInfo { endCursor } } }`,
        {},
      ],
      [
        `{ achievements(first: 3) { totalCount edges { node { id title campaign { code } award { id type { code } } } } } }`,
        {},
      ],
    ];
    for (const [query, variables] of queries) {
      const result = await both(query, variables);
      expect(result.response.errors).toBeUndefined();
      expect(result.planned).toBe(result.plain);
    }
    const memberToken = planned.tokenFor({ role: Role.MEMBER, personId: person.id });
    const [a, b] = await Promise.all(
      [planned, plain].map((t) => gql(t.url, `{ me { ${PROFILE} } }`, {}, memberToken)),
    );
    expect(a.errors).toBeUndefined();
    expect((a.data as any).me.id).toBe(person.id);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('reads the mobile profile in at most two SQL statements, counted on the driver', async () => {
    const sent: string[] = [];
    const original = Client.prototype.query;
    const client = clientFor(planned.url, token);
    const profile = `query ($id: ID!) { person(id: $id) {
      id fullName position category isLeader partyMember
      unit { id code name kind ancestors { id code name kind } }
      awards(first: 20) { totalCount edges { cursor node { id year status decisionNumber decidedOn type { id code name category level } } } pageInfo { hasNextPage endCursor } }
      titleHistory { year awardType { id code name } award { id status } }
      achievements(first: 20) { totalCount edges { cursor node { id title kind status achievedOn advancedModel } } pageInfo { hasNextPage endCursor } } } }`;
    await client.data(profile, { id: person.id }); // plans it
    Client.prototype.query = function (this: InstanceType<typeof Client>, ...args: unknown[]) {
      const config = args[0] as string | { text?: string };
      const text = typeof config === 'string' ? config : (config?.text ?? '');
      if (
        (this as unknown as { connectionParameters: { application_name?: string } })
          .connectionParameters.application_name === 'thidua-api'
      )
        sent.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      for (const id of [person.id, other.id]) {
        sent.length = 0;
        const data = await client.data(profile, { id });
        expect(data.person.id).toBe(id);
        expect(sent.length).toBeLessThanOrEqual(2);
      }
      const planned = sent.length;
      // The same profile without the planner: one statement per DataLoader.
      sent.length = 0;
      await clientFor(plain.url, token).data(profile, { id: person.id });
      process.stdout.write(
        `SQL statements for the mobile profile: ${planned} planned, ${sent.length} without the planner\n`,
      );
      expect(sent.length).toBeGreaterThan(planned);
    } finally {
      Client.prototype.query = original;
    }
  });
});
