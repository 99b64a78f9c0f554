import {
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../src/modules/achievements/achievement.entity';
import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAchievement, buildAward, buildPerson, buildUnit } from '../helpers/factories';
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
    for (let i = 0; i < size; i++) people.push(await buildPerson(t.dataSource, { unit }));
    return { unit, people };
  }

  /** Gives each of `people` the title `code` for `year`, APPROVED unless told otherwise. */
  async function grantTitle(
    people: Person[],
    code: string,
    year: number,
    status = AwardStatus.APPROVED,
  ): Promise<void> {
    for (const person of people)
      await buildAward(t.dataSource, { type: code, person, year, status });
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
        expect.objectContaining({
          rule: 'RECIPIENT_EXISTS',
          outcome: 'BLOCK',
          message: `No person has the id ${id}: check personId`,
        }),
      ]);
      expect(result.checks[0]!.legalBasis).toMatch(/06\/2022\/QH15/);
    });

    it('passes an existing recipient of a kind the type is for', async () => {
      const { people, unit } = await team(1);
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
      await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2025,
        status: AwardStatus.REJECTED,
      });
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

  describe('CSTD_CO_SO', () => {
    async function candidate() {
      const { unit, people } = await team(1);
      return { unit, person: people[0]! };
    }
    const input = (person: Person, year = 2025) => ({
      typeCode: 'CSTD_CO_SO',
      personId: person.id,
      year,
    });

    it('needs Lao động tiên tiến of the same year, approved or announced', async () => {
      const { person } = await candidate();
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-05-01',
      });
      const none = await eligibility(input(person));
      expect(none.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} must hold Lao động tiên tiến (Advanced Worker) for 2025 (APPROVED or ANNOUNCED) first; missing: 2025`,
      });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2024 });
      expect((await eligibility(input(person))).one('HOLDS_TITLE').outcome).toBe('BLOCK');
      const pending = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      const waiting = await eligibility(input(person));
      expect(waiting.one('HOLDS_TITLE').message).toMatch(
        /missing: 2025; the nomination for 2025 is still waiting for the council's decision$/,
      );
      await t.dataSource.query(`UPDATE award SET status = 'APPROVED' WHERE id = $1`, [pending.id]);
      const approved = await eligibility(input(person));
      expect(approved.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'PASS',
        message: `${person.fullName} holds Lao động tiên tiến (Advanced Worker) for 2025`,
      });
      expect(approved.eligible).toBe(true);
      await t.dataSource.query(`UPDATE award SET status = 'ANNOUNCED' WHERE id = $1`, [pending.id]);
      expect((await eligibility(input(person))).eligible).toBe(true);
      await t.dataSource.query(`UPDATE award SET status = 'REVOKED' WHERE id = $1`, [pending.id]);
      expect((await eligibility(input(person))).one('HOLDS_TITLE').outcome).toBe('BLOCK');
    });

    it('needs a verified initiative achieved within the year, at grassroots level or above', async () => {
      const { person } = await candidate();
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2025 });
      const none = await eligibility(input(person));
      expect(none.one('HAS_INITIATIVE')).toMatchObject({
        outcome: 'BLOCK',
        message: `${person.fullName} has no VERIFIED initiative of 2025 recognised at GRASSROOTS level or above: record one with kind INITIATIVE and have it verified`,
      });
      // The last day of the year before and a result (not an initiative) do not count.
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2024-12-31',
      });
      await buildAchievement(t.dataSource, { person, achievedOn: '2025-06-01' });
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        title: 'Proposed idea',
        initiativeLevel: InitiativeLevel.NATIONAL,
        achievedOn: '2025-07-01',
        status: AchievementStatus.PROPOSED,
      });
      const still = await eligibility(input(person));
      expect(still.one('HAS_INITIATIVE').outcome).toBe('BLOCK');
      expect(still.one('HAS_INITIATIVE').message).toMatch(
        /\("Proposed idea" is PROPOSED, not VERIFIED\)/,
      );
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-12-31',
      });
      const lastDay = await eligibility(input(person));
      expect(lastDay.one('HAS_INITIATIVE').outcome).toBe('PASS');
      expect(lastDay.one('HAS_INITIATIVE').message).toMatch(/\(GRASSROOTS, 2025-12-31\)/);
    });

    it('passes on the first day of the year', async () => {
      const { person } = await candidate();
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2025 });
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-01-01',
        initiativeLevel: InitiativeLevel.PROVINCIAL,
      });
      expect((await eligibility(input(person))).eligible).toBe(true);
    });

    it("warns, without blocking, above 15% of the unit's Lao động tiên tiến: 3 of 20 pass, 4 of 20 warn", async () => {
      const { unit, people } = await team(20);
      await grantTitle(people, 'LAO_DONG_TIEN_TIEN', 2025);
      for (const person of people.slice(0, 4)) {
        await buildAchievement(t.dataSource, {
          person,
          kind: AchievementKind.INITIATIVE,
          achievedOn: '2025-04-01',
        });
      }
      // Two live CSTD_CO_SO already (one nominated, one approved); a rejected one does not count.
      await buildAward(t.dataSource, {
        type: 'CSTD_CO_SO',
        person: people[0]!,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person: people[1]!, year: 2025 });
      await buildAward(t.dataSource, {
        type: 'CSTD_CO_SO',
        person: people[5]!,
        year: 2025,
        status: AwardStatus.REJECTED,
      });
      const third = await eligibility(input(people[2]!));
      expect(third.eligible).toBe(true);
      expect(third.one('TITLE_SHARE_IN_UNIT')).toMatchObject({
        outcome: 'PASS',
        message: `With this nomination ${unit.name} would have 3 Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025 against 20 Lao động tiên tiến (Advanced Worker) (15%), within the 15% limit`,
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person: people[2]!, year: 2025 });
      const fourth = await eligibility(input(people[3]!));
      expect(fourth.eligible).toBe(true);
      expect(fourth.one('TITLE_SHARE_IN_UNIT')).toMatchObject({
        outcome: 'WARN',
        message: `With this nomination ${unit.name} would have 4 Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025 against 20 Lao động tiên tiến (Advanced Worker) (20%), above the 15% limit: at most 3`,
      });
      expect(fourth.one('TITLE_SHARE_IN_UNIT').legalBasis).toMatch(/15%/);
      // Each year counts its own: this unit has no Lao động tiên tiến for 2024.
      expect(
        (await eligibility(input(people[3]!, 2024))).of('TITLE_SHARE_IN_UNIT')[0]!.outcome,
      ).toBe('WARN');
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
      });
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2023 });
      const full = await eligibility(input(person));
      expect(full.one('HOLDS_TITLE')).toMatchObject({
        outcome: 'PASS',
        message: `${person.fullName} holds Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2023, 2024 and 2025`,
      });
      expect(full.eligible).toBe(true);
    });

    it('names every missing year', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year: 2024 });
      const result = await eligibility(input(person));
      expect(result.one('HOLDS_TITLE').message).toMatch(/missing: 2023 and 2025$/);
    });

    it('needs a verified initiative at provincial level or above within those 3 years', async () => {
      const { people } = await team(1);
      const person = people[0]!;
      for (const year of [2023, 2024, 2025]) {
        await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person, year });
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
        /no VERIFIED initiative of 2023-2025 recognised at PROVINCIAL level or above \(".*" is recognised at GRASSROOTS level only\)/,
      );
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2023-01-01',
        initiativeLevel: InitiativeLevel.NATIONAL,
      });
      expect((await eligibility(input(person))).one('HAS_INITIATIVE').outcome).toBe('PASS');
    });
  });

  describe('TAP_THE_LDTT', () => {
    it('passes with exactly 50% of the members holding Lao động tiên tiến, blocks below', async () => {
      const { unit, people } = await team(10);
      const sub = await team(4, unit);
      // Subunit people are not members; nominated and other years' titles do not count.
      await grantTitle(sub.people, 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(people.slice(0, 4), 'LAO_DONG_TIEN_TIEN', 2025);
      await grantTitle(people.slice(4, 5), 'LAO_DONG_TIEN_TIEN', 2025, AwardStatus.NOMINATED);
      await grantTitle(people.slice(5, 6), 'LAO_DONG_TIEN_TIEN', 2024);
      const input = { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 };
      const four = await eligibility(input);
      expect(four.eligible).toBe(false);
      expect(four.one('MEMBERS_HOLD_TITLE')).toMatchObject({
        outcome: 'BLOCK',
        message: `Only 4 of the 10 members of ${unit.name} (40%) hold Lao động tiên tiến (Advanced Worker) for 2025; at least 50% (5) are needed: 1 more must hold it`,
      });
      await t.dataSource.query(
        `UPDATE award SET status = 'ANNOUNCED' WHERE person_id = $1 AND year = 2025`,
        [people[4]!.id],
      );
      const five = await eligibility(input);
      expect(five.eligible).toBe(true);
      expect(five.one('MEMBERS_HOLD_TITLE')).toMatchObject({
        outcome: 'PASS',
        message: `5 of the 10 members of ${unit.name} (50%) hold Lao động tiên tiến (Advanced Worker) for 2025; at least 50% (5) are needed`,
      });
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
    it('needs at least 70% holding Lao động tiên tiến and one Chiến sĩ thi đua cơ sở', async () => {
      const { unit, people } = await team(10);
      await grantTitle(people.slice(0, 6), 'LAO_DONG_TIEN_TIEN', 2025);
      const input = { typeCode: 'TAP_THE_LDXS', unitId: unit.id, year: 2025 };
      const six = await eligibility(input);
      const [share, fighter] = six.of('MEMBERS_HOLD_TITLE');
      expect(share).toMatchObject({ outcome: 'BLOCK' });
      expect(share!.message).toMatch(
        /^Only 6 of the 10 members .* at least 70% \(7\) are needed: 1 more/,
      );
      expect(fighter).toMatchObject({
        outcome: 'BLOCK',
        message: `None of the 10 members of ${unit.name} holds Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025; at least 1 must: 1 more`,
      });
      await grantTitle(people.slice(6, 7), 'LAO_DONG_TIEN_TIEN', 2025);
      const seven = await eligibility(input);
      expect(seven.of('MEMBERS_HOLD_TITLE').map((c) => c.outcome)).toEqual(['PASS', 'BLOCK']);
      await buildAward(t.dataSource, { type: 'CSTD_CO_SO', person: people[0]!, year: 2025 });
      const ok = await eligibility(input);
      expect(ok.eligible).toBe(true);
      expect(ok.of('MEMBERS_HOLD_TITLE').map((c) => c.outcome)).toEqual(['PASS', 'PASS']);
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
});
