import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAchievement, buildAward, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor, errorCode, gql } from '../helpers/graphql';
import { ANON, cells, NO, OK } from '../helpers/matrix';

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

const ACTORS = [
  'ADMIN',
  'SECRETARY',
  'COUNCIL',
  'MANAGER',
  'MEMBER',
  'VIEWER',
  'ANONYMOUS',
] as const;
type Actor = (typeof ACTORS)[number];
type Mutation = 'nominateAward' | 'decideAward' | 'revokeAward';

/**
 * Who may nominate, decide and revoke an award of a person of a unit that
 * MANAGER manages (a UNIT_MANAGER of an ancestor of that unit).
 */
// prettier-ignore
const CASES = cells<Mutation, typeof ACTORS>(ACTORS, [
  //                ADMIN  SECRETARY  COUNCIL  MANAGER  MEMBER  VIEWER  ANONYMOUS
  ['nominateAward', OK,    OK,        NO,      OK,      NO,     NO,     ANON],
  ['decideAward',   OK,    NO,        OK,      NO,      NO,     NO,     ANON],
  ['revokeAward',   OK,    OK,        NO,      NO,      NO,     NO,     ANON],
]);

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
    const person = await buildPerson(t.dataSource, { unit });
    const a = await buildAchievement(t.dataSource, { person });
    return {
      person,
      input: { typeCode: 'GIAY_KHEN', personId: person.id, year: 2025, achievementIds: [a.id] },
    };
  }

  /** Each mutation of an award of a new person of `inner`: its variables, and what success returns. */
  const MUTATIONS: Record<
    Mutation,
    {
      prepare: () => Promise<[string, Record<string, unknown>]>;
      succeeded: (data: Record<string, any>, actor: Actor) => void;
    }
  > = {
    nominateAward: {
      prepare: async () => [NOMINATE, { input: (await giayKhen(inner)).input }],
      // A UNIT_MANAGER nominates as its unit; others as the recipient's unit.
      succeeded: ({ nominateAward }, actor) =>
        expect(nominateAward.nominatedBy).toEqual({
          id: actor === 'MANAGER' ? managed.id : inner.id,
        }),
    },
    decideAward: {
      prepare: async () => {
        const person = await buildPerson(t.dataSource, { unit: inner });
        const award = await buildAward(t.dataSource, {
          type: 'GIAY_KHEN',
          person,
          status: AwardStatus.NOMINATED,
        });
        return [DECIDE, { id: award.id, input: APPROVE }];
      },
      succeeded: ({ decideAward }) => expect(decideAward.status).toBe('APPROVED'),
    },
    revokeAward: {
      prepare: async () => {
        const person = await buildPerson(t.dataSource, { unit: inner });
        const award = await buildAward(t.dataSource, { type: 'GIAY_KHEN', person });
        return [REVOKE, { id: award.id, reason: 'Error' }];
      },
      succeeded: ({ revokeAward }) => expect(revokeAward.status).toBe('REVOKED'),
    },
  };

  it.each(CASES)('%s by %s: %s', async (mutation, actor, outcome) => {
    const client =
      actor === 'MANAGER' ? manager : actor === 'ANONYMOUS' ? clientFor(t.url) : as(Role[actor]);
    const { prepare, succeeded } = MUTATIONS[mutation];
    const [query, variables] = await prepare();
    const res = await client.request(query, variables);
    expect(errorCode(res) ?? OK).toBe(outcome);
    if (outcome === OK) succeeded(res.data!, actor);
    else expect(res.data).toBeNull();
  });

  describe('nominateAward, by scope', () => {
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
