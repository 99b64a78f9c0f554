import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A citation as the catalogue stores it (see src/modules/awards/legal-basis.ts). */
interface Citation {
  act: string;
  article?: string;
  clause?: string;
  point?: string;
  note?: { vi: string; en: string };
}

interface Rule {
  code: string;
  params?: Record<string, unknown>;
  basis: Citation[];
}

interface Version {
  individual: number | null;
  collective: number | null;
  threshold: number;
  approvalBasis: Citation[];
  moneyBasis: Citation[];
  typeBasis: Citation[];
  rules: Rule[];
}

const law = (article?: string, clause?: string, point?: string): Citation => ({
  act: 'LAW_06_2022',
  ...(article ? { article } : {}),
  ...(clause ? { clause } : {}),
  ...(point ? { point } : {}),
});

type Decree = 'ND_91_2017' | 'ND_98_2023' | 'ND_152_2025';

/** The Law on Emulation and Commendation of 2003 (amended 2005, 2009, 2013), which Decree 91/2017 detailed. */
const oldLaw = (article?: string, clause?: string, point?: string): Citation => ({
  act: 'LAW_2003',
  ...(article ? { article } : {}),
  ...(clause ? { clause } : {}),
  ...(point ? { point } : {}),
});

const decree = (act: Decree, article?: string, clause?: string, note?: Citation['note']) => ({
  act,
  ...(article ? { article } : {}),
  ...(clause ? { clause } : {}),
  ...(note ? { note } : {}),
});

const LOCAL_SHARE: Citation = {
  act: 'LOCAL',
  note: {
    vi: 'tỷ lệ 15% lấy theo Nghị định số 91/2017/NĐ-CP, đã hết hiệu lực; Nghị định 152/2025/NĐ-CP không quy định',
    en: 'the 15% share comes from the repealed Decree 91/2017/NĐ-CP; Decree 152/2025/NĐ-CP sets none',
  },
};

const MAJORITY: Citation = {
  act: 'LOCAL',
  note: {
    vi: 'từ một nửa tổng số thành viên Hội đồng trở lên',
    en: 'at least half of all council members',
  },
};

/**
 * The catalogue's rules under one decree. The criteria come from the Law
 * (06/2022/QH15), which both decrees detail; what differs between them is
 * the money and the citations of the decree.
 */
