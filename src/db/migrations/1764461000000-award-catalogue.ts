import type { MigrationInterface, QueryRunner } from 'typeorm';

export interface CatalogueEntry {
  code: string;
  name: string;
  nameEn: string;
  category: 'EMULATION_TITLE' | 'COMMENDATION';
  recipientKinds: readonly ('INDIVIDUAL' | 'COLLECTIVE')[];
  level: 'GRASSROOTS' | 'PROVINCIAL';
  bonusMultiple: number;
  approvalThreshold: number;
  legalBasis: string;
  rules: readonly { code: string; params?: Record<string, unknown>; legalBasis?: string }[];
}

const LAW = 'Law on Emulation and Commendation 06/2022/QH15';
const DECREE = 'Decree 152/2025/NĐ-CP';

/** Council approval share: a simple majority of all members at grassroots level, three quarters above it. */
const GRASSROOTS_THRESHOLD = 0.5;
const PROVINCIAL_THRESHOLD = 0.75;

/**
 * The award catalogue as the law stood when this was written. Thresholds,
 * counts and years live in each rule's `params`: a new version of the law is
 * a new migration (or an edit by the secretariat), not new code. Rule codes
 * are those registered in src/modules/awards/rules/registry.ts. Exported
 * (with literal codes) for the benchmark's data generator, which must not
 * keep a copy of its own.
 */
