import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';

describe('demo campaigns', () => {
  let t: TestApp;
  let viewer: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true' });
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
  });

  afterAll(() => t.stop());

  it('has Dân vận khéo 2020-2025 LAUNCHED by the department, with pledges and a review', async () => {
    const { campaigns } = await viewer.data(`{
      campaigns(filter: { kind: THEMATIC }) { edges { node {
        code name status startsOn endsOn organizer { code } registrationCount
        registrations(first: 3) { edges { node { unit { code } pledge } } }
        reviews { kind heldOn }
      } } }
    }`);
    const [dvk] = campaigns.edges.map((e: any) => e.node);
    expect(dvk).toMatchObject({
      code: 'DVK-2020-2025',
      status: 'LAUNCHED',
      startsOn: '2020-01-01',
      endsOn: '2025-12-31',
      organizer: { code: 'LS-TGDV' },
      registrationCount: 11,
      reviews: [{ kind: 'INTERIM', heldOn: '2022-12-20' }],
    });
    expect(dvk.name).toContain('Dân vận khéo');
    expect(dvk.registrations.edges[0].node.unit.code).toBe('LS-TGDV-VP');
  });

  it('has the 2025-2030 movement as a DRAFT with its theme', async () => {
    const { campaigns } = await viewer.data(`{
      campaigns(filter: { kind: REGULAR, status: DRAFT }) { edges { node { code theme startsOn endsOn } } }
    }`);
    expect(campaigns.edges.map((e: any) => e.node)).toEqual([
      {
        code: 'TDYN-2025-2030',
        theme: 'Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân',
        startsOn: '2025-01-01',
        endsOn: '2030-12-31',
      },
    ]);
  });

  it('has verified achievements and advanced models replicated in other units', async () => {
    const { models } = await viewer.data(`{
      models: achievements(filter: { advancedModel: true }) {
        totalCount
        edges { node { status holder { __typename ... on Person { unit { id } } ... on Unit { id } }
                       replications { unit { id code } } } }
      }
    }`);
    expect(models.totalCount).toBe(3);
    for (const { node } of models.edges) {
      expect(node.status).toBe('VERIFIED');
      expect(node.replications.length).toBeGreaterThan(0);
      const holderUnit = node.holder.unit?.id ?? node.holder.id;
      for (const r of node.replications) expect(r.unit.id).not.toBe(holderUnit);
    }
    const { people } = await viewer.data(`{
      people(filter: { search: "nguyen quoc khanh" }) { edges { node { achievements { edges { node { status kind initiativeLevel } } } } } }
    }`);
    expect(people.edges[0].node.achievements.edges.map((e: any) => e.node)).toEqual(
      expect.arrayContaining([
        { status: 'VERIFIED', kind: 'INITIATIVE', initiativeLevel: 'PROVINCIAL' },
      ]),
    );
    const { dashboard } = await viewer.data(
      `{ dashboard { achievements advancedModels activeCampaigns } }`,
    );
    // 3 models + 4 initiatives + 15 people's and 2 collectives' results of 2025.
    expect(dashboard).toEqual({ achievements: 24, advancedModels: 3, activeCampaigns: 1 });
  });
});
