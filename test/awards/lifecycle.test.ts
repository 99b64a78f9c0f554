import { AchievementKind } from '../../src/modules/achievements/achievement.entity';
import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import {
  buildAchievement,
  buildAward,
  buildPerson,
  buildUnit,
  grantTitle,
  rate,
} from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { TaskRating } from '../../src/modules/ratings/annual-rating.entity';
import { clientFor, errorCode } from '../helpers/graphql';

const AWARD_FIELDS = `
  id year citation status warnings decisionNumber decidedOn bonusAmount revokedReason announcedAt
  nominatedAt
  type { code }
  recipient { __typename ... on Person { id fullName } ... on Unit { id code } }
  nominatedBy { id }
  achievements { id title award { id } }
  vote { membersTotal membersPresent votesFor votesAgainst votesAbstain }`;

const NOMINATE = `
  mutation ($input: NominateAwardInput!) { nominateAward(input: $input) { ${AWARD_FIELDS} } }`;
const DECIDE = `
  mutation ($id: ID!, $input: DecideAwardInput!) { decideAward(id: $id, input: $input) { ${AWARD_FIELDS} } }`;
const REVOKE = `
  mutation ($id: ID!, $reason: String!) { revokeAward(id: $id, reason: $reason) { ${AWARD_FIELDS} } }`;
const AWARD = `query ($id: ID!) { award(id: $id) { ${AWARD_FIELDS} } }`;

/** A council vote that approves anything: 9 members, 8 present, 8 for. */
const APPROVE = {
  approve: true,
  decisionNumber: '125/QĐ-BTGDV',
  decidedOn: '2025-08-20',
  membersTotal: 9,
  membersPresent: 8,
  votesFor: 8,
  votesAgainst: 0,
  votesAbstain: 0,
};

