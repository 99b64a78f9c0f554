import { AchievementKind } from '../../src/modules/achievements/achievement.entity';
import { Role } from '../../src/modules/accounts/account.entity';
import { TaskRating } from '../../src/modules/ratings/annual-rating.entity';
import type { Person } from '../../src/modules/people/person.entity';
import {
  buildAchievement,
  buildDisciplineRecord,
  buildPerson,
  buildUnit,
  grantTitle,
  rate,
} from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';

const NOMINATE = `
  mutation ($input: NominateAwardInput!) { nominateAward(input: $input) { id status } }`;
const DECIDE = `
  mutation ($id: ID!, $input: DecideAwardInput!) {
    decideAward(id: $id, input: $input) {
      id status bonusAmount decisionNumber
      decision { id number decidedOn signer issuingBody awardCount }
      meeting { heldOn membersTotal membersPresent quorum council { code } }
    }
  }`;
const HOLD = `
  mutation ($input: HoldCouncilMeetingInput!) {
    holdCouncilMeeting(input: $input) {
      id heldOn membersTotal membersPresent quorum minutes council { code }
      awards { id status vote { membersPresent votesFor votesAgainst votesAbstain } decisionNumber decidedOn }
      decisions { number decidedOn signer issuingBody awardCount totalBonus awards { totalCount } }
    }
  }`;
const DECISIONS = `
  query ($filter: AwardDecisionFilter) {
    awardDecisions(filter: $filter) { totalCount edges { node { number decidedOn issuingBody } } }
  }`;
const AWARD = `query ($id: ID!) { award(id: $id) { status meeting { id } decision { number } } }`;

const DECISION = {
  number: '15/QĐ-BTGDV',
  decidedOn: '2026-01-15',
  signer: 'Trưởng ban Nguyễn Quốc Khánh',
  issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn',
};

