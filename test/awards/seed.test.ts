import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';

describe('the demo awards', () => {
  let t: TestApp;
  let client: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    client = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
  }, 60_000);
  afterAll(() => t.stop());

  it('has 17 APPROVED Giấy khen for 2025, 2 divisions of LS-TGDV and 15 people, voted and decided, each citing a verified achievement', async () => {
    const { awards } = await client.data(`{
      awards(filter: { typeCode: "GIAY_KHEN", year: 2025 }, first: 50) {
        totalCount
        edges { node {
          id status decisionNumber decidedOn bonusAmount
          vote { membersTotal membersPresent votesFor }
          campaign { code }
          recipient { __typename ... on Person { fullName } ... on Unit { code parent { code } } }
          achievements { status award { id } }
        } }
      }
    }`);
    expect(awards.totalCount).toBe(17);
    const nodes = awards.edges.map((e: any) => e.node);
    const units = nodes.filter((n: any) => n.recipient.__typename === 'Unit');
    expect(units.map((n: any) => n.recipient.code).sort()).toEqual(['LS-TGDV-DV', 'LS-TGDV-TT']);
    expect(units.every((n: any) => n.recipient.parent.code === 'LS-TGDV')).toBe(true);
    expect(nodes.filter((n: any) => n.recipient.__typename === 'Person')).toHaveLength(15);
    for (const node of nodes) {
      expect(node).toMatchObject({
        status: 'APPROVED',
        decisionNumber: '125/QĐ-BTGDV',
        decidedOn: '2025-11-25',
        // Decree 152/2025: 0.3 × 2,340,000 = 702,000 → 710,000; collectives 0.6 × → 1,410,000.
        bonusAmount: node.recipient.__typename === 'Person' ? 710_000 : 1_410_000,
        // Ten present, and the absent member's written vote.
        vote: { membersTotal: 11, membersPresent: 10, votesFor: 11 },
        campaign: { code: 'DVK-2020-2025' },
      });
      expect(node.achievements).toEqual([{ status: 'VERIFIED', award: { id: node.id } }]);
    }
  });

  it('registers the decision on the 17 Giấy khen with its signer, issuing body, meeting and total', async () => {
    const { awardDecisions } = await client.data(`{
      awardDecisions(filter: { search: "125/QĐ-BTGDV" }) {
        edges { node { number decidedOn signer issuingBody awardCount totalBonus } }
      }
    }`);
    expect(awardDecisions.edges.map((e: any) => e.node)).toEqual([
      {
        number: '125/QĐ-BTGDV',
        decidedOn: '2025-11-25',
        signer: 'Trưởng ban Nguyễn Quốc Khánh',
        issuingBody: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn',
        awardCount: 17,
        totalBonus: 15 * 710_000 + 2 * 1_410_000,
      },
    ]);
    const { councilMeetings } = await client.data(`{
      councilMeetings(first: 10) { totalCount edges { node { heldOn membersTotal membersPresent quorum council { code } decisions { number } } } }
    }`);
    expect(councilMeetings.totalCount).toBe(5);
    expect(councilMeetings.edges[0].node).toEqual({
      heldOn: '2025-11-22',
      membersTotal: 11,
      membersPresent: 10,
      quorum: 8,
      council: { code: 'LS-TGDV' },
      decisions: [{ number: '125/QĐ-BTGDV' }],
    });
  });

  it("pays a year's lower title nothing where a higher one was paid, explaining it", async () => {
    const { people } = await client.data(`{
      people(filter: { search: "be van thanh" }, first: 1) {
        edges { node { awards(first: 10) { edges { node { year type { code } bonusAmount bonus { note } } } } } }
      }
    }`);
    const awards = people.edges[0].node.awards.edges.map((e: any) => e.node);
    const of = (year: number, code: string) =>
      awards.find((a: any) => a.year === year && a.type.code === code);
    expect(of(2024, 'CSTD_CO_SO').bonusAmount).toBe(2_340_000);
    expect(of(2024, 'LAO_DONG_TIEN_TIEN')).toMatchObject({
      bonusAmount: 0,
      bonus: {
        note: 'Lao động tiên tiến (Advanced Worker) is not paid: Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter), a higher title of 2024 (decision 08/QĐ-BTGDV of 15/01/2025), is paid instead; only the highest title of a period is paid (Decree 98/2023/NĐ-CP)',
      },
    });
    // 2021 and 2022 were decided under Decree 91/2017, on 1,490,000 đ: 447,000 → 450,000.
    expect(of(2021, 'LAO_DONG_TIEN_TIEN').bonusAmount).toBe(450_000);
    expect(of(2022, 'LAO_DONG_TIEN_TIEN').bonusAmount).toBe(450_000);
  });

  it('explains to the people concerned why they cannot be nominated yet', async () => {
    const find = async (search: string) =>
      (
        await client.data(
          `query ($s: String!) { people(filter: { search: $s }, first: 1) { edges { node { id fullName } } } }`,
          {
            s: search,
          },
        )
      ).people.edges[0].node;
    const QUERY = `query ($input: EligibilityInput!) { eligibility(input: $input) { eligible checks { rule outcome message } } }`;
    const blocks = async (personId: string) =>
      (
        await client.data(QUERY, {
          input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId, year: 2025 },
        })
      ).eligibility.checks.filter((c: any) => c.outcome === 'BLOCK');
    const tung = await find('ha van tung');
    expect(await blocks(tung.id)).toEqual([
      expect.objectContaining({
        rule: 'NO_OPEN_DISCIPLINE',
        message: expect.stringMatching(
          /^Hà Văn Tùng has an open investigation record \(12\/TB-UBKT\) since 01\/10\/2025: "Đang bị xem xét/,
        ),
      }),
    ]);
    const quynh = await find('lam thi quynh');
    expect(await blocks(quynh.id)).toEqual([
      expect.objectContaining({
        rule: 'RECRUITED_BEFORE',
        message:
          'Lâm Thị Quỳnh was recruited on 01/09/2025: less than 6 months of service by the end of 2025 (it needs recruitment on or before 01/07/2025); consider Lâm Thị Quỳnh next year',
      }),
    ]);
  });

  it('sends official delegates who are all advanced models or award holders of 2020-2025, within the quota', async () => {
    const { conferences } = await client.data(`{
      conferences(first: 1) { edges { node { delegations {
        periodFromYear periodToYear
        members { fullName } guests { fullName }
        quotas { unit { code } seats used }
        checks { rule outcome message }
      } } } }
    }`);
    const [delegation] = conferences.edges[0].node.delegations;
    expect(delegation).toMatchObject({
      periodFromYear: 2020,
      periodToYear: 2025,
      guests: [{ fullName: 'Vi Thị Hồng Nhung' }],
      quotas: [{ unit: { code: 'LS-TGDV' }, seats: 5, used: 5 }],
    });
    expect(delegation.members).toHaveLength(5);
    expect(delegation.checks.map((c: any) => c.outcome)).toEqual(Array(6).fill('PASS'));
  });

  it('gives profiles a history of titles', async () => {
    const { people } = await client.data(`{
      people(filter: { search: "nguyen quoc khanh" }, first: 1) {
        edges { node { fullName titleHistory { year awardType { code } award { decisionNumber } } } }
      }
    }`);
    const khanh = people.edges[0].node;
    expect(khanh.fullName).toBe('Nguyễn Quốc Khánh');
    expect(khanh.titleHistory.map((r: any) => [r.year, r.awardType.code])).toEqual([
      [2024, 'LAO_DONG_TIEN_TIEN'],
      [2023, 'CSTD_CO_SO'],
      [2022, 'LAO_DONG_TIEN_TIEN'],
      [2021, 'LAO_DONG_TIEN_TIEN'],
    ]);
    expect(khanh.titleHistory[1].award.decisionNumber).toBe('06/QĐ-BTG');
  });

  it('is consistent with the rules of its decision date: every seeded title fails only for being held already', async () => {
    const titles: {
      code: string;
      person_id: string | null;
      unit_id: string | null;
      year: number;
      decided_on: string;
    }[] = await t.dataSource.query(
      `SELECT t.code, a.person_id, a.unit_id, a.year, a.decided_on::text FROM award a JOIN award_type t ON t.id = a.type_id
          WHERE a.is_title ORDER BY a.year, t.sort_order`,
    );
    expect(titles.length).toBeGreaterThan(140);
    const codes = new Set(titles.map((title) => title.code));
    expect([...codes].sort()).toEqual([
      'CSTD_CO_SO',
      'LAO_DONG_TIEN_TIEN',
      'TAP_THE_LDTT',
      'TAP_THE_LDXS',
    ]);
    const QUERY = `query ($input: EligibilityInput!) { eligibility(input: $input) { checks { rule outcome message } } }`;
    // Checked under the rule set in force on its decision date, as the council decided it.
    for (const title of titles.filter((x) => x.code !== 'LAO_DONG_TIEN_TIEN' || x.year === 2023)) {
      const { eligibility } = await client.data(QUERY, {
        input: {
          typeCode: title.code,
          year: title.year,
          on: title.decided_on,
          ...(title.person_id ? { personId: title.person_id } : { unitId: title.unit_id }),
        },
      });
      const blocks = eligibility.checks.filter((c: any) => c.outcome === 'BLOCK');
      expect([title.code, title.year, blocks.map((c: any) => c.rule)]).toEqual([
        title.code,
        title.year,
        ['TITLE_ONCE_A_YEAR'],
      ]);
    }
  });
});