function versions(act: Decree): Record<string, Version> {
  if (act === 'ND_91_2017') return versions91();
  const noDiscipline: Rule = {
    code: 'NO_OPEN_DISCIPLINE',
    basis: [act === 'ND_152_2025' ? decree(act, '4') : decree(act)],
  };
  const regularOnly = (article: string): Rule => ({
    code: 'AWARD_KINDS',
    params: { kinds: ['THUONG_XUYEN'] },
    basis: [law(article)],
  });
  const once = (article: string): Rule => ({ code: 'TITLE_ONCE_A_YEAR', basis: [law(article)] });
  // Money: Decree 152/2025 Art. 54 sets the multiples, Art. 49 the rounding and the highest-title rule.
  const money = act === 'ND_152_2025' ? [decree(act, '54')] : [decree(act)];
  const fighterThreshold: Citation[] =
    act === 'ND_98_2023'
      ? [decree('ND_98_2023', '30', '7')]
      : [
          decree(act, undefined, undefined, {
            vi: 'tỷ lệ như khoản 7 Điều 30 Nghị định số 98/2023/NĐ-CP',
            en: 'the shares of Decree 98/2023/NĐ-CP Art. 30(7)',
          }),
        ];
  const commendationRules: Rule[] = [
    noDiscipline,
    { code: 'CITES_VERIFIED_ACHIEVEMENT', params: { minCount: 1 }, basis: [law('5')] },
  ];
  return {
    LAO_DONG_TIEN_TIEN: {
      individual: 0.3,
      collective: null,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [law('24'), decree(act)],
      rules: [
        noDiscipline,
        regularOnly('24'),
        once('24'),
        {
          code: 'RATED_AT_LEAST',
          params: { minRating: 'HOAN_THANH_TOT' },
          basis: [law('24', '1'), decree(act)],
        },
        { code: 'RECRUITED_BEFORE', params: { minMonths: 6 }, basis: [decree(act)] },
      ],
    },
    CSTD_CO_SO: {
      individual: 1.0,
      collective: null,
      threshold: 0.8,
      approvalBasis: fighterThreshold,
      moneyBasis: money,
      typeBasis: [law('23')],
      rules: [
        noDiscipline,
        regularOnly('23'),
        once('23'),
        {
          code: 'MEETS_STANDARD_OF',
          params: { typeCode: 'LAO_DONG_TIEN_TIEN' },
          basis: [law('23')],
        },
        {
          code: 'ANY_OF',
          params: {
            rules: [
              { code: 'RATED_AT_LEAST', params: { minRating: 'HOAN_THANH_XUAT_SAC' } },
              {
                code: 'HAS_INITIATIVE',
                params: { minLevel: 'GRASSROOTS', years: 1, kinds: ['INITIATIVE', 'RESEARCH'] },
              },
            ],
          },
          basis: [law('23')],
        },
        {
          code: 'TITLE_SHARE_IN_UNIT',
          params: { ofTitleCode: 'LAO_DONG_TIEN_TIEN', maxShare: 0.15, outcome: 'WARN' },
          basis: [LOCAL_SHARE],
        },
      ],
    },
    CSTD_CAP_TINH: {
      individual: 3.0,
      collective: null,
      threshold: 0.9,
      approvalBasis: fighterThreshold,
      moneyBasis: money,
      typeBasis: [law('22')],
      rules: [
        noDiscipline,
        regularOnly('22'),
        once('22'),
        { code: 'HOLDS_TITLE', params: { titleCode: 'CSTD_CO_SO', years: 3 }, basis: [law('22')] },
        {
          code: 'HAS_INITIATIVE',
          params: { minLevel: 'PROVINCIAL', years: 3, kinds: ['INITIATIVE', 'RESEARCH'] },
          basis: [law('22')],
        },
      ],
    },
    TAP_THE_LDTT: {
      individual: null,
      collective: 0.8,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [law('28')],
      rules: [
        noDiscipline,
        regularOnly('28'),
        once('28'),
        {
          code: 'RATED_AT_LEAST',
          params: { minRating: 'HOAN_THANH_TOT' },
          basis: [law('28', '1', 'a')],
        },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'LAO_DONG_TIEN_TIEN', moreThanShare: 0.5 },
          basis: [law('28', '1', 'c')],
        },
      ],
    },
    TAP_THE_LDXS: {
      individual: null,
      collective: 1.5,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [law('27')],
      rules: [
        noDiscipline,
        regularOnly('27'),
        once('27'),
        {
          code: 'RATED_AT_LEAST',
          params: { minRating: 'HOAN_THANH_XUAT_SAC' },
          basis: [law('27', '1', 'a')],
        },
        {
          code: 'MEMBERS_RATED',
          params: { minRating: 'HOAN_THANH', minShare: 1 },
          basis: [law('27', '1', 'c')],
        },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'LAO_DONG_TIEN_TIEN', minShare: 0.7 },
          basis: [law('27', '1', 'c')],
        },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'CSTD_CO_SO', minCount: 1 },
          basis: [law('27', '1', 'd')],
        },
      ],
    },
    GIAY_KHEN: {
      individual: 0.3,
      collective: 0.6,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [law()],
      rules: commendationRules,
    },
    BANG_KHEN_TINH: {
      individual: act === 'ND_152_2025' ? 1.5 : 1.0,
      collective: act === 'ND_152_2025' ? 3.0 : 2.0,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [law()],
      rules: commendationRules,
    },
  };
}

/**
 * Decree 91/2017/NĐ-CP, for decisions made before 2024 (under the 2003 law):
 * the same multiples; council approval by 90% of all members for the
 * provincial emulation fighter (Art. 45(8)); Chiến sĩ thi đua cơ sở needs the
 * Lao động tiên tiến standard and an initiative or research result, within 15%
 * of the unit's Lao động tiên tiến (Art. 9(3)); Lao động tiên tiến is not
 * given to people recruited less than 10 months before. Articles not checked
 * against the text are cited without a number.
 */