describe('the council', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;
  let council: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    council = clientFor(t.url, t.tokenFor({ role: Role.COUNCIL }));
  });
  afterAll(() => t.stop());

  /** A NOMINATED Giấy khen for a new person of `unit` (a new unit by default). */
  async function giayKhen(unit?: Awaited<ReturnType<typeof buildUnit>>) {
    const home = unit ?? (await buildUnit(t.dataSource));
    const person = await buildPerson(t.dataSource, { unit: home });
    const achievement = await buildAchievement(t.dataSource, { person });
    const { nominateAward } = await secretary.data(NOMINATE, {
      input: {
        typeCode: 'GIAY_KHEN',
        personId: person.id,
        year: 2025,
        achievementIds: [achievement.id],
      },
    });
    return { unit: home, person, id: nominateAward.id as string };
  }

  /** A NOMINATED award of `typeCode` for someone who meets its criteria. */
  async function fighter(
    typeCode: 'CSTD_CO_SO' | 'CSTD_CAP_TINH',
  ): Promise<{ id: string; person: Person }> {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    // Lao động tiên tiến and Chiến sĩ thi đua cơ sở for the unit's 20 people keep the 15% share quiet.
    const others = await Promise.all(
      Array.from({ length: 19 }, () => buildPerson(t.dataSource, { unit: unit })),
    );
    await grantTitle(t.dataSource, [person, ...others], 'LAO_DONG_TIEN_TIEN', 2025);
    await rate(t.dataSource, [{ person }], 2025, TaskRating.HOAN_THANH_XUAT_SAC);
    if (typeCode === 'CSTD_CAP_TINH') {
      await grantTitle(t.dataSource, [person], 'CSTD_CO_SO', 2023);
      await grantTitle(t.dataSource, [person], 'CSTD_CO_SO', 2024);
      await grantTitle(t.dataSource, [person], 'CSTD_CO_SO', 2025);
      await buildAchievement(t.dataSource, {
        person,
        kind: AchievementKind.INITIATIVE,
        achievedOn: '2024-05-05',
        initiativeLevel: 'PROVINCIAL' as never,
      });
    }
    const { nominateAward } = await secretary.data(NOMINATE, {
      input: { typeCode, personId: person.id, year: 2025 },
    });
    return { id: nominateAward.id, person };
  }

  const vote = (votesFor: number, membersTotal = 10, membersPresent = membersTotal) => ({
    approve: true,
    decisionNumber: `${Math.random().toString(36).slice(2, 8)}/QĐ`,
    decidedOn: '2026-01-15',
    membersTotal,
    membersPresent,
    votesFor,
    votesAgainst: membersTotal - votesFor,
    votesAbstain: 0,
  });

  describe('approval thresholds (Decree 98/2023 Art. 30(7), kept by Decree 152/2025)', () => {
    it('approves Chiến sĩ thi đua cơ sở with 80% of all members exactly: 8 of 10; 7 of 10 is not enough', async () => {
      const { id } = await fighter('CSTD_CO_SO');
      const seven = await council.request(DECIDE, { id, input: vote(7) });
      expect(errorCode(seven)).toBe('RULE_VIOLATION');
      expect(seven.errors![0]!.message).toBe(
        'Not approved: 7 of 10 council members voted for; Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter) needs 80% of all members, that is 8 (Decree 152/2025/NĐ-CP: the shares of Decree 98/2023/NĐ-CP Art. 30(7))',
      );
      expect((await council.data(DECIDE, { id, input: vote(8) })).decideAward.status).toBe(
        'APPROVED',
      );
    });

    it('approves Chiến sĩ thi đua cấp tỉnh with 90%: 9 of 10; 8 is not enough', async () => {
      const { id } = await fighter('CSTD_CAP_TINH');
      expect(errorCode(await council.request(DECIDE, { id, input: vote(8) }))).toBe(
        'RULE_VIOLATION',
      );
      expect((await council.data(DECIDE, { id, input: vote(9) })).decideAward.status).toBe(
        'APPROVED',
      );
    });

    it('counts the written votes of absent members toward the threshold: 7 present, 8 for of 10', async () => {
      const { id } = await fighter('CSTD_CO_SO');
      const { decideAward } = await council.data(DECIDE, {
        id,
        input: { ...vote(8), membersPresent: 7, votesAgainst: 2 },
      });
      expect(decideAward).toMatchObject({
        status: 'APPROVED',
        meeting: { membersTotal: 10, membersPresent: 7, quorum: 7 },
      });
    });
  });

  describe('the quorum, kept with the rule set', () => {
    it('follows the rule set in force on the meeting day', async () => {
      const [set] = await t.dataSource.query(
        `SELECT quorum_numerator, quorum_denominator FROM rule_set WHERE code = 'ND_152_2025'`,
      );
      expect(set).toEqual({ quorum_numerator: 2, quorum_denominator: 3 });
      const { id } = await giayKhen();
      await t.dataSource.query(
        `UPDATE rule_set SET quorum_numerator = 1, quorum_denominator = 2 WHERE code = 'ND_152_2025'`,
      );
      try {
        const five = await council.data(DECIDE, { id, input: { ...vote(5), membersPresent: 5 } });
        expect(five.decideAward.meeting.quorum).toBe(5);
      } finally {
        await t.dataSource.query(
          `UPDATE rule_set SET quorum_numerator = 2, quorum_denominator = 3 WHERE code = 'ND_152_2025'`,
        );
      }
    });
  });

  describe('the rules on the decision date', () => {
    it('refuses to approve a nomination whose recipient came under investigation since, naming the record', async () => {
      const { id, person } = await giayKhen();
      await buildDisciplineRecord(t.dataSource, {
        person,
        fromDate: '2026-01-10',
        reason: 'Xác minh đơn tố cáo',
        reference: '03/TB-UBKT',
      });
      const res = await council.request(DECIDE, { id, input: vote(10) });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0]!.message).toBe(
        `Not approved: on the decision date 15/01/2026 Giấy khen (Certificate of Commendation) is no longer met: ${person.fullName} has an open investigation record (03/TB-UBKT) since 10/01/2026: "Xác minh đơn tố cáo". The award is deferred, not refused: nominate again once the record is closed (the secretary closes it with closeDiscipline) (and 0 more; see extensions.checks)`,
      );
      const checks = res.errors![0]!.extensions!.checks as { rule: string; outcome: string }[];
      expect(checks.find((c) => c.rule === 'NO_OPEN_DISCIPLINE')?.outcome).toBe('BLOCK');
      // A decision dated before the record opened is fine.
      const { decideAward } = await council.data(DECIDE, {
        id,
        input: { ...vote(10), decidedOn: '2026-01-09' },
      });
      expect(decideAward.status).toBe('APPROVED');
    });
  });

  describe('holdCouncilMeeting', () => {
    it('decides several nominations at one meeting, each with its votes, under one registered decision', async () => {
      const unit = await buildUnit(t.dataSource);
      const a = await giayKhen(unit);
      const b = await giayKhen(unit);
      const c = await giayKhen(unit);
      const { holdCouncilMeeting } = await council.data(HOLD, {
        input: {
          heldOn: '2026-01-12',
          councilUnitId: unit.id,
          membersTotal: 11,
          membersPresent: 9,
          minutes: 'Hội đồng họp xét khen thưởng năm 2025.',
          decision: DECISION,
          votes: [
            { awardId: a.id, approve: true, votesFor: 11, votesAgainst: 0, votesAbstain: 0 },
            { awardId: b.id, approve: true, votesFor: 6, votesAgainst: 3, votesAbstain: 0 },
            { awardId: c.id, approve: false, votesFor: 2, votesAgainst: 7, votesAbstain: 0 },
          ],
        },
      });
      expect(holdCouncilMeeting).toMatchObject({
        heldOn: '2026-01-12',
        membersTotal: 11,
        membersPresent: 9,
        quorum: 8,
        minutes: 'Hội đồng họp xét khen thưởng năm 2025.',
        council: { code: unit.code },
        decisions: [
          { ...DECISION, awardCount: 2, totalBonus: 1_420_000, awards: { totalCount: 2 } },
        ],
      });
      const byId = new Map<string, any>(holdCouncilMeeting.awards.map((x: any) => [x.id, x]));
      expect(byId.get(a.id)).toMatchObject({
        status: 'APPROVED',
        decisionNumber: DECISION.number,
        decidedOn: DECISION.decidedOn,
        vote: { membersPresent: 9, votesFor: 11 },
      });
      expect(byId.get(b.id).status).toBe('APPROVED');
      expect(byId.get(c.id)).toMatchObject({ status: 'REJECTED', decisionNumber: null });
      expect((await council.data(AWARD, { id: a.id })).award).toEqual({
        status: 'APPROVED',
        meeting: { id: holdCouncilMeeting.id },
        decision: { number: DECISION.number },
      });
    });

    it('writes nothing when one vote is refused, naming the award', async () => {
      const a = await giayKhen();
      const b = await giayKhen();
      const res = await council.request(HOLD, {
        input: {
          heldOn: '2026-01-12',
          membersTotal: 9,
          membersPresent: 9,
          decision: { ...DECISION, number: '16/QĐ-BTGDV' },
          votes: [
            { awardId: a.id, approve: true, votesFor: 9, votesAgainst: 0, votesAbstain: 0 },
            { awardId: b.id, approve: true, votesFor: 4, votesAgainst: 5, votesAbstain: 0 },
          ],
        },
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0]!.message).toBe(
        `Giấy khen (Certificate of Commendation) 2025 – ${b.person.fullName}: Not approved: 4 of 9 council members voted for; Giấy khen (Certificate of Commendation) needs 50% of all members, that is 5 (local rule: at least half of all council members)`,
      );
      expect(res.errors![0]!.extensions).toMatchObject({ awardId: b.id, needed: 5 });
      expect((await council.data(AWARD, { id: a.id })).award.status).toBe('NOMINATED');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM award_decision WHERE number = '16/QĐ-BTGDV'`,
      );
      expect(n).toBe(0);
    });

    it('needs the decision to approve, signed on or after the meeting; and a vote per nomination', async () => {
      const a = await giayKhen();
      const base = {
        heldOn: '2026-01-12',
        membersTotal: 9,
        membersPresent: 9,
        votes: [{ awardId: a.id, approve: true, votesFor: 9, votesAgainst: 0, votesAbstain: 0 }],
      };
      const noDecision = await council.request(HOLD, { input: base });
      expect(errorCode(noDecision)).toBe('RULE_VIOLATION');
      expect(noDecision.errors![0]!.message).toMatch(/^Approving needs the decision/);
      const early = await council.request(HOLD, {
        input: { ...base, decision: { ...DECISION, decidedOn: '2026-01-11' } },
      });
      expect(errorCode(early)).toBe('BAD_USER_INPUT');
      expect(early.errors![0]!.message).toBe(
        'The decision is dated 11/01/2026, before the meeting of 12/01/2026: it is signed on or after the meeting',
      );
      for (const input of [
        { ...base, votes: [] },
        { ...base, votes: [base.votes[0], base.votes[0]], decision: DECISION },
        { ...base, votes: [{ ...base.votes[0], votesFor: -1 }], decision: DECISION },
      ]) {
        expect(errorCode(await council.request(HOLD, { input }))).toBe('BAD_USER_INPUT');
      }
      expect(
        errorCode(await secretary.request(HOLD, { input: { ...base, decision: DECISION } })),
      ).toBe('FORBIDDEN');
    });
  });

  describe('the register of decisions', () => {
    it('files awards decided one by one under the same decision number and date', async () => {
      const a = await giayKhen();
      const b = await giayKhen();
      const input = { ...vote(9, 9), decisionNumber: '21/QĐ-BTGDV', signer: DECISION.signer };
      const first = await council.data(DECIDE, { id: a.id, input });
      const second = await council.data(DECIDE, {
        id: b.id,
        input: { ...input, issuingBody: DECISION.issuingBody },
      });
      expect(second.decideAward.decision).toEqual({
        id: first.decideAward.decision.id,
        number: '21/QĐ-BTGDV',
        decidedOn: '2026-01-15',
        signer: DECISION.signer,
        issuingBody: DECISION.issuingBody,
        awardCount: 2,
      });
    });

    it('refuses a number already registered on another day of the year, or with another signer', async () => {
      const a = await giayKhen();
      const b = await giayKhen();
      const c = await giayKhen();
      await council.data(DECIDE, {
        id: a.id,
        input: { ...vote(9, 9), decisionNumber: '22/QĐ-BTGDV', signer: 'A' },
      });
      const otherDay = await council.request(DECIDE, {
        id: b.id,
        input: { ...vote(9, 9), decisionNumber: '22/qđ-btgdv', decidedOn: '2026-03-01' },
      });
      expect(errorCode(otherDay)).toBe('RULE_VIOLATION');
      expect(otherDay.errors![0]!.message).toBe(
        'Decision 22/QĐ-BTGDV of that year is registered as signed on 15/01/2026, not 01/03/2026: give its registered date, or another number',
      );
      const otherSigner = await council.request(DECIDE, {
        id: b.id,
        input: { ...vote(9, 9), decisionNumber: '22/QĐ-BTGDV', signer: 'B' },
      });
      expect(otherSigner.errors![0]!.message).toBe(
        'Decision 22/QĐ-BTGDV is registered as signed by A, not B',
      );
      // Numbers restart each year: the same number next year is another decision.
      const nextYear = await council.data(DECIDE, {
        id: c.id,
        input: { ...vote(9, 9), decisionNumber: '22/QĐ-BTGDV', decidedOn: '2027-01-15' },
      });
      expect(nextYear.decideAward.decision).toMatchObject({
        decidedOn: '2027-01-15',
        awardCount: 1,
      });
    });

    it('lists decisions newest first, searchable by number, signer or issuing body without diacritics', async () => {
      const a = await giayKhen();
      await council.data(DECIDE, {
        id: a.id,
        input: {
          ...vote(9, 9),
          decisionNumber: '99/QĐ-HĐND',
          decidedOn: '2026-02-02',
          issuingBody: 'Hội đồng nhân dân xã Đồng Đăng',
        },
      });
      const viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
      for (const search of ['99/qđ-hđnd', 'dong dang', 'HỘI ĐỒNG NHÂN DÂN']) {
        const { awardDecisions } = await viewer.data(DECISIONS, { filter: { search } });
        expect(awardDecisions.edges.map((e: any) => e.node.number)).toEqual(['99/QĐ-HĐND']);
      }
      const dated = await viewer.data(DECISIONS, {
        filter: { from: '2026-02-02', to: '2026-02-02' },
      });
      expect(dated.awardDecisions.edges.map((e: any) => e.node.decidedOn)).toEqual(['2026-02-02']);
      const all = await viewer.data(DECISIONS);
      const days = all.awardDecisions.edges.map((e: any) => e.node.decidedOn);
      expect(days).toEqual([...days].sort().reverse());
    });
  });
});
