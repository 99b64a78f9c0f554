import { Role } from '../../src/modules/accounts/account.entity';
import { startTestApp, type TestApp } from '../helpers/app';
import { buildAward, buildPerson, buildUnit } from '../helpers/factories';
import { clientFor } from '../helpers/graphql';

const AWARD_TYPES = `
  query {
    awardTypes {
      id code name nameEn category recipientKinds level bonusMultiple approvalThreshold legalBasis
      rules { code description legalBasis }
    }
  }`;

const ELIGIBILITY = `
  query ($input: EligibilityInput!) {
    eligibility(input: $input) { eligible checks { rule outcome message legalBasis } }
  }`;

describe('the award catalogue', () => {
  let t: TestApp;
  let viewer: ReturnType<typeof clientFor>;

  beforeAll(async () => {
    t = await startTestApp();
    viewer = clientFor(t.url, t.tokenFor({ role: Role.VIEWER }));
  });
  afterAll(() => t.stop());

  it('lists the seven types of the law, in order, with bonus multiples and thresholds', async () => {
    const { awardTypes } = await viewer.data(AWARD_TYPES);
    expect(
      awardTypes.map((t: any) => [
        t.code,
        t.category,
        t.recipientKinds,
        t.level,
        t.bonusMultiple,
        t.approvalThreshold,
      ]),
    ).toEqual([
      ['LAO_DONG_TIEN_TIEN', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 0.3, 0.5],
      ['CSTD_CO_SO', 'EMULATION_TITLE', ['INDIVIDUAL'], 'GRASSROOTS', 1, 0.5],
      ['CSTD_CAP_TINH', 'EMULATION_TITLE', ['INDIVIDUAL'], 'PROVINCIAL', 3, 0.75],
      ['TAP_THE_LDTT', 'EMULATION_TITLE', ['COLLECTIVE'], 'GRASSROOTS', 0.8, 0.5],
      ['TAP_THE_LDXS', 'EMULATION_TITLE', ['COLLECTIVE'], 'PROVINCIAL', 1.5, 0.75],
      ['GIAY_KHEN', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'GRASSROOTS', 0.3, 0.5],
      ['BANG_KHEN_TINH', 'COMMENDATION', ['INDIVIDUAL', 'COLLECTIVE'], 'PROVINCIAL', 1, 0.75],
    ]);
    const ldtt = awardTypes[0];
    expect(ldtt.name).toBe('Lao động tiên tiến');
    expect(ldtt.nameEn).toBe('Advanced Worker');
    expect(ldtt.legalBasis).toMatch(/06\/2022\/QH15/);
  });

  it('describes each rule from its parameters, base rules first', async () => {
    const { awardTypes } = await viewer.data(AWARD_TYPES);
    const rules = (code: string) => awardTypes.find((t: any) => t.code === code).rules;
    const cstd = rules('CSTD_CO_SO');
    expect(cstd.map((r: any) => r.code)).toEqual([
      'RECIPIENT_EXISTS',
      'RECIPIENT_KIND',
      'CITED_ACHIEVEMENTS',
      'TITLE_ONCE_A_YEAR',
      'HOLDS_TITLE',
      'HAS_INITIATIVE',
      'TITLE_SHARE_IN_UNIT',
    ]);
    expect(cstd[4].description).toBe(
      'Holds Lao động tiên tiến (Advanced Worker) (APPROVED or ANNOUNCED) the same year.',
    );
    expect(cstd[5].description).toMatch(/GRASSROOTS level or above/);
    expect(cstd[6].description).toMatch(/at most 15% of its Lao động tiên tiến/);
    expect(cstd[6].legalBasis).toMatch(/15%/);
    expect(rules('CSTD_CAP_TINH')[4].description).toMatch(
      /Chiến sĩ thi đua cơ sở .* in each of the 3 consecutive years ending that year/,
    );
    expect(rules('TAP_THE_LDTT')[4].description).toMatch(/^At least 50% of the unit's members/);
    const ldxs = rules('TAP_THE_LDXS');
    expect(ldxs[4].description).toMatch(/^At least 70%/);
    expect(ldxs[5].description).toMatch(/^At least 1 of .* Chiến sĩ thi đua cơ sở/);
    expect(rules('GIAY_KHEN')[3].description).toMatch(/at least 1 verified achievement/);
    for (const type of awardTypes) {
      for (const rule of type.rules) expect(rule.legalBasis).toBeTruthy();
    }
  });

  it('follows the catalogue data: a new threshold changes the outcome without new code', async () => {
    const unit = await buildUnit(t.dataSource);
    const people = await Promise.all(
      Array.from({ length: 10 }, () => buildPerson(t.dataSource, { unit })),
    );
    for (const person of people.slice(0, 5)) {
      await buildAward(t.dataSource, { type: 'LAO_DONG_TIEN_TIEN', person, year: 2025 });
    }
    const input = { typeCode: 'TAP_THE_LDTT', unitId: unit.id, year: 2025 };
    expect((await viewer.data(ELIGIBILITY, { input })).eligibility.eligible).toBe(true);

    const original = await t.dataSource.query(
      `SELECT rules FROM award_type WHERE code = 'TAP_THE_LDTT'`,
    );
    try {
      await t.dataSource.query(
        `UPDATE award_type SET rules = jsonb_set(rules, '{1,params,minShare}', '0.6')
          WHERE code = 'TAP_THE_LDTT'`,
      );
      const { eligibility } = await viewer.data(ELIGIBILITY, { input });
      expect(eligibility.eligible).toBe(false);
      const share = eligibility.checks.find((c: any) => c.rule === 'MEMBERS_HOLD_TITLE');
      expect(share.message).toMatch(/at least 60% \(6\) are needed: 1 more/);
      const { awardTypes } = await viewer.data(AWARD_TYPES);
      const rules = awardTypes.find((x: any) => x.code === 'TAP_THE_LDTT').rules;
      expect(rules[4].description).toMatch(/^At least 60%/);
    } finally {
      await t.dataSource.query(`UPDATE award_type SET rules = $1 WHERE code = 'TAP_THE_LDTT'`, [
        JSON.stringify(original[0].rules),
      ]);
    }
  });

  it('blocks, naming the problem, when the catalogue names an unknown rule or bad parameters', async () => {
    const unit = await buildUnit(t.dataSource);
    const person = await buildPerson(t.dataSource, { unit });
    const original = await t.dataSource.query(
      `SELECT rules FROM award_type WHERE code = 'LAO_DONG_TIEN_TIEN'`,
    );
    try {
      await t.dataSource.query(
        `UPDATE award_type SET rules = $1 WHERE code = 'LAO_DONG_TIEN_TIEN'`,
        [
          JSON.stringify([
            { code: 'NO_SUCH_RULE' },
            { code: 'HOLDS_TITLE', params: { titleCode: 'GIAY_KHEN', years: 'three' } },
          ]),
        ],
      );
      const { eligibility } = await viewer.data(ELIGIBILITY, {
        input: { typeCode: 'LAO_DONG_TIEN_TIEN', personId: person.id, year: 2025 },
      });
      expect(eligibility.eligible).toBe(false);
      const blocks = eligibility.checks.filter((c: any) => c.outcome === 'BLOCK');
      expect(blocks.map((c: any) => c.rule)).toEqual(['NO_SUCH_RULE', 'HOLDS_TITLE']);
      expect(blocks[0].message).toMatch(/unknown rule NO_SUCH_RULE/);
      expect(blocks[1].message).toMatch(/invalid parameters \(years: .*\)/);
    } finally {
      await t.dataSource.query(
        `UPDATE award_type SET rules = $1 WHERE code = 'LAO_DONG_TIEN_TIEN'`,
        [JSON.stringify(original[0].rules)],
      );
    }
  });
});
