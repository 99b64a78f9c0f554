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
        bonusAmount: 702_000,
        vote: { membersTotal: 11, membersPresent: 10, votesFor: 10 },
        campaign: { code: 'DVK-2020-2025' },
      });
      expect(node.achievements).toEqual([{ status: 'VERIFIED', award: { id: node.id } }]);
    }
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

  it('is consistent with the rules: every seeded title fails only for being held already', async () => {
    const titles: {
      code: string;
      person_id: string | null;
      unit_id: string | null;
      year: number;
    }[] = await t.dataSource.query(
      `SELECT t.code, a.person_id, a.unit_id, a.year FROM award a JOIN award_type t ON t.id = a.type_id
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
    for (const title of titles.filter((x) => x.code !== 'LAO_DONG_TIEN_TIEN')) {
      const { eligibility } = await client.data(QUERY, {
        input: {
          typeCode: title.code,
          year: title.year,
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
