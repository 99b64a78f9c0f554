import { query, sql } from '../../common/sql';
import type { EntityManager } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../modules/achievements/achievement.entity';
import { AwardAchievement } from '../../modules/awards/award-achievement.entity';
import { AwardCategory, AwardType } from '../../modules/awards/award-type.entity';
import { Award, AwardKind, AwardStatus } from '../../modules/awards/award.entity';
import { TaskRating } from '../../modules/ratings/annual-rating.entity';
import type { Person } from '../../modules/people/person.entity';
import type { Unit } from '../../modules/units/unit.entity';
import {
  COMMENDED_PEOPLE,
  COMMENDED_UNITS,
  DEMO_CAMPAIGNS,
  type SeededCampaigns,
} from './campaigns';
import type { SeededOrganisation } from './organisation';

/** What the award seed made, for the seeds that build on it (the conference announces these). */
export interface SeededAwards {
  /** The 17 APPROVED Giấy khen of 2025: 15 individuals, then 2 collectives. */
  giayKhen2025: Award[];
}

/** The department's council: 11 members. */
const COUNCIL = { membersTotal: 11, membersPresent: 10, votesAgainst: 0, votesAbstain: 0 };

/** Who signs the department's decisions. */
const SIGNER = 'Trưởng ban Nguyễn Quốc Khánh';

/** The department's name before and after the merger of the propaganda and mass mobilisation boards. */
const BODY_BEFORE = 'Ban Tuyên giáo Tỉnh ủy Lạng Sơn';
const BODY = 'Ban Tuyên giáo và Dân vận Tỉnh ủy Lạng Sơn';

/** A decision of the register: number, date, and the issuing body. */
type DecisionSpec = [number: string, date: string, body: string];

/** Decision numbers and dates of the year-end title decisions, by year. */
const TITLE_DECISIONS: Record<number, DecisionSpec> = {
  2021: ['05/QĐ-BTG', '2022-01-14', BODY_BEFORE],
  2022: ['07/QĐ-BTG', '2023-01-13', BODY_BEFORE],
  2023: ['06/QĐ-BTG', '2024-01-12', BODY_BEFORE],
  2024: ['08/QĐ-BTGDV', '2025-01-15', BODY],
};

/** The decision on the 17 Giấy khen of 2025. */
export const GIAY_KHEN_2025_DECISION: DecisionSpec = ['125/QĐ-BTGDV', '2025-11-25', BODY];

/** Ratings of the year-end reviews, 2021-2025 (see ratingOf). */
const RATED_YEARS = [2021, 2022, 2023, 2024, 2025];

/** People rated "completed tasks excellently" in 2025 (a CSTĐ cơ sở candidate each). */
const EXCELLENT_2025 = [
  'Nguyễn Quốc Khánh',
  'Hoàng Thị Thu Hà',
  'Phạm Minh Tuấn',
  'Trần Thị Kim Oanh',
];

/** Someone under investigation since 1 October 2025: their awards are deferred. */
export const UNDER_INVESTIGATION = {
  name: 'Hà Văn Tùng',
  reason: 'Đang bị xem xét trách nhiệm về việc để thất lạc văn bản đến',
  reference: '12/TB-UBKT',
  from: '2025-10-01',
} as const;

/**
 * Chiến sĩ thi đua cơ sở by year: people whose verified initiative of that
 * year the campaign seed records (each also holds Lao động tiên tiến that year).
 */
const FIGHTERS: Record<number, string[]> = {
  2023: ['Nguyễn Quốc Khánh', 'Phạm Minh Tuấn'],
  2024: ['Hoàng Thị Thu Hà', 'Bế Văn Thành'],
};

/** Collective titles: divisions where enough members held Lao động tiên tiến. */
const COLLECTIVE_TITLES: [code: string, unit: string, year: number][] = [
  ['TAP_THE_LDTT', 'LS-TGDV-VP', 2023],
  ['TAP_THE_LDTT', 'LS-TGDV-TT', 2023],
  ['TAP_THE_LDTT', 'LS-TGDV-DV', 2023],
  ['TAP_THE_LDTT', 'LS-TGDV-TT', 2024],
  ['TAP_THE_LDXS', 'LS-TGDV-DV', 2024],
];

/**
 * Whether a person held Lao động tiên tiến in a year: almost everyone, a
 * different few missing each year, and every emulation fighter of that year;
 * nobody before the year they were recruited.
 */