function versions91(): Record<string, Version> {
  const act = 'ND_91_2017';
  const money: Citation[] = [decree(act)];
  const noDiscipline: Rule = { code: 'NO_OPEN_DISCIPLINE', basis: [decree(act)] };
  const regularOnly: Rule = {
    code: 'AWARD_KINDS',
    params: { kinds: ['THUONG_XUYEN'] },
    basis: [decree(act)],
  };
  const once: Rule = { code: 'TITLE_ONCE_A_YEAR', basis: [decree(act)] };
  const commendationRules: Rule[] = [
    noDiscipline,
    { code: 'CITES_VERIFIED_ACHIEVEMENT', params: { minCount: 1 }, basis: [oldLaw()] },
  ];
  return {
    LAO_DONG_TIEN_TIEN: {
      individual: 0.3,
      collective: null,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw('24'), decree(act)],
      rules: [
        noDiscipline,
        regularOnly,
        once,
        {
          code: 'RATED_AT_LEAST',
          params: { minRating: 'HOAN_THANH_TOT' },
          basis: [oldLaw('24'), decree(act)],
        },
        { code: 'RECRUITED_BEFORE', params: { minMonths: 10 }, basis: [decree(act)] },
      ],
    },
    CSTD_CO_SO: {
      individual: 1.0,
      collective: null,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw('23'), decree(act, '9', '3')],
      rules: [
        noDiscipline,
        regularOnly,
        once,
        {
          code: 'MEETS_STANDARD_OF',
          params: { typeCode: 'LAO_DONG_TIEN_TIEN' },
          basis: [decree(act, '9', '3')],
        },
        {
          code: 'HAS_INITIATIVE',
          params: { minLevel: 'GRASSROOTS', years: 1, kinds: ['INITIATIVE', 'RESEARCH'] },
          basis: [decree(act, '9', '3')],
        },
        {
          code: 'TITLE_SHARE_IN_UNIT',
          params: { ofTitleCode: 'LAO_DONG_TIEN_TIEN', maxShare: 0.15, outcome: 'BLOCK' },
          basis: [decree(act, '9')],
        },
      ],
    },
    CSTD_CAP_TINH: {
      individual: 3.0,
      collective: null,
      threshold: 0.9,
      approvalBasis: [decree(act, '45', '8')],
      moneyBasis: money,
      typeBasis: [oldLaw('22')],
      rules: [
        noDiscipline,
        regularOnly,
        once,
        {
          code: 'HOLDS_TITLE',
          params: { titleCode: 'CSTD_CO_SO', years: 3 },
          basis: [oldLaw('22')],
        },
        {
          code: 'HAS_INITIATIVE',
          params: { minLevel: 'PROVINCIAL', years: 3, kinds: ['INITIATIVE', 'RESEARCH'] },
          basis: [oldLaw('22')],
        },
      ],
    },
    TAP_THE_LDTT: {
      individual: null,
      collective: 0.8,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw('28')],
      rules: [
        noDiscipline,
        regularOnly,
        once,
        { code: 'RATED_AT_LEAST', params: { minRating: 'HOAN_THANH_TOT' }, basis: [oldLaw('28')] },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'LAO_DONG_TIEN_TIEN', moreThanShare: 0.5 },
          basis: [oldLaw('28')],
        },
      ],
    },
    TAP_THE_LDXS: {
      individual: null,
      collective: 1.5,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw('27')],
      rules: [
        noDiscipline,
        regularOnly,
        once,
        {
          code: 'RATED_AT_LEAST',
          params: { minRating: 'HOAN_THANH_XUAT_SAC' },
          basis: [oldLaw('27')],
        },
        {
          code: 'MEMBERS_RATED',
          params: { minRating: 'HOAN_THANH', minShare: 1 },
          basis: [oldLaw('27')],
        },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'LAO_DONG_TIEN_TIEN', minShare: 0.7 },
          basis: [oldLaw('27')],
        },
        {
          code: 'MEMBERS_HOLD_TITLE',
          params: { titleCode: 'CSTD_CO_SO', minCount: 1 },
          basis: [oldLaw('27')],
        },
      ],
    },
    GIAY_KHEN: {
      individual: 0.3,
      collective: 0.6,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw()],
      rules: commendationRules,
    },
    BANG_KHEN_TINH: {
      individual: 1.0,
      collective: 2.0,
      threshold: 0.5,
      approvalBasis: [MAJORITY],
      moneyBasis: money,
      typeBasis: [oldLaw()],
      rules: commendationRules,
    },
  };
}

