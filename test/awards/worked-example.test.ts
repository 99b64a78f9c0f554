import { DEMO_PASSWORD } from '../../src/db/seed/organisation';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, gql } from '../helpers/graphql';

/**
 * The README's worked example, run against the demo data exactly as written
 * there: eligibility → nominate → council decision → profile. With
 * SHOW_EXAMPLE=1 it prints each response (what the README quotes).
 */
describe('the README worked example', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
  }, 60_000);
  afterAll(() => t.stop());

  const show = (label: string, value: unknown) => {
    if (process.env.SHOW_EXAMPLE) {
      process.stdout.write(`\n# ${label}\n${JSON.stringify(value, null, 2)}\n`);
    }
  };

  async function signIn(username: string) {
    const res = await gql(
      t.url,
      `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
      { u: username, p: DEMO_PASSWORD },
    );
    return clientFor(t.url, res.data!.login.token);
  }

  it('takes Bế Văn Thành from a blocked check to a Chiến sĩ thi đua cơ sở in his profile', async () => {
    const manager = await signIn('manager');
    const secretary = await signIn('secretary');
    const council = await signIn('council');

    const { people } = await manager.data(`
      { people(filter: { search: "be van thanh" }) { edges { node { id fullName unit { code } } } } }`);
    const thanh = people.edges[0].node;
    expect(thanh.fullName).toBe('Bế Văn Thành');

    const ELIGIBILITY = `
      query ($personId: ID!) {
        eligibility(input: { typeCode: "CSTD_CO_SO", personId: $personId, year: 2025 }) {
          eligible
          checks { rule outcome message legalBasis }
        }
      }`;
    const before = await manager.data(ELIGIBILITY, { personId: thanh.id });
    show('1. eligibility (blocked)', before);
    expect(before.eligibility.eligible).toBe(false);
    expect(
      before.eligibility.checks.filter((c: any) => c.outcome === 'BLOCK').map((c: any) => c.rule),
    ).toEqual(['HOLDS_TITLE', 'HAS_INITIATIVE']);

    const NOMINATE = `
      mutation ($input: NominateAwardInput!) {
        nominateAward(input: $input) {
          id status warnings type { code } nominatedBy { code }
          recipient { ... on Person { fullName } }
        }
      }`;
    const ldtt = await manager.data(NOMINATE, {
      input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: thanh.id, year: 2025 },
    });
    show('2. nominateAward (Lao động tiên tiến)', ldtt);
    expect(ldtt.nominateAward.status).toBe('NOMINATED');

    const DECIDE = `
      mutation ($id: ID!, $input: DecideAwardInput!) {
        decideAward(id: $id, input: $input) {
          status decisionNumber decidedOn bonusAmount
          vote { membersTotal membersPresent votesFor votesAgainst votesAbstain }
        }
      }`;
    const vote = {
      approve: true,
      decisionNumber: '01/QĐ-BTGDV',
      decidedOn: '2026-01-12',
      membersTotal: 11,
      membersPresent: 9,
      votesFor: 9,
      votesAgainst: 0,
      votesAbstain: 0,
    };
    const decided = await council.data(DECIDE, { id: ldtt.nominateAward.id, input: vote });
    show('3. decideAward (council)', decided);
    expect(decided.decideAward.status).toBe('APPROVED');

    const recorded = await manager.data(
      `mutation ($personId: ID!) {
        recordAchievement(input: {
          title: "Sáng kiến số hóa sổ tay dân vận", kind: INITIATIVE, initiativeLevel: GRASSROOTS,
          personId: $personId, achievedOn: "2025-10-20"
        }) { id status }
      }`,
      { personId: thanh.id },
    );
    await secretary.data(
      `mutation ($id: ID!) { verifyAchievement(id: $id, approve: true) { status } }`,
      { id: recorded.recordAchievement.id },
    );

    const after = await manager.data(ELIGIBILITY, { personId: thanh.id });
    show('4. eligibility (eligible, one warning)', after);
    expect(after.eligibility.eligible).toBe(true);

    const cstd = await manager.data(NOMINATE, {
      input: { typeCode: 'CSTD_CO_SO', personId: thanh.id, year: 2025 },
    });
    show('5. nominateAward (Chiến sĩ thi đua cơ sở)', cstd);
    expect(cstd.nominateAward.warnings).toHaveLength(1);
    const approved = await council.data(DECIDE, {
      id: cstd.nominateAward.id,
      input: { ...vote, decisionNumber: '02/QĐ-BTGDV' },
    });
    expect(approved.decideAward.bonusAmount).toBe(2_340_000);

    const profile = await manager.data(
      `query ($id: ID!) {
        person(id: $id) {
          fullName
          unit { name }
          titleHistory { year awardType { code name } award { decisionNumber } }
          awards(first: 3) { totalCount edges { node { year status type { code } bonusAmount } } }
        }
      }`,
      { id: thanh.id },
    );
    show('6. profile', profile);
    expect(profile.person.titleHistory.map((r: any) => [r.year, r.awardType.code])).toEqual([
      [2025, 'CSTD_CO_SO'],
      [2024, 'CSTD_CO_SO'],
      [2023, 'LAO_DONG_TIEN_TIEN'],
      [2022, 'LAO_DONG_TIEN_TIEN'],
      [2021, 'LAO_DONG_TIEN_TIEN'],
    ]);
  });
});