export const CATALOGUE = [
  {
    code: 'LAO_DONG_TIEN_TIEN',
    name: 'Lao động tiên tiến',
    nameEn: 'Advanced Worker',
    category: 'EMULATION_TITLE',
    recipientKinds: ['INDIVIDUAL'],
    level: 'GRASSROOTS',
    bonusMultiple: 0.3,
    approvalThreshold: GRASSROOTS_THRESHOLD,
    legalBasis: `${LAW}, art. 24; ${DECREE}`,
    rules: [{ code: 'TITLE_ONCE_A_YEAR' }],
  },
  {
    code: 'CSTD_CO_SO',
    name: 'Chiến sĩ thi đua cơ sở',
    nameEn: 'Grassroots Emulation Fighter',
    category: 'EMULATION_TITLE',
    recipientKinds: ['INDIVIDUAL'],
    level: 'GRASSROOTS',
    bonusMultiple: 1.0,
    approvalThreshold: GRASSROOTS_THRESHOLD,
    legalBasis: `${LAW}, art. 23; ${DECREE}`,
    rules: [
      { code: 'TITLE_ONCE_A_YEAR' },
      { code: 'HOLDS_TITLE', params: { titleCode: 'LAO_DONG_TIEN_TIEN', years: 1 } },
      { code: 'HAS_INITIATIVE', params: { minLevel: 'GRASSROOTS', years: 1 } },
      {
        code: 'TITLE_SHARE_IN_UNIT',
        params: { ofTitleCode: 'LAO_DONG_TIEN_TIEN', maxShare: 0.15, outcome: 'WARN' },
        legalBasis: `${DECREE}: Chiến sĩ thi đua cơ sở at most 15% of the unit's Lao động tiên tiến`,
      },
    ],
  },
  {
    code: 'CSTD_CAP_TINH',
    name: 'Chiến sĩ thi đua cấp tỉnh',
    nameEn: 'Provincial Emulation Fighter',
    category: 'EMULATION_TITLE',
    recipientKinds: ['INDIVIDUAL'],
    level: 'PROVINCIAL',
    bonusMultiple: 3.0,
    approvalThreshold: PROVINCIAL_THRESHOLD,
    legalBasis: `${LAW}, art. 22; ${DECREE}`,
    rules: [
      { code: 'TITLE_ONCE_A_YEAR' },
      { code: 'HOLDS_TITLE', params: { titleCode: 'CSTD_CO_SO', years: 3 } },
      { code: 'HAS_INITIATIVE', params: { minLevel: 'PROVINCIAL', years: 3 } },
    ],
  },
  {
    code: 'TAP_THE_LDTT',
    name: 'Tập thể lao động tiên tiến',
    nameEn: 'Advanced Labour Collective',
    category: 'EMULATION_TITLE',
    recipientKinds: ['COLLECTIVE'],
    level: 'GRASSROOTS',
    bonusMultiple: 0.8,
    approvalThreshold: GRASSROOTS_THRESHOLD,
    legalBasis: `${LAW}, art. 28; ${DECREE}`,
    rules: [
      { code: 'TITLE_ONCE_A_YEAR' },
      { code: 'MEMBERS_HOLD_TITLE', params: { titleCode: 'LAO_DONG_TIEN_TIEN', minShare: 0.5 } },
    ],
  },
  {
    code: 'TAP_THE_LDXS',
    name: 'Tập thể lao động xuất sắc',
    nameEn: 'Excellent Labour Collective',
    category: 'EMULATION_TITLE',
    recipientKinds: ['COLLECTIVE'],
    level: 'PROVINCIAL',
    bonusMultiple: 1.5,
    approvalThreshold: PROVINCIAL_THRESHOLD,
    legalBasis: `${LAW}, art. 27; ${DECREE}`,
    rules: [
      { code: 'TITLE_ONCE_A_YEAR' },
      { code: 'MEMBERS_HOLD_TITLE', params: { titleCode: 'LAO_DONG_TIEN_TIEN', minShare: 0.7 } },
      { code: 'MEMBERS_HOLD_TITLE', params: { titleCode: 'CSTD_CO_SO', minCount: 1 } },
    ],
  },
  {
    code: 'GIAY_KHEN',
    name: 'Giấy khen',
    nameEn: 'Certificate of Commendation',
    category: 'COMMENDATION',
    recipientKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    level: 'GRASSROOTS',
    bonusMultiple: 0.3,
    approvalThreshold: GRASSROOTS_THRESHOLD,
    legalBasis: `${LAW} (Giấy khen); ${DECREE}`,
    rules: [{ code: 'CITES_VERIFIED_ACHIEVEMENT', params: { minCount: 1 } }],
  },
  {
    code: 'BANG_KHEN_TINH',
    name: 'Bằng khen của Chủ tịch UBND tỉnh',
    nameEn: 'Provincial Certificate of Merit',
    category: 'COMMENDATION',
    recipientKinds: ['INDIVIDUAL', 'COLLECTIVE'],
    level: 'PROVINCIAL',
    bonusMultiple: 1.0,
    approvalThreshold: PROVINCIAL_THRESHOLD,
    legalBasis: `${LAW} (Bằng khen cấp tỉnh); ${DECREE}`,
    rules: [{ code: 'CITES_VERIFIED_ACHIEVEMENT', params: { minCount: 1 } }],
  },
] as const satisfies readonly CatalogueEntry[];

/**
 * Seeds the award catalogue of DESIGN.md as data: each type with its rules
 * (codes and parameters), legal basis, bonus multiple and approval threshold.
 * Existing codes are left as they are (the secretariat may have edited them).
 */
export class AwardCatalogue1764461000000 implements MigrationInterface {
  name = 'AwardCatalogue1764461000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [i, entry] of CATALOGUE.entries()) {
      await q.query(
        `INSERT INTO award_type (code, name, name_en, category, recipient_kinds, level, bonus_multiple,
                                 approval_threshold, rules, legal_basis, sort_order)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         ON CONFLICT (code) DO NOTHING`,
        [
          entry.code,
          entry.name,
          entry.nameEn,
          entry.category,
          entry.recipientKinds,
          entry.level,
          entry.bonusMultiple,
          entry.approvalThreshold,
          JSON.stringify(entry.rules),
          entry.legalBasis,
          (i + 1) * 10,
        ],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DELETE FROM award_type t WHERE code = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM award a WHERE a.type_id = t.id)`,
      [CATALOGUE.map((entry) => entry.code)],
    );
  }
}