function heldAdvancedWorker(index: number, person: Person, year: number): boolean {
  if (person.recruitedOn && Number(person.recruitedOn.slice(0, 4)) >= year) return false;
  if (FIGHTERS[year]?.includes(person.fullName)) return true;
  return (index * 3 + year + 1) % 8 !== 0;
}

/**
 * A person's year-end rating: "excellent" for the emulation fighters of a
 * year (and, for 2025, EXCELLENT_2025), "well" for the other holders of Lao
 * động tiên tiến (and everyone else in 2025), "completed" otherwise; nothing
 * before they were recruited.
 */
function ratingOf(index: number, person: Person, year: number): TaskRating | null {
  if (person.recruitedOn && person.recruitedOn > `${year}-12-31`) return null;
  if (FIGHTERS[year]?.includes(person.fullName)) return TaskRating.HOAN_THANH_XUAT_SAC;
  if (year === 2025) {
    return EXCELLENT_2025.includes(person.fullName as never)
      ? TaskRating.HOAN_THANH_XUAT_SAC
      : TaskRating.HOAN_THANH_TOT;
  }
  return heldAdvancedWorker(index, person, year)
    ? TaskRating.HOAN_THANH_TOT
    : TaskRating.HOAN_THANH;
}

/** Ratings of the divisions as collectives: excellent where they became Tập thể lao động xuất sắc. */
function unitRatingOf(code: string, year: number): TaskRating {
  if (
    COLLECTIVE_TITLES.some(
      ([title, unit, y]) => title === 'TAP_THE_LDXS' && unit === code && y === year,
    )
  ) {
    return TaskRating.HOAN_THANH_XUAT_SAC;
  }
  if (year === 2025 && code === 'LS-TGDV-DV') return TaskRating.HOAN_THANH_XUAT_SAC;
  return TaskRating.HOAN_THANH_TOT;
}

/**
 * Seeds awards on top of the organisation and the campaigns: the titles of
 * 2021-2024, consistent with the rules (every Chiến sĩ thi đua cơ sở also
 * holds Lao động tiên tiến and a verified initiative of that year, which this
 * seed records when the campaign seed has none), so that profiles have a
 * history; and the 17 APPROVED Giấy khen of 2025, each citing a verified
 * 2025 result, with the council's vote and decision, ready to be announced.
 * Rows are written directly: these decisions are history.
 */
