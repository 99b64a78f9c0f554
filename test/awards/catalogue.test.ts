import { Role } from '../../src/modules/accounts/account.entity';
import { buildPerson, buildUnit, grantTitle, rate } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { clientFor } from '../helpers/graphql';

const AWARD_TYPES = `
  query {
    awardTypes {
      id code name nameEn category recipientKinds level legalBasis
      bonusMultiple individualBonusMultiple collectiveBonusMultiple approvalThreshold
      rules { code description legalBasis }
    }
  }`;

const VERSIONS = `
  query ($date: LocalDate) {
    ruleSets { code name validFrom validTo inForce quorumNumerator quorumDenominator roundingUnit highestTitleOnly moneyBasis }
    awardTypes {
      code
      versions { ruleSet { code } validFrom validTo individualBonusMultiple collectiveBonusMultiple approvalThreshold approvalBasis moneyBasis }
      versionOn(date: $date) { ruleSet { code } }
    }
  }`;

const ELIGIBILITY = `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) { eligible on ruleSet { code } checks { rule outcome message legalBasis } }
  }`;

describe('the award catalogue', () => {
  let t: TestApp;
  let viewer: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
  });
  afterAll(() => t.stop());

  it('lists the seven types of the law with the multiples and thresholds of Decree 152/2025', async () => {
    const { awardTypes } = await viewer.data(AWARD_TYPES);
    expect(
      awardTypes.map((t: any) => [
        t.code,
        t.category,
        t.recipientKinds,
        t.level,
        t.individualBonusMultiple,
        t.collectiveBonusMultiple,
        t.approvalThreshold,
      ]),
    ).toEqual([
      ['LAO_DONG_TIEN_TIEN', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 0.3, null, 0.5],
      ['CSTD_CO_SO', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 1, null, 0.8],
      ['CSTD_CAP_TINH', 'EMULATION_TITLE', ['INDIVIDUAL'], 'PROVINCIAL', 3, null, 0.9],
      ['TAP_THE_LDTT', 'EMULATION_TITLE', ['COLLECTIVE'], 'GRASSROOTS', null, 0.8, 0.5],
      ['TAP_THE_LDXS', 'EMULATION_TITLE', ['COLLECTIVE'], 'PROVINCIAL', null, 1.5, 0.5],
      ['GIAY_KHEN', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'GRASSROOTS', 0.3, 0.6, 0.5],
      ['BANG_KHEN_TINH', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'PROVINCIAL', 1.5, 3, 0.5],
    ]);
    // The contract's single multiple: the individual one, or the collective one for collectives only.
    expect(awardTypes.map((t: any) => t.bonusMultiple)).toEqual([0.3, 1, 3, 0.8, 1.5, 0.3, 1.5]);
    const ldtt = awardTypes[0];
    expect(ldtt.name).toBe('Lao động tiên tiến');
    expect(ldtt.nameEn).toBe('Advanced Worker');
    expect(ldtt.legalBasis).toBe(
      'Law on Emulation and Commendation 06/2022/QH15, Art. 24; Decree 152/2025/NĐ-CP',
    );
  });

  it('keeps the law as dated rule sets, each with a version of every type', async () => {
    const { ruleSets, awardTypes } = await viewer.data(VERSIONS, { date: '2025-06-30' });
    expect(ruleSets.map((s: any) => [s.code, s.validFrom, s.validTo, s.inForce])).toEqual([
      ['ND_91_2017', '2017-07-31', '2023-12-31', false],
      ['ND_98_2023', '2024-01-01', '2025-06-30', false],
      ['ND_152_2025', '2025-07-01', null, true],
    ]);
    for (const set of ruleSets) {
      expect(set).toMatchObject({
        quorumNumerator: 2,
        quorumDenominator: 3,
        roundingUnit: 10_000,
        highestTitleOnly: true,
      });
    }
    expect(ruleSets[2].moneyBasis).toBe('Decree 152/2025/NĐ-CP, Art. 49');
    const bangKhen = awardTypes.find((x: any) => x.code === 'BANG_KHEN_TINH');
    expect(
      bangKhen.versions.map((v: any) => [
        v.ruleSet.code,
        v.individualBonusMultiple,
        v.collectiveBonusMultiple,
      ]),
    ).toEqual([
      ['ND_91_2017', 1, 2],
      ['ND_98_2023', 1, 2],
      ['ND_152_2025', 1.5, 3],
    ]);
    expect(bangKhen.versions[2].moneyBasis).toBe('Decree 152/2025/NĐ-CP, Art. 54');
    const cstd = awardTypes.find((x: any) => x.code === 'CSTD_CO_SO');
    expect(cstd.versions[1].approvalBasis).toBe('Decree 98/2023/NĐ-CP, Art. 30(7)');
    // 30 June 2025 is the last day of Decree 98/2023.
    expect(cstd.versionOn.ruleSet.code).toBe('ND_98_2023');
  });

  it('finds the version in force on a day, at the boundaries of each rule set', async () => {
    const versionOn = async (date: string) => {
      const { awardTypes } = await viewer.data(VERSIONS, { date });
      return awardTypes[0].versionOn?.ruleSet.code ?? null;
    };
    expect(await versionOn('2017-07-30')).toBeNull();
    expect(await versionOn('2017-07-31')).toBe('ND_91_2017');
    expect(await versionOn('2023-12-31')).toBe('ND_91_2017');
    expect(await versionOn('2024-01-01')).toBe('ND_98_2023');
    expect(await versionOn('2025-06-30')).toBe('ND_98_2023');
    expect(await versionOn('2025-07-01')).toBe('ND_152_2025');
  });

  it('refuses rule sets that overlap: one law in force on any day', async () => {
    await expect(
      t.dataSource.query(
        `INSERT INTO rule_set (code, name, valid_from, valid_to) VALUES ('X', 'X', '2025-06-01', '2025-07-15')`,
      ),
    ).rejects.toThrow(/rule_set_no_overlap/);
  });

  it('describes each rule from its parameters, base rules first, each citing its article', async () => {
    const { awardTypes } = await viewer.data(AWARD_TYPES);
    const rules = (code: string) => awardTypes.find((t: any) => t.code === code).rules;
    const cstd = rules('CSTD_CO_SO');
    expect(cstd.map((r: any) => r.code)).toEqual([
      'RECIPIENT_EXISTS',
      'RECIPIENT_KIND',
      'CITED_ACHIEVEMENTS',
      'NO_OPEN_DISCIPLINE',
      'AWARD_KINDS',
      'TITLE_ONCE_A_YEAR',
      'MEETS_STANDARD_OF',
      'ANY_OF',
      'TITLE_SHARE_IN_UNIT',
    ]);
    expect(cstd[3].legalBasis).toBe('Decree 152/2025/NĐ-CP, Art. 4');
    expect(cstd[6]).toMatchObject({
      description:
        'Meets the standard of Lao động tiên tiến (Advanced Worker) that year (holding it, or meeting its criteria).',
      legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 23',
    });
    expect(cstd[7].description).toBe(
      'At least one of: (1) rated at least "completed tasks excellently (hoàn thành xuất sắc nhiệm vụ)" that year; (2) has a VERIFIED initiative or research result achieved that year, recognised at GRASSROOTS level or above',
    );
    expect(cstd[8].legalBasis).toMatch(
      /^local rule: the 15% share comes from the repealed Decree 91\/2017/,
    );
    const ldtt = rules('TAP_THE_LDTT');
    expect(ldtt.find((r: any) => r.code === 'MEMBERS_HOLD_TITLE')).toEqual({
      code: 'MEMBERS_HOLD_TITLE',
      description:
        "More than 50% of the unit's members hold Lao động tiên tiến (Advanced Worker) (APPROVED or ANNOUNCED) that year.",
      legalBasis: 'Law on Emulation and Commendation 06/2022/QH15, Art. 28(1)(c)',
    });
    const ldxs = rules('TAP_THE_LDXS').map((r: any) => r.description);
    expect(ldxs).toContain(
      'At least 100% of the members are rated "completed tasks (hoàn thành nhiệm vụ)" or better that year.',
    );
    expect(ldxs).toContain(
      "At least 70% of the unit's members hold Lao động tiên tiến (Advanced Worker) (APPROVED or ANNOUNCED) that year.",
    );
    for (const type of awardTypes) {
      for (const rule of type.rules) expect(rule.legalBasis).toBeTruthy();
    }
  });

  it('describes the rules in Vietnamese for a Vietnamese reader', async () => {
    const vi = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }), 'vi');
    const { awardTypes } = await vi.data(AWARD_TYPES);
    const ldtt = awardTypes.find((x: any) => x.code === 'TAP_THE_LDTT');
    const members = ldtt.rules.find((r: any) => r.code === 'MEMBERS_HOLD_TITLE');
    expect(members).toEqual({
      code: 'MEMBERS_HOLD_TITLE',
      description:
        'Có trên 50% cá nhân trong tập thể đạt Lao động tiên tiến (đã phê duyệt hoặc đã công bố) trong năm.',
      legalBasis: 'điểm c khoản 1 Điều 28 Luật Thi đua, khen thưởng số 06/2022/QH15',
    });
  });

  it('follows the catalogue data: a new share in the version in force changes the outcome without new code', async () => {
    const unit = await buildUnit(t.dataSource);
    const people = await Promise.all(
      Array.from({ length: 10 }, () => buildPerson(t.dataSource, { unit: unit })),
    );
    await grantTitle(t.dataSource, people.slice(0, 6), 'LAO_DONG_TIEN_TIEN', 2025);
    await rate(t.dataSource, [{ unit }], 2025);
    const input = { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 };
    expect((await viewer.data(ELIGIBILITY, { input })).eligibility.eligible).toBe(true);

    const version = `(SELECT v.id FROM award_type_version v JOIN award_type t ON t.id = v.award_type_id
                        JOIN rule_set s ON s.id = v.rule_set_id
                       WHERE t.code = 'TAP_THE_LDTT' AND s.code = 'ND_152_2025')`;
    const [original] = await t.dataSource.query(
      `SELECT rules FROM award_type_version WHERE id = ${version}`,
    );
    try {
      await t.dataSource.query(
        `UPDATE award_type_version SET rules = jsonb_set(rules, '{4,params,moreThanShare}', '0.6')
          WHERE id = ${version}`,
      );
      const { eligibility } = await viewer.data(ELIGIBILITY, { input });
      expect(eligibility.eligible).toBe(false);
      const share = eligibility.checks.find((c: any) => c.rule === 'MEMBERS_HOLD_TITLE');
      expect(share.message).toMatch(
        /more than 60% are needed, that is at least 7: 1 more must hold it$/,
      );
      // The same nomination checked on a day of Decree 98/2023 still passes.
      const before = await viewer.data(ELIGIBILITY, { input: { ...input, on: '2025-06-30' } });
      expect(before.eligibility).toMatchObject({ eligible: true, ruleSet: { code: 'ND_98_2023' } });
    } finally {
      await t.dataSource.query(`UPDATE award_type_version SET rules = $1 WHERE id = ${version}`, [
        JSON.stringify(original.rules),
      ]);
    }
  });

  it('blocks, naming the problem, when the catalogue names an unknown rule or bad parameters', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const version = `(SELECT v.id FROM award_type_version v JOIN award_type t ON t.id = v.award_type_id
                        JOIN rule_set s ON s.id = v.rule_set_id
                       WHERE t.code = 'LAO_DONG_TIEN_TIEN' AND s.code = 'ND_152_2025')`;
    const [original] = await t.dataSource.query(
      `SELECT rules FROM award_type_version WHERE id = ${version}`,
    );
    try {
      await t.dataSource.query(`UPDATE award_type_version SET rules = $1 WHERE id = ${version}`, [
        JSON.stringify([
          { code: 'NO_SUCH_RULE' },
          { code: 'HOLDS_TITLE', params: { titleCode: 'GIAY_KHEN', years: 'three' } },
        ]),
      ]);
      const { eligibility } = await viewer.data(ELIGIBILITY, {
        input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 },
      });
      expect(eligibility.eligible).toBe(false);
      const blocks = eligibility.checks.filter((c: any) => c.outcome === 'BLOCK');
      expect(blocks.map((c: any) => c.rule)).toEqual(['NO_SUCH_RULE', 'HOLDS_TITLE']);
      expect(blocks[0].message).toMatch(/unknown rule NO_SUCH_RULE/);
      expect(blocks[1].message).toMatch(/invalid parameters \(years: .*\)/);
    } finally {
      await t.dataSource.query(`UPDATE award_type_version SET rules = $1 WHERE id = ${version}`, [
        JSON.stringify(original.rules),
      ]);
    }
  });

  it('blocks a nomination on a day no rule set covers, saying from when the catalogue starts', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit: unit });
    const { eligibility } = await viewer.data(ELIGIBILITY, {
      input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2016, on: '2016-12-20' },
    });
    expect(eligibility).toMatchObject({ eligible: false, on: '2016-12-20', ruleSet: null });
    expect(eligibility.checks).toEqual([
      {
        rule: 'RULE_SET_IN_FORCE',
        outcome: 'BLOCK',
        message:
          'No rule set is in force on 20/12/2016: the catalogue starts on 31/07/2017; an administrator adds the rule set of that date',
        legalBasis: null,
      },
    ]);
  });
});
