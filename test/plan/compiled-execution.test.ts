import {
  buildSchema,
  execute,
  GraphQLError,
  parse,
  type GraphQLUnionType,
  type OperationDefinitionNode,
} from 'graphql';
import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import { compiledExecution } from '../../src/plan/compiled-execution';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildAward,
  buildCampaign,
  buildPerson,
  buildRegistration,
  buildUnit,
} from '../helpers/factories';
import { gql } from '../helpers/graphql';

/**
 * Compiled queries (src/plan/compiled-execution.ts) must answer exactly as
 * graphql-js does, data and errors: two servers on one database, one with
 * COMPILED_QUERIES=false, get the same operations and must give
 * byte-identical responses.
 */
describe('compiled queries', () => {
  let compiled: TestApp;
  let interpreted: TestApp;
  let viewer: string;
  let admin: string;
  let unitId: string;
  let personId: string;

  beforeAll(async () => {
    compiled = await startTestApp();
    interpreted = await startTestApp({
      DATABASE_URL: compiled.config.DATABASE_URL!,
      COMPILED_QUERIES: 'false',
    });
    const ds = compiled.dataSource;
    const root = await buildUnit(ds, { code: 'CQ-ROOT', name: 'Tỉnh' });
    const unit = await buildUnit(ds, { code: 'CQ-DEPT', name: 'Ban Tuyên giáo', parent: root });
    const leaf = await buildUnit(ds, { code: 'CQ-DIV', name: 'Văn phòng', parent: unit });
    const other = await buildUnit(ds, { code: 'CQ-OTHER', parent: root });
    const person = await buildPerson(ds, { unit: leaf, fullName: 'Nguyễn Quốc Khánh' });
    const leader = await buildPerson(ds, { unit, fullName: 'Lê Văn An', isLeader: true });
    const campaigns = [];
    for (let i = 0; i < 12; i++) {
      campaigns.push(
        await buildCampaign(ds, {
          organizer: i % 2 ? unit : other,
          startsOn: `${2015 + i}-01-01`,
          endsOn: `${2016 + i}-12-31`,
          status: i % 3 ? CampaignStatus.LAUNCHED : CampaignStatus.CLOSED,
        }),
      );
    }
    await buildRegistration(ds, { campaign: campaigns[0]!, unit: leaf });
    await buildRegistration(ds, { campaign: campaigns[2]!, unit: other });
    await buildAchievement(ds, { person, achievedOn: '2021-05-01', campaignId: campaigns[6]!.id });
    await buildAchievement(ds, {
      unit: leaf,
      achievedOn: '2022-05-01',
      campaignId: campaigns[7]!.id,
      advancedModel: true,
    });
    await buildAchievement(ds, { person, status: AchievementStatus.PROPOSED });
    for (const year of [2021, 2022, 2023])
      await buildAward(ds, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year,
        campaignId: campaigns[7]!.id,
      });
    await buildAward(ds, { type: 'CSTD_CO_SO', person: leader, year: 2023 });
    await buildAward(ds, { type: 'TAP_THE_LDTT', unit: leaf, year: 2022 });
    await buildAward(ds, { type: 'GIAY_KHEN', person, year: 2024, status: AwardStatus.NOMINATED });
    viewer = compiled.tokenFor({ role: Role.VIEWER });
    admin = compiled.tokenFor({ role: Role.ADMIN });
    unitId = unit.id;
    personId = person.id;
  });

  afterAll(async () => {
    await interpreted?.stop();
    await compiled?.stop();
  });

  /**
   * Sends the operation to both servers and expects the same response, byte
   * for byte; twice to the compiled one, which compiles a document on its
   * second run. Returns the compiled answer.
   */
  async function same(query: string, variables: Record<string, unknown> = {}, token = viewer) {
    const [first, b] = await Promise.all(
      [compiled, interpreted].map((t) => gql(t.url, query, variables, token)),
    );
    const a = await gql(compiled.url, query, variables, token);
    expect(JSON.stringify(first)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    return a;
  }

  const DASHBOARD = `query ($filter: DashboardFilter, $limit: Int) {
    dashboard(filter: $filter) {
      units people activeCampaigns achievements advancedModels awards
      awardsByType { awardType { id code name } count }
      awardsByYear { year count }
      topUnits(limit: $limit) { unit { id code name } count }
      leaderShare
      campaigns { campaign { id code name status startsOn launchedAt organizer { code } }
                  registeredUnits achievements advancedModels awards }
    }
  }`;

  it('answers the whole dashboard as graphql-js does, run after run', async () => {
    for (const filter of [null, { unitId }, { fromYear: 2022, toYear: 2023 }]) {
      const first = await same(DASHBOARD, { filter, limit: 5 });
      expect(first.errors).toBeUndefined();
      // The second run is the cached compiled query.
      const again = await same(DASHBOARD, { filter, limit: 5 });
      expect(again).toEqual(first);
    }
    const whole = await same(DASHBOARD, { filter: null });
    expect(whole.data!.dashboard.campaigns).toHaveLength(12);
    expect(whole.data!.dashboard.awards).toBe(5);
  });

  it('reports resolver errors with their code, message, locations and path', async () => {
    const bad = async (variables: Record<string, unknown>, code: string) => {
      const response = await same(DASHBOARD, variables);
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      return response;
    };
    const reversed = await bad({ filter: { fromYear: 2023, toYear: 2022 } }, 'BAD_USER_INPUT');
    expect(reversed.errors![0]!.path).toEqual(['dashboard']);
    await bad({ filter: { unitId: 'x' } }, 'BAD_USER_INPUT');
    await bad({ filter: { unitId: '00000000-0000-4000-8000-000000000020' } }, 'NOT_FOUND');
    const limit = await bad({ limit: 101 }, 'BAD_USER_INPUT');
    expect(limit.errors![0]!.path).toEqual(['dashboard', 'topUnits']);
    // Variables that do not coerce, an unknown operation name, no token, a role refused.
    await bad({ limit: 'ten' }, 'BAD_USER_INPUT');
    await bad({ filter: { fromYear: 2020.5 } }, 'BAD_USER_INPUT');
    const anonymous = await Promise.all(
      [compiled, compiled, interpreted].map((t) => gql(t.url, `{ dashboard { awards } }`)),
    );
    expect(JSON.stringify(anonymous[0])).toBe(JSON.stringify(anonymous[2]));
    expect(JSON.stringify(anonymous[1])).toBe(JSON.stringify(anonymous[2]));
    expect(anonymous[0]!.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forbidden = await same(`{ accounts(first: 1) { totalCount } }`);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await same(`{ accounts(first: 1) { totalCount } }`, {}, admin)).errors).toBeUndefined();
  });

  it('answers fragments, aliases, directives, interfaces and planned reads as graphql-js does', async () => {
    const response = await same(
      `query ($id: ID!, $u: ID!, $more: Boolean!) {
        a: person(id: $id) { ...P awards(first: 2) { totalCount edges { cursor node { year type { code } } } } }
        b: node(id: $u) { __typename id ... on Unit { code children { code } ancestors @include(if: $more) { code } } }
        units(first: 3) { totalCount edges { node { code headcount @skip(if: $more) } } pageInfo { hasNextPage } }
        achievements(first: 5) { edges { node { title status holder { __typename ... on Person { fullName } ... on Unit { code } } } } }
      }
      fragment P on Person { id fullName unit { code parent { code } } }`,
      { id: personId, u: unitId, more: true },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.a.fullName).toBe('Nguyễn Quốc Khánh');
    expect(response.data!.b.ancestors.map((u: { code: string }) => u.code)).toEqual(['CQ-ROOT']);
  });
});

