import { Role } from '../../src/modules/accounts/account.entity';
import { buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';
import { recordStatements } from '../helpers/statements';

const RECORD = `
  mutation ($input: RecordAnnualRatingInput!) {
    recordAnnualRating(input: $input) {
      id year rating note recordedBy
      recipient { __typename ... on Person { id } ... on Unit { id } }
    }
  }`;
const BULK = `
  mutation ($input: RecordUnitRatingsInput!) {
    recordUnitRatings(input: $input) {
      unit { id } year
      unitRating { rating }
      memberRatings { rating recipient { ... on Person { id } } }
    }
  }`;
const READ = `
  query ($personId: ID!, $unitId: ID!, $year: Int!) {
    person(id: $personId) { annualRatings { year rating } }
    unit(id: $unitId) {
      annualRatings { year rating }
      memberRatings(year: $year) { person { id } rating { rating } }
    }
  }`;

describe('annual ratings (xếp loại)', () => {
  let t: TestApp;
  let secretary: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
  });
  afterAll(() => t.stop());

  it('records a rating per person and year, replacing it when recorded again', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const first = await secretary.data(RECORD, {
      input: { personId: person.id, year: 2025, rating: 'HOAN_THANH', note: 'Sơ bộ' },
    });
    expect(first.recordAnnualRating).toMatchObject({
      year: 2025,
      rating: 'HOAN_THANH',
      note: 'Sơ bộ',
      recordedBy: 'secretary',
      recipient: { __typename: 'Person', id: person.id },
    });
    const again = await secretary.data(RECORD, {
      input: { personId: person.id, year: 2025, rating: 'HOAN_THANH_TOT' },
    });
    expect(again.recordAnnualRating).toMatchObject({
      id: first.recordAnnualRating.id,
      rating: 'HOAN_THANH_TOT',
      note: null,
    });
    await secretary.data(RECORD, {
      input: { personId: person.id, year: 2024, rating: 'HOAN_THANH_XUAT_SAC' },
    });
    const { person: read } = await secretary.data(READ, {
      personId: person.id,
      unitId: unit.id,
      year: 2025,
    });
    expect(read.annualRatings).toEqual([
      { year: 2025, rating: 'HOAN_THANH_TOT' },
      { year: 2024, rating: 'HOAN_THANH_XUAT_SAC' },
    ]);
  });

  it("records a unit's review at once: its own rating and its members', listing who is left", async () => {
    const unit = await buildUnit(t.dataSource);
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => buildPerson(t.dataSource, { unit: unit })),
    );
    const manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: unit.id }));
    const { recordUnitRatings } = await manager.data(BULK, {
      input: {
        unitId: unit.id,
        year: 2025,
        unitRating: 'HOAN_THANH_XUAT_SAC',
        members: [
          { personId: a!.id, rating: 'HOAN_THANH_XUAT_SAC' },
          { personId: b!.id, rating: 'HOAN_THANH_TOT' },
        ],
      },
    });
    expect(recordUnitRatings).toEqual({
      unit: { id: unit.id },
      year: 2025,
      unitRating: { rating: 'HOAN_THANH_XUAT_SAC' },
      memberRatings: [
        { rating: 'HOAN_THANH_XUAT_SAC', recipient: { id: a!.id } },
        { rating: 'HOAN_THANH_TOT', recipient: { id: b!.id } },
      ],
    });
    const { unit: read } = await manager.data(READ, {
      personId: a!.id,
      unitId: unit.id,
      year: 2025,
    });
    expect(read.annualRatings).toEqual([{ year: 2025, rating: 'HOAN_THANH_XUAT_SAC' }]);
    const byPerson = new Map(read.memberRatings.map((m: any) => [m.person.id, m.rating]));
    expect(byPerson.get(a!.id)).toEqual({ rating: 'HOAN_THANH_XUAT_SAC' });
    expect(byPerson.get(c!.id)).toBeNull();
  });

  it('refuses, writing nothing, a person of another unit or one listed twice', async () => {
    const unit = await buildUnit(t.dataSource);
    const other = await buildUnit(t.dataSource);
    const member = await buildPerson(t.dataSource, { unit: unit });
    const stranger = await buildPerson(t.dataSource, {
      unit: other,
      fullName: 'Người Ngoài Đơn Vị',
    });
    const outside = await secretary.request(BULK, {
      input: {
        unitId: unit.id,
        year: 2025,
        members: [
          { personId: member.id, rating: 'HOAN_THANH_TOT' },
          { personId: stranger.id, rating: 'HOAN_THANH_TOT' },
        ],
      },
    });
    expect(errorCode(outside)).toBe('BAD_USER_INPUT');
    expect(outside.errors![0]!.message).toBe(
      `Người Ngoài Đơn Vị is not a member of ${unit.name}: rate people of the unit only (or rate them with their own unit)`,
    );
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM annual_rating WHERE person_id = $1`,
      [member.id],
    );
    expect(n).toBe(0);
    const twice = await secretary.request(BULK, {
      input: {
        unitId: unit.id,
        year: 2025,
        members: [
          { personId: member.id, rating: 'HOAN_THANH_TOT' },
          { personId: member.id, rating: 'HOAN_THANH' },
        ],
      },
    });
    expect(errorCode(twice)).toBe('BAD_USER_INPUT');
    const nothing = await secretary.request(BULK, { input: { unitId: unit.id, year: 2025 } });
    expect(errorCode(nothing)).toBe('BAD_USER_INPUT');
  });

  it('lets a unit manager rate in its own unit and subunits only; members and viewers not at all', async () => {
    const root = await buildUnit(t.dataSource);
    const managed = await buildUnit(t.dataSource, { parent: root });
    const inner = await buildUnit(t.dataSource, { parent: managed });
    const sibling = await buildUnit(t.dataSource, { parent: root });
    const insider = await buildPerson(t.dataSource, { unit: inner });
    const outsider = await buildPerson(t.dataSource, { unit: sibling });
    const manager = clientFor(t.url, t.tokenFor({ role: Role.UNIT_MANAGER, unitId: managed.id }));
    const input = (personId: string) => ({ input: { personId, year: 2025, rating: 'HOAN_THANH' } });
    expect((await manager.request(RECORD, input(insider.id))).errors).toBeUndefined();
    expect(errorCode(await manager.request(RECORD, input(outsider.id)))).toBe('FORBIDDEN');
    expect(
      errorCode(
        await manager.request(RECORD, {
          input: { unitId: sibling.id, year: 2025, rating: 'HOAN_THANH' },
        }),
      ),
    ).toBe('FORBIDDEN');
    for (const role of [Role.MEMBER, Role.VIEWER, Role.COUNCIL]) {
      const client = clientFor(t.url, t.tokenFor({ role }));
      expect(errorCode(await client.request(RECORD, input(insider.id)))).toBe('FORBIDDEN');
    }
  });

  it('asks for exactly one of personId and unitId, a plausible year, and a known person', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    for (const input of [
      { year: 2025, rating: 'HOAN_THANH' },
      { personId: person.id, unitId: unit.id, year: 2025, rating: 'HOAN_THANH' },
      { personId: person.id, year: 1800, rating: 'HOAN_THANH' },
    ]) {
      expect(errorCode(await secretary.request(RECORD, { input }))).toBe('BAD_USER_INPUT');
    }
    const missing = await secretary.request(RECORD, {
      input: { personId: '3f2b8c1e-0000-4000-8000-000000000123', year: 2025, rating: 'HOAN_THANH' },
    });
    expect(errorCode(missing)).toBe('NOT_FOUND');
  });

  it('records and reads a review in the same few statements for 3 members as for 40, keeping their order and notes', async () => {
    const log = recordStatements(t.dataSource);
    const statements = log.statements;
    const ratings = ['HOAN_THANH_XUAT_SAC', 'HOAN_THANH_TOT', 'HOAN_THANH', 'KHONG_HOAN_THANH'];
    const review = async (size: number) => {
      const parent = await buildUnit(t.dataSource);
      const units = [
        await buildUnit(t.dataSource, { parent }),
        await buildUnit(t.dataSource, { parent }),
      ];
      const people = [];
      for (let i = 0; i < size; i++) {
        people.push(
          await buildPerson(t.dataSource, { unit: units[0]!, fullName: `Member ${100 + i}` }),
        );
      }
      await buildPerson(t.dataSource, { unit: units[1]! });
      // A rating recorded before is replaced, not repeated.
      await secretary.data(RECORD, {
        input: { personId: people[0]!.id, year: 2025, rating: 'KHONG_HOAN_THANH', note: 'Sơ bộ' },
      });
      // Listed last name first, so that the answer's order is the input's, not the table's.
      const members = [...people].reverse().map((p, i) => ({
        personId: p.id,
        rating: ratings[i % ratings.length],
        note: i % 2 ? `Ghi chú ${i}` : null,
      }));
      log.clear();
      const { recordUnitRatings } = await secretary.data(
        `mutation ($input: RecordUnitRatingsInput!) {
          recordUnitRatings(input: $input) {
            unitRating { rating }
            memberRatings { id year rating note recordedBy recipient { ... on Person { id } } }
          }
        }`,
        { input: { unitId: units[0]!.id, year: 2025, unitRating: 'HOAN_THANH_TOT', members } },
      );
      const written = statements.length;
      expect(recordUnitRatings.unitRating).toEqual({ rating: 'HOAN_THANH_TOT' });
      expect(
        recordUnitRatings.memberRatings.map((r: any) => [r.recipient.id, r.rating, r.note]),
      ).toEqual(members.map((m) => [m.personId, m.rating, m.note]));
      const stored = await t.dataSource.query(
        `SELECT person_id, rating, note, recorded_by FROM annual_rating WHERE person_id = ANY($1) AND year = 2025`,
        [people.map((p) => p.id)],
      );
      expect(stored).toHaveLength(size);
      expect(stored.every((r: any) => r.recorded_by === 'secretary')).toBe(true);
      log.clear();
      const { units: read } = await secretary.data(
        `query ($parentId: ID!) { units(filter: { parentId: $parentId }) { edges { node {
            id memberRatings(year: 2025) { person { id } rating { rating note } }
            annualRatings { year rating }
        } } } }`,
        { parentId: parent.id },
      );
      const rows = read.edges.map((e: any) => e.node);
      const first = rows.find((u: any) => u.id === units[0]!.id);
      expect(first.memberRatings).toHaveLength(size);
      expect(first.memberRatings.map((m: any) => m.person.id)).toEqual(people.map((p) => p.id));
      expect(first.annualRatings).toEqual([{ year: 2025, rating: 'HOAN_THANH_TOT' }]);
      expect(rows.find((u: any) => u.id === units[1]!.id).memberRatings[0].rating).toBeNull();
      return { written, read: statements.length };
    };
    try {
      const small = await review(3);
      const large = await review(40);
      expect(large).toEqual(small);
    } finally {
      log.stop();
    }
  });
});
