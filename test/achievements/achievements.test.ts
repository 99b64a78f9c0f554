import { Role } from '../../src/modules/accounts/account.entity';
import { AchievementStatus } from '../../src/modules/achievements/achievement.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import {
  buildAchievement,
  buildCampaign,
  buildPerson,
  buildReplication,
  buildUnit,
} from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';

const ACHIEVEMENT_FIELDS = `id title description kind initiativeLevel achievedOn status advancedModel
  holder { __typename ... on Person { id fullName } ... on Unit { id code } }
  campaign { id }
  replications { unit { code } replicatedOn note achievement { id } }`;

const RECORD = `mutation($input: RecordAchievementInput!) { recordAchievement(input: $input) { ${ACHIEVEMENT_FIELDS} } }`;
const VERIFY = `mutation($id: ID!, $approve: Boolean!) { verifyAchievement(id: $id, approve: $approve) { id status } }`;
const MARK = `mutation($id: ID!, $advancedModel: Boolean!) { markAdvancedModel(id: $id, advancedModel: $advancedModel) { id advancedModel } }`;
const MARK_DEFAULT = `mutation($id: ID!) { markAdvancedModel(id: $id) { id advancedModel } }`;
const REPLICATE = `mutation($achievementId: ID!, $unitId: ID!, $replicatedOn: LocalDate!, $note: String) {
  replicateModel(achievementId: $achievementId, unitId: $unitId, replicatedOn: $replicatedOn, note: $note) {
    id replicatedOn note unit { code } achievement { id advancedModel }
  }
}`;
const LIST = `query($filter: AchievementFilter, $first: Int, $after: String) {
  achievements(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { title } }
  }
}`;

/** A replication date after the factories' default achievedOn (15 March 2025). */
const REPLICATED_ON = '2025-06-01';

