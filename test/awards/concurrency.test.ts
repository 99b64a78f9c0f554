import { Role } from '../../src/modules/accounts/account.entity';
import { buildAchievement, buildPerson, buildUnit, rateWell } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode, type GqlResponse } from '../helpers/graphql';

const NOMINATE = `
  mutation ($input: NominateAwardInput!) { nominateAward(input: $input) { id } }`;

describe('concurrent nominations', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
  });
  afterAll(() => t.stop());

  function outcome(responses: GqlResponse[]) {
    const won = responses.filter((r) => !r.errors && r.data?.nominateAward?.id);
    const lost = responses.filter((r) => r.errors);
    return { won, lost };
  }

  it('let exactly one of several simultaneous nominations citing one achievement succeed', async () => {
    for (let round = 0; round < 8; round++) {
      const unit = await buildUnit(t.dataSource);
      const person = await buildPerson(t.dataSource, { unit: unit });
      const manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: unit.id }));
      const achievement = await buildAchievement(t.dataSource, { person });
      const cite = { year: 2025, achievementIds: [achievement.id] };
      // Different recipients and types, so only the achievement is shared: a person's
      // Giấy khen and Bằng khen, and their unit's (a collective may cite a member's).
      const responses = await Promise.all([
        secretary.request(NOMINATE, {
          input: { typeCode: 'GIAY_KHEN', personId: person.id, ...cite },
        }),
        manager.request(NOMINATE, { input: { typeCode: 'GIAY_KHEN', unitId: unit.id, ...cite } }),
        secretary.request(NOMINATE, {
          input: { typeCode: 'BANG_KHEN_TINH', unitId: unit.id, ...cite },
        }),
        manager.request(NOMINATE, {
          input: { typeCode: 'BANG_KHEN_TINH', personId: person.id, ...cite },
        }),
      ]);
      const { won, lost } = outcome(responses);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(3);
      for (const response of lost) {
        expect(errorCode(response)).toBe('RULE_VIOLATION');
        const checks = response.errors![0]!.extensions!.checks as {
          rule: string;
          outcome: string;
          message: string;
        }[];
        expect(checks).toContainEqual(
          expect.objectContaining({
            rule: 'CITED_ACHIEVEMENTS',
            outcome: 'BLOCK',
            message: expect.stringMatching(/is already the basis of .* one achievement, one award/),
          }),
        );
      }
      const rows = await t.dataSource.query(
        `SELECT award_id FROM award_achievement WHERE achievement_id = $1 AND active`,
        [achievement.id],
      );
      expect(rows).toEqual([{ award_id: won[0]!.data!.nominateAward.id }]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM award WHERE recipient_unit_id = $1`,
        [unit.id],
      );
      expect(n).toBe(1);
    }
  });

  it('let exactly one of simultaneous nominations for one title and year succeed', async () => {
    for (let round = 0; round < 8; round++) {
      const unit = await buildUnit(t.dataSource);
      const person = await buildPerson(t.dataSource, { unit: unit });
      const manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: unit.id }));
      await rateWell(t.dataSource, [person], 2025);
      const input = { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 };
      const responses = await Promise.all([
        secretary.request(NOMINATE, { input }),
        manager.request(NOMINATE, { input }),
        secretary.request(NOMINATE, { input: { ...input, citation: 'again' } }),
      ]);
      const { won, lost } = outcome(responses);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(2);
      for (const response of lost) {
        expect(errorCode(response)).toBe('RULE_VIOLATION');
        expect(response.errors![0]!.extensions!.checks).toContainEqual(
          expect.objectContaining({ rule: 'TITLE_ONCE_A_YEAR', outcome: 'BLOCK' }),
        );
      }
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM award WHERE person_id = $1`,
        [person.id],
      );
      expect(n).toBe(1);
    }
  });

  it('map the unique indexes to RULE_VIOLATION when a writer that bypassed the locks wins the race', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const achievement = await buildAchievement(t.dataSource, { person });
    await rateWell(t.dataSource, [person], 2025);
    // Another writer (not this service: it takes no locks) holds an uncommitted award for the
    // person's Lao động tiên tiến 2025, citing the achievement.
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      const [{ id }] = await other.query(
        `INSERT INTO award (type_id, is_title, person_id, recipient_unit_id, year, nominated_by_id)
         SELECT t.id, true, $1, $2, 2025, $2 FROM award_type t WHERE t.code = 'LAO_DONG_TIEN_TIEN'
         RETURNING id`,
        [person.id, unit.id],
      );
      await other.query(
        `INSERT INTO award_achievement (award_id, achievement_id) VALUES ($1, $2)`,
        [id, achievement.id],
      );
      // The rules cannot see uncommitted rows, so both nominations reach their inserts and wait there.
      const title = secretary.request(NOMINATE, {
        input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 },
      });
      const cited = secretary.request(NOMINATE, {
        input: {
          typeCode: 'GIAY_KHEN',
          unitId: unit.id,
          year: 2025,
          achievementIds: [achievement.id],
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.commitTransaction();
      const [titleResponse, citedResponse] = await Promise.all([title, cited]);
      expect(errorCode(titleResponse)).toBe('RULE_VIOLATION');
      expect(titleResponse.errors![0]!.extensions!.checks).toEqual([
        expect.objectContaining({ rule: 'TITLE_ONCE_A_YEAR', outcome: 'BLOCK' }),
      ]);
      expect(errorCode(citedResponse)).toBe('RULE_VIOLATION');
      expect(citedResponse.errors![0]!.extensions!.checks).toEqual([
        expect.objectContaining({ rule: 'CITED_ACHIEVEMENTS', outcome: 'BLOCK' }),
      ]);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
  });
});
