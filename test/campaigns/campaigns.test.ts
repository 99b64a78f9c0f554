import { Role } from '../../src/modules/accounts/account.entity';
import { CampaignKind, CampaignStatus } from '../../src/modules/campaigns/campaign.entity';
import { ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildCampaign,
  buildConference,
  buildPerson,
  buildRegistration,
  buildUnit,
  unique,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';

const CAMPAIGN_FIELDS = `id code name theme description kind status startsOn endsOn launchedAt
  organizer { id code } registrationCount reviews { kind heldOn summary }`;

const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;
const LAUNCH = `mutation($id: ID!, $conferenceId: ID) { launchCampaign(id: $id, conferenceId: $conferenceId) { id status launchedAt } }`;
const CLOSE = `mutation($id: ID!) { closeCampaign(id: $id) { id status } }`;
const REGISTER = `mutation($campaignId: ID!, $unitId: ID!, $pledge: String, $conferenceId: ID) {
  registerForCampaign(campaignId: $campaignId, unitId: $unitId, pledge: $pledge, conferenceId: $conferenceId) {
    id pledge registeredAt campaign { id registrationCount } unit { id code }
  }
}`;
const REVIEW = `mutation($campaignId: ID!, $kind: ReviewKind!, $heldOn: LocalDate!, $summary: String, $conferenceId: ID) {
  recordCampaignReview(campaignId: $campaignId, kind: $kind, heldOn: $heldOn, summary: $summary, conferenceId: $conferenceId) {
    id kind heldOn summary campaign { id }
  }
}`;
const CAMPAIGNS = `query($filter: CampaignFilter, $first: Int, $after: String) {
  campaigns(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code status kind } }
  }
}`;

const year = new Date().getUTCFullYear();

describe('campaigns', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let secretary: ReturnType<typeof clientFor>;
  let viewer: ReturnType<typeof clientFor>;
  // province > department > (divA, divB); elsewhere is outside the department.
  let province: Unit;
  let department: Unit;
  let divA: Unit;
  let divB: Unit;
  let elsewhere: Unit;
  let manager: ReturnType<typeof clientFor>;

  const newCampaignInput = (overrides: Record<string, unknown> = {}) => ({
    code: `TD-${unique()}`,
    name: 'Phong trào thi đua yêu nước',
    theme: 'Đoàn kết - Trách nhiệm - Sáng tạo - Gần dân',
    kind: CampaignKind.REGULAR,
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 4}-12-31`,
    organizerId: department.id,
    ...overrides,
  });

  /** The events logged for a campaign, oldest first. */
  const eventsOf = (campaignId: string) =>
    t.dataSource.query(
      `SELECT type, conference_id, registration_id, registration_count
         FROM conference_event WHERE campaign_id = $1 ORDER BY id`,
      [campaignId],
    );

  beforeAll(async () => {
    t = await startTestApp();
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    province = await buildUnit(t.dataSource, { code: 'C-LS' });
    department = await buildUnit(t.dataSource, { code: 'C-TGDV', parent: province });
    divA = await buildUnit(t.dataSource, { code: 'C-TGDV-A', parent: department });
    divB = await buildUnit(t.dataSource, { code: 'C-TGDV-B', parent: department });
    elsewhere = await buildUnit(t.dataSource, { code: 'C-HND', parent: province });
    manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: department.id }));
  });

  afterAll(() => t.stop());

  describe('createCampaign', () => {
    it('creates a DRAFT campaign with its organiser', async () => {
      const input = newCampaignInput({ description: '  Giai đoạn 2025-2030  ' });
      const { createCampaign } = await secretary.data(CREATE, { input });
      expect(createCampaign).toMatchObject({
        code: input.code,
        name: input.name,
        theme: input.theme,
        description: 'Giai đoạn 2025-2030',
        kind: 'REGULAR',
        status: 'DRAFT',
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        launchedAt: null,
        organizer: { id: department.id, code: 'C-TGDV' },
        registrationCount: 0,
        reviews: [],
      });
    });

    it('refuses a code already taken, ignoring case, with CONFLICT', async () => {
      const input = newCampaignInput();
      await secretary.data(CREATE, { input });
      const again = await secretary.request(CREATE, {
        input: newCampaignInput({ code: input.code.toLowerCase() }),
      });
      expect(errorCode(again)).toBe('CONFLICT');
    });

    it('refuses a period that ends before it starts', async () => {
      const res = await secretary.request(CREATE, {
        input: newCampaignInput({ startsOn: '2026-01-01', endsOn: '2025-12-31' }),
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message).toMatch(/endsOn/);
    });

    it('accepts a one-day period', async () => {
      const { createCampaign } = await secretary.data(CREATE, {
        input: newCampaignInput({ startsOn: '2026-03-08', endsOn: '2026-03-08' }),
      });
      expect(createCampaign.endsOn).toBe('2026-03-08');
    });

    it('refuses blank names, odd codes and malformed or unknown organisers', async () => {
      expect(
        errorCode(await secretary.request(CREATE, { input: newCampaignInput({ name: '  ' }) })),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(await secretary.request(CREATE, { input: newCampaignInput({ code: 'a b' }) })),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await secretary.request(CREATE, { input: newCampaignInput({ organizerId: 'nope' }) }),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await secretary.request(CREATE, {
            input: newCampaignInput({ organizerId: '00000000-0000-4000-8000-000000000001' }),
          }),
        ),
      ).toBe('NOT_FOUND');
    });

    it('is for SECRETARY and ADMIN only', async () => {
      expect((await admin.data(CREATE, { input: newCampaignInput() })).createCampaign.status).toBe(
        'DRAFT',
      );
      for (const role of [Role.COUNCIL, Role.MEMBER, Role.VIEWER]) {
        const client = clientFor(t.url, t.tokenFor({ role }));
        expect(errorCode(await client.request(CREATE, { input: newCampaignInput() }))).toBe(
          'FORBIDDEN',
        );
      }
      expect(errorCode(await manager.request(CREATE, { input: newCampaignInput() }))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await clientFor(t.url).request(CREATE, { input: newCampaignInput() }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('updateCampaign', () => {
    it('edits name, theme, description and period; null clears theme', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
        theme: 'Old theme',
      });
      const { updateCampaign } = await secretary.data(UPDATE, {
        id: campaign.id,
        input: { name: 'Dân vận khéo', theme: null, endsOn: `${year + 2}-06-30` },
      });
      expect(updateCampaign).toMatchObject({
        name: 'Dân vận khéo',
        theme: null,
        endsOn: `${year + 2}-06-30`,
        startsOn: campaign.startsOn,
      });
    });

    it('edits a LAUNCHED campaign but not a CLOSED one', async () => {
      const launched = await buildCampaign(t.dataSource, { organizer: department });
      expect(
        (await secretary.data(UPDATE, { id: launched.id, input: { description: 'More' } }))
          .updateCampaign.description,
      ).toBe('More');
      const closed = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.CLOSED,
      });
      const res = await secretary.request(UPDATE, { id: closed.id, input: { name: 'X' } });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].message).toMatch(/CLOSED/);
    });

    it('checks the period against the stored dates', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
        startsOn: '2025-01-01',
        endsOn: '2030-12-31',
      });
      const res = await secretary.request(UPDATE, {
        id: campaign.id,
        input: { startsOn: '2031-01-01' },
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    });

    it('is NOT_FOUND for an unknown campaign and FORBIDDEN for a unit manager', async () => {
      expect(
        errorCode(
          await secretary.request(UPDATE, {
            id: '00000000-0000-4000-8000-000000000002',
            input: { name: 'X' },
          }),
        ),
      ).toBe('NOT_FOUND');
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      expect(
        errorCode(await manager.request(UPDATE, { id: campaign.id, input: { name: 'X' } })),
      ).toBe('FORBIDDEN');
    });
  });

  describe('lifecycle', () => {
    it('launches a DRAFT campaign and closes a LAUNCHED one', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
      });
      const { launchCampaign } = await secretary.data(LAUNCH, { id: campaign.id });
      expect(launchCampaign.status).toBe('LAUNCHED');
      expect(Date.parse(launchCampaign.launchedAt)).toBeGreaterThan(Date.now() - 60_000);
      // Without a conference nothing is logged for screens.
      expect(await eventsOf(campaign.id)).toEqual([]);
      const { closeCampaign } = await secretary.data(CLOSE, { id: campaign.id });
      expect(closeCampaign.status).toBe('CLOSED');
    });

    it.each([
      [CampaignStatus.LAUNCHED, 'launch', 'LAUNCHED'],
      [CampaignStatus.CLOSED, 'launch', 'LAUNCHED'],
      [CampaignStatus.DRAFT, 'close', 'CLOSED'],
      [CampaignStatus.CLOSED, 'close', 'CLOSED'],
    ])('refuses to move a %s campaign by %s, naming both states', async (status, op, to) => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department, status });
      const res = await secretary.request(op === 'launch' ? LAUNCH : CLOSE, { id: campaign.id });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].message).toContain(`from ${status} to ${to}`);
      expect(res.errors![0].extensions).toMatchObject({ from: status, to });
    });

    it('launches at a LIVE conference: records it and logs CampaignLaunched', async () => {
      const conference = await buildConference(t.dataSource, {
        host: department,
        status: ConferenceStatus.LIVE,
      });
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
      });
      await secretary.data(LAUNCH, { id: campaign.id, conferenceId: conference.id });
      const [row] = await t.dataSource.query(
        `SELECT launched_at_conference_id FROM campaign WHERE id = $1`,
        [campaign.id],
      );
      expect(row.launched_at_conference_id).toBe(conference.id);
      expect(await eventsOf(campaign.id)).toEqual([
        expect.objectContaining({ type: 'CAMPAIGN_LAUNCHED', conference_id: conference.id }),
      ]);
    });

    it.each([ConferenceStatus.SCHEDULED, ConferenceStatus.ENDED])(
      'does not launch at a %s conference, and changes nothing',
      async (status) => {
        const conference = await buildConference(t.dataSource, { host: department, status });
        const campaign = await buildCampaign(t.dataSource, {
          organizer: department,
          status: CampaignStatus.DRAFT,
        });
        const res = await secretary.request(LAUNCH, {
          id: campaign.id,
          conferenceId: conference.id,
        });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toContain(status);
        const [row] = await t.dataSource.query(`SELECT status FROM campaign WHERE id = $1`, [
          campaign.id,
        ]);
        expect(row.status).toBe('DRAFT');
        expect(await eventsOf(campaign.id)).toEqual([]);
      },
    );

    it('is NOT_FOUND for an unknown conference or campaign', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
      });
      expect(
        errorCode(
          await secretary.request(LAUNCH, {
            id: campaign.id,
            conferenceId: '00000000-0000-4000-8000-000000000003',
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(await secretary.request(CLOSE, { id: '00000000-0000-4000-8000-000000000004' })),
      ).toBe('NOT_FOUND');
    });

    it('lets only SECRETARY and ADMIN launch and close', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
      });
      for (const client of [
        manager,
        viewer,
        clientFor(t.url, t.tokenFor({ role: Role.COUNCIL })),
      ]) {
        expect(errorCode(await client.request(LAUNCH, { id: campaign.id }))).toBe('FORBIDDEN');
      }
      expect((await admin.data(LAUNCH, { id: campaign.id })).launchCampaign.status).toBe(
        'LAUNCHED',
      );
      expect(errorCode(await manager.request(CLOSE, { id: campaign.id }))).toBe('FORBIDDEN');
      expect((await admin.data(CLOSE, { id: campaign.id })).closeCampaign.status).toBe('CLOSED');
    });
  });

  describe('registerForCampaign', () => {
    it("records a unit manager's pledge for its subtree and logs it with the running count", async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      const first = await manager.data(REGISTER, {
        campaignId: campaign.id,
        unitId: divA.id,
        pledge: '  Hoàn thành xuất sắc nhiệm vụ  ',
      });
      expect(first.registerForCampaign).toMatchObject({
        pledge: 'Hoàn thành xuất sắc nhiệm vụ',
        campaign: { id: campaign.id, registrationCount: 1 },
        unit: { id: divA.id, code: 'C-TGDV-A' },
      });
      expect(Date.parse(first.registerForCampaign.registeredAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      await manager.data(REGISTER, { campaignId: campaign.id, unitId: department.id });
      expect(await eventsOf(campaign.id)).toEqual([
        {
          type: 'CAMPAIGN_REGISTERED',
          conference_id: null,
          registration_id: first.registerForCampaign.id,
          registration_count: 1,
        },
        expect.objectContaining({ type: 'CAMPAIGN_REGISTERED', registration_count: 2 }),
      ]);
    });

    it('refuses a second pledge from the same unit with CONFLICT', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      await manager.data(REGISTER, { campaignId: campaign.id, unitId: divA.id });
      const again = await secretary.request(REGISTER, { campaignId: campaign.id, unitId: divA.id });
      expect(errorCode(again)).toBe('CONFLICT');
      expect((await eventsOf(campaign.id)).length).toBe(1);
    });

    it('of two truly concurrent pledges of one unit, exactly one succeeds', async () => {
      // Several rounds, so that the two requests really overlap in at least some of them.
      for (let round = 0; round < 5; round++) {
        const campaign = await buildCampaign(t.dataSource, { organizer: department });
        const results = await Promise.all(
          Array.from({ length: 2 }, () =>
            manager.request(REGISTER, { campaignId: campaign.id, unitId: divB.id }),
          ),
        );
        expect(results.map(errorCode).sort()).toEqual(['CONFLICT', undefined]);
        const [{ n }] = await t.dataSource.query(
          `SELECT count(*)::int AS n FROM campaign_registration WHERE campaign_id = $1`,
          [campaign.id],
        );
        expect(n).toBe(1);
        expect(await eventsOf(campaign.id)).toEqual([
          expect.objectContaining({ type: 'CAMPAIGN_REGISTERED', registration_count: 1 }),
        ]);
      }
    });

    it('numbers concurrent pledges of different units 1..n without gaps or repeats', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: province });
      const units = await Promise.all(
        Array.from({ length: 6 }, () => buildUnit(t.dataSource, { parent: province })),
      );
      const results = await Promise.all(
        units.map((unit) =>
          secretary.request(REGISTER, { campaignId: campaign.id, unitId: unit.id }),
        ),
      );
      expect(results.map(errorCode)).toEqual(Array(6).fill(undefined));
      const counts = (await eventsOf(campaign.id)).map((e: any) => e.registration_count);
      expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it.each([CampaignStatus.DRAFT, CampaignStatus.CLOSED])(
      'refuses pledges to a %s campaign',
      async (status) => {
        const campaign = await buildCampaign(t.dataSource, { organizer: department, status });
        const res = await manager.request(REGISTER, { campaignId: campaign.id, unitId: divA.id });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toContain(status);
      },
    );

    it('refuses pledges outside the period', async () => {
      const over = await buildCampaign(t.dataSource, {
        organizer: department,
        startsOn: '2020-01-01',
        endsOn: '2020-12-31',
      });
      const ahead = await buildCampaign(t.dataSource, {
        organizer: department,
        startsOn: `${year + 1}-01-01`,
        endsOn: `${year + 5}-12-31`,
      });
      for (const campaign of [over, ahead]) {
        const res = await manager.request(REGISTER, { campaignId: campaign.id, unitId: divA.id });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toMatch(/outside its period/);
      }
    });

    it('keeps a unit manager to its own subtree; SECRETARY pledges for any unit', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: province });
      expect(
        errorCode(
          await manager.request(REGISTER, { campaignId: campaign.id, unitId: elsewhere.id }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        errorCode(
          await manager.request(REGISTER, { campaignId: campaign.id, unitId: province.id }),
        ),
      ).toBe('FORBIDDEN');
      const divManager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: divA.id }));
      expect(
        errorCode(
          await divManager.request(REGISTER, { campaignId: campaign.id, unitId: department.id }),
        ),
      ).toBe('FORBIDDEN');
      expect(
        (await secretary.data(REGISTER, { campaignId: campaign.id, unitId: elsewhere.id }))
          .registerForCampaign.unit.id,
      ).toBe(elsewhere.id);
      for (const role of [Role.COUNCIL, Role.MEMBER, Role.VIEWER]) {
        const client = clientFor(t.url, t.tokenFor({ role }));
        expect(
          errorCode(await client.request(REGISTER, { campaignId: campaign.id, unitId: divA.id })),
        ).toBe('FORBIDDEN');
      }
    });

    it('is NOT_FOUND for an unknown unit or campaign', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      expect(
        errorCode(
          await secretary.request(REGISTER, {
            campaignId: campaign.id,
            unitId: '00000000-0000-4000-8000-000000000005',
          }),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await secretary.request(REGISTER, {
            campaignId: '00000000-0000-4000-8000-000000000006',
            unitId: divA.id,
          }),
        ),
      ).toBe('NOT_FOUND');
    });

    it('at a LIVE conference, logs the pledge as that conference event', async () => {
      const conference = await buildConference(t.dataSource, {
        host: department,
        status: ConferenceStatus.LIVE,
      });
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      const { registerForCampaign } = await manager.data(REGISTER, {
        campaignId: campaign.id,
        unitId: divA.id,
        conferenceId: conference.id,
      });
      const [event] = await eventsOf(campaign.id);
      expect(event).toMatchObject({
        type: 'CAMPAIGN_REGISTERED',
        conference_id: conference.id,
        registration_id: registerForCampaign.id,
        registration_count: 1,
      });
      const [row] = await t.dataSource.query(
        `SELECT conference_id FROM campaign_registration WHERE id = $1`,
        [registerForCampaign.id],
      );
      expect(row.conference_id).toBe(conference.id);
    });

    it('refuses a pledge at a conference that is not LIVE, and records nothing', async () => {
      const conference = await buildConference(t.dataSource, {
        host: department,
        status: ConferenceStatus.ENDED,
      });
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      const res = await manager.request(REGISTER, {
        campaignId: campaign.id,
        unitId: divA.id,
        conferenceId: conference.id,
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(await eventsOf(campaign.id)).toEqual([]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM campaign_registration WHERE campaign_id = $1`,
        [campaign.id],
      );
      expect(n).toBe(0);
    });
  });

  describe('recordCampaignReview', () => {
    it('records interim reviews of a LAUNCHED campaign and one final review, also once CLOSED', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        startsOn: '2020-01-01',
        endsOn: '2025-12-31',
      });
      const conference = await buildConference(t.dataSource, {
        host: department,
        status: ConferenceStatus.ENDED,
      });
      const interim = await secretary.data(REVIEW, {
        campaignId: campaign.id,
        kind: 'INTERIM',
        heldOn: '2022-12-20',
        summary: 'Sơ kết 3 năm',
      });
      expect(interim.recordCampaignReview).toMatchObject({
        kind: 'INTERIM',
        heldOn: '2022-12-20',
        summary: 'Sơ kết 3 năm',
        campaign: { id: campaign.id },
      });
      await secretary.data(REVIEW, {
        campaignId: campaign.id,
        kind: 'INTERIM',
        heldOn: '2021-06-30',
      });
      await secretary.data(CLOSE, { id: campaign.id });
      await secretary.data(REVIEW, {
        campaignId: campaign.id,
        kind: 'FINAL',
        heldOn: '2025-12-15',
        conferenceId: conference.id,
      });
      const again = await secretary.request(REVIEW, {
        campaignId: campaign.id,
        kind: 'FINAL',
        heldOn: '2025-12-16',
      });
      expect(errorCode(again)).toBe('CONFLICT');
      const { campaign: read } = await viewer.data(
        `query($id: ID!) { campaign(id: $id) { reviews { kind heldOn } } }`,
        { id: campaign.id },
      );
      expect(read.reviews).toEqual([
        { kind: 'INTERIM', heldOn: '2021-06-30' },
        { kind: 'INTERIM', heldOn: '2022-12-20' },
        { kind: 'FINAL', heldOn: '2025-12-15' },
      ]);
    });

    it('refuses to review a DRAFT campaign', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        status: CampaignStatus.DRAFT,
      });
      const res = await secretary.request(REVIEW, {
        campaignId: campaign.id,
        kind: 'INTERIM',
        heldOn: `${year}-01-10`,
      });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
      expect(res.errors![0].message).toContain('DRAFT');
    });

    it('refuses a review held before the campaign starts, and an unknown conference', async () => {
      const campaign = await buildCampaign(t.dataSource, {
        organizer: department,
        startsOn: '2020-01-01',
        endsOn: '2025-12-31',
      });
      expect(
        errorCode(
          await secretary.request(REVIEW, {
            campaignId: campaign.id,
            kind: 'INTERIM',
            heldOn: '2019-12-31',
          }),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await secretary.request(REVIEW, {
            campaignId: campaign.id,
            kind: 'INTERIM',
            heldOn: '2021-01-01',
            conferenceId: '00000000-0000-4000-8000-000000000007',
          }),
        ),
      ).toBe('NOT_FOUND');
    });

    it('is for SECRETARY and ADMIN only', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      const vars = { campaignId: campaign.id, kind: 'INTERIM', heldOn: `${year}-01-10` };
      expect(errorCode(await manager.request(REVIEW, vars))).toBe('FORBIDDEN');
      expect(errorCode(await viewer.request(REVIEW, vars))).toBe('FORBIDDEN');
      expect((await admin.data(REVIEW, vars)).recordCampaignReview.kind).toBe('INTERIM');
    });
  });

  describe('reading', () => {
    let organizer: Unit;

    beforeAll(async () => {
      organizer = await buildUnit(t.dataSource, { code: 'C-READ', parent: province });
      await buildCampaign(t.dataSource, {
        organizer,
        code: 'R-DRAFT',
        status: CampaignStatus.DRAFT,
        kind: CampaignKind.REGULAR,
        startsOn: '2025-01-01',
        endsOn: '2030-12-31',
      });
      await buildCampaign(t.dataSource, {
        organizer,
        code: 'R-DVK',
        startsOn: '2020-01-01',
        endsOn: '2025-12-31',
      });
      await buildCampaign(t.dataSource, {
        organizer,
        code: 'R-OLD',
        status: CampaignStatus.CLOSED,
        startsOn: '2015-01-01',
        endsOn: '2020-06-30',
      });
    });

    const codes = async (filter: Record<string, unknown>) =>
      (
        await viewer.data(CAMPAIGNS, { filter: { organizerId: organizer.id, ...filter } })
      ).campaigns.edges.map((e: any) => e.node.code);

    it('lists an organiser’s campaigns, newest period first', async () => {
      expect(await codes({})).toEqual(['R-DRAFT', 'R-DVK', 'R-OLD']);
    });

    it('filters by status, kind and activeOn (inclusive period bounds)', async () => {
      expect(await codes({ status: 'LAUNCHED' })).toEqual(['R-DVK']);
      expect(await codes({ kind: 'REGULAR' })).toEqual(['R-DRAFT']);
      expect(await codes({ kind: 'THEMATIC', status: 'CLOSED' })).toEqual(['R-OLD']);
      expect(await codes({ activeOn: '2020-06-30' })).toEqual(['R-DVK', 'R-OLD']);
      expect(await codes({ activeOn: '2020-07-01' })).toEqual(['R-DVK']);
      expect(await codes({ activeOn: '2025-12-31' })).toEqual(['R-DRAFT', 'R-DVK']);
      expect(await codes({ activeOn: '2014-12-31' })).toEqual([]);
    });

    it('pages with cursors', async () => {
      const first = await viewer.data(CAMPAIGNS, {
        filter: { organizerId: organizer.id },
        first: 2,
      });
      expect(first.campaigns.totalCount).toBe(3);
      expect(first.campaigns.pageInfo.hasNextPage).toBe(true);
      const next = await viewer.data(CAMPAIGNS, {
        filter: { organizerId: organizer.id },
        first: 2,
        after: first.campaigns.pageInfo.endCursor,
      });
      expect(next.campaigns.edges.map((e: any) => e.node.code)).toEqual(['R-OLD']);
      expect(next.campaigns.pageInfo.hasNextPage).toBe(false);
    });

    it('refuses a malformed organizerId and a page over 100', async () => {
      expect(errorCode(await viewer.request(CAMPAIGNS, { filter: { organizerId: 'x' } }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await viewer.request(CAMPAIGNS, { first: 101 }))).toBe('BAD_USER_INPUT');
    });

    it('shows a campaign with its pledges in order, paged, its achievements, and each unit’s registrations', async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer });
      const units = [divA, divB, elsewhere];
      for (const [i, unit] of units.entries()) {
        await buildRegistration(t.dataSource, {
          campaign,
          unit,
          pledge: `Pledge ${i}`,
          registeredAt: new Date(Date.UTC(2024, 0, 1 + i, 8, 0, 0, 123)),
        });
      }
      const person = await buildPerson(t.dataSource, { unit: divA });
      await buildAchievement(t.dataSource, {
        person,
        campaignId: campaign.id,
        achievedOn: '2024-03-01',
      });
      await buildAchievement(t.dataSource, {
        unit: divB,
        campaignId: campaign.id,
        achievedOn: '2024-05-01',
      });
      const query = `query($id: ID!, $after: String) {
        campaign(id: $id) {
          registrationCount
          registrations(first: 2, after: $after) {
            totalCount pageInfo { hasNextPage endCursor }
            edges { node { pledge unit { code } campaign { id } } }
          }
          achievements { totalCount edges { node { achievedOn holder { __typename } } } }
        }
      }`;
      const page1 = (await viewer.data(query, { id: campaign.id })).campaign;
      expect(page1.registrationCount).toBe(3);
      expect(page1.registrations.totalCount).toBe(3);
      expect(page1.registrations.edges.map((e: any) => e.node.pledge)).toEqual([
        'Pledge 0',
        'Pledge 1',
      ]);
      expect(page1.achievements).toEqual({
        totalCount: 2,
        edges: [
          { node: { achievedOn: '2024-05-01', holder: { __typename: 'Unit' } } },
          { node: { achievedOn: '2024-03-01', holder: { __typename: 'Person' } } },
        ],
      });
      const page2 = (
        await viewer.data(query, {
          id: campaign.id,
          after: page1.registrations.pageInfo.endCursor,
        })
      ).campaign;
      expect(page2.registrations.edges.map((e: any) => e.node.unit.code)).toEqual(['C-HND']);
      expect(page2.registrations.pageInfo.hasNextPage).toBe(false);

      const { unit } = await viewer.data(
        `query($id: ID!) { unit(id: $id) { registrations { pledge campaign { id } } } }`,
        { id: elsewhere.id },
      );
      expect(unit.registrations).toContainEqual({
        pledge: 'Pledge 2',
        campaign: { id: campaign.id },
      });
    });

    it('answers null for an unknown campaign', async () => {
      const res = await viewer.data(
        `query { campaign(id: "00000000-0000-4000-8000-000000000008") { id } }`,
      );
      expect(res.campaign).toBeNull();
    });
  });
});