const QUORUM: Citation[] = [
  {
    act: 'LOCAL',
    note: {
      vi: 'Hội đồng họp khi có ít nhất 2/3 tổng số thành viên dự họp',
      en: 'the council sits with at least two thirds of its members',
    },
  },
];

const RULE_SETS = [
  {
    code: 'ND_91_2017',
    name: 'Nghị định 91/2017/NĐ-CP',
    validFrom: '2017-07-31',
    validTo: '2023-12-31',
    moneyBasis: [decree('ND_91_2017', '68', '2')],
  },
  {
    code: 'ND_98_2023',
    name: 'Nghị định 98/2023/NĐ-CP',
    validFrom: '2024-01-01',
    validTo: '2025-06-30',
    moneyBasis: [decree('ND_98_2023')],
  },
  {
    code: 'ND_152_2025',
    name: 'Nghị định 152/2025/NĐ-CP',
    validFrom: '2025-07-01',
    validTo: null,
    moneyBasis: [decree('ND_152_2025', '49')],
  },
] as const;

/** The base salary (mức lương cơ sở) since 2019, with the decree that set it. */
const BASE_SALARIES: [validFrom: string, amount: number, basis: string][] = [
  ['2019-07-01', 1_490_000, 'Nghị định 38/2019/NĐ-CP'],
  ['2023-07-01', 1_800_000, 'Nghị định 24/2023/NĐ-CP'],
  ['2024-07-01', 2_340_000, 'Nghị định 73/2024/NĐ-CP'],
];

/**
 * The law in force as data (issue 10): rule sets with effective dates and a
 * version of every award type in each (multiples for individuals and
 * collectives, the council's threshold, the rules citing their articles);
 * the dated base salary; annual ratings; discipline and investigation
 * records; the kind of an award; council meetings and the register of
 * decisions; recruitment dates; research results; congress delegations with
 * quotas and guests.
 *
 * The award_type columns bonus_multiple, approval_threshold, rules and
 * legal_basis stay (older tools write them) but are no longer read.
 */
