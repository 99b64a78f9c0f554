import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';
import {
  buildAchievement,
  buildAward,
  buildPerson,
  buildUnit,
  buildConference,
} from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';
import { recordStatements } from '../helpers/statements';

const FIELDS = `
  id status periodFromYear periodToYear warnings
  members { id } guests { id }
  delegates { person { id } role position }
  quotas { unit { id } seats used }
  checks { rule outcome message legalBasis }`;
const CREATE = `mutation ($input: CreateDelegationInput!) { createDelegation(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateDelegationInput!) { updateDelegation(id: $id, input: $input) { ${FIELDS} } }`;
const APPROVE = `mutation ($id: ID!) { approveDelegation(id: $id) { ${FIELDS} } }`;

const CONGRESS = 'Đại hội Thi đua yêu nước tỉnh lần thứ VI';

describe('congress delegations', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;
  /** province ─ department ─ division; another department beside it. */
  let department: Unit;
  let division: Unit;
  let elsewhere: Unit;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    const province = await buildUnit(t.dataSource);
    department = await buildUnit(t.dataSource, { parent: province });
    division = await buildUnit(t.dataSource, { parent: department });
    elsewhere = await buildUnit(t.dataSource, { parent: province });
  });
  afterAll(() => t.stop());

  /** A conference of 27 August 2025: the period reviewed defaults to 2020-2025. */
  const conference = () =>
    buildConference(t.dataSource, { host: department, startsAt: new Date('2025-08-27T01:00:00Z') });

  /** People of `unit` holding an award of `year` (a title holder of the period, when in it). */
  async function holders(unit: Unit, count: number, year = 2024): Promise<Person[]> {
    const people: Person[] = [];
    for (let i = 0; i < count; i++) {
      const person = await buildPerson(t.dataSource, { unit: unit });
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: year });
      people.push(person);
    }
    return people;
  }

  it('lists official delegates and guests, with the quotas and the period they are checked against', async () => {
    const { id: conferenceId } = await conference();
    const [a, b] = await holders(division, 2);
    const guest = await buildPerson(t.dataSource, { unit: elsewhere });
    const { createDelegation } = await secretary.data(CREATE, {
      input: {
        conferenceId,
        congress: CONGRESS,
        memberIds: [a!.id, b!.id],
        guestIds: [guest.id],
        quotas: [{ unitId: department.id, seats: 2 }],
      },
    });
    expect(createDelegation).toMatchObject({
      status: 'DRAFT',
      periodFromYear: 2020,
      periodToYear: 2025,
      members: [{ id: a!.id }, { id: b!.id }],
      guests: [{ id: guest.id }],
      delegates: [
        { person: { id: a!.id }, role: 'OFFICIAL', position: 1 },
        { person: { id: b!.id }, role: 'OFFICIAL', position: 2 },
        { person: { id: guest.id }, role: 'GUEST', position: 3 },
      ],
      // A division's delegates take seats of the department's quota; guests take none.
      quotas: [{ unit: { id: department.id }, seats: 2, used: 2 }],
    });
    expect(createDelegation.checks.map((c: any) => [c.rule, c.outcome])).toEqual([
      ['DELEGATION_QUOTA', 'PASS'],
      ['DELEGATE_MERIT', 'PASS'],
      ['DELEGATE_MERIT', 'PASS'],
    ]);
    expect(createDelegation.checks[0].message).toBe(
      `${department.name}: 2 of 2 seats taken by official delegates`,
    );
    expect(createDelegation.checks[1].message).toBe(
      `${a!.fullName} holds Lao động tiên tiến 2024, in the period 2020-2025`,
    );
  });

  it('refuses to approve more official delegates than seats: 3 for 3 pass, 4 for 3 do not', async () => {
    const { id: conferenceId } = await conference();
    const people = await holders(department, 4);
    const quotas = [{ unitId: department.id, seats: 3 }];
    const { createDelegation } = await secretary.data(CREATE, {
      input: { conferenceId, congress: CONGRESS, memberIds: people.map((p) => p.id), quotas },
    });
    expect(createDelegation.checks[0]).toMatchObject({
      rule: 'DELEGATION_QUOTA',
      outcome: 'BLOCK',
      message: `${department.name}: 4 official delegates for 3 seats; remove 1 or make them guests`,
    });
    const refused = await secretary.request(APPROVE, { id: createDelegation.id });
    expect(errorCode(refused)).toBe('RULE_VIOLATION');
    expect(refused.errors![0]!.message).toBe(
      `The delegation cannot be approved: ${department.name}: 4 official delegates for 3 seats; remove 1 or make them guests (1 problem(s); see extensions.checks)`,
    );
    expect(refused.errors![0]!.extensions!.checks).toHaveLength(5);
    // The fourth becomes a guest: 3 for 3 seats.
    const { updateDelegation } = await secretary.data(UPDATE, {
      id: createDelegation.id,
      input: { memberIds: people.slice(0, 3).map((p) => p.id), guestIds: [people[3]!.id] },
    });
    expect(updateDelegation.quotas).toEqual([{ unit: { id: department.id }, seats: 3, used: 3 }]);
    const { approveDelegation } = await secretary.data(APPROVE, { id: createDelegation.id });
    expect(approveDelegation).toMatchObject({ status: 'APPROVED', warnings: [] });
    // Approved: no more changes.
    const late = await secretary.request(UPDATE, {
      id: createDelegation.id,
      input: { guestIds: [] },
    });
    expect(errorCode(late)).toBe('RULE_VIOLATION');
  });

  it('refuses an official delegate under no unit with a quota, when there are quotas', async () => {
    const { id: conferenceId } = await conference();
    const [inside] = await holders(division, 1);
    const [outside] = await holders(elsewhere, 1);
    const { createDelegation } = await secretary.data(CREATE, {
      input: {
        conferenceId,
        congress: CONGRESS,
        memberIds: [inside!.id, outside!.id],
        quotas: [{ unitId: division.id, seats: 5 }],
      },
    });
    expect(createDelegation.checks.filter((c: any) => c.outcome === 'BLOCK')).toEqual([
      {
        rule: 'DELEGATION_QUOTA',
        outcome: 'BLOCK',
        message: `${outside!.fullName} (${elsewhere.name}) falls under no unit with a quota: add a quota for that unit or make them a guest`,
        legalBasis: "local rule: the congress organisers' allocation of seats",
      },
    ]);
    expect(errorCode(await secretary.request(APPROVE, { id: createDelegation.id }))).toBe(
      'RULE_VIOLATION',
    );
  });

  it('warns, and keeps the warning on approval, about an official delegate who is neither an advanced model nor an award holder of the period', async () => {
    const { id: conferenceId } = await conference();
    const model = await buildPerson(t.dataSource, { unit: department });
    await buildAchievement(t.dataSource, {
      person: model,
      title: 'Mô hình dân vận khéo',
      achievedOn: '2020-03-01',
      advancedModel: true,
    });
    const [early] = await holders(department, 1, 2019);
    const [late] = await holders(department, 1, 2020);
    const [pending] = await holders(department, 1, 2023);
    await t.dataSource.query(`UPDATE award SET status = $2 WHERE person_id = $1`, [
      pending!.id,
      AwardStatus.NOMINATED,
    ]);
    const { createDelegation } = await secretary.data(CREATE, {
      input: {
        conferenceId,
        congress: CONGRESS,
        memberIds: [model.id, early!.id, late!.id, pending!.id],
      },
    });
    expect(createDelegation.checks.map((c: any) => [c.outcome, c.message])).toEqual([
      [
        'PASS',
        `${model.fullName} is an advanced model of 2020-2025: "Mô hình dân vận khéo" (2020)`,
      ],
      [
        'WARN',
        `${early!.fullName} is neither an advanced model nor an award holder of 2020-2025: check the nomination, or make them a guest`,
      ],
      ['PASS', `${late!.fullName} holds Lao động tiên tiến 2020, in the period 2020-2025`],
      ['WARN', expect.stringMatching(/is neither an advanced model nor an award holder/)],
    ]);
    const { approveDelegation } = await secretary.data(APPROVE, { id: createDelegation.id });
    expect(approveDelegation.status).toBe('APPROVED');
    expect(approveDelegation.warnings).toEqual([
      createDelegation.checks[1].message,
      createDelegation.checks[3].message,
    ]);
    const vi = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }), 'vi');
    const read = await vi.data(
      `query ($id: ID!) { conference(id: $id) { delegations { warnings } } }`,
      { id: conferenceId },
    );
    expect(read.conference.delegations[0].warnings[0]).toBe(
      `${early!.fullName} không phải điển hình tiên tiến, cũng không được khen thưởng trong giai đoạn 2020-2025: xem lại việc giới thiệu hoặc chuyển thành khách mời`,
    );
  });

  it('checks against the period given for the delegation', async () => {
    const { id: conferenceId } = await conference();
    const [holder] = await holders(department, 1, 2019);
    const { createDelegation } = await secretary.data(CREATE, {
      input: {
        conferenceId,
        congress: CONGRESS,
        memberIds: [holder!.id],
        periodFromYear: 2015,
        periodToYear: 2020,
      },
    });
    expect(createDelegation).toMatchObject({ periodFromYear: 2015, periodToYear: 2020 });
    expect(createDelegation.checks[0].outcome).toBe('PASS');
  });

  it('refuses malformed lists with BAD_USER_INPUT and unknown people or units with NOT_FOUND', async () => {
    const { id: conferenceId } = await conference();
    const person = await buildPerson(t.dataSource, { unit: department });
    const base = { conferenceId, congress: CONGRESS, memberIds: [person.id] };
    for (const input of [
      { ...base, memberIds: [] },
      { ...base, guestIds: [person.id] },
      { ...base, quotas: [{ unitId: department.id, seats: -1 }] },
      {
        ...base,
        quotas: [
          { unitId: department.id, seats: 1 },
          { unitId: department.id, seats: 2 },
        ],
      },
      { ...base, periodFromYear: 2025, periodToYear: 2020 },
    ]) {
      expect(errorCode(await secretary.request(CREATE, { input }))).toBe('BAD_USER_INPUT');
    }
    const unknown = '3f2b8c1e-0000-4000-8000-000000000789';
    for (const input of [
      { ...base, guestIds: [unknown] },
      { ...base, quotas: [{ unitId: unknown, seats: 1 }] },
    ]) {
      expect(errorCode(await secretary.request(CREATE, { input }))).toBe('NOT_FOUND');
    }
    const manager = clientFor(
      t.url,
      t.tokenFor({ role: Role.UNIT_MANAGER, unitId: department.id }),
    );
    expect(errorCode(await manager.request(CREATE, { input: base }))).toBe('FORBIDDEN');
  });

  it('reads the facts behind quotas and checks once per request, for every delegation of a list', async () => {
    const { id: conferenceId } = await conference();
    for (const size of [1, 3]) {
      const members = await holders(division, size);
      await secretary.data(CREATE, {
        input: {
          conferenceId,
          congress: `${CONGRESS} (${size})`,
          memberIds: members.map((p) => p.id),
          quotas: [{ unitId: department.id, seats: 2 }],
        },
      });
    }
    const log = recordStatements(t.dataSource);
    const statements = log.statements;
    const read = (fields: string) =>
      secretary.data(`query ($id: ID!) { conference(id: $id) { delegations { ${fields} } } }`, {
        id: conferenceId,
      });
    const quotaReads = () => statements.filter((q) => /FROM "delegation_quota"/.test(q)).length;
    try {
      const both = await read('quotas { seats used } checks { rule outcome }');
      expect(quotaReads()).toBe(1);
      const total = statements.length;
      log.clear();
      const quotas = await read('quotas { seats used }');
      const quotaStatements = statements.length;
      log.clear();
      const checks = await read('checks { rule outcome }');
      // Checks cost their two statements beyond the facts they share with the quotas.
      expect(total).toBe(statements.length);
      expect(quotaStatements).toBe(total - 2);
      expect(both.conference.delegations).toEqual(
        quotas.conference.delegations.map((d: any, i: number) => ({
          ...d,
          ...checks.conference.delegations[i],
        })),
      );
      expect(both.conference.delegations.map((d: any) => d.quotas[0].used)).toEqual([1, 3]);
      expect(both.conference.delegations[1].checks[0]).toEqual({
        rule: 'DELEGATION_QUOTA',
        outcome: 'BLOCK',
      });
    } finally {
      log.stop();
    }
  });
});