export async function seedAwards(
  manager: EntityManager,
  organisation: SeededOrganisation,
  campaigns: SeededCampaigns,
): Promise<SeededAwards> {
  const types = new Map((await manager.find(AwardType)).map((t) => [t.code, t]));
  const department = unitOf(organisation, 'LS-TGDV');
  const person = (name: string) => personOf(organisation, name);

  // The register: each decision once, with the council meeting that recommended it three days before.
  const registered = new Map<string, { decisionId: string; meetingId: string }>();
  async function register([number, date, body]: DecisionSpec) {
    let found = registered.get(number);
    if (!found) {
      const [decision] = await query<{ id: string }>(
        manager,
        sql`INSERT INTO award_decision (number, decided_on, signer, issuing_body)
         VALUES (${number}, ${date}, ${SIGNER}, ${body}) RETURNING id`,
      );
      const heldOn = new Date(`${date}T00:00:00Z`);
      heldOn.setUTCDate(heldOn.getUTCDate() - 3);
      const minutes = `Hội đồng Thi đua - Khen thưởng ${body} họp xét, đề nghị khen thưởng (${COUNCIL.membersPresent}/${COUNCIL.membersTotal} thành viên dự họp; thành viên vắng mặt gửi phiếu bằng văn bản).`;
      const [meeting] = await query<{ id: string }>(
        manager,
        sql`INSERT INTO council_meeting (held_on, council_unit_id, members_total, members_present, minutes)
         VALUES (${heldOn.toISOString().slice(0, 10)}, ${department.id}, ${COUNCIL.membersTotal}, ${COUNCIL.membersPresent}, ${minutes})
         RETURNING id`,
      );
      found = { decisionId: decision!.id, meetingId: meeting!.id };
      registered.set(number, found);
    }
    return found;
  }

  async function award(
    code: string,
    recipient: { person: Person } | { unit: Unit },
    year: number,
    decision: DecisionSpec,
    extra: Partial<Award> = {},
    cites: Achievement[] = [],
  ): Promise<Award> {
    const type = types.get(code);
    if (!type) throw new Error(`seed: the catalogue has no ${code}`);
    const { decisionId, meetingId } = await register(decision);
    const row = manager.create(Award, {
      typeId: type.id,
      isTitle: type.category === AwardCategory.EMULATION_TITLE,
      personId: 'person' in recipient ? recipient.person.id : null,
      unitId: 'unit' in recipient ? recipient.unit.id : null,
      recipientUnitId: 'person' in recipient ? recipient.person.unitId : recipient.unit.id,
      year,
      kind: AwardKind.THUONG_XUYEN,
      citation: null,
      status: AwardStatus.APPROVED,
      campaignId: null,
      nominatedById: department.id,
      nominatedAt: new Date(`${year}-12-01T02:00:00.000Z`),
      warnings: [],
      warningMessages: null,
      ...COUNCIL,
      // Ten present and the absent member's written vote.
      votesFor: COUNCIL.membersTotal,
      decisionNumber: decision[0],
      decidedOn: decision[1],
      decisionId,
      meetingId,
      announcedAt: null,
      conferenceId: null,
      revokedReason: null,
      revokedAt: null,
      ...extra,
    });
    await manager.insert(Award, row);
    if (cites.length) {
      await manager.insert(
        AwardAchievement,
        cites.map((a) => ({ awardId: row.id, achievementId: a.id, active: true })),
      );
    }
    return row;
  }

  // Titles of 2021-2024.
  const names = [...organisation.people.keys()];
  for (const year of [2021, 2022, 2023, 2024]) {
    const decision = TITLE_DECISIONS[year]!;
    for (const [index, name] of names.entries()) {
      if (heldAdvancedWorker(index, person(name), year)) {
        await award('LAO_DONG_TIEN_TIEN', { person: person(name) }, year, decision);
      }
    }
    for (const name of FIGHTERS[year] ?? []) {
      await ensureInitiative(manager, campaigns, person(name), year, InitiativeLevel.GRASSROOTS);
      await award('CSTD_CO_SO', { person: person(name) }, year, decision);
    }
  }
  for (const [code, unitCode, year] of COLLECTIVE_TITLES) {
    await award(code, { unit: unitOf(organisation, unitCode) }, year, TITLE_DECISIONS[year]!);
  }

  // The 17 Giấy khen of 2025, under Dân vận khéo, each citing its holder's 2025 result.
  const dvk = campaigns.campaigns.get(DEMO_CAMPAIGNS.skilledMassMobilization) ?? null;
  const decision = GIAY_KHEN_2025_DECISION;
  const giayKhen2025: Award[] = [];
  const extra = (citation: string): Partial<Award> => ({
    campaignId: dvk?.id ?? null,
    citation,
    nominatedAt: new Date('2025-11-21T02:00:00.000Z'),
  });
  for (const name of COMMENDED_PEOPLE) {
    const holder = person(name);
    const basis = await result2025(manager, campaigns.verifiedByPerson.get(name), {
      person: holder,
    });
    giayKhen2025.push(
      await award(
        'GIAY_KHEN',
        { person: holder },
        2025,
        decision,
        extra(
          'Đã có thành tích xuất sắc trong phong trào thi đua "Dân vận khéo" giai đoạn 2020-2025',
        ),
        [basis],
      ),
    );
  }
  for (const code of COMMENDED_UNITS) {
    const unit = unitOf(organisation, code);
    const basis = await result2025(manager, campaigns.verifiedByUnit.get(code), { unit });
    giayKhen2025.push(
      await award(
        'GIAY_KHEN',
        { unit },
        2025,
        decision,
        extra('Tập thể tiêu biểu trong phong trào thi đua "Dân vận khéo" giai đoạn 2020-2025'),
        [basis],
      ),
    );
  }
  await seedRatings(manager, organisation);
  await query(
    manager,
    sql`INSERT INTO discipline_record (person_id, kind, reason, reference, from_date, recorded_by)
     VALUES (${person(UNDER_INVESTIGATION.name).id}, 'INVESTIGATION', ${UNDER_INVESTIGATION.reason}, ${UNDER_INVESTIGATION.reference}, ${UNDER_INVESTIGATION.from}, 'secretary')`,
  );
  return { giayKhen2025 };
}