export class LawInForce1764500000000 implements MigrationInterface {
  name = 'LawInForce1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // ------------------------------------------------------------ rule sets and versions
    await q.query(`
      CREATE TABLE rule_set (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        valid_from date NOT NULL,
        -- Last day in force (inclusive); null while in force.
        valid_to date,
        quorum_numerator int NOT NULL DEFAULT 2,
        quorum_denominator int NOT NULL DEFAULT 3,
        quorum_basis jsonb NOT NULL DEFAULT '[]',
        money_basis jsonb NOT NULL DEFAULT '[]',
        rounding_unit int NOT NULL DEFAULT 10000 CHECK (rounding_unit >= 1),
        highest_title_only boolean NOT NULL DEFAULT true,
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        CHECK (quorum_numerator >= 1 AND quorum_denominator >= quorum_numerator),
        -- At most one rule set is in force on any day.
        CONSTRAINT rule_set_no_overlap EXCLUDE USING gist (daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await q.query(`
      CREATE TABLE award_type_version (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_type_id uuid NOT NULL REFERENCES award_type(id),
        rule_set_id uuid NOT NULL REFERENCES rule_set(id),
        individual_multiple numeric(6,2) CHECK (individual_multiple >= 0),
        collective_multiple numeric(6,2) CHECK (collective_multiple >= 0),
        approval_threshold numeric(4,3) NOT NULL CHECK (approval_threshold > 0 AND approval_threshold <= 1),
        approval_basis jsonb NOT NULL DEFAULT '[]',
        money_basis jsonb NOT NULL DEFAULT '[]',
        rules jsonb NOT NULL DEFAULT '[]',
        legal_basis jsonb NOT NULL DEFAULT '[]',
        CONSTRAINT award_type_version_once UNIQUE (award_type_id, rule_set_id)
      )`);
    await q.query(`
      CREATE TABLE base_salary (
        valid_from date PRIMARY KEY,
        amount int NOT NULL CHECK (amount > 0),
        legal_basis text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const set of RULE_SETS) {
      const [row] = await q.query(
        `INSERT INTO rule_set (code, name, valid_from, valid_to, quorum_basis, money_basis)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [
          set.code,
          set.name,
          set.validFrom,
          set.validTo,
          JSON.stringify(QUORUM),
          JSON.stringify(set.moneyBasis),
        ],
      );
      for (const [code, version] of Object.entries(versions(set.code))) {
        await q.query(
          `INSERT INTO award_type_version (award_type_id, rule_set_id, individual_multiple,
             collective_multiple, approval_threshold, approval_basis, money_basis, rules, legal_basis)
           SELECT t.id, $2, $3, $4, $5, $6, $7, $8, $9 FROM award_type t WHERE t.code = $1`,
          [
            code,
            row.id,
            version.individual,
            version.collective,
            version.threshold,
            JSON.stringify(version.approvalBasis),
            JSON.stringify(version.moneyBasis),
            JSON.stringify(version.rules),
            JSON.stringify(version.typeBasis),
          ],
        );
      }
    }
    for (const [validFrom, amount, basis] of BASE_SALARIES) {
      await q.query(
        `INSERT INTO base_salary (valid_from, amount, legal_basis) VALUES ($1, $2, $3)`,
        [validFrom, amount, basis],
      );
    }
    await q.query(`ALTER TABLE award_type ALTER COLUMN bonus_multiple SET DEFAULT 0`);

    // ------------------------------------------------------------ people, achievements
    await q.query(`ALTER TABLE person ADD COLUMN recruited_on date`);
    await q.query(`ALTER TABLE achievement DROP CONSTRAINT achievement_kind_check`);
    await q.query(
      `ALTER TABLE achievement ADD CONSTRAINT achievement_kind_check CHECK (kind IN ('INITIATIVE','RESULT','RESEARCH'))`,
    );

    // ------------------------------------------------------------ ratings and discipline
    await q.query(`
      CREATE TABLE annual_rating (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid REFERENCES person(id),
        unit_id uuid REFERENCES unit(id),
        year int NOT NULL CHECK (year BETWEEN 1945 AND 2200),
        rating text NOT NULL CHECK (rating IN ('HOAN_THANH_XUAT_SAC','HOAN_THANH_TOT','HOAN_THANH','KHONG_HOAN_THANH')),
        note text,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_id IS NULL) <> (unit_id IS NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX annual_rating_person_year ON annual_rating (person_id, year) WHERE person_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX annual_rating_unit_year ON annual_rating (unit_id, year) WHERE unit_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE discipline_record (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid REFERENCES person(id),
        unit_id uuid REFERENCES unit(id),
        kind text NOT NULL CHECK (kind IN ('DISCIPLINE','INVESTIGATION')),
        reason text NOT NULL,
        reference text,
        from_date date NOT NULL,
        -- Last day open (inclusive); null while it lasts.
        to_date date,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((person_id IS NULL) <> (unit_id IS NULL)),
        CHECK (to_date IS NULL OR to_date >= from_date)
      )`);
    await q.query(
      `CREATE INDEX discipline_record_subject_idx ON discipline_record (coalesce(person_id, unit_id), from_date)`,
    );

    // ------------------------------------------------------------ council meetings and decisions
    await q.query(`
      CREATE TABLE council_meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        held_on date NOT NULL,
        council_unit_id uuid REFERENCES unit(id),
        members_total int NOT NULL CHECK (members_total >= 1),
        members_present int NOT NULL CHECK (members_present >= 0 AND members_present <= members_total),
        minutes text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX council_meeting_held_idx ON council_meeting (held_on DESC, id)`);
    await q.query(`
      CREATE TABLE award_decision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL,
        decided_on date NOT NULL,
        signer text,
        issuing_body text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Numbers restart each year; the service refuses one number on two days of a year.
    await q.query(
      `CREATE UNIQUE INDEX award_decision_number_key ON award_decision (lower(number), decided_on)`,
    );
    await q.query(`CREATE INDEX award_decision_date_idx ON award_decision (decided_on DESC, id)`);
    await q.query(
      `CREATE INDEX award_decision_search_idx ON award_decision USING gin ((immutable_unaccent(number) || ' ' || immutable_unaccent(coalesce(signer, '')) || ' ' || immutable_unaccent(coalesce(issuing_body, ''))) gin_trgm_ops)`,
    );
    await q.query(`
      ALTER TABLE award
        ADD COLUMN kind text NOT NULL DEFAULT 'THUONG_XUYEN' CHECK (kind IN ('THUONG_XUYEN','CHUYEN_DE','DOT_XUAT')),
        ADD COLUMN warning_messages jsonb,
        ADD COLUMN meeting_id uuid REFERENCES council_meeting(id),
        ADD COLUMN decision_id uuid REFERENCES award_decision(id)`);
    await q.query(
      `CREATE INDEX award_meeting_idx ON award (meeting_id) WHERE meeting_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX award_decision_idx ON award (decision_id, id) WHERE decision_id IS NOT NULL`,
    );
    // Register the decisions of awards decided before the register existed.
    await q.query(`
      INSERT INTO award_decision (number, decided_on)
      SELECT DISTINCT ON (lower(decision_number), decided_on) decision_number, decided_on
        FROM award WHERE decision_number IS NOT NULL AND decided_on IS NOT NULL
       ORDER BY lower(decision_number), decided_on, decision_number`);
    await q.query(`
      UPDATE award a SET decision_id = d.id FROM award_decision d
       WHERE lower(a.decision_number) = lower(d.number) AND a.decided_on = d.decided_on`);

    // ------------------------------------------------------------ congress delegations
    await q.query(`
      ALTER TABLE delegation
        ADD COLUMN period_from int CHECK (period_from BETWEEN 1945 AND 2200),
        ADD COLUMN period_to int CHECK (period_to BETWEEN 1945 AND 2200),
        ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]',
        ADD CHECK (period_to IS NULL OR period_from IS NULL OR period_to >= period_from)`);
    await q.query(`
      ALTER TABLE delegation_member
        ADD COLUMN role text NOT NULL DEFAULT 'OFFICIAL' CHECK (role IN ('OFFICIAL','GUEST'))`);
    await q.query(`
      CREATE TABLE delegation_quota (
        delegation_id uuid NOT NULL REFERENCES delegation(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        seats int NOT NULL CHECK (seats >= 0),
        PRIMARY KEY (delegation_id, unit_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delegation_quota`);
    await q.query(`ALTER TABLE delegation_member DROP COLUMN role`);
    await q.query(
      `ALTER TABLE delegation DROP COLUMN period_from, DROP COLUMN period_to, DROP COLUMN warnings`,
    );
    await q.query(
      `ALTER TABLE award DROP COLUMN kind, DROP COLUMN warning_messages, DROP COLUMN meeting_id, DROP COLUMN decision_id`,
    );
    await q.query(`DROP TABLE award_decision`);
    await q.query(`DROP TABLE council_meeting`);
    await q.query(`DROP TABLE discipline_record`);
    await q.query(`DROP TABLE annual_rating`);
    await q.query(`ALTER TABLE achievement DROP CONSTRAINT achievement_kind_check`);
    await q.query(
      `ALTER TABLE achievement ADD CONSTRAINT achievement_kind_check CHECK (kind IN ('INITIATIVE','RESULT'))`,
    );
    await q.query(`ALTER TABLE person DROP COLUMN recruited_on`);
    await q.query(`ALTER TABLE award_type ALTER COLUMN bonus_multiple DROP DEFAULT`);
    await q.query(`DROP TABLE base_salary`);
    await q.query(`DROP TABLE award_type_version`);
    await q.query(`DROP TABLE rule_set`);
  }
}
