import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildUnit } from '../helpers/factories';
import { clientFor, errorCode } from '../helpers/graphql';

let t: TestApp;
let admin: ReturnType<typeof clientFor>;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
  unitId = (await buildUnit(t.dataSource)).id;
});

afterAll(() => t.stop());

const CREATE = `mutation ($input: CreatePersonInput!) { createPerson(input: $input) { id isLeader reportCategory } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { isLeader reportCategory } }`;

describe('a person’s report category', () => {
  it('follows isLeader when not given, and isLeader follows it when given', async () => {
    const create = (extra: Record<string, unknown>) =>
      admin.data(CREATE, {
        input: { fullName: 'Người A', unitId, category: 'CIVIL_SERVANT', ...extra },
      });
    expect((await create({})).createPerson).toMatchObject({
      isLeader: false,
      reportCategory: 'DIRECT_WORKER',
    });
    expect((await create({ isLeader: true })).createPerson).toMatchObject({
      isLeader: true,
      reportCategory: 'DEPUTY_HEAD_AND_ABOVE',
    });
    const head = (await create({ reportCategory: 'DEPARTMENT_LEADER' })).createPerson;
    expect(head).toMatchObject({ isLeader: true, reportCategory: 'DEPARTMENT_LEADER' });
    const contradiction = await admin.request(CREATE, {
      input: {
        fullName: 'Người B',
        unitId,
        category: 'CADRE',
        isLeader: true,
        reportCategory: 'DIRECT_WORKER',
      },
    });
    expect(errorCode(contradiction)).toBe('BAD_USER_INPUT');

    // Updating isLeader alone keeps a leader's level, or drops it to direct worker.
    expect(
      (await admin.data(UPDATE, { id: head.id, input: { isLeader: true } })).updatePerson,
    ).toEqual({ isLeader: true, reportCategory: 'DEPARTMENT_LEADER' });
    expect(
      (await admin.data(UPDATE, { id: head.id, input: { isLeader: false } })).updatePerson,
    ).toEqual({ isLeader: false, reportCategory: 'DIRECT_WORKER' });
    expect(
      (await admin.data(UPDATE, { id: head.id, input: { reportCategory: 'PROVINCIAL_LEADER' } }))
        .updatePerson,
    ).toEqual({ isLeader: true, reportCategory: 'PROVINCIAL_LEADER' });
    expect(
      errorCode(
        await admin.request(UPDATE, {
          id: head.id,
          input: { isLeader: false, reportCategory: 'DEPARTMENT_LEADER' },
        }),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
