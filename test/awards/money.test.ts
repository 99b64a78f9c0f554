import { Role } from '../../src/modules/accounts/account.entity';
import { AwardStatus } from '../../src/modules/awards/award.entity';
import { buildAward, buildPerson, buildUnit } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor, errorCode } from '../helpers/graphql';

const AWARD = `
  query ($id: ID!) {
    award(id: $id) {
      bonusAmount
      typeVersion { ruleSet { code } }
      bonus { on ruleSet { code } multiple baseSalary baseSalarySince amount paid note }
    }
  }`;

const SALARIES = `{ baseSalaries { validFrom validTo amount legalBasis } }`;
const SET_SALARY = `
  mutation ($input: SetBaseSalaryInput!) { setBaseSalary(input: $input) { validFrom amount legalBasis validTo } }`;
const REMOVE_SALARY = `mutation ($validFrom: LocalDate!) { removeBaseSalary(validFrom: $validFrom) }`;

describe('money (Decree 152/2025/NĐ-CP Art. 49, 54)', () => {
  let t: TestApp;
  let viewer: ReturnType<typeof clientFor>;
  let admin: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
    admin = clientFor(t.url, t.tokenFor({ role: Role.ADMIN }));
  });
  afterAll(() => t.stop());

  async function someone() {
    const unit = await buildUnit(t.dataSource);
    return { unit, person: await buildPerson(t.dataSource, { unit: unit }) };
  }

  const bonusOf = async (id: string) => (await viewer.data(AWARD, { id })).award;

  it('keeps the dated base salary table of the decrees', async () => {
    const { baseSalaries } = await viewer.data(SALARIES);
    expect(baseSalaries).toEqual([
      {
        validFrom: '2019-07-01',
        validTo: '2023-06-30',
        amount: 1_490_000,
        legalBasis: 'Nghị định 38/2019/NĐ-CP',
      },
      {
        validFrom: '2023-07-01',
        validTo: '2024-06-30',
        amount: 1_800_000,
        legalBasis: 'Nghị định 24/2023/NĐ-CP',
      },
      {
        validFrom: '2024-07-01',
        validTo: null,
        amount: 2_340_000,
        legalBasis: 'Nghị định 73/2024/NĐ-CP',
      },
    ]);
  });

  it('rounds up to the nearest 10,000 đ: 702,000 is paid 710,000; an exact 540,000 stays', async () => {
    const { person } = await someone();
    const award = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2025,
      decidedOn: '2026-01-12',
    });
    expect(await bonusOf(award.id)).toEqual({
      bonusAmount: 710_000,
      typeVersion: { ruleSet: { code: 'ND_152_2025' } },
      bonus: {
        on: '2026-01-12',
        ruleSet: { code: 'ND_152_2025' },
        multiple: 0.3,
        baseSalary: 2_340_000,
        baseSalarySince: '2024-07-01',
        amount: 710_000,
        paid: 710_000,
        note: '0.3 × the base salary of 2,340,000 đ (in force since 01/07/2024) = 702,000 đ, rounded up to the nearest 10,000 đ: 710,000 đ',
      },
    });
    // 0.3 × 1,800,000 is already a multiple of 10,000.
    const exact = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2023,
      decidedOn: '2024-01-12',
    });
    expect((await bonusOf(exact.id)).bonusAmount).toBe(540_000);
  });

  it('uses the base salary in force on the decision date: 30 June 2024 and 1 July 2024', async () => {
    const { person } = await someone();
    const june = await buildAward(t.dataSource, {
      type: 'CSTD_CO_SO',
      person,
      year: 2023,
      decidedOn: '2024-06-30',
    });
    const july = await buildAward(t.dataSource, {
      type: 'CSTD_CO_SO',
      person,
      year: 2024,
      decidedOn: '2024-07-01',
    });
    expect((await bonusOf(june.id)).bonusAmount).toBe(1_800_000);
    expect((await bonusOf(july.id)).bonusAmount).toBe(2_340_000);
  });

  it('pays collectives their own multiple, and the decree in force on the decision date', async () => {
    const { unit, person } = await someone();
    const cases: [string, { person: typeof person } | { unit: typeof unit }, string, number][] = [
      ['GIAY_KHEN', { unit }, '2025-08-20', 1_410_000], // 0.6 × 2,340,000 = 1,404,000
      ['BANG_KHEN_TINH', { person }, '2025-06-30', 2_340_000], // Decree 98/2023: 1.0 ×
      ['BANG_KHEN_TINH', { person }, '2025-07-01', 3_510_000], // Decree 152/2025: 1.5 ×
      ['BANG_KHEN_TINH', { unit }, '2025-06-30', 4_680_000], // 2.0 ×
      ['BANG_KHEN_TINH', { unit }, '2025-07-01', 7_020_000], // 3.0 ×
    ];
    for (const [i, [code, recipient, decidedOn, amount]] of cases.entries()) {
      const award = await buildAward(t.dataSource, {
        type: code,
        ...recipient,
        year: 2015 + i,
        decidedOn,
      });
      expect([code, decidedOn, (await bonusOf(award.id)).bonusAmount]).toEqual([
        code,
        decidedOn,
        amount,
      ]);
    }
  });

  it('pays only the highest title of a year: the lower one shows 0 and why, once the higher is approved', async () => {
    const { person } = await someone();
    const ldtt = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2025,
      decidedOn: '2026-01-12',
      decisionNumber: '01/QĐ-BTGDV',
    });
    const cstd = await buildAward(t.dataSource, {
      type: 'CSTD_CO_SO',
      person,
      year: 2025,
      status: AwardStatus.NOMINATED,
    });
    // A commendation of the same year is not a title: paid besides.
    const commendation = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person,
      year: 2025,
      decidedOn: '2026-01-12',
    });
    expect((await bonusOf(ldtt.id)).bonusAmount).toBe(710_000);
    await t.dataSource.query(
      `UPDATE award SET status = 'APPROVED', decision_number = '02/QĐ-BTGDV', decided_on = '2026-01-20' WHERE id = $1`,
      [cstd.id],
    );
    const lower = await bonusOf(ldtt.id);
    expect(lower.bonusAmount).toBe(0);
    expect(lower.bonus).toMatchObject({
      amount: 710_000,
      paid: 0,
      note: 'Lao động tiên tiến (Advanced Worker) is not paid: Chiến sĩ thi đua cơ sở (Grassroots Emulation Fighter), a higher title of 2025 (decision 02/QĐ-BTGDV of 20/01/2026), is paid instead; only the highest title of a period is paid (Decree 152/2025/NĐ-CP, Art. 49)',
    });
    const vi = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }), 'vi');
    expect((await vi.data(AWARD, { id: ldtt.id })).award.bonus.note).toBe(
      'Không chi thưởng Lao động tiên tiến: cùng năm 2025 đã được tặng danh hiệu cao hơn là Chiến sĩ thi đua cơ sở (Quyết định số 02/QĐ-BTGDV ngày 20/01/2026); chỉ nhận tiền thưởng của danh hiệu cao nhất (Điều 49 Nghị định số 152/2025/NĐ-CP)',
    );
    expect((await bonusOf(cstd.id)).bonusAmount).toBe(2_340_000);
    expect((await bonusOf(commendation.id)).bonusAmount).toBe(710_000);
    // Another year's title is paid as usual.
    const other = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2024,
      decidedOn: '2025-01-15',
    });
    expect((await bonusOf(other.id)).bonusAmount).toBe(710_000);
    // Revoking the higher title pays the lower one again.
    await t.dataSource.query(`UPDATE award SET status = 'REVOKED' WHERE id = $1`, [cstd.id]);
    expect((await bonusOf(ldtt.id)).bonusAmount).toBe(710_000);
    expect((await bonusOf(cstd.id)).bonus).toMatchObject({
      paid: 0,
      note: 'Not paid: the award was revoked and its bonus is recovered',
    });
  });

  it('pays only the higher collective title of a year too', async () => {
    const { unit } = await someone();
    const ldtt = await buildAward(t.dataSource, {
      type: 'TAP_THE_LDTT',
      unit,
      year: 2024,
      decidedOn: '2025-01-15',
    });
    await buildAward(t.dataSource, {
      type: 'TAP_THE_LDXS',
      unit,
      year: 2024,
      decidedOn: '2025-01-15',
    });
    expect((await bonusOf(ldtt.id)).bonusAmount).toBe(0);
  });

  it('lets ADMIN set the base salary from a date, which later decisions follow', async () => {
    const { person } = await someone();
    const award = await buildAward(t.dataSource, {
      type: 'CSTD_CO_SO',
      person,
      year: 2026,
      decidedOn: '2027-01-15',
    });
    expect((await bonusOf(award.id)).bonusAmount).toBe(2_340_000);
    const secretary = clientFor(t.url, t.tokenFor({ role: Role.SECRETARY }));
    const input = { validFrom: '2026-07-01', amount: 2_530_000, legalBasis: 'Nghị định 01/2026' };
    expect(errorCode(await secretary.request(SET_SALARY, { input }))).toBe('FORBIDDEN');
    const { setBaseSalary } = await admin.data(SET_SALARY, { input });
    expect(setBaseSalary).toEqual({ ...input, validTo: null });
    try {
      expect((await bonusOf(award.id)).bonusAmount).toBe(2_530_000);
      // Correcting the row of that day replaces it.
      await admin.data(SET_SALARY, { input: { ...input, amount: 2_535_000 } });
      expect((await bonusOf(award.id)).bonus).toMatchObject({
        baseSalary: 2_535_000,
        amount: 2_540_000,
      });
      const { baseSalaries } = await viewer.data(SALARIES);
      expect(baseSalaries.at(-2).validTo).toBe('2026-06-30');
    } finally {
      expect((await admin.data(REMOVE_SALARY, { validFrom: '2026-07-01' })).removeBaseSalary).toBe(
        true,
      );
    }
    expect((await bonusOf(award.id)).bonusAmount).toBe(2_340_000);
    expect(errorCode(await admin.request(REMOVE_SALARY, { validFrom: '2026-07-01' }))).toBe(
      'NOT_FOUND',
    );
    for (const bad of [
      { ...input, amount: 0 },
      { ...input, amount: 100_000_001 },
      { ...input, validFrom: '2026-02-30' },
    ]) {
      expect(errorCode(await admin.request(SET_SALARY, { input: bad }))).toBe('BAD_USER_INPUT');
    }
  });

  it('says why there is no bonus when no rule set or base salary covers the decision date', async () => {
    const { person } = await someone();
    const old = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2016,
      decidedOn: '2017-01-10',
    });
    expect((await bonusOf(old.id)).bonus).toMatchObject({
      amount: 0,
      paid: 0,
      note: 'No rule set is in force on 10/01/2017, so the bonus cannot be worked out; an administrator adds the rule set of that date',
    });
    const beforeSalaries = await buildAward(t.dataSource, {
      type: 'LAO_DONG_TIEN_TIEN',
      person,
      year: 2018,
      decidedOn: '2019-01-10',
    });
    expect((await bonusOf(beforeSalaries.id)).bonus).toMatchObject({
      paid: 0,
      note: 'No base salary is recorded for 10/01/2019, so the bonus cannot be worked out; an administrator adds it (setBaseSalary)',
    });
  });

  it('pays nothing for a rejected nomination', async () => {
    const { person } = await someone();
    const award = await buildAward(t.dataSource, {
      type: 'GIAY_KHEN',
      person,
      year: 2025,
      status: AwardStatus.REJECTED,
    });
    expect((await bonusOf(award.id)).bonus).toMatchObject({
      paid: 0,
      note: 'Not paid: the council did not approve the nomination',
    });
  });
});
