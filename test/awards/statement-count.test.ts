import { Role } from '../../src/modules/accounts/account.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAchievement, buildAward, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

/**
 * Profiles must cost a constant number of SQL statements whatever the page
 * size: root fields read what they can plan in their own statement
 * (src/plan), every other nested list and reference goes through
 * per-request DataLoaders.
 * Statements are counted on the server's own DataSource (TypeORM logs every
 * statement it sends through its logger), against the real database.
 */
describe('SQL statements per page of profiles', () => {
  let t: TestApp;
  let unit: Unit;
  let client: ReturnType<typeof clientFor>;
  let withAchievements: boolean;
  const statements: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    client = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    const parent = await buildUnit(t.dataSource);
    unit = await buildUnit(t.dataSource, { parent });
    for (let i = 0; i < 50; i++) {
      const person = await buildPerson(t.dataSource, { unit, fullName: `Person ${100 + i}` });
      const achievement = await buildAchievement(t.dataSource, { person });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2023 });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2024 });
      await buildAward(t.dataSource, {
        type: 'GIAY_KHEN',
        person,
        year: 2025,
        achievements: [achievement],
      });
    }
    // Person.achievements belongs to the achievements module: count it when the schema has it.
    const { __type } = await client.data(`{ __type(name: "Person") { fields { name } } }`);
    withAchievements = __type.fields.some((f: { name: string }) => f.name === 'achievements');
    const logger = t.dataSource.logger;
    const logQuery = logger.logQuery.bind(logger);
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      return logQuery(query, parameters, runner);
    };
  });
  afterAll(() => t.stop());

  /** With SHOW_SQL=1, prints the statements just counted (to see what a page costs). */
  function showStatements(): void {
    if (!process.env.SHOW_SQL) return;
    const lines = statements.map((q) => q.replace(/\s+/g, ' ').trim().slice(0, 110));
    process.stdout.write(`${lines.join('\n')}\n`);
  }

  const profiles = (achievements: boolean) => `
    query ($unitId: ID!, $first: Int!) {
      people(filter: { unitId: $unitId }, first: $first) {
        totalCount
        edges { node {
          fullName
          unit { name parent { name } }
          awards(first: 5) {
            totalCount
            edges { node {
              year status bonusAmount
              type { code name }
              recipient { ... on Person { id } ... on Unit { id } }
              nominatedBy { code }
              achievements { title }
            } }
          }
          titleHistory { year awardType { code } award { id } }
          ${achievements ? 'achievements(first: 5) { totalCount edges { node { title award { id } } } }' : ''}
        } }
      }
    }`;

  async function count(first: number): Promise<number> {
    statements.length = 0;
    const data = await client.data(profiles(withAchievements), { unitId: unit.id, first });
    expect(data.people.edges).toHaveLength(first);
    const node = data.people.edges[first - 1].node;
    expect(node.awards.totalCount).toBe(3);
    expect(node.titleHistory.map((r: any) => r.year)).toEqual([2024, 2023]);
    expect(node.awards.edges[0].node.achievements).toHaveLength(1);
    return statements.length;
  }

  it('is the same, and small, for 5 and for 50 people', async () => {
    const five = await count(5);
    showStatements();
    const fifty = await count(50);
    // Printed for the README: what was measured.
    process.stdout.write(
      `SQL statements: people(first: 5) → ${five}, people(first: 50) → ${fifty}` +
        ` (Person.achievements ${withAchievements ? 'included' : 'not in the schema yet'})\n`,
    );
    expect(fifty).toBe(five);
    // The page with every planned field (src/plan), the award catalogue
    // (bonusAmount), and the recipients (a union, left to its loader).
    expect(five).toBeLessThanOrEqual(3);
  });

  it('is the same for a page of 5 and of 50 awards with their nested fields', async () => {
    const AWARDS = `
      query ($unitId: ID!, $first: Int!) {
        awards(filter: { unitId: $unitId }, first: $first) {
          edges { node {
            year bonusAmount type { code } vote { votesFor }
            recipient { ... on Person { fullName unit { code } titleHistory { year } } }
            nominatedBy { code } achievements { title award { id } }
          } }
        }
      }`;
    const measure = async (first: number) => {
      statements.length = 0;
      const data = await client.data(AWARDS, { unitId: unit.id, first });
      expect(data.awards.edges).toHaveLength(first);
      return statements.length;
    };
    const five = await measure(5);
    showStatements();
    const fifty = await measure(50);
    process.stdout.write(
      `SQL statements: awards(first: 5) → ${five}, awards(first: 50) → ${fifty}\n`,
    );
    expect(fifty).toBe(five);
    // The page with its planned fields, the catalogue, recipients (a union),
    // their units and title histories (under the union: not planned).
    expect(five).toBeLessThanOrEqual(5);
  });
});
