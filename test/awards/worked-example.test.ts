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
    const token = res.data!.login.token as string;
    return { ...clientFor(t.url, token), token };
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
    const blocked = before.eligibility.checks.filter((c: any) => c.outcome === 'BLOCK');
    expect(blocked.map((c: any) => c.rule)).toEqual(['ANY_OF']);
    expect(blocked[0].message).toBe(
      'None of the 2 alternatives is met: (1) Bế Văn Thành is rated "completed tasks well (hoàn thành tốt nhiệm vụ)" for 2025, below the "completed tasks excellently (hoàn thành xuất sắc nhiệm vụ)" needed; (2) Bế Văn Thành has no VERIFIED initiative or research result of 2025 recognised at GRASSROOTS level or above: record one (recordAchievement) and have it verified',
    );
    expect(before.eligibility.checks.find((c: any) => c.rule === 'MEETS_STANDARD_OF').outcome).toBe(
      'PASS',
    );
    // The same, as a Vietnamese officer reads it.
    const vi = clientFor(t.url, manager.token, 'vi');
    const inVietnamese = await vi.data(ELIGIBILITY, { personId: thanh.id });
    show('1b. eligibility (in Vietnamese)', inVietnamese);
    expect(inVietnamese.eligibility.checks.find((c: any) => c.rule === 'ANY_OF')).toMatchObject({
      message:
        'Chưa đạt tiêu chuẩn nào trong 2 tiêu chuẩn thay thế: (1) Bế Văn Thành được xếp loại "Hoàn thành tốt nhiệm vụ" năm 2025, chưa đạt yêu cầu từ "Hoàn thành xuất sắc nhiệm vụ" trở lên; (2) Bế Văn Thành chưa có sáng kiến hoặc đề tài nghiên cứu khoa học năm 2025 được công nhận từ cấp cơ sở trở lên và đã được xác nhận: cần ghi nhận (recordAchievement) và đề nghị xác nhận',
      legalBasis: 'Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15',
    });

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
    const noQuorum = await council.request(DECIDE, {
      id: ldtt.nominateAward.id,
      input: { ...vote, membersPresent: 7, votesFor: 7 },
    });
    expect(noQuorum.errors![0]!.message).toBe(
      'No quorum: 7 of 11 council members present; at least 8 (2/3 of the members; local rule: the council sits with at least two thirds of its members) must be',
    );
    const decided = await council.data(DECIDE, { id: ldtt.nominateAward.id, input: vote });
    show('3. decideAward (council)', decided);
    expect(decided.decideAward).toMatchObject({ status: 'APPROVED', bonusAmount: 710_000 });

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
    // 80% of 11 members is 8.8: 8 votes are not enough, 9 are.
    const eight = await council.request(DECIDE, {
      id: cstd.nominateAward.id,
      input: { ...vote, decisionNumber: '02/QĐ-BTGDV', votesFor: 8, votesAgainst: 1 },
    });
    expect(eight.errors![0]!.message).toMatch(
      /^Not approved: 8 of 11 council members voted for; .* needs 80% of all members, that is 9 /,
    );
    const approved = await council.data(DECIDE, {
      id: cstd.nominateAward.id,
      input: { ...vote, decisionNumber: '02/QĐ-BTGDV' },
    });
    show('5b. decideAward (Chiến sĩ thi đua cơ sở)', approved);
    expect(approved.decideAward.bonusAmount).toBe(2_340_000);

    const profile = await manager.data(
      `query ($id: ID!) {
        person(id: $id) {
          fullName
          unit { name }
          titleHistory { year awardType { code name } award { decisionNumber } }
          awards(first: 4) { totalCount edges { node { year status type { code } bonusAmount bonus { note } } } }
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
    // Only the higher title of 2025 is paid.
    const awards = profile.person.awards.edges.map((e: any) => e.node);
    const of = (code: string) => awards.find((a: any) => a.year === 2025 && a.type.code === code);
    expect(of('CSTD_CO_SO').bonusAmount).toBe(2_340_000);
    expect(of('LAO_DONG_TIEN_TIEN').bonusAmount).toBe(0);
    expect(of('LAO_DONG_TIEN_TIEN').bonus.note).toMatch(
      /^Lao động tiên tiến \(Advanced Worker\) is not paid: Chiến sĩ thi đua cơ sở/,
    );
    // A Giấy khen is a commendation, not a title: paid besides.
    expect(of('GIAY_KHEN').bonusAmount).toBe(710_000);
  });
});
