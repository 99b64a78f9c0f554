import type { DataSource } from 'typeorm';
import type { Achievement } from '../../../src/modules/achievements/achievement.entity';
import { AwardAchievement } from '../../../src/modules/awards/award-achievement.entity';
import {
  AwardCategory,
  AwardLevel,
  AwardType,
  RecipientKind,
} from '../../../src/modules/awards/award-type.entity';
import { Award, AwardKind, AwardStatus } from '../../../src/modules/awards/award.entity';
import { AwardDecision } from '../../../src/modules/awards/council.entity';
import type { Person } from '../../../src/modules/people/person.entity';
import { holderColumns, type Holder } from './people';
import { insertRow, unique } from './rows';

/**
 * Inserts an award type of its own, outside the seeded catalogue: a
 * grassroots commendation for individuals and collectives, unless told
 * otherwise. It has no version in any rule set (no rules, no bonus) until a
 * test gives it one.
 */
export function buildAwardType(
  dataSource: DataSource,
  overrides: Partial<Omit<AwardType, 'id'>> = {},
): Promise<AwardType> {
  const code = overrides.code ?? `T_${unique()}`;
  return insertRow(dataSource, AwardType, {
    name: `Award type ${code}`,
    nameEn: null,
    category: AwardCategory.COMMENDATION,
    recipientKinds: [RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE],
    level: AwardLevel.GRASSROOTS,
    sortOrder: 0,
    ...overrides,
    code,
  });
}

/**
 * Inserts an award with no rule checks, as if the council had decided it:
 * APPROVED for 2025 with a vote and a decision, unless told otherwise.
 *
 * - `type`: an award type, or the code of one (the seeded catalogue's
 *   'GIAY_KHEN', say); a new type when not given.
 * - `person` or `unit`: the recipient (a new person when neither is given),
 *   nominated by its unit unless `nominatedById` says otherwise.
 * - `achievements`: cited, with links that are active unless the award is
 *   REJECTED or REVOKED.
 */
export async function buildAward(
  dataSource: DataSource,
  overrides: Partial<
    Omit<Award, 'id' | 'typeId' | 'isTitle' | 'personId' | 'unitId' | 'recipientUnitId'>
  > &
    Holder & { type?: AwardType | string; achievements?: Achievement[] } = {},
): Promise<Award> {
  const { type: typeOrCode, person, unit, achievements = [], ...fields } = overrides;
  const type =
    typeof typeOrCode === 'string'
      ? await dataSource.getRepository(AwardType).findOneByOrFail({ code: typeOrCode })
      : (typeOrCode ?? (await buildAwardType(dataSource)));
  const { personId, unitId, unitOf } = await holderColumns(dataSource, { person, unit });
  const year = fields.year ?? 2025;
  const status = fields.status ?? AwardStatus.APPROVED;
  const decided = status !== AwardStatus.NOMINATED;
  const rejected = status === AwardStatus.REJECTED;
  const award = await insertRow(dataSource, Award, {
    citation: null,
    campaignId: null,
    conferenceId: null,
    nominatedById: unitOf,
    nominatedAt: new Date(),
    kind: AwardKind.THUONG_XUYEN,
    warnings: [],
    warningMessages: null,
    meetingId: null,
    decisionId: null,
    membersTotal: decided ? 9 : null,
    membersPresent: decided ? 8 : null,
    votesFor: decided ? (rejected ? 2 : 8) : null,
    votesAgainst: decided ? (rejected ? 6 : 0) : null,
    votesAbstain: decided ? 0 : null,
    decisionNumber: decided ? `${year}/QĐ-${unique()}` : null,
    decidedOn: decided ? `${year}-12-20` : null,
    announcedAt: status === AwardStatus.ANNOUNCED ? new Date() : null,
    revokedReason: status === AwardStatus.REVOKED ? 'Revoked by a test' : null,
    revokedAt: status === AwardStatus.REVOKED ? new Date() : null,
    ...fields,
    year,
    status,
    typeId: type.id,
    isTitle: type.category === AwardCategory.EMULATION_TITLE,
    personId,
    unitId,
    recipientUnitId: unitOf,
  });
  if (achievements.length) {
    const active = status !== AwardStatus.REJECTED && status !== AwardStatus.REVOKED;
    await dataSource
      .getRepository(AwardAchievement)
      .insert(achievements.map((a) => ({ awardId: award.id, achievementId: a.id, active })));
  }
  return award;
}

/** Gives each person the title `code` for `year` (APPROVED unless told), with no rule checks. */
export async function grantTitle(
  dataSource: DataSource,
  people: readonly Person[],
  code: string,
  year: number,
  status: AwardStatus = AwardStatus.APPROVED,
): Promise<Award[]> {
  const awards: Award[] = [];
  for (const person of people) {
    awards.push(await buildAward(dataSource, { type: code, person, year, status }));
  }
  return awards;
}

/**
 * Registers a decision (quyết định khen thưởng) as the council would: its
 * number (a new one unless given), date, signer and issuing body.
 */
export function buildAwardDecision(
  dataSource: DataSource,
  overrides: Partial<Omit<AwardDecision, 'id'>> = {},
): Promise<AwardDecision> {
  return insertRow(dataSource, AwardDecision, {
    number: `${unique()}/QĐ-TEST`,
    decidedOn: '2025-12-20',
    signer: 'Trưởng ban',
    issuingBody: 'Ban Thi đua - Khen thưởng',
    ...overrides,
  });
}
