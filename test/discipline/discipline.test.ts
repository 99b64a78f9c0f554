import { Role } from '../../src/modules/accounts/account.entity';
import { buildAchievement, buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';

const RECORD = `
  mutation ($input: RecordDisciplineInput!) {
    recordDiscipline(input: $input) {
      id kind reason reference fromDate toDate open recordedBy
      recipient { ... on Person { id } ... on Unit { id } }
    }
  }`;
const CLOSE = `
  mutation ($id: ID!, $to: LocalDate!) { closeDiscipline(id: $id, to: $to) { id toDate open } }`;
const LIST = `
  query ($filter: DisciplineFilter) {
    disciplineRecords(filter: $filter) { totalCount edges { node { id reason } } }
  }`;
const NOMINATE = `
  mutation ($input: NominateAwardInput!) { nominateAward(input: $input) { id } }`;

describe('discipline and investigation records', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
  });
  afterAll(() => t.stop());

  it('defers a nomination while open, naming the record, and lets it through once closed', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const achievement = await buildAchievement(t.dataSource, { person });
    const { recordDiscipline } = await secretary.data(RECORD, {
      input: {
        personId: person.id,
        kind: 'INVESTIGATION',
        reason: '  Xác minh nội dung đơn phản ánh  ',
        reference: '07/TB-UBKT',
        from: '2025-01-01',
      },
    });
    expect(recordDiscipline).toMatchObject({
      kind: 'INVESTIGATION',
      reason: 'Xác minh nội dung đơn phản ánh',
      reference: '07/TB-UBKT',
      fromDate: '2025-01-01',
      toDate: null,
      open: true,
      recordedBy: 'secretary',
      recipient: { id: person.id },
    });
    const input = {
      typeCode: 'GIAY_KHEN',
      personId: person.id,
      year: 2025,
      achievementIds: [achievement.id],
    };
    const refused = await secretary.request(NOMINATE, { input });
    expect(errorCode(refused)).toBe('RULE_VIOLATION');
    expect(refused.errors![0]!.message).toBe(
      `Cannot nominate for Giấy khen (Certificate of Commendation) 2025: ${person.fullName} has an open investigation record (07/TB-UBKT) since 01/01/2025: "Xác minh nội dung đơn phản ánh". The award is deferred, not refused: nominate again once the record is closed (the secretary closes it with closeDiscipline)`,
    );
    const { closeDiscipline } = await secretary.data(CLOSE, {
      id: recordDiscipline.id,
      to: '2025-12-31',
    });
    expect(closeDiscipline).toMatchObject({ toDate: '2025-12-31', open: false });
    expect((await secretary.request(NOMINATE, { input })).errors).toBeUndefined();
  });

  it('refuses an end before the start, a blank reason, two subjects or none, and unknown ids', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const base = {
      personId: person.id,
      kind: 'DISCIPLINE',
      reason: 'Cảnh cáo',
      from: '2025-05-01',
    };
    for (const input of [
      { ...base, to: '2025-04-30' },
      { ...base, reason: '   ' },
      { ...base, unitId: unit.id },
      { kind: 'DISCIPLINE', reason: 'x', from: '2025-05-01' },
      { ...base, from: '2025-13-01' },
    ]) {
      expect(errorCode(await secretary.request(RECORD, { input }))).toBe('BAD_USER_INPUT');
    }
    const missing = await secretary.request(RECORD, {
      input: { ...base, personId: '3f2b8c1e-0000-4000-8000-000000000456' },
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
    const { recordDiscipline } = await secretary.data(RECORD, {
      input: { ...base, to: '2025-05-01' },
    });
    expect(
      errorCode(await secretary.request(CLOSE, { id: recordDiscipline.id, to: '2025-04-01' })),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await secretary.request(CLOSE, {
          id: '3f2b8c1e-0000-4000-8000-000000000457',
          to: '2025-06-01',
        }),
      ),
    ).toBe('NOT_FOUND');
  });

  it('is written by SECRETARY and ADMIN only, and read by them and the council', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const input = {
      personId: person.id,
      kind: 'DISCIPLINE',
      reason: 'Khiển trách',
      from: '2025-02-01',
    };
    for (const role of [Role.UNIT_MANAGER, Role.COUNCIL, Role.MEMBER, Role.VIEWER]) {
      const client = clientFor(t.url, t.tokenFor({ role, unitId: unit.id }));
      expect(errorCode(await client.request(RECORD, { input }))).toBe('FORBIDDEN');
    }
    const admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
    const { recordDiscipline } = await admin.data(RECORD, { input });
    for (const role of [Role.SECRETARY, Role.COUNCIL]) {
      const client = clientFor(t.url, t.tokenFor({ role }));
      const { disciplineRecords } = await client.data(LIST, { filter: { personId: person.id } });
      expect(disciplineRecords.edges.map((e: any) => e.node.id)).toEqual([recordDiscipline.id]);
    }
    for (const role of [Role.MEMBER, Role.VIEWER, Role.UNIT_MANAGER]) {
      const client = clientFor(t.url, t.tokenFor({ role, unitId: unit.id }));
      expect(errorCode(await client.request(LIST))).toBe('FORBIDDEN');
    }
    const open = await secretary.data(LIST, {
      filter: { personId: person.id, openOn: '2025-01-31' },
    });
    expect(open.disciplineRecords.totalCount).toBe(0);
  });
});