describe('the award lifecycle', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;
  let council: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    council = clientFor(t.url, t.tokenFor({ role: Role.COUNCIL }));
  });
  afterAll(() => t.stop());

  async function someone(): Promise<{ unit: Unit; person: Person }> {
    const unit = await buildUnit(t.dataSource);
    return { unit, person: await buildPerson(t.dataSource, { unit: unit }) };
  }

  /** A NOMINATED Giấy khen for a new person, citing one verified achievement. */
  async function nominated() {
    const { unit, person } = await someone();
    const achievement = await buildAchievement(t.dataSource, { person, title: 'Basis' });
    const { nominateAward } = await secretary.data(NOMINATE, {
      input: {
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        achievementIds: [achievement.id],
        citation: '  For outstanding mass mobilisation work  ',
      },
    });
    return { unit, person, achievement, award: nominateAward };
  }

  describe('nominateAward', () => {
    it("writes a NOMINATED award citing the achievements, nominated by the recipient's unit", async () => {
      const { unit, person, achievement, award } = await nominated();
      expect(award).toMatchObject({
        year: 2025,
        citation: 'For outstanding mass mobilisation work',
        status: 'NOMINATED',
        warnings: [],
        decisionNumber: null,
        decidedOn: null,
        vote: null,
        type: { code: 'GIAY_KHEN' },
        recipient: { __typename: 'Person', id: person.id, fullName: person.fullName },
        nominatedBy: { id: unit.id },
        achievements: [{ id: achievement.id, title: 'Basis', award: { id: award.id } }],
      });
      const [row] = await t.dataSource.query(
        `SELECT is_title, recipient_unit_id FROM award WHERE id = $1`,
        [award.id],
      );
      expect(row).toEqual({ is_title: false, recipient_unit_id: unit.id });
    });

    it('nominates a collective, recording it as a title when the type is one', async () => {
      const unit = await buildUnit(t.dataSource);
      const people = [];
      for (let i = 0; i < 2; i++) people.push(await buildPerson(t.dataSource, { unit: unit }));
      // More than half of 2 members: both.
      await grantTitle(t.dataSource, people, 'LAO_DONG_TIEN_TIEN', 2025);
      await rate(t.dataSource, [{ unit }], 2025, TaskRating.HOAN_THANH_TOT);
      const { nominateAward } = await secretary.data(NOMINATE, {
        input: { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 },
      });
      expect(nominateAward.recipient).toEqual({ __typename: 'Unit', id: unit.id, code: unit.code });
      const [row] = await t.dataSource.query(`SELECT is_title FROM award WHERE id = $1`, [
        nominateAward.id,
      ]);
      expect(row.is_title).toBe(true);
    });

    it('fails with RULE_VIOLATION and every check in extensions.checks on any BLOCK, writing nothing', async () => {
      const { person } = await someone();
      const res = await secretary.request(NOMINATE, {
        input: { typeCode: 'CSTD_CO_SO', personId: person.id, year: 2025 },
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      const error = res.errors![0]!;
      expect(error.message).toBe(
        `Cannot nominate for Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) 2025: ${person.fullName} does not meet the standard of Lao động tiên tiến (Advanced Worker) for 2025: ${person.fullName} has no rating for 2025: the unit manager records it (recordAnnualRating, or recordUnitRatings for the whole unit); at least "completed tasks well (hoàn thành tốt nhiệm vụ)" is needed (and 1 more; see extensions.checks)`,
      );
      const checks = error.extensions!.checks as { rule: string; outcome: string }[];
      expect(checks.map((c) => [c.rule, c.outcome])).toEqual([
        ['RULE_SET_IN_FORCE', 'PASS'],
        ['RECIPIENT_EXISTS', 'PASS'],
        ['RECIPIENT_KIND', 'PASS'],
        ['CITED_ACHIEVEMENTS', 'PASS'],
        ['NO_OPEN_DISCIPLINE', 'PASS'],
        ['AWARD_KINDS', 'PASS'],
        ['TITLE_ONCE_A_YEAR', 'PASS'],
        ['MEETS_STANDARD_OF', 'BLOCK'],
        ['ANY_OF', 'BLOCK'],
        ['TITLE_SHARE_IN_UNIT', 'WARN'],
      ]);
      expect(checks[7]).toMatchObject({
        messageKey: 'rule.meetsStandard.fails',
        legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 23',
      });
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM award WHERE person_id = $1`,
        [person.id],
      );
      expect(n).toBe(0);
    });

    it('stores WARN messages on the award', async () => {
      const { unit, person } = await someone();
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2025 });
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2025-02-01',
      });
      const { nominateAward } = await secretary.data(NOMINATE, {
        input: { typeCode: 'CSTD_CO_SO', personId: person.id, year: 2025 },
      });
      // 1 Chiến sĩ thi đua cơ sở against 1 Lao động tiên tiến is 100% of the unit's, above 15%.
      expect(nominateAward.warnings).toEqual([
        `With this nomination ${unit.name} would have 1 Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) for 2025 against 1 Lao động tiên tiến (Advanced Worker) (100%), above the 15% limit: at most 0`,
      ]);
      expect(nominateAward.status).toBe('NOMINATED');
    });

    it('refuses a recipient that does not exist with RULE_VIOLATION, and an unknown campaign with NOT_FOUND', async () => {
      const missing = await secretary.request(NOMINATE, {
        input: {
          typeCode: 'GIAY_KHEN',
          unitId: '3f2b8c1e-0000-4000-8000-000000000009',
          year: 2025,
        },
      });
      expect(errorCode(missing)).toBe('RULE_VIOLATION');
      expect(missing.errors![0]!.extensions!.checks).toEqual([
        expect.objectContaining({ rule: 'RULE_SET_IN_FORCE', outcome: 'PASS' }),
        expect.objectContaining({ rule: 'RECIPIENT_EXISTS', outcome: 'BLOCK' }),
      ]);
      const { person } = await someone();
      const a = await buildAchievement(t.dataSource, { person });
      const campaign = await secretary.request(NOMINATE, {
        input: {
          typeCode: 'GIAY_KHEN',
          personId: person.id,
          year: 2025,
          achievementIds: [a.id],
          campaignId: '3f2b8c1e-0000-4000-8000-000000000009',
        },
      });
      expect(errorCode(campaign)).toBe('NOT_FOUND');
    });

    it('refuses malformed ids and too long a citation with BAD_USER_INPUT', async () => {
      const { person } = await someone();
      for (const input of [
        { typeCode: 'GIAY_KHEN', personId: 'nope', year: 2025 },
        { typeCode: 'GIAY_KHEN', personId: person.id, year: 2025, achievementIds: ['x'] },
        { typeCode: 'GIAY_KHEN', personId: person.id, year: 2025, citation: 'x'.repeat(2001) },
      ]) {
        expect(errorCode(await secretary.request(NOMINATE, { input }))).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('decideAward', () => {
    it('approves with a quorum, enough votes, a decision number and a date', async () => {
      const { award } = await nominated();
      const { decideAward } = await council.data(DECIDE, { id: award.id, input: APPROVE });
      expect(decideAward).toMatchObject({
        status: 'APPROVED',
        decisionNumber: '125/QĐ-BTGDV',
        decidedOn: '2025-08-20',
        vote: { membersTotal: 9, membersPresent: 8, votesFor: 8, votesAgainst: 0, votesAbstain: 0 },
      });
      // Still the basis of this award.
      expect(decideAward.achievements[0].award).toEqual({ id: award.id });
    });

    it('needs two thirds of the council present: 6 of 9 is a quorum, 5 is not', async () => {
      const { award } = await nominated();
      const five = await council.request(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersPresent: 5, votesFor: 5 },
      });
      expect(errorCode(five)).toBe('RULE_VIOLATION');
      expect(five.errors![0]!.message).toBe(
        'No quorum: 5 of 9 council members present; at least 6 (2/3 of the members; local rule: the council sits with at least two thirds of its members) must be',
      );
      const six = await council.data(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersPresent: 6, votesFor: 6 },
      });
      expect(six.decideAward.status).toBe('APPROVED');
    });

    it('rounds the quorum up: 7 of 10 (⌈6.67⌉) is one, 6 is not', async () => {
      const { award } = await nominated();
      const input = { ...APPROVE, membersTotal: 10, votesFor: 6 };
      expect(
        errorCode(
          await council.request(DECIDE, { id: award.id, input: { ...input, membersPresent: 6 } }),
        ),
      ).toBe('RULE_VIOLATION');
      const seven = await council.data(DECIDE, {
        id: award.id,
        input: { ...input, membersPresent: 7 },
      });
      expect(seven.decideAward.status).toBe('APPROVED');
    });

    it('counts written votes of absent members: up to membersTotal votes, not more', async () => {
      const { award } = await nominated();
      const res = await council.request(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersPresent: 8, votesFor: 7, votesAgainst: 2, votesAbstain: 1 },
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0]!.message).toBe(
        '10 votes were counted (7 for, 2 against, 1 abstaining) but the council has only 9 members (written votes of absent members included)',
      );
      // 8 present and the absent member's written vote: 9 votes of 9 members.
      const ok = await council.data(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersPresent: 8, votesFor: 7, votesAgainst: 1, votesAbstain: 1 },
      });
      expect(ok.decideAward.status).toBe('APPROVED');
      expect(ok.decideAward.vote).toMatchObject({ membersPresent: 8, votesFor: 7 });
    });

    it('refuses more members present than the council has', async () => {
      const { award } = await nominated();
      const res = await council.request(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersPresent: 10 },
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
    });

    it('refuses negative counts and an empty council with BAD_USER_INPUT', async () => {
      const { award } = await nominated();
      for (const change of [
        { votesAgainst: -1 },
        { votesFor: -8 },
        { membersTotal: 0, membersPresent: 0, votesFor: 0 },
      ]) {
        const res = await council.request(DECIDE, {
          id: award.id,
          input: { ...APPROVE, ...change },
        });
        expect(errorCode(res)).toBe('BAD_USER_INPUT');
      }
    });

    it("needs votesFor / membersTotal at the type's threshold: 5 of 10 approves a Giấy khen, 4 of 9 does not", async () => {
      const { award } = await nominated();
      const low = await council.request(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersTotal: 9, membersPresent: 9, votesFor: 4, votesAgainst: 5 },
      });
      expect(errorCode(low)).toBe('RULE_VIOLATION');
      expect(low.errors![0]!.message).toBe(
        'Not approved: 4 of 9 council members voted for; Giấy khen (Certificate of Commendation) needs 50% of all members, that is 5 (local rule: at least half of all council members)',
      );
      const half = await council.data(DECIDE, {
        id: award.id,
        input: { ...APPROVE, membersTotal: 10, membersPresent: 10, votesFor: 5, votesAgainst: 5 },
      });
      expect(half.decideAward.status).toBe('APPROVED');
    });

    it('needs a decision number and a decision date to approve', async () => {
      const { award } = await nominated();
      for (const change of [
        { decisionNumber: null },
        { decisionNumber: '   ' },
        { decidedOn: null },
      ]) {
        const res = await council.request(DECIDE, {
          id: award.id,
          input: { ...APPROVE, ...change },
        });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0]!.message).toMatch(/Approval needs the decision (number|date)/);
      }
      const { award: still } = await council.data(AWARD, { id: award.id });
      expect(still.status).toBe('NOMINATED');
    });

    it('rejects, recording the vote, and frees the cited achievements', async () => {
      const { person, achievement, award } = await nominated();
      const { decideAward } = await council.data(DECIDE, {
        id: award.id,
        input: {
          approve: false,
          membersTotal: 9,
          membersPresent: 7,
          votesFor: 2,
          votesAgainst: 5,
          votesAbstain: 0,
        },
      });
      expect(decideAward).toMatchObject({
        status: 'REJECTED',
        decisionNumber: null,
        vote: { membersTotal: 9, membersPresent: 7, votesFor: 2, votesAgainst: 5, votesAbstain: 0 },
        achievements: [{ id: achievement.id, award: null }],
      });
      // Free again: a new nomination may cite it.
      const again = await secretary.data(NOMINATE, {
        input: {
          typeCode: 'GIAY_KHEN',
          personId: person.id,
          year: 2025,
          achievementIds: [achievement.id],
        },
      });
      expect(again.nominateAward.achievements[0].award).toEqual({ id: again.nominateAward.id });
    });

    it('still needs a quorum to reject', async () => {
      const { award } = await nominated();
      const res = await council.request(DECIDE, {
        id: award.id,
        input: {
          approve: false,
          membersTotal: 9,
          membersPresent: 3,
          votesFor: 0,
          votesAgainst: 3,
          votesAbstain: 0,
        },
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
    });

    it('decides only NOMINATED awards, naming both states otherwise', async () => {
      const { person } = await someone();
      for (const status of [
        AwardStatus.APPROVED,
        AwardStatus.REJECTED,
        AwardStatus.ANNOUNCED,
        AwardStatus.REVOKED,
      ]) {
        const award = await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person,
          year: 2025,
          status,
        });
        const approve = await council.request(DECIDE, { id: award.id, input: APPROVE });
        expect(errorCode(approve)).toBe('RULE_VIOLATION');
        expect(approve.errors![0]!.message).toBe(`Award cannot go from ${status} to APPROVED`);
        expect(approve.errors![0]!.extensions).toMatchObject({ from: status, to: 'APPROVED' });
        const reject = await council.request(DECIDE, {
          id: award.id,
          input: { ...APPROVE, approve: false },
        });
        expect(reject.errors![0]!.message).toBe(`Award cannot go from ${status} to REJECTED`);
      }
    });

    it('answers NOT_FOUND for an unknown award', async () => {
      const res = await council.request(DECIDE, {
        id: '3f2b8c1e-0000-4000-8000-000000000077',
        input: APPROVE,
      });
      expect(errorCode(res)).toBe('NOT_FOUND');
    });
  });

  describe('revokeAward', () => {
    it('revokes an APPROVED award with a reason and frees its achievements', async () => {
      const { person, achievement, award } = await nominated();
      await council.data(DECIDE, { id: award.id, input: APPROVE });
      const { revokeAward } = await secretary.data(REVOKE, {
        id: award.id,
        reason: '  False statements in the dossier  ',
      });
      expect(revokeAward).toMatchObject({
        status: 'REVOKED',
        revokedReason: 'False statements in the dossier',
        decisionNumber: '125/QĐ-BTGDV',
        achievements: [{ id: achievement.id, award: null }],
      });
      const [row] = await t.dataSource.query(`SELECT revoked_at FROM award WHERE id = $1`, [
        award.id,
      ]);
      expect(row.revoked_at).toBeInstanceOf(Date);
      const again = await secretary.request(NOMINATE, {
        input: {
          typeCode: 'GIAY_KHEN',
          personId: person.id,
          year: 2025,
          achievementIds: [achievement.id],
        },
      });
      expect(again.errors).toBeUndefined();
    });

    it('revokes an ANNOUNCED award', async () => {
      const { person } = await someone();
      const award = await buildAward(t.dataSource, {
        type: 'LAO_DONG_TIEN_TIEN',
        person,
        year: 2024,
        status: AwardStatus.ANNOUNCED,
      });
      const { revokeAward } = await secretary.data(REVOKE, { id: award.id, reason: 'Disciplined' });
      expect(revokeAward.status).toBe('REVOKED');
    });

    it('needs a reason', async () => {
      const { person } = await someone();
      const award = await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2025 });
      const res = await secretary.request(REVOKE, { id: award.id, reason: '   ' });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect((await council.data(AWARD, { id: award.id })).award.status).toBe('APPROVED');
    });

    it('revokes only APPROVED or ANNOUNCED awards, naming both states otherwise', async () => {
      const { person } = await someone();
      for (const status of [AwardStatus.NOMINATED, AwardStatus.REJECTED, AwardStatus.REVOKED]) {
        const award = await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person,
          year: 2025,
          status,
        });
        const res = await secretary.request(REVOKE, { id: award.id, reason: 'Because' });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0]!.message).toBe(`Award cannot go from ${status} to REVOKED`);
      }
    });
  });

  describe('bonusAmount', () => {
    it('is the multiple for the kind of recipient × the base salary on the decision date, rounded up to 10,000 đ', async () => {
      const { person } = await someone();
      const unit = await buildUnit(t.dataSource);
      // Decided on 20 August 2025: Decree 152/2025 and 2,340,000 đ.
      const expected: [string, { person: Person } | { unit: Unit }, number][] = [
        ['LAO_DONG_TIEN_TIEN', { person }, 710_000], // 0.3 × 2,340,000 = 702,000
        ['CSTD_CO_SO', { person }, 2_340_000],
        ['CSTD_CAP_TINH', { person }, 7_020_000],
        ['GIAY_KHEN', { person }, 710_000],
        ['GIAY_KHEN', { unit }, 1_410_000], // 0.6 × 2,340,000 = 1,404,000
        ['BANG_KHEN_TINH', { person }, 3_510_000], // 1.5 ×
        ['BANG_KHEN_TINH', { unit }, 7_020_000], // 3.0 ×
        ['TAP_THE_LDTT', { unit }, 1_880_000], // 0.8 × 2,340,000 = 1,872,000
        ['TAP_THE_LDXS', { unit }, 3_510_000], // 1.5 ×
      ];
      // A different year each, so that no title stands above another of its year.
      for (const [i, [code, recipient, amount]] of expected.entries()) {
        const award = await buildAward(t.dataSource, {
          type: code,
          ...recipient,
          year: 2010 + i,
          decidedOn: '2025-08-20',
        });
        expect((await council.data(AWARD, { id: award.id })).award.bonusAmount).toBe(amount);
      }
    });
  });
});
