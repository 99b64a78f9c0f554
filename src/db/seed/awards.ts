import type { EntityManager } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../modules/achievements/achievement.entity';
import { AwardAchievement } from '../../modules/awards/award-achievement.entity';
import { AwardCategory, AwardType } from '../../modules/awards/award-type.entity';
import { Award, AwardStatus } from '../../modules/awards/award.entity';
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

/** Decision numbers and dates of the year-end title decisions, by year. */
const TITLE_DECISIONS: Record<number, [number: string, date: string]> = {
  2021: ['05/QĐ-BTG', '2022-01-14'],
  2022: ['07/QĐ-BTG', '2023-01-13'],
  2023: ['06/QĐ-BTG', '2024-01-12'],
  2024: ['08/QĐ-BTGDV', '2025-01-15'],
};

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
 * different few missing each year, and every emulation fighter of that year.
 */
function heldAdvancedWorker(index: number, name: string, year: number): boolean {
  if (FIGHTERS[year]?.includes(name)) return true;
  return (index * 3 + year + 1) % 8 !== 0;
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

  async function award(
    code: string,
    recipient: { person: Person } | { unit: Unit },
    year: number,
    decision: [string, string],
    extra: Partial<Award> = {},
    cites: Achievement[] = [],
  ): Promise<Award> {
    const type = types.get(code);
    if (!type) throw new Error(`seed: the catalogue has no ${code}`);
    const row = manager.create(Award, {
      typeId: type.id,
      isTitle: type.category === AwardCategory.EMULATION_TITLE,
      personId: 'person' in recipient ? recipient.person.id : null,
      unitId: 'unit' in recipient ? recipient.unit.id : null,
      recipientUnitId: 'person' in recipient ? recipient.person.unitId : recipient.unit.id,
      year,
      citation: null,
      status: AwardStatus.APPROVED,
      campaignId: null,
      nominatedById: department.id,
      nominatedAt: new Date(`${year}-12-01T02:00:00.000Z`),
      warnings: [],
      ...COUNCIL,
      votesFor: COUNCIL.membersPresent,
      decisionNumber: decision[0],
      decidedOn: decision[1],
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
      if (heldAdvancedWorker(index, name, year)) {
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
  const decision: [string, string] = ['125/QĐ-BTGDV', '2025-11-25'];
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
  return { giayKhen2025 };
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
