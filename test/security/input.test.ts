import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildUnit } from '../helpers/factories';
import { clientFor, errorCode, gql } from '../helpers/graphql';

// Issue 11, item 8 (INTERNAL_SERVER_ERROR for bad input: a NUL byte in any
// text; a bad `year` inside a DataLoader batch) and item 10 (a name of
// zero-width characters; dates like 0001-01-01 and 9999-12-31).

let t: TestApp;
let secretary: ReturnType<typeof clientFor>;
let admin: ReturnType<typeof clientFor>;
let unitId: string;

beforeAll(async () => {
  t = await startTestApp();
  secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
  admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
  unitId = (await buildUnit(t.dataSource, { code: 'IN-UNIT' })).id;
});

afterAll(() => t?.stop());

const CREATE_UNIT = `mutation($name: String!, $code: String!) {
  createUnit(input: { code: $code, name: $name, kind: DIVISION }) { id name } }`;
const CREATE_PERSON = `mutation($name: String!, $unit: ID!) {
  createPerson(input: { fullName: $name, unitId: $unit, category: CADRE }) { id } }`;

describe('text', () => {
  it('refuses a NUL byte anywhere with BAD_USER_INPUT: a search, a username, a name', async () => {
    const viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    const cases = [
      viewer.request(`query($s: String) { people(filter: { search: $s }) { totalCount } }`, {
        s: 'ng\u0000uyen',
      }),
      viewer.request(`query($s: String) { units(filter: { search: $s }) { totalCount } }`, {
        s: '\u0000',
      }),
      gql(t.url, `mutation($u: String!) { login(username: $u, password: "whatever1") { token } }`, {
        u: 'admin\u0000',
      }),
      secretary.request(CREATE_UNIT, { code: 'NUL-1', name: 'Phòng\u0000 một' }),
      admin.request(CREATE_PERSON, { name: 'Nguyễn\u0000 Văn A', unit: unitId }),
    ];
    for (const response of await Promise.all(cases)) {
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(response.errors![0].message).toMatch(/control character/);
    }
  });

  it('refuses other control characters, and keeps line breaks in long text', async () => {
    for (const name of ['Phòng\u0007 hai', 'Phòng\u001b[31m đỏ', 'Phòng\u009b']) {
      const res = await secretary.request(CREATE_UNIT, { code: 'CTRL-1', name });
      expect({ name, code: errorCode(res) }).toEqual({ name, code: 'BAD_USER_INPUT' });
    }
    const campaign = await secretary.request(
      `mutation($u: ID!) { createCampaign(input: { code: "CTRL-C", name: "Thi đua", kind: REGULAR,
        organizerId: $u, startsOn: "2025-01-01", endsOn: "2025-12-31",
        description: "Dòng một\\nDòng hai\\tcột" }) { description } }`,
      { u: unitId },
    );
    expect(campaign.data?.createCampaign.description).toBe('Dòng một\nDòng hai\tcột');
  });

  it('refuses a name without a visible letter', async () => {
    for (const name of ['\u200b\u200b\u200b', '\u200d\u2060\ufeff', ' \u0301 ', '...', '123']) {
      const res = await secretary.request(CREATE_UNIT, { code: 'ZW-1', name });
      expect({ name, code: errorCode(res) }).toEqual({ name, code: 'BAD_USER_INPUT' });
    }
    const person = await admin.request(CREATE_PERSON, { name: '\u200b', unit: unitId });
    expect(errorCode(person)).toBe('BAD_USER_INPUT');
    const ok = await secretary.data(CREATE_UNIT, { code: 'ZW-OK', name: 'Tổ 1' });
    expect(ok.createUnit.name).toBe('Tổ 1');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM unit WHERE code IN ('ZW-1', 'NUL-1', 'CTRL-1')`,
    );
    expect(n).toBe(0);
  });
});

describe('dates', () => {
  it('refuses dates outside sane bounds', async () => {
    const campaign = (startsOn: string, endsOn: string) =>
      secretary.request(
        `mutation($u: ID!, $s: LocalDate!, $e: LocalDate!) { createCampaign(input: {
          code: "D-${startsOn}", name: "Thi đua", kind: REGULAR, organizerId: $u, startsOn: $s, endsOn: $e }) { id } }`,
        { u: unitId, s: startsOn, e: endsOn },
      );
    expect(errorCode(await campaign('0001-01-01', '2025-12-31'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await campaign('2025-01-01', '9999-12-31'))).toBe('BAD_USER_INPUT');
    expect(errorCode(await campaign('2025-01-01', '2030-12-31'))).toBeUndefined();
    const inline = await secretary.request(
      `mutation { createCampaign(input: { code: "D-INLINE", name: "Thi đua", kind: REGULAR,
        organizerId: "${unitId}", startsOn: "0001-01-01", endsOn: "2025-12-31" }) { id } }`,
    );
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(errorCode(inline));
    const conference = await secretary.request(
      `mutation($u: ID!, $at: DateTime!) { createConference(input: { title: "Hội nghị", hostUnitId: $u, startsAt: $at }) { id } }`,
      { u: unitId, at: '9999-12-31T00:00:00Z' },
    );
    expect(errorCode(conference)).toBe('BAD_USER_INPUT');
    expect(conference.errors![0].message).toMatch(/outside the accepted range/);
  });
});

describe('arguments read inside a DataLoader batch', () => {
  it('answers a bad year with BAD_USER_INPUT, not INTERNAL_SERVER_ERROR', async () => {
    const viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    const res = await viewer.request(
      `query($id: ID!) { unit(id: $id) { code awards(year: 1) { totalCount } } }`,
      { id: unitId },
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });
});