/** The executor alone, on a small schema: which path runs, and graphql-js's error shapes. */
describe('compiledExecution', () => {
  class Located extends GraphQLError {}
  const schema = buildSchema(`
    type Item { id: ID! name: String! late: String! }
    type Query { items: [Item!] item: Item failing: String coded: String odd: String }
    type Mutation { touch: String }
  `);
  const rootFields = schema.getQueryType()!.getFields();
  rootFields.items!.resolve = () => [
    { id: 1, name: 'a', late: 'x' },
    { id: 2, name: 'b', late: null },
  ];
  rootFields.item!.resolve = () => ({ id: 3, name: null, late: 'y' });
  rootFields.failing!.resolve = () => {
    throw new Error('database down');
  };
  rootFields.coded!.resolve = () =>
    Promise.reject(new GraphQLError('no such thing', { extensions: { code: 'NOT_FOUND' } }));
  rootFields.odd!.resolve = () => {
    throw new Located('already placed', { path: ['elsewhere'] });
  };
  schema.getMutationType()!.getFields().touch!.resolve = () => 'touched';

  /** Runs an operation twice through one executor (as Apollo does for repeated query text): the second result, and how each ran. */
  async function run(query: string, variables: Record<string, unknown> = {}) {
    const runs: string[] = [];
    const gateway = compiledExecution(schema, (how) => runs.push(how));
    const { executor } = await gateway.load({ apollo: {} });
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const once = () =>
      executor!({
        request: { query, variables },
        document,
        operation,
        context: {},
      } as unknown as Parameters<NonNullable<typeof executor>>[0]);
    const first = await once();
    const result = await once();
    // The same data and errors; several errors may come in another order (the spec sets none).
    const messages = (r: typeof first) => (r.errors ?? []).map((e) => e.message).sort();
    expect(result.data).toEqual(first.data);
    expect(messages(result)).toEqual(messages(first));
    return { result, runs };
  }

  it('compiles a query on its second run and leaves mutations and bad variables to graphql-js', async () => {
    expect((await run(`{ item { id } }`)).runs).toEqual(['interpreted', 'compiled']);
    expect((await run(`mutation { touch }`)).runs).toEqual(['interpreted', 'interpreted']);
    const bad = await run(`query ($n: ID) { item { id } }`, { n: true });
    expect(bad.runs).toEqual(['interpreted', 'interpreted']);
    expect(bad.result.errors?.[0]?.message).toMatch(/^Variable "\$n" got invalid value true/);
  });

  it('leaves an operation to graphql-js when a resolveType answers with a promise', async () => {
    const late = buildSchema(`
      type A { a: Int } type B { b: Int } union AB = A | B
      type Query { ab: [AB!]! }
    `);
    late.getQueryType()!.getFields().ab!.resolve = () => [{ a: 1 }, { b: 2 }];
    (late.getType('AB') as GraphQLUnionType).resolveType = async (value: { a?: number }) =>
      value.a === undefined ? 'B' : 'A';
    const runs: string[] = [];
    const { executor } = await compiledExecution(late, (how) => runs.push(how)).load({
      apollo: {},
    });
    const query = `{ ab { __typename ... on A { a } ... on B { b } } }`;
    const document = parse(query);
    const once = () =>
      executor!({
        request: { query },
        document,
        operation: document.definitions[0],
        context: {},
      } as unknown as Parameters<NonNullable<typeof executor>>[0]);
    await once();
    const result = await once();
    expect(runs).toEqual(['interpreted', 'compiled', 'interpreted']);
    expect(result).toEqual({
      data: {
        ab: [
          { __typename: 'A', a: 1 },
          { __typename: 'B', b: 2 },
        ],
      },
    });
  });

  it('raises errors as graphql-js does', async () => {
    const { result } = await run(`{ failing coded odd items { id late } item { id name } }`);
    expect(result.data).toEqual({ failing: null, coded: null, odd: null, items: null, item: null });
    const errors = [...(result.errors ?? [])].sort((a, b) =>
      String(a.path).localeCompare(String(b.path)),
    );
    expect(errors.map((e) => [e.message, e.path, e.locations])).toEqual([
      ['no such thing', ['coded'], [{ line: 1, column: 11 }]],
      ['already placed', ['elsewhere'], undefined],
      ['database down', ['failing'], [{ line: 1, column: 3 }]],
      [
        'Cannot return null for non-nullable field Item.name.',
        ['item', 'name'],
        [{ line: 1, column: 49 }],
      ],
      [
        'Cannot return null for non-nullable field Item.late.',
        ['items', 1, 'late'],
        [{ line: 1, column: 32 }],
      ],
    ]);
    for (const error of errors) expect(error).toBeInstanceOf(GraphQLError);
    // As graphql-js answers the same operation.
    const reference = await execute({
      schema,
      document: parse(`{ failing coded odd items { id late } item { id name } }`),
    });
    const shown = (list: readonly GraphQLError[]) =>
      JSON.stringify(
        [...list].map((e) => e.toJSON()).sort((a, b) => a.message.localeCompare(b.message)),
      );
    expect(reference.data).toEqual(result.data);
    expect(shown(errors)).toBe(shown(reference.errors ?? []));
    // The original error, its extensions, and none for graphql-js's own (so they stay masked).
    expect(errors[2]!.originalError?.message).toBe('database down');
    expect(errors[0]!.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(errors[3]!.extensions).toEqual({});
    expect(errors[3]!.originalError).toBeInstanceOf(Error);
    expect(errors[3]!.originalError).not.toBeInstanceOf(GraphQLError);
    expect(errors[1]).toBeInstanceOf(Located);
  });
});
