import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { buildAchievement, buildAward, buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode, gql } from '../helpers/graphql';

const NOMINATE = `
  mutation ($input: NominateAwardInput!) { nominateAward(input: $input) { id nominatedBy { id } } }`;
const DECIDE = `
  mutation ($id: ID!, $input: DecideAwardInput!) { decideAward(id: $id, input: $input) { id status } }`;
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeAward(id: $id, reason: $reason) { id status } }`;
const READS = `
  query ($input: EligibilityInput!, $id: ID!) {
    awardTypes { code }
    eligibility(input: $input) { eligible }
    award(id: $id) { id }
    awards(first: 1) { totalCount }
  }`;

const APPROVE = {
  approve: true,
  decisionNumber: '1/QĐ',
  decidedOn: '2025-08-20',
  membersTotal: 5,
  membersPresent: 5,
  votesFor: 5,
  votesAgainst: 0,
  votesAbstain: 0,
};

describe('who may nominate, decide, revoke and read awards', () => {
  let t: TestApp;
  /** root ─ managed ─ inner, and a sibling `outside` of managed. */
  let managed: Unit;
  let inner: Unit;
  let outside: Unit;
  let manager: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    const root = await buildUnit(t.dataSource);
    managed = await buildUnit(t.dataSource, { parent: root });
    inner = await buildUnit(t.dataSource, { parent: managed });
    outside = await buildUnit(t.dataSource, { parent: root });
    manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: managed.id }));
  });
  afterAll(() => t.stop());

  const as = (role: Role) => clientFor(t.url, t.tokenFor({ role }));

  /** A Giấy khen nomination input for a new person of `unit`, citing a verified achievement. */
  async function giayKhen(unit: Unit): Promise<{ person: Person; input: Record<string, unknown> }> {
    const person = await buildPerson(t.dataSource, { unit: unit });
    const a = await buildAchievement(t.dataSource, { person });
    return {
      person,
      input: { typeCode: 'GIAY_KHEN', personId: person.id, year: 2025, achievementIds: [a.id] },
    };
  }

  describe('nominateAward', () => {
    it('lets a UNIT_MANAGER nominate people and units of its subtree, as the nominating unit', async () => {
      const { input } = await giayKhen(inner);
      const { nominateAward } = await manager.data(NOMINATE, { input });
      expect(nominateAward.nominatedBy).toEqual({ id: managed.id });
      const a = await buildAchievement(t.dataSource, { unit: inner });
      const collective = await manager.data(NOMINATE, {
        input: { typeCode: 'GIAY_KHEN', unitId: inner.id, year: 2025, achievementIds: [a.id] },
      });
      expect(collective.nominateAward.nominatedBy).toEqual({ id: managed.id });
      const own = await buildAchievement(t.dataSource, { unit: managed });
      expect(
        (
          await manager.request(NOMINATE, {
            input: {
              typeCode: 'GIAY_KHEN',
              unitId: managed.id,
              year: 2025,
              achievementIds: [own.id],
            },
          })
        ).errors,
      ).toBeUndefined();
    });

    it('forbids a UNIT_MANAGER outside its subtree, before running any rule', async () => {
      const { input, person } = await giayKhen(outside);
      const res = await manager.request(NOMINATE, { input });
      expect(errorCode(res)).toBe('FORBIDDEN');
      const parent = await manager.request(NOMINATE, {
        input: { typeCode: 'TAP_THE_LDTT', unitId: outside.id, year: 2025 },
      });
      expect(errorCode(parent)).toBe('FORBIDDEN');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM award WHERE person_id = $1`,
        [person.id],
      );
      expect(n).toBe(0);
    });

    it("lets SECRETARY and ADMIN nominate anywhere, the recipient's unit nominating", async () => {
      for (const role of [Role.SECRETARY, Role.ADMIN]) {
        const { input } = await giayKhen(outside);
        const { nominateAward } = await as(role).data(NOMINATE, { input });
        expect(nominateAward.nominatedBy).toEqual({ id: outside.id });
      }
    });

    it('forbids COUNCIL, MEMBER and VIEWER, and needs a token', async () => {
      const { input } = await giayKhen(inner);
      for (const role of [Role.COUNCIL, Role.MEMBER, Role.VIEWER]) {
        expect(errorCode(await as(role).request(NOMINATE, { input }))).toBe('FORBIDDEN');
      }
      expect(errorCode(await gql(t.url, NOMINATE, { input }))).toBe('UNAUTHENTICATED');
    });
  });

  describe('decideAward', () => {
    it('is for COUNCIL (and ADMIN)', async () => {
      const person = await buildPerson(t.dataSource, { unit: inner });
      for (const role of [Role.COUNCIL, Role.ADMIN]) {
        // The rules are checked again on the decision date: the award cites a verified achievement.
        const achievement = await buildAchievement(t.dataSource, { person });
        const award = await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person,
          year: 2025,
          status: AwardStatus.NOMINATED,
          achievements: [achievement],
        });
        const { decideAward } = await as(role).data(DECIDE, { id: award.id, input: APPROVE });
        expect(decideAward.status).toBe('APPROVED');
      }
    });

    it('is forbidden to SECRETARY, UNIT_MANAGER, MEMBER and VIEWER', async () => {
      const person = await buildPerson(t.dataSource, { unit: inner });
      const award = await buildAward(t.dataSource, {
        type: 'GIAY_KHEN',
        person,
        year: 2025,
        status: AwardStatus.NOMINATED,
      });
      for (const client of [as(Role.SECRETARY), manager, as(Role.MEMBER), as(Role.VIEWER)]) {
        expect(errorCode(await client.request(DECIDE, { id: award.id, input: APPROVE }))).toBe(
          'FORBIDDEN',
        );
      }
      expect(errorCode(await gql(t.url, DECIDE, { id: award.id, input: APPROVE }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('revokeAward', () => {
    it('is for SECRETARY (and ADMIN)', async () => {
      const person = await buildPerson(t.dataSource, { unit: inner });
      for (const role of [Role.SECRETARY, Role.ADMIN]) {
        const award = await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2025 });
        const { revokeAward } = await as(role).data(REVOKE, { id: award.id, reason: 'Error' });
        expect(revokeAward.status).toBe('REVOKED');
      }
    });

    it('is forbidden to COUNCIL, UNIT_MANAGER, MEMBER and VIEWER', async () => {
      const person = await buildPerson(t.dataSource, { unit: inner });
      const award = await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2025 });
      for (const client of [as(Role.COUNCIL), manager, as(Role.MEMBER), as(Role.VIEWER)]) {
        expect(errorCode(await client.request(REVOKE, { id: award.id, reason: 'x' }))).toBe(
          'FORBIDDEN',
        );
      }
    });
  });

  it('lets every signed-in role read the catalogue, eligibility and awards, and nobody without a token', async () => {
    const person = await buildPerson(t.dataSource, { unit: outside });
    const award = await buildAward(t.dataSource, { type: 'GIAY_KHEN', person, year: 2025 });
    const variables = {
      input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 },
      id: award.id,
    };
    for (const role of Object.values(Role)) {
      const data = await clientFor(
        t.url,
        t.tokenFor({ role, unitId: inner.id, personId: person.id }),
      ).data(READS, variables);
      expect(data.award.id).toBe(award.id);
      expect(data.awardTypes).toHaveLength(7);
    }
    expect(errorCode(await gql(t.url, READS, variables))).toBe('UNAUTHENTICATED');
  });
});