describe('achievements and advanced models', () => {
  let t: TestApp;
  let admin: ReturnType<typeof clientFor>;
  let secretary: ReturnType<typeof clientFor>;
  let viewer: ReturnType<typeof clientFor>;
  let manager: ReturnType<typeof clientFor>;
  let otherManager: ReturnType<typeof clientFor>;
  // province > department > (divA, divB); commune is another branch with its own manager.
  let province: Unit;
  let department: Unit;
  let divA: Unit;
  let divB: Unit;
  let commune: Unit;
  let khanh: Person;

  const record = (client: ReturnType<typeof clientFor>, input: Record<string, unknown>) =>
    client.request(RECORD, {
      input: { title: 'Mô hình Dân vận khéo', kind: 'RESULT', achievedOn: '2024-09-02', ...input },
    });

  beforeAll(async () => {
    t = await startTestApp();
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    province = await buildUnit(t.dataSource, { code: 'A-LS' });
    department = await buildUnit(t.dataSource, { code: 'A-TGDV', parent: province });
    divA = await buildUnit(t.dataSource, { code: 'A-TGDV-A', parent: department });
    divB = await buildUnit(t.dataSource, { code: 'A-TGDV-B', parent: department });
    commune = await buildUnit(t.dataSource, { code: 'A-DONGDANG', parent: province });
    khanh = await buildPerson(t.dataSource, { unit: divA, fullName: 'Nguyễn Quốc Khánh' });
    manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: department.id }));
    otherManager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: commune.id }));
  });

  afterAll(() => t.stop());

  describe('recordAchievement', () => {
    it("records a person's achievement as PROPOSED, held by the person", async () => {
      const campaign = await buildCampaign(t.dataSource, { organizer: department });
      const res = await record(manager, {
        personId: khanh.id,
        campaignId: campaign.id,
        description: ' Vận động nhân dân hiến đất làm đường ',
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!.recordAchievement).toMatchObject({
        title: 'Mô hình Dân vận khéo',
        description: 'Vận động nhân dân hiến đất làm đường',
        kind: 'RESULT',
        initiativeLevel: null,
        achievedOn: '2024-09-02',
        status: 'PROPOSED',
        advancedModel: false,
        holder: { __typename: 'Person', id: khanh.id, fullName: 'Nguyễn Quốc Khánh' },
        campaign: { id: campaign.id },
        replications: [],
      });
      // The holder unit is the person's unit.
      const [row] = await t.dataSource.query(
        `SELECT holder_unit_id FROM achievement WHERE id = $1`,
        [res.data!.recordAchievement.id],
      );
      expect(row.holder_unit_id).toBe(divA.id);
    });

    it("records a collective's achievement and an initiative with its level", async () => {
      const unitAchievement = await record(manager, { unitId: divB.id });
      expect(unitAchievement.data!.recordAchievement.holder).toEqual({
        __typename: 'Unit',
        id: divB.id,
        code: 'A-TGDV-B',
      });
      const initiative = await record(manager, {
        personId: khanh.id,
        kind: 'INITIATIVE',
        initiativeLevel: 'PROVINCIAL',
        title: 'Sáng kiến số hóa hồ sơ',
      });
      expect(initiative.data!.recordAchievement).toMatchObject({
        kind: 'INITIATIVE',
        initiativeLevel: 'PROVINCIAL',
      });
    });

    it('needs exactly one holder', async () => {
      const both = await record(manager, { personId: khanh.id, unitId: divA.id });
      expect(errorCode(both)).toBe('BAD_USER_INPUT');
      const neither = await record(manager, {});
      expect(errorCode(neither)).toBe('BAD_USER_INPUT');
      expect(neither.errors![0].message).toMatch(/exactly one/);
    });

    it('takes initiativeLevel only for initiatives', async () => {
      const res = await record(manager, { personId: khanh.id, initiativeLevel: 'GRASSROOTS' });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(res.errors![0].extensions!.field).toBe('initiativeLevel');
    });

    it('refuses unknown holders and campaigns, malformed ids and blank titles', async () => {
      const unknown = '00000000-0000-4000-8000-000000000010';
      expect(errorCode(await record(admin, { personId: unknown }))).toBe('NOT_FOUND');
      expect(errorCode(await record(admin, { unitId: unknown }))).toBe('NOT_FOUND');
      expect(errorCode(await record(admin, { unitId: divA.id, campaignId: unknown }))).toBe(
        'NOT_FOUND',
      );
      expect(errorCode(await record(admin, { unitId: 'nope' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await record(admin, { unitId: divA.id, title: '   ' }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('lets a unit manager record only in its own subtree', async () => {
      expect(errorCode(await record(otherManager, { personId: khanh.id }))).toBe('FORBIDDEN');
      expect(errorCode(await record(otherManager, { unitId: department.id }))).toBe('FORBIDDEN');
      expect(errorCode(await record(manager, { unitId: province.id }))).toBe('FORBIDDEN');
      expect((await record(otherManager, { unitId: commune.id })).errors).toBeUndefined();
      expect((await record(admin, { unitId: province.id })).errors).toBeUndefined();
    });

    it('is not for SECRETARY, COUNCIL, MEMBER or VIEWER', async () => {
      for (const role of [Role.SECRETARY, Role.COUNCIL, Role.MEMBER, Role.VIEWER]) {
        const client = clientFor(t.url, t.tokenFor({ role }));
        expect(errorCode(await record(client, { unitId: divA.id }))).toBe('FORBIDDEN');
      }
      expect(errorCode(await record(clientFor(t.url), { unitId: divA.id }))).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('verifyAchievement', () => {
    it('verifies or rejects a PROPOSED achievement', async () => {
      const a = await buildAchievement(t.dataSource, {
        person: khanh,
        status: AchievementStatus.PROPOSED,
      });
      const b = await buildAchievement(t.dataSource, {
        unit: divA,
        status: AchievementStatus.PROPOSED,
      });
      expect((await secretary.data(VERIFY, { id: a.id, approve: true })).verifyAchievement).toEqual(
        { id: a.id, status: 'VERIFIED' },
      );
      expect(
        (await secretary.data(VERIFY, { id: b.id, approve: false })).verifyAchievement,
      ).toEqual({ id: b.id, status: 'REJECTED' });
      const [row] = await t.dataSource.query(
        `SELECT verified_at IS NOT NULL AS verified FROM achievement WHERE id = $1`,
        [a.id],
      );
      expect(row.verified).toBe(true);
    });

    it.each([
      [AchievementStatus.VERIFIED, true, 'VERIFIED'],
      [AchievementStatus.VERIFIED, false, 'REJECTED'],
      [AchievementStatus.REJECTED, true, 'VERIFIED'],
      [AchievementStatus.REJECTED, false, 'REJECTED'],
    ])(
      'refuses to move a %s achievement (approve: %s), naming both states',
      async (status, approve, to) => {
        const a = await buildAchievement(t.dataSource, { unit: divA, status });
        const res = await secretary.request(VERIFY, { id: a.id, approve });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toContain(`from ${status} to ${to}`);
      },
    );

    it('is for SECRETARY and ADMIN only; NOT_FOUND for an unknown achievement', async () => {
      const a = await buildAchievement(t.dataSource, {
        unit: divA,
        status: AchievementStatus.PROPOSED,
      });
      for (const client of [
        manager,
        viewer,
        clientFor(t.url, t.tokenFor({ role: Role.COUNCIL })),
      ]) {
        expect(errorCode(await client.request(VERIFY, { id: a.id, approve: true }))).toBe(
          'FORBIDDEN',
        );
      }
      expect((await admin.data(VERIFY, { id: a.id, approve: true })).verifyAchievement.status).toBe(
        'VERIFIED',
      );
      expect(
        errorCode(
          await secretary.request(VERIFY, {
            id: '00000000-0000-4000-8000-000000000011',
            approve: true,
          }),
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('markAdvancedModel', () => {
    it('marks a VERIFIED achievement (advancedModel defaults to true) and unmarks it', async () => {
      const a = await buildAchievement(t.dataSource, { person: khanh });
      expect((await secretary.data(MARK_DEFAULT, { id: a.id })).markAdvancedModel).toEqual({
        id: a.id,
        advancedModel: true,
      });
      expect(
        (await secretary.data(MARK, { id: a.id, advancedModel: false })).markAdvancedModel
          .advancedModel,
      ).toBe(false);
    });

    it.each([AchievementStatus.PROPOSED, AchievementStatus.REJECTED])(
      'refuses a %s achievement',
      async (status) => {
        const a = await buildAchievement(t.dataSource, { unit: divA, status });
        const res = await secretary.request(MARK_DEFAULT, { id: a.id });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toContain(status);
      },
    );

    it('does not unmark a model that units have replicated', async () => {
      const a = await buildAchievement(t.dataSource, { unit: divA, advancedModel: true });
      await buildReplication(t.dataSource, { achievement: a, unit: commune });
      const res = await secretary.request(MARK, { id: a.id, advancedModel: false });
      expect(errorCode(res)).toBe('RULE_VIOLATION');
    });

    it('is for SECRETARY and ADMIN only', async () => {
      const a = await buildAchievement(t.dataSource, { unit: divA });
      expect(errorCode(await manager.request(MARK_DEFAULT, { id: a.id }))).toBe('FORBIDDEN');
      expect(errorCode(await viewer.request(MARK_DEFAULT, { id: a.id }))).toBe('FORBIDDEN');
      expect((await admin.data(MARK_DEFAULT, { id: a.id })).markAdvancedModel.advancedModel).toBe(
        true,
      );
    });
  });

  describe('replicateModel', () => {
    it('records a replication by another unit, shown on the model', async () => {
      const model = await buildAchievement(t.dataSource, {
        person: khanh,
        advancedModel: true,
        achievedOn: '2023-04-01',
      });
      const { replicateModel } = await otherManager.data(REPLICATE, {
        achievementId: model.id,
        unitId: commune.id,
        replicatedOn: '2023-04-01',
        note: ' Nhân rộng mô hình ',
      });
      expect(replicateModel).toMatchObject({
        replicatedOn: '2023-04-01',
        note: 'Nhân rộng mô hình',
        unit: { code: 'A-DONGDANG' },
        achievement: { id: model.id, advancedModel: true },
      });
      // A sibling division of the holder's division is another unit too.
      await manager.data(REPLICATE, {
        achievementId: model.id,
        unitId: divB.id,
        replicatedOn: '2024-01-15',
      });
      const { achievement } = await viewer.data(
        `query($id: ID!) { achievement(id: $id) { ${ACHIEVEMENT_FIELDS} } }`,
        { id: model.id },
      );
      expect(achievement.replications).toEqual([
        {
          unit: { code: 'A-DONGDANG' },
          replicatedOn: '2023-04-01',
          note: 'Nhân rộng mô hình',
          achievement: { id: model.id },
        },
        {
          unit: { code: 'A-TGDV-B' },
          replicatedOn: '2024-01-15',
          note: null,
          achievement: { id: model.id },
        },
      ]);
    });

    it('refuses a second replication by the same unit with CONFLICT', async () => {
      const model = await buildAchievement(t.dataSource, { unit: divA, advancedModel: true });
      const vars = { achievementId: model.id, unitId: commune.id, replicatedOn: REPLICATED_ON };
      await otherManager.data(REPLICATE, vars);
      expect(errorCode(await otherManager.request(REPLICATE, vars))).toBe('CONFLICT');
    });

    it("refuses the holder's own unit: the unit itself, or a person's unit", async () => {
      const unitModel = await buildAchievement(t.dataSource, { unit: divA, advancedModel: true });
      const personModel = await buildAchievement(t.dataSource, {
        person: khanh,
        advancedModel: true,
      });
      for (const model of [unitModel, personModel]) {
        const res = await manager.request(REPLICATE, {
          achievementId: model.id,
          unitId: divA.id,
          replicatedOn: REPLICATED_ON,
        });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
        expect(res.errors![0].message).toMatch(/own unit/);
      }
    });

    it('refuses achievements that are not VERIFIED advanced models', async () => {
      const plain = await buildAchievement(t.dataSource, { unit: divA });
      const proposed = await buildAchievement(t.dataSource, {
        unit: divA,
        status: AchievementStatus.PROPOSED,
      });
      const rejected = await buildAchievement(t.dataSource, {
        unit: divA,
        status: AchievementStatus.REJECTED,
      });
      for (const a of [plain, proposed, rejected]) {
        const res = await otherManager.request(REPLICATE, {
          achievementId: a.id,
          unitId: commune.id,
          replicatedOn: REPLICATED_ON,
        });
        expect(errorCode(res)).toBe('RULE_VIOLATION');
      }
    });

    it('refuses a replication dated before the model', async () => {
      const model = await buildAchievement(t.dataSource, {
        unit: divA,
        advancedModel: true,
        achievedOn: '2024-06-01',
      });
      const res = await otherManager.request(REPLICATE, {
        achievementId: model.id,
        unitId: commune.id,
        replicatedOn: '2024-05-31',
      });
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    });

    it('lets a unit manager replicate only for units it manages', async () => {
      const model = await buildAchievement(t.dataSource, { unit: divA, advancedModel: true });
      const vars = { achievementId: model.id, unitId: commune.id, replicatedOn: REPLICATED_ON };
      expect(errorCode(await manager.request(REPLICATE, vars))).toBe('FORBIDDEN');
      for (const role of [Role.SECRETARY, Role.COUNCIL, Role.VIEWER]) {
        const client = clientFor(t.url, t.tokenFor({ role }));
        expect(errorCode(await client.request(REPLICATE, vars))).toBe('FORBIDDEN');
      }
      expect((await admin.data(REPLICATE, vars)).replicateModel.unit.code).toBe('A-DONGDANG');
      expect(
        errorCode(
          await admin.request(REPLICATE, {
            ...vars,
            achievementId: '00000000-0000-4000-8000-000000000012',
          }),
        ),
      ).toBe('NOT_FOUND');
    });
  });

  describe('reading', () => {
    // A separate branch so that earlier tests' rows do not show up.
    let branch: Unit;
    let sub: Unit;
    let subsub: Unit;
    let sibling: Unit;
    let lan: Person;
    let hung: Person;
    let campaignId: string;

    beforeAll(async () => {
      branch = await buildUnit(t.dataSource, { code: 'R-BRANCH', parent: province });
      sub = await buildUnit(t.dataSource, { code: 'R-SUB', parent: branch });
      subsub = await buildUnit(t.dataSource, { code: 'R-SUBSUB', parent: sub });
      sibling = await buildUnit(t.dataSource, { code: 'R-SIBLING', parent: province });
      lan = await buildPerson(t.dataSource, { unit: branch, fullName: 'Chu Thị Lan Anh' });
      hung = await buildPerson(t.dataSource, { unit: subsub, fullName: 'Mạc Văn Hùng' });
      const sibPerson = await buildPerson(t.dataSource, { unit: sibling });
      campaignId = (await buildCampaign(t.dataSource, { organizer: branch })).id;
      const specs: Parameters<typeof buildAchievement>[1][] = [
        { title: 'branch-own', unit: branch, achievedOn: '2024-01-01', campaignId },
        { title: 'lan-1', person: lan, achievedOn: '2024-02-01', advancedModel: true },
        {
          title: 'lan-2',
          person: lan,
          achievedOn: '2024-03-01',
          status: AchievementStatus.PROPOSED,
        },
        { title: 'sub-own', unit: sub, achievedOn: '2024-04-01', campaignId, advancedModel: true },
        {
          title: 'hung-1',
          person: hung,
          achievedOn: '2024-05-01',
          status: AchievementStatus.REJECTED,
        },
        { title: 'sibling-own', unit: sibling, achievedOn: '2024-06-01', campaignId },
        { title: 'sibling-person', person: sibPerson, achievedOn: '2024-07-01' },
      ];
      for (const spec of specs) await buildAchievement(t.dataSource, spec);
    });

    const titles = async (filter: Record<string, unknown>) =>
      (await viewer.data(LIST, { filter, first: 100 })).achievements.edges.map(
        (e: any) => e.node.title,
      );

    it('filters by unit: the unit, its subunits and the people of them, newest first', async () => {
      expect(await titles({ unitId: branch.id })).toEqual([
        'hung-1',
        'sub-own',
        'lan-2',
        'lan-1',
        'branch-own',
      ]);
      expect(await titles({ unitId: sub.id })).toEqual(['hung-1', 'sub-own']);
      expect(await titles({ unitId: sibling.id })).toEqual(['sibling-person', 'sibling-own']);
    });

    it('filters by person, campaign, advancedModel and status, combined', async () => {
      expect(await titles({ personId: lan.id })).toEqual(['lan-2', 'lan-1']);
      expect(await titles({ campaignId })).toEqual(['sibling-own', 'sub-own', 'branch-own']);
      expect(await titles({ campaignId, unitId: branch.id })).toEqual(['sub-own', 'branch-own']);
      expect(await titles({ unitId: branch.id, advancedModel: true })).toEqual([
        'sub-own',
        'lan-1',
      ]);
      expect(await titles({ unitId: branch.id, advancedModel: false, status: 'VERIFIED' })).toEqual(
        ['branch-own'],
      );
      expect(await titles({ unitId: branch.id, status: 'REJECTED' })).toEqual(['hung-1']);
      expect(await titles({ unitId: '00000000-0000-4000-8000-000000000013' })).toEqual([]);
      expect(errorCode(await viewer.request(LIST, { filter: { personId: 'x' } }))).toBe(
        'BAD_USER_INPUT',
      );
    });

    it('pages with cursors', async () => {
      const first = await viewer.data(LIST, { filter: { unitId: branch.id }, first: 3 });
      expect(first.achievements.totalCount).toBe(5);
      expect(first.achievements.pageInfo.hasNextPage).toBe(true);
      const next = await viewer.data(LIST, {
        filter: { unitId: branch.id },
        first: 3,
        after: first.achievements.pageInfo.endCursor,
      });
      expect(next.achievements.edges.map((e: any) => e.node.title)).toEqual([
        'lan-1',
        'branch-own',
      ]);
      expect(next.achievements.pageInfo.hasNextPage).toBe(false);
    });

    it("lists a person's and a unit's own achievements on their profiles, paged", async () => {
      const query = `query($lan: ID!, $branch: ID!) {
        person(id: $lan) { achievements(first: 1) { totalCount pageInfo { hasNextPage } edges { node { title } } } }
        unit(id: $branch) { achievements { totalCount edges { node { title holder { __typename } } } } }
      }`;
      const data = await viewer.data(query, { lan: lan.id, branch: branch.id });
      expect(data.person.achievements).toEqual({
        totalCount: 2,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { title: 'lan-2' } }],
      });
      expect(data.unit.achievements).toEqual({
        totalCount: 1,
        edges: [{ node: { title: 'branch-own', holder: { __typename: 'Unit' } } }],
      });
    });

    it('loads the achievements of many people in a constant number of statements', async () => {
      const people = `query($unitId: ID!) {
        people(filter: { unitId: $unitId, includeSubunits: true }, first: 50) {
          edges { node { achievements(first: 5) { totalCount edges { node { title holder { __typename } campaign { id } replications { id } } } } } }
        }
      }`;
      const count = async () => {
        let statements = 0;
        const logger = t.dataSource.logger;
        const original = logger.logQuery;
        logger.logQuery = (...args: Parameters<typeof original>) => {
          statements++;
          return original.apply(logger, args);
        };
        try {
          await viewer.data(people, { unitId: province.id });
        } finally {
          logger.logQuery = original;
        }
        return statements;
      };
      const before = await count();
      for (let i = 0; i < 5; i++) {
        const person = await buildPerson(t.dataSource, { unit: sibling });
        await buildAchievement(t.dataSource, { person, campaignId });
      }
      expect(await count()).toBe(before);
      expect(before).toBeLessThanOrEqual(10);
    });
  });
});