/**
 * The year-end reviews of 2021-2025: every person of the department (from
 * the year they were recruited) and its divisions as collectives.
 */
async function seedRatings(
  manager: EntityManager,
  organisation: SeededOrganisation,
): Promise<void> {
  const names = [...organisation.people.keys()];
  for (const year of RATED_YEARS) {
    for (const [index, name] of names.entries()) {
      const holder = personOf(organisation, name);
      const rating = ratingOf(index, holder, year);
      if (!rating) continue;
      await query(
        manager,
        sql`INSERT INTO annual_rating (person_id, year, rating, recorded_by, recorded_at)
         VALUES (${holder.id}, ${year}, ${rating}, 'manager', ${`${year}-12-10T02:00:00.000Z`})`,
      );
    }
    for (const code of ['LS-TGDV-VP', 'LS-TGDV-TT', 'LS-TGDV-DV', 'LS-TGDV-KG', 'LS-TGDV-LL']) {
      await query(
        manager,
        sql`INSERT INTO annual_rating (unit_id, year, rating, recorded_by, recorded_at)
         VALUES (${unitOf(organisation, code).id}, ${year}, ${unitRatingOf(code, year)}, 'manager', ${`${year}-12-10T02:00:00.000Z`})`,
      );
    }
  }
}

function unitOf(organisation: SeededOrganisation, code: string): Unit {
  const unit = organisation.units.get(code);
  if (!unit) throw new Error(`seed: no unit ${code}`);
  return unit;
}

function personOf(organisation: SeededOrganisation, name: string): Person {
  const person = organisation.people.get(name);
  if (!person) throw new Error(`seed: no person ${name}`);
  return person;
}

/**
 * Makes sure `person` has a verified initiative of `year` at `level` or
 * above, recording one when the campaign seed has none.
 */
async function ensureInitiative(
  manager: EntityManager,
  campaigns: SeededCampaigns,
  person: Person,
  year: number,
  level: InitiativeLevel,
): Promise<void> {
  const rank = (l: InitiativeLevel | null) =>
    l
      ? [InitiativeLevel.GRASSROOTS, InitiativeLevel.PROVINCIAL, InitiativeLevel.NATIONAL].indexOf(
          l,
        )
      : -1;
  const has = (campaigns.verifiedByPerson.get(person.fullName) ?? []).some(
    (a) =>
      a.kind === AchievementKind.INITIATIVE &&
      a.achievedOn.startsWith(`${year}-`) &&
      rank(a.initiativeLevel) >= rank(level),
  );
  if (has) return;
  const initiative = manager.create(Achievement, {
    title: `Sáng kiến cải tiến công tác chuyên môn năm ${year}`,
    description: null,
    kind: AchievementKind.INITIATIVE,
    initiativeLevel: level,
    personId: person.id,
    unitId: null,
    holderUnitId: person.unitId,
    campaignId: null,
    achievedOn: `${year}-10-15`,
    status: AchievementStatus.VERIFIED,
    advancedModel: false,
    verifiedAt: new Date(`${year}-11-01T02:00:00.000Z`),
  });
  await manager.insert(Achievement, initiative);
  campaigns.verifiedByPerson.set(person.fullName, [
    ...(campaigns.verifiedByPerson.get(person.fullName) ?? []),
    initiative,
  ]);
}

/**
 * The holder's latest verified 2025 result from the campaign seed, or a new
 * one when there is none.
 */
async function result2025(
  manager: EntityManager,
  verified: Achievement[] | undefined,
  holder: { person: Person } | { unit: Unit },
): Promise<Achievement> {
  const found = (verified ?? [])
    .filter((a) => a.kind === AchievementKind.RESULT && a.achievedOn.startsWith('2025-'))
    .at(-1);
  if (found) return found;
  const achievement = manager.create(Achievement, {
    title: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    description: null,
    kind: AchievementKind.RESULT,
    initiativeLevel: null,
    personId: 'person' in holder ? holder.person.id : null,
    unitId: 'unit' in holder ? holder.unit.id : null,
    holderUnitId: 'person' in holder ? holder.person.unitId : holder.unit.id,
    campaignId: null,
    achievedOn: '2025-11-15',
    status: AchievementStatus.VERIFIED,
    advancedModel: false,
    verifiedAt: new Date('2025-11-18T02:00:00.000Z'),
  });
  await manager.insert(Achievement, achievement);
  return achievement;
}
