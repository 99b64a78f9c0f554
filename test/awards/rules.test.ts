import {
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../src/modules/achievements/achievement.entity';
import { Role } from '../../src/modules/accounts/account.entity';
import { AwardKind, AwardStatus } from '../../src/modules/awards/award.entity';
import { DisciplineKind } from '../../src/modules/discipline/discipline.entity';
import { TaskRating } from '../../src/modules/ratings/annual-rating.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import {
  buildAchievement,
  buildAward,
  buildDisciplineRecord,
  buildPerson,
  buildUnit,
  grantTitle,
  rate,
  rateWell,
} from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';

const ELIGIBILITY = `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) { eligible checks { rule outcome message legalBasis } }
  }`;

interface CheckView {
  rule: string;
  outcome: 'PASS' | 'WARN' | 'BLOCK';
  message: string;
  legalBasis: string | null;
}

describe('the rule engine (eligibility)', () => {
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    client = clientFor(t.url, t.tokenFor({ role: Role.MEMBER }));
  });
  afterAll(() => t.stop());

  async function eligibility(input: Record<string, unknown>) {
    const { eligibility: result } = await client.data<{
      eligibility: { eligible: boolean; checks: CheckView[] };
    }>(ELIGIBILITY, { input });
    const of = (rule: string) => result.checks.filter((c) => c.rule === rule);
    const one = (rule: string) => {
      const checks = of(rule);
      expect(checks).toHaveLength(1);
      return checks[0]!;
    };
    return { ...result, of, one };
  }

  async function team(size: number, parent?: Unit): Promise<{ unit: Unit; people: Person[] }> {
    const unit = await buildUnit(t.dataSource, parent ? { parent } : {});
    const people: Person[] = [];
    for (let i = 0; i < size; i++) people.push(await buildPerson(t.dataSource, { unit: unit }));
    return { unit, people };
  }

  describe('every type', () => {
    it('asks for exactly one of personId and unitId', async () => {
      const { unit, people } = await team(1);
      for (const extra of [{}, { personId: people[0]!.id, unitId: unit.id }]) {
        const res = await client.request(ELIGIBILITY, {
          input: { typeCode: 'GIAY_KHEN', year: 2025, ...extra },
        });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
      }
    });

    it('answers NOT_FOUND for an unknown type code and BAD_USER_INPUT for a bad year', async () => {
      const { people } = await team(1);
      const unknown = await client.request(ELIGIBILITY, {
        input: { typeCode: 'HUAN_CHUONG', personId: people[0]!.id, year: 2025 },
      });
      expect(errorCode(unknown)).toBe('NOT_FOUND');
      expect(unknown.errors![0]!.message).toMatch(/HUAN_CHUONG/);
      const year = await client.request(ELIGIBILITY, {
        input: { typeCode: 'GIAY_KHEN', personId: people[0]!.id, year: 20250 },
      });
      expect(errorCode(year)).toBe('BAD_USER_INPUT');
    });

    it('blocks a recipient that does not exist, and checks nothing else', async () => {
      const id = '3f2b8c1e-0000-4000-8000-000000000001';
      const result = await eligibility({
        typeCode: 'LAO_DONG_TIEN_TIEN',
        personId: id,
        year: 2025,
      });
      expect(result.eligible).toBe(false);
      expect(result.checks).toEqual([
        expect.objectContaining({ rule: 'RULE_SET_IN_FORCE', outcome: 'PASS' }),
        expect.objectContaining({
          rule: 'RECIPIENT_EXISTS',
          outcome: 'BLOCK',
          message: `No person has the id ${id}: check personId`,
        }),
      ]);
      expect(result.checks[1]!.legalBasis).toMatch(/06\/2022\/QH15/);
    });

    it('passes an existing recipient of a kind the type is for', async () => {
      const { people, unit } = await team(1);
      await rateWell(t.dataSource, people, 2025);
      const result = await eligibility({
        typeCode: 'LAO_DONG_TIEN_TIEN',
        personId: people[0]!.id,
        year: 2025,
      });
      expect(result.eligible).toBe(true);
      expect(result.one('RECIPIENT_EXISTS').message).toBe(
        `${people[0]!.fullName} is a person of ${unit.name}`,
      );
      expect(result.one('RECIPIENT_KIND').outcome).toBe('PASS');
      expect(result.one('CITED_ACHIEVEMENTS').message).toBe('No achievements are cited');
      expect(result.checks.every((c) => c.outcome === 'PASS')).toBe(true);
    });

    it('blocks a recipient of the wrong kind, saying what to nominate instead', async () => {
      const { unit, people } = await team(1);
      const collective = await eligibility({
        typeCode: 'LAO_DONG_TIEN_TIEN',
        unitId: unit.id,
        year: 2025,
      });
      expect(collective.one('RECIPIENT_KIND')).toMatchObject({
        outcome: 'BLOCK',
        message:
          'Lao động tiên tiến (Advanced Worker) is only for individuals, and a unit was nominated: nominate a person (personId) instead',
      });
      const individual = await eligibility({
        typeCode: 'TAP_THE_LDTT',
        personId: people[0]!.id,
        year: 2025,
      });
      expect(individual.one('RECIPIENT_KIND').outcome).toBe('BLOCK');
      expect(individual.one('RECIPIENT_KIND').message).toMatch(/nominate a unit \(unitId\)/);
      expect(individual.of('MEMBERS_HOLD_TITLE')).toEqual([]);
    });
  });

  describe('cited achievements', () => {
    it("pass when verified, the recipient's own, and the basis of no other award", async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const a = await buildAchievement(t.dataSource, { person, title: 'Sổ tay dân vận' });
      const result = await eligibility({
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        achievementIds: [a.id],
      });
      expect(result.eligible).toBe(true);
      expect(result.one('CITED_ACHIEVEMENTS').message).toBe(
        `"Sổ tay dân vận" is verified, held by ${person.fullName}, and the basis of no other award`,
      );
    });

    it("block a missing, an unverified, and someone else's achievement, naming each", async () => {
      const { people } = await team(2);
      const [person, other] = people as [Person, Person];
      const proposed = await buildAchievement(t.dataSource, {
        person,
        title: 'Draft',
        status: AchievementStatus.PROPOSED,
      });
      const rejected = await buildAchievement(t.dataSource, {
        person,
        title: 'Refused',
        status: AchievementStatus.REJECTED,
      });
      const theirs = await buildAchievement(t.dataSource, { person: other, title: 'Theirs' });
      const missing = '3f2b8c1e-0000-4000-8000-00000000abcd';
      const result = await eligibility({
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        achievementIds: [proposed.id, rejected.id, theirs.id, missing],
      });
      expect(result.eligible).toBe(false);
      const messages = result.of('CITED_ACHIEVEMENTS').map((c) => c.message);
      expect(messages).toEqual([
        `No achievement has the id ${missing}: remove it from achievementIds`,
        'Achievement "Draft" is PROPOSED: only VERIFIED achievements can be the basis of an award; have it verified first',
        'Achievement "Refused" is REJECTED: only VERIFIED achievements can be the basis of an award; have it verified first',
        `Achievement "Theirs" is held by ${other.fullName}, not by ${person.fullName}: cite the recipient's own achievements`,
      ]);
      expect(result.of('CITED_ACHIEVEMENTS').every((c) => c.outcome === 'BLOCK')).toBe(true);
      // The commendation rule counts none of them.
      expect(result.one('CITES_VERIFIED_ACHIEVEMENT').outcome).toBe('BLOCK');
    });

    it("let a collective cite its own and its members' achievements, not its subunits' people", async () => {
      const { unit, people } = await team(1);
      const sub = await team(1, unit);
      const own = await buildAchievement(t.dataSource, { unit, title: 'Own' });
      const member = await buildAchievement(t.dataSource, { person: people[0]!, title: 'Member' });
      const deeper = await buildAchievement(t.dataSource, {
        person: sub.people[0]!,
        title: 'Deeper',
      });
      const ok = await eligibility({
        typeCode: 'GIAY_KHEN',
        unitId: unit.id,
        year: 2025,
        achievementIds: [own.id, member.id],
      });
      expect(ok.eligible).toBe(true);
      const notOk = await eligibility({
        typeCode: 'GIAY_KHEN',
        unitId: unit.id,
        year: 2025,
        achievementIds: [deeper.id],
      });
      expect(notOk.one('CITED_ACHIEVEMENTS')).toMatchObject({
        outcome: 'BLOCK',
        message: `Achievement "Deeper" is held by ${sub.people[0]!.fullName}, who is neither ${unit.name} nor one of its members: cite the recipient's own achievements`,
      });
    });

    it('block an achievement that is the basis of a live award, and free it once that award is rejected or revoked', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const a = await buildAchievement(t.dataSource, { person, title: 'Once' });
      for (const status of [AwardStatus.NOMINATED, AwardStatus.APPROVED, AwardStatus.ANNOUNCED]) {
        const award = await buildAward(t.dataSource, {
          type: 'BANG_KHEN_TINH',
          person,
          year: 2024,
          status,
          achievements: [a],
        });
        const result = await eligibility({
          typeCode: 'GIAY_KHEN',
          personId: person.id,
          year: 2025,
          achievementIds: [a.id],
        });
        expect(result.one('CITED_ACHIEVEMENTS')).toMatchObject({
          outcome: 'BLOCK',
          message: `Achievement "Once" is already the basis of Bằng khen của Chủ tịch UBND tỉnh (Provincial Certificate of Merit) 2024 (award ${award.id}, ${status}): one achievement, one award; cite another one`,
        });
        // Free it as a rejection or a revocation would.
        await t.dataSource.query(
          `UPDATE award_achievement SET active = false WHERE award_id = $1`,
          [award.id],
        );
        await t.dataSource.query(`UPDATE award SET status = 'REVOKED' WHERE id = $1`, [award.id]);
      }
      const freed = await eligibility({
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        achievementIds: [a.id],
      });
      expect(freed.eligible).toBe(true);
    });
  });

  describe('TITLE_ONCE_A_YEAR', () => {
    it('blocks a second live title of a type in one year, not in another year or after a rejection', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const input = { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 };
      expect((await eligibility(input)).one('TITLE_ONCE_A_YEAR').outcome).toBe('PASS');
      const rejected = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2025,
        status: AwardStatus.REJECTED,
      });
      void rejected;
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2024 });
      expect((await eligibility(input)).one('TITLE_ONCE_A_YEAR').outcome).toBe('PASS');
      const pending = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      const result = await eligibility(input);
      expect(result.eligible).toBe(false);
      expect(result.one('TITLE_ONCE_A_YEAR').message).toBe(
        `${person.fullName} already has Lao động tiên tiến (Advanced Worker) for 2025 (award ${pending.id}, NOMINATED): a title is given at most once a year`,
      );
    });
  });

  describe('LAO_DONG_TIEN_TIEN', () => {
    const input = (person: Person, extra: Record<string, unknown> = {}) => ({
      typeCode: 'LAO_DONG_TIEN_TIEN',
      personId: person.id,
      year: 2025,
      ...extra,
    });

    it('needs a rating of at least "completed tasks well" for that year, saying who records it', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const none = await eligibility(input(person));
      expect(none.one('RATED_AT_LEAST')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} has no rating for 2025: the unit manager records it (recordAnnualRating, or recordUnitRatings for the whole unit); at least "completed tasks well (hoàn thành tốt nhiệm vụ)" is needed`,
        legalBasis:
          'Law on Emulation and Commendation 06/2022/QH15, Art. 24(1); Decree 152/2025/NĐ-CP',
      });
      // Another year's rating does not count.
      await rate(t.dataSource, [{ person }], 2024, TaskRating.HOAN_THANH_XUAT_SAC);
      expect((await eligibility(input(person))).one('RATED_AT_LEAST').outcome).toBe('BLOCK');
      await rate(t.dataSource, [{ person }], 2025, TaskRating.HOAN_THANH);
      expect((await eligibility(input(person))).one('RATED_AT_LEAST')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} is rated "completed tasks (hoàn thành nhiệm vụ)" for 2025, below the "completed tasks well (hoàn thành tốt nhiệm vụ)" needed`,
      });
      for (const rating of [TaskRating.HOAN_THANH_TOT, TaskRating.HOAN_THANH_XUAT_SAC]) {
        await rate(t.dataSource, [{ person }], 2025, rating);
        const result = await eligibility(input(person));
        expect(result.one('RATED_AT_LEAST').outcome).toBe('PASS');
        expect(result.eligible).toBe(true);
      }
    });

    it('is not given to someone recruited less than 6 months before the year ends: 1 July passes, 2 July does not', async () => {
      const unit = await buildUnit(t.dataSource);
      const july1 = await buildPerson(t.dataSource, { unit: unit, recruitedOn: '2025-07-01' });
      const july2 = await buildPerson(t.dataSource, { unit: unit, recruitedOn: '2025-07-02' });
      const unknown = await buildPerson(t.dataSource, { unit: unit });
      await rateWell(t.dataSource, [july1, july2, unknown], 2025);
      expect((await eligibility(input(july1))).one('RECRUITED_BEFORE')).toMatchObject({
        outcome: 'PASS',
        message: `${july1.fullName} was recruited on 01/07/2025: at least 6 months of service by the end of 2025`,
      });
      const late = await eligibility(input(july2));
      expect(late.eligible).toBe(false);
      expect(late.one('RECRUITED_BEFORE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${july2.fullName} was recruited on 02/07/2025: less than 6 months of service by the end of 2025 (it needs recruitment on or before 01/07/2025); consider ${july2.fullName} next year`,
      });
      // The next year it is fine.
      await rateWell(t.dataSource, [july2], 2026);
      expect(
        (await eligibility(input(july2, { year: 2026 }))).one('RECRUITED_BEFORE').outcome,
      ).toBe('PASS');
      expect((await eligibility(input(unknown))).one('RECRUITED_BEFORE')).toMatchObject({
        outcome: 'PASS',
        message: `${unknown.fullName} has no recruitment date recorded: counted as serving at least 6 months by the end of 2025 (record recruitedOn to check it)`,
      });
    });

    it('applies the months of the rule set in force: 10 under Decree 91/2017', async () => {
      const unit = await buildUnit(t.dataSource);
      const march1 = await buildPerson(t.dataSource, { unit: unit, recruitedOn: '2023-03-01' });
      const march2 = await buildPerson(t.dataSource, { unit: unit, recruitedOn: '2023-03-02' });
      await rateWell(t.dataSource, [march1, march2], 2023);
      const on = '2023-12-15';
      const first = await eligibility(input(march1, { year: 2023, on }));
      expect(first.one('RULE_SET_IN_FORCE').message).toMatch(/under Nghị định 91\/2017\/NĐ-CP/);
      expect(first.one('RECRUITED_BEFORE').outcome).toBe('PASS');
      expect(
        (await eligibility(input(march2, { year: 2023, on }))).one('RECRUITED_BEFORE'),
      ).toMatchObject({
        outcome: 'BLOCK',
        message: expect.stringMatching(/less than 10 months of service by the end of 2023/),
      });
    });
  });

  describe('an open discipline or investigation (every type)', () => {
    it('defers the award while the record is open, naming it; its first and last days included', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const achievement = await buildAchievement(t.dataSource, { person });
      await buildDisciplineRecord(t.dataSource, {
        person,
        kind: DisciplineKind.DISCIPLINE,
        reason: 'Khiển trách do vi phạm quy chế làm việc',
        reference: '15/QĐ-UBKT',
        fromDate: '2025-03-01',
        toDate: '2025-06-30',
      });
      const on = (day: string) =>
        eligibility({
          typeCode: 'GIAY_KHEN',
          personId: person.id,
          year: 2025,
          achievementIds: [achievement.id],
          on: day,
        });
      expect((await on('2025-02-28')).one('NO_OPEN_DISCIPLINE')).toMatchObject({
        outcome: 'PASS',
        message: `${person.fullName} has no open discipline or investigation record on 28/02/2025`,
      });
      for (const day of ['2025-03-01', '2025-06-30']) {
        const result = await on(day);
        expect(result.eligible).toBe(false);
        expect(result.one('NO_OPEN_DISCIPLINE')).toMatchObject({
          outcome: 'BLOCK',
          message: `${person.fullName} has an open discipline record (15/QĐ-UBKT) from 01/03/2025 to 30/06/2025: "Khiển trách do vi phạm quy chế làm việc". The award is deferred, not refused: nominate again after 30/06/2025`,
        });
      }
      expect((await on('2025-07-01')).eligible).toBe(true);
    });

    it('blocks a collective under investigation, and says an open-ended record lasts until it is closed', async () => {
      const { unit, people } = await team(1);
      await buildDisciplineRecord(t.dataSource, { unit, reason: 'Thanh tra tài chính' });
      const achievement = await buildAchievement(t.dataSource, { person: people[0]! });
      const result = await eligibility({
        typeCode: 'GIAY_KHEN',
        unitId: unit.id,
        year: 2025,
        achievementIds: [achievement.id],
      });
      expect(result.one('NO_OPEN_DISCIPLINE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${unit.name} has an open investigation record since 01/01/2025: "Thanh tra tài chính". The award is deferred, not refused: nominate again once the record is closed (the secretary closes it with closeDiscipline)`,
        legalBasis: 'Decree 152/2025/NĐ-CP, Art. 4',
      });
      // A member's record is not the collective's.
      const person = await buildPerson(t.dataSource, { unit: unit });
      void person;
    });
  });

  describe('award kinds (Decree 152/2025 Art. 4(3))', () => {
    it('gives emulation titles as regular awards only; commendations may be thematic or ad hoc', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      await rateWell(t.dataSource, [person], 2025);
      const thematic = await eligibility({
        typeCode: 'LAO_DONG_TIEN_TIEN',
        personId: person.id,
        year: 2025,
        kind: 'CHUYEN_DE',
      });
      expect(thematic.one('AWARD_KINDS')).toMatchObject({
        outcome: 'BLOCK',
        message:
          'Lao động tiên tiến (Advanced Worker) is only awarded as regular (thường xuyên), and this nomination is thematic (chuyên đề): nominate it with kind THUONG_XUYEN',
      });
      const achievement = await buildAchievement(t.dataSource, { person });
      const adHoc = await eligibility({
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        kind: 'DOT_XUAT',
        achievementIds: [achievement.id],
      });
      expect(adHoc.eligible).toBe(true);
    });

    it('does not count a thematic or ad hoc title toward a higher one', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2024-09-01',
        initiativeLevel: InitiativeLevel.PROVINCIAL,
      });
      await buildAward(t.dataSource, {
        type: 'CSTD_CO_SO',
        person,
        year: 2023,
        kind: AwardKind.CHUYEN_DE,
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2024 });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2025 });
      const result = await eligibility({
        typeCode: 'CSTD_CAP_TINH',
        personId: person.id,
        year: 2025,
      });
      expect(result.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} must hold Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) in each of 2023, 2024 and 2025 (APPROVED or ANNOUNCED); missing: 2023; Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) 2023 (thematic (chuyên đề)) does not count: a thematic or ad hoc award is not the basis of a higher award`,
      });
    });

    it('counts only regular awards in HOLDS_AWARD: two regular Giấy khen pass, one and an ad hoc one do not', async () => {
      const version = `(SELECT v.id FROM award_type_version v JOIN award_type t ON t.id = v.award_type_id
                          JOIN rule_set s ON s.id = v.rule_set_id
                         WHERE t.code = 'BANG_KHEN_TINH' AND s.code = 'ND_152_2025')`;
      const [original] = await t.dataSource.query(
        `SELECT rules FROM award_type_version WHERE id = ${version}`,
      );
      try {
        // A province's own rule: a Bằng khen needs two Giấy khen in the five years before.
        await t.dataSource.query(
          `UPDATE award_type_version
              SET rules = rules || '[{"code":"HOLDS_AWARD","params":{"typeCode":"GIAY_KHEN","count":2,"years":5}}]'::jsonb
            WHERE id = ${version}`,
        );
        const { people } = await team(2);
        const [regular, mixed] = people as [Person, Person];
        for (const person of people) {
          await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2022 });
        }
        await buildAward(t.dataSource, { type: 'GIAY_KHEN', person: regular, year: 2024 });
        await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person: mixed,
          year: 2024,
          kind: AwardKind.DOT_XUAT,
        });
        const check = async (person: Person) =>
          (await eligibility({ typeCode: 'BANG_KHEN_TINH', personId: person.id, year: 2025 })).one(
            'HOLDS_AWARD',
          );
        expect(await check(regular)).toMatchObject({
          outcome: 'PASS',
          message: `${regular.fullName} holds 2 regular Giấy khen (Certificate of Commendation) in 2021-2025 (2022 and 2024)`,
          legalBasis: 'Decree 152/2025/NĐ-CP, Art. 4(3)',
        });
        expect(await check(mixed)).toMatchObject({
          outcome: 'BLOCK',
          message: `${mixed.fullName} holds 1 regular Giấy khen (Certificate of Commendation) in 2021-2025; 2 are needed; Giấy khen (Certificate of Commendation) 2024 (ad hoc (đột xuất)) does not count: a thematic or ad hoc award is not the basis of a higher award`,
        });
      } finally {
        await t.dataSource.query(`UPDATE award_type_version SET rules = $1 WHERE id = ${version}`, [
          JSON.stringify(original.rules),
        ]);
      }
    });
  });

  describe('CSTD_CO_SO', () => {
    const input = (person: Person, year = 2025) => ({
      typeCode: 'CSTD_CO_SO',
      personId: person.id,
      year,
    });

    it('needs the Lao động tiên tiến standard: its criteria met, or the title held', async () => {
      const { people } = await team(2);
      const [rated, holder] = people as [Person, Person];
      for (const person of people)
        await buildAchievement(t.dataSource, {
          person,
          kind: AchievementKind.INITIATIVE,
          achievedOn: '2025-05-01',
        });
      const none = await eligibility(input(rated));
      expect(none.one('MEETS_STANDARD_OF')).toMatchObject({
        outcome: 'BLOCK',
        message: `${rated.fullName} does not meet the standard of Lao động tiên tiến (Advanced Worker) for 2025: ${rated.fullName} has no rating for 2025: the unit manager records it (recordAnnualRating, or recordUnitRatings for the whole unit); at least "completed tasks well (hoàn thành tốt nhiệm vụ)" is needed`,
      });
      await rateWell(t.dataSource, [rated], 2025);
      const ok = await eligibility(input(rated));
      expect(ok.one('MEETS_STANDARD_OF').outcome).toBe('PASS');
      expect(ok.eligible).toBe(true);
      // Holding the title (approved, not merely nominated) meets its standard without a rating.
      await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person: holder,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      expect((await eligibility(input(holder))).one('MEETS_STANDARD_OF').outcome).toBe('BLOCK');
      await t.dataSource.query(`UPDATE award SET status = 'APPROVED' WHERE person_id = $1`, [
        holder.id,
      ]);
      expect((await eligibility(input(holder))).one('MEETS_STANDARD_OF')).toMatchObject({
        outcome: 'PASS',
        message: `${holder.fullName} holds Lao động tiên tiến (Advanced Worker) for 2025, so meets its standard`,
      });
    });

    it('and one of: rated "completed tasks excellently", a verified initiative, or a research result of that year', async () => {
      const { people } = await team(4);
      const [plain, excellent, initiator, researcher] = people as [Person, Person, Person, Person];
      await rateWell(t.dataSource, people, 2025);
      const none = await eligibility(input(plain));
      expect(none.one('ANY_OF')).toMatchObject({
        outcome: 'BLOCK',
        message: `None of the 2 alternatives is met: (1) ${plain.fullName} is rated "completed tasks well (hoàn thành tốt nhiệm vụ)" for 2025, below the "completed tasks excellently (hoàn thành xuất sắc nhiệm vụ)" needed; (2) ${plain.fullName} has no VERIFIED initiative or research result of 2025 recognised at GRASSROOTS level or above: record one (recordAchievement) and have it verified`,
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 23',
      });
      await rate(t.dataSource, [{ person: excellent }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
      expect((await eligibility(input(excellent))).one('ANY_OF').outcome).toBe('PASS');
      // An initiative of the year before, or one not verified yet, does not count.
      await buildAchievement(t.dataSource, {
        person: initiator,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2024-12-31',
      });
      await buildAchievement(t.dataSource, {
        person: initiator,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-03-01',
        initiativeLevel: InitiativeLevel.GRASSROOTS,
        status: AchievementStatus.PROPOSED,
      });
      expect((await eligibility(input(initiator))).one('ANY_OF').outcome).toBe('BLOCK');
      // The first day of the year counts.
      await buildAchievement(t.dataSource, {
        person: initiator,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-01-01',
      });
      expect((await eligibility(input(initiator))).one('ANY_OF')).toMatchObject({
        outcome: 'PASS',
        message: expect.stringMatching(
          /^The initiative ".*" \(GRASSROOTS, 01\/01\/2025\) of .* is verified$/,
        ),
      });
      await buildAchievement(t.dataSource, {
        person: researcher,
        kind: AchievementKind.RESEARCH,
        initiativeLevel: InitiativeLevel.GRASSROOTS,
        title: 'Đề tài khảo sát dư luận xã hội',
        achievedOn: '2025-09-09',
      });
      expect((await eligibility(input(researcher))).one('ANY_OF')).toMatchObject({
        outcome: 'PASS',
        message: `The research result "Đề tài khảo sát dư luận xã hội" (GRASSROOTS, 09/09/2025) of ${researcher.fullName} is verified`,
      });
    });

    it("warns, without blocking, above 15% of the unit's Lao động tiên tiến (a local rule): 3 of 20 pass, 4 of 20 warn", async () => {
      const { unit, people } = await team(20);
      await grantTitle(t.dataSource, people, 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(t.dataSource, people.slice(0, 2), 'CSTD_CO_SO', 2025);
      const candidate = people[2]!;
      await rate(t.dataSource, [{ person: candidate }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
      const third = await eligibility(input(candidate));
      expect(third.one('TITLE_SHARE_IN_UNIT')).toMatchObject({
        outcome: 'PASS',
        message: `With this nomination ${unit.name} would have 3 Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025 against 20 Lao động tiên tiến (Advanced Worker) (15%), within the 15% limit`,
      });
      await grantTitle(t.dataSource, [candidate], 'CSTD_CO_SO', 2025, AwardStatus.NOMINATED);
      const fourth = people[3]!;
      await rate(t.dataSource, [{ person: fourth }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
      const result = await eligibility(input(fourth));
      expect(result.eligible).toBe(true);
      expect(result.one('TITLE_SHARE_IN_UNIT')).toMatchObject({
        outcome: 'WARN',
        message: `With this nomination ${unit.name} would have 4 Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025 against 20 Lao động tiên tiến (Advanced Worker) (20%), above the 15% limit: at most 3`,
        legalBasis:
          'local rule: the 15% share comes from the repealed Decree 91/2017/NĐ-CP; Decree 152/2025/NĐ-CP sets none',
      });
    });
  });

  describe('CSTD_CAP_TINH', () => {
    const input = (person: Person) => ({
      typeCode: 'CSTD_CAP_TINH',
      personId: person.id,
      year: 2025,
    });

    it('needs CSTD_CO_SO in each of the 3 consecutive years ending that year', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2024-09-01',
        initiativeLevel: InitiativeLevel.PROVINCIAL,
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2022 });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2024 });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2025 });
      const gap = await eligibility(input(person));
      expect(gap.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} must hold Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) in each of 2023, 2024 and 2025 (APPROVED or ANNOUNCED); missing: 2023`,
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 22',
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2023 });
      const full = await eligibility(input(person));
      expect(full.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'PASS',
        message: `${person.fullName} holds Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2023, 2024 and 2025`,
      });
      expect(full.eligible).toBe(true);
    });

    it('names every missing year, and a nomination still waiting for the council', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2024 });
      await buildAward(t.dataSource, {
        type: 'CSTD_CO_SO',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      const result = await eligibility(input(person));
      expect(result.one('HOLDS_TITLE').message).toMatch(
        /missing: 2023 and 2025; the nomination for 2025 is still waiting for the council$/,
      );
    });

    it('needs a verified initiative or research result at provincial level or above within those 3 years', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      for (const year of [2023, 2024, 2025]) {
        await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: year });
      }
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-03-01',
        initiativeLevel: InitiativeLevel.GRASSROOTS,
      });
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2022-12-31',
        initiativeLevel: InitiativeLevel.NATIONAL,
      });
      const low = await eligibility(input(person));
      expect(low.one('HAS_INITIATIVE')).toMatchObject({ outcome: 'BLOCK' });
      expect(low.one('HAS_INITIATIVE').message).toMatch(
        /no VERIFIED initiative or research result of 2023-2025 recognised at PROVINCIAL level or above \(".*" is recognised at GRASSROOTS level only\)/,
      );
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.RESEARCH,
        initiativeLevel: InitiativeLevel.PROVINCIAL,
        achievedOn: '2023-01-01',
      });
      expect((await eligibility(input(person))).one('HAS_INITIATIVE').outcome).toBe('PASS');
    });
  });

  describe('TAP_THE_LDTT', () => {
    it('needs MORE than 50% of the members holding Lao động tiên tiến: 5 of 10 is not enough, 6 is', async () => {
      const { unit, people } = await team(10);
      await rate(t.dataSource, [{ unit }], 2025);
      const sub = await team(4, unit);
      // Subunit people are not members; nominated, other years' and thematic titles do not count.
      await grantTitle(t.dataSource, sub.people, 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(t.dataSource, people.slice(0, 5), 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(
        t.dataSource,
        people.slice(5, 6),
        'LAO_DONG_TIEN_TIEN',
        2025,
        AwardStatus.NOMINATED,
      );
      await grantTitle(t.dataSource, people.slice(6, 7), 'LAO_DONG_TIEN_TIEN', 2024);
      await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person: people[7]!,
        year: 2025,
        kind: AwardKind.CHUYEN_DE,
      });
      const input = { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 };
      const five = await eligibility(input);
      expect(five.eligible).toBe(false);
      expect(five.one('MEMBERS_HOLD_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `5 of the 10 members of ${unit.name} (50%) hold Lao động tiên tiến (Advanced Worker) for 2025; more than 50% are needed, that is at least 6: 1 more must hold it`,
      });
      await t.dataSource.query(
        `UPDATE award SET status = 'ANNOUNCED' WHERE person_id = $1 AND year = 2025`,
        [people[5]!.id],
      );
      const six = await eligibility(input);
      expect(six.eligible).toBe(true);
      expect(six.one('MEMBERS_HOLD_TITLE')).toMatchObject({
        outcome: 'PASS',
        message: `6 of the 10 members of ${unit.name} (60%) hold Lao động tiên tiến (Advanced Worker) for 2025; more than 50% (at least 6) are needed`,
      });
    });

    it('needs the unit rated at least "completed tasks well"', async () => {
      const { unit, people } = await team(2);
      await grantTitle(t.dataSource, people, 'LAO_DONG_TIEN_TIEN', 2025);
      const input = { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 };
      expect((await eligibility(input)).one('RATED_AT_LEAST')).toMatchObject({
        outcome: 'BLOCK',
        message: `${unit.name} has no rating for 2025 as a collective: its manager records it (recordAnnualRating or recordUnitRatings); at least "completed tasks well (hoàn thành tốt nhiệm vụ)" is needed`,
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 28(1)(a)',
      });
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH);
      expect((await eligibility(input)).one('RATED_AT_LEAST').outcome).toBe('BLOCK');
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH_TOT);
      expect((await eligibility(input)).eligible).toBe(true);
    });

    it('blocks a unit without members', async () => {
      const { unit } = await team(0);
      const result = await eligibility({ typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 });
      expect(result.one('MEMBERS_HOLD_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${unit.name} has no members (people whose unit it is), so none holds Lao động tiên tiến (Advanced Worker) for 2025: add its people first`,
      });
    });
  });

  describe('TAP_THE_LDXS', () => {
    async function excellentUnit(size: number) {
      const { unit, people } = await team(size);
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
      return { unit, people };
    }
    const input = (unit: Unit) => ({ typeCode: 'TAP_THE_LDXS', unitId: unit.id, year: 2025 });

    it('needs at least 70% holding Lao động tiên tiến (7 of 10, not 6) and one Chiến sĩ thi đua cơ sở', async () => {
      const { unit, people } = await excellentUnit(10);
      await rateWell(t.dataSource, people, 2025);
      await grantTitle(t.dataSource, people.slice(0, 6), 'LAO_DONG_TIEN_TIEN', 2025);
      const six = await eligibility(input(unit));
      const [share, fighter] = six.of('MEMBERS_HOLD_TITLE');
      expect(share).toMatchObject({
        outcome: 'BLOCK',
        message: `6 of the 10 members of ${unit.name} (60%) hold Lao động tiên tiến (Advanced Worker) for 2025; at least 70% (7) are needed: 1 more must hold it`,
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 27(1)(c)',
      });
      expect(fighter).toMatchObject({
        outcome: 'BLOCK',
        message: `None of the 10 members of ${unit.name} holds Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025; at least 1 must: 1 more`,
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 27(1)(d)',
      });
      await grantTitle(t.dataSource, people.slice(6, 7), 'LAO_DONG_TIEN_TIEN', 2025);
      const seven = await eligibility(input(unit));
      expect(seven.of('MEMBERS_HOLD_TITLE').map((c) => c.outcome)).toEqual(['PASS', 'BLOCK']);
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person: people[0]!, year: 2025 });
      const ok = await eligibility(input(unit));
      expect(ok.eligible).toBe(true);
    });

    it('needs 100% of the members to have completed their tasks: 9 of 10 is not enough, naming the others', async () => {
      const { unit, people } = await excellentUnit(10);
      await grantTitle(t.dataSource, people.slice(0, 7), 'LAO_DONG_TIEN_TIEN', 2025);
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person: people[0]!, year: 2025 });
      await rate(
        t.dataSource,
        people.slice(0, 8).map((person) => ({ person })),
        2025,
        TaskRating.HOAN_THANH,
      );
      await rate(t.dataSource, [{ person: people[8]! }], 2025, TaskRating.KHONG_HOAN_THANH);
      const result = await eligibility(input(unit));
      expect(result.one('MEMBERS_RATED')).toMatchObject({
        outcome: 'BLOCK',
        message: `Only 8 of the 10 members of ${unit.name} are rated "completed tasks (hoàn thành nhiệm vụ)" or better for 2025; 100% (10) are needed; rated lower: ${people[8]!.fullName}; no rating yet (1): ${people[9]!.fullName}; the unit manager records them with recordUnitRatings`,
      });
      await rate(t.dataSource, [{ person: people[9]! }], 2025, TaskRating.HOAN_THANH);
      expect((await eligibility(input(unit))).one('MEMBERS_RATED').message).toMatch(
        /^Only 9 of the 10 members/,
      );
      await rate(t.dataSource, [{ person: people[8]! }], 2025, TaskRating.HOAN_THANH_TOT);
      const all = await eligibility(input(unit));
      expect(all.one('MEMBERS_RATED').outcome).toBe('PASS');
      expect(all.eligible).toBe(true);
    });

    it('needs the unit rated "completed tasks excellently"', async () => {
      const { unit, people } = await team(1);
      await rateWell(t.dataSource, people, 2025);
      await grantTitle(t.dataSource, people, 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(t.dataSource, people, 'CSTD_CO_SO', 2025);
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH_TOT);
      expect((await eligibility(input(unit))).one('RATED_AT_LEAST').outcome).toBe('BLOCK');
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
      expect((await eligibility(input(unit))).eligible).toBe(true);
    });
  });

  describe('commendations', () => {
    it('block without a cited verified achievement, naming ones that could be cited', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      const empty = await eligibility({
        typeCode: 'BANG_KHEN_TINH',
        personId: person.id,
        year: 2025,
      });
      expect(empty.one('CITES_VERIFIED_ACHIEVEMENT')).toMatchObject({
        outcome: 'BLOCK',
        message: `Cite at least 1 verified achievement of ${person.fullName}: none is cited; ${person.fullName} has no verified achievement free to cite: record one and have it verified`,
      });
      const used = await buildAchievement(t.dataSource, { person, title: 'Used' });
      await buildAward(t.dataSource, {
        type: 'GIAY_KHEN',
        person,
        year: 2024,
        achievements: [used],
      });
      await buildAchievement(t.dataSource, { person, title: 'Free', achievedOn: '2025-02-02' });
      await buildAchievement(t.dataSource, {
        person,
        title: 'Unverified',
        status: AchievementStatus.PROPOSED,
      });
      const hint = await eligibility({ typeCode: 'GIAY_KHEN', personId: person.id, year: 2025 });
      expect(hint.one('CITES_VERIFIED_ACHIEVEMENT').message).toBe(
        `Cite at least 1 verified achievement of ${person.fullName}: none is cited; ${person.fullName} could cite "Free" (2025-02-02)`,
      );
    });

    it('pass with one', async () => {
      const { unit } = await team(1);
      const a = await buildAchievement(t.dataSource, { unit, title: 'Mô hình dân vận khéo' });
      const result = await eligibility({
        typeCode: 'GIAY_KHEN',
        unitId: unit.id,
        year: 2025,
        achievementIds: [a.id],
      });
      expect(result.eligible).toBe(true);
      expect(result.one('CITES_VERIFIED_ACHIEVEMENT')).toMatchObject({
        outcome: 'PASS',
        message: 'Cites "Mô hình dân vận khéo"',
      });
    });
  });

  describe('in Vietnamese', () => {
    it('explains a refusal the way an emulation officer writes it', async () => {
      const vi = clientFor(t.url, t.tokenFor({ role: Role.MEMBER }), 'vi');
      const { people } = await team(1);
      const person = people[0]!;
      await buildDisciplineRecord(t.dataSource, {
        person,
        reference: '09/TB-UBKT',
        reason: 'Đang xác minh đơn thư',
      });
      const { eligibility: result } = await vi.data(ELIGIBILITY, {
        input: { typeCode: 'CSTD_CO_SO', personId: person.id, year: 2025 },
      });
      const of = (rule: string) => result.checks.find((c: CheckView) => c.rule === rule);
      expect(of('RULE_SET_IN_FORCE').message).toMatch(
        /^Chiến sĩ thi đua cơ sở được xét theo Nghị định 152\/2025\/NĐ-CP, có hiệu lực vào ngày \d\d\/\d\d\/\d{4} \(từ ngày 01\/07\/2025\)$/,
      );
      expect(of('NO_OPEN_DISCIPLINE')).toEqual({
        rule: 'NO_OPEN_DISCIPLINE',
        outcome: 'BLOCK',
        message: `${person.fullName} đang bị xem xét xử lý kỷ luật hoặc điều tra (số 09/TB-UBKT) từ ngày 01/01/2025: "Đang xác minh đơn thư". Tạm hoãn xét khen thưởng (không phải từ chối): đề nghị lại khi hồ sơ được khép lại (thư ký cập nhật bằng closeDiscipline)`,
        legalBasis: 'Điều 4 Nghị định số 152/2025/NĐ-CP',
      });
      expect(of('MEETS_STANDARD_OF').message).toBe(
        `${person.fullName} chưa đạt tiêu chuẩn Lao động tiên tiến năm 2025: ${person.fullName} chưa được xếp loại năm 2025: thủ trưởng đơn vị cần nhập kết quả xếp loại (recordAnnualRating, hoặc recordUnitRatings cho cả đơn vị); yêu cầu từ "Hoàn thành tốt nhiệm vụ" trở lên`,
      );
      expect(of('ANY_OF').legalBasis).toBe('Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
    });
  });
});
