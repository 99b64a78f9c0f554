import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../src/modules/achievements/achievement.entity';
import { AwardAchievement } from '../../src/modules/awards/award-achievement.entity';
import { AwardCategory, AwardType } from '../../src/modules/awards/award-type.entity';
import { Award, AwardKind, AwardStatus } from '../../src/modules/awards/award.entity';
import { DisciplineKind, DisciplineRecord } from '../../src/modules/discipline/discipline.entity';
import { AnnualRating, TaskRating } from '../../src/modules/ratings/annual-rating.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** A person (with their unit) or a unit. */
export type Recipient = { person: Person } | { unit: Unit };

function recipientColumns(recipient: Recipient) {
  return 'person' in recipient
    ? { personId: recipient.person.id, unitId: null, unitOf: recipient.person.unitId }
    : { personId: null, unitId: recipient.unit.id, unitOf: recipient.unit.id };
}

/**
 * Inserts an achievement with no rule checks: a VERIFIED result achieved on
 * 15 March 2025, by default.
 */
export async function insertAchievement(
  dataSource: DataSource,
  holder: Recipient,
  overrides: Partial<
    Pick<
      Achievement,
      | 'title'
      | 'kind'
      | 'initiativeLevel'
      | 'achievedOn'
      | 'status'
      | 'campaignId'
      | 'advancedModel'
    >
  > = {},
): Promise<Achievement> {
  const { personId, unitId, unitOf } = recipientColumns(holder);
  const status = overrides.status ?? AchievementStatus.VERIFIED;
  const achievement = dataSource.getRepository(Achievement).create({
    title: `Achievement ${unique()}`,
    description: null,
    kind: AchievementKind.RESULT,
    initiativeLevel: null,
    campaignId: null,
    achievedOn: '2025-03-15',
    advancedModel: false,
    ...overrides,
    status,
    verifiedAt: status === AchievementStatus.VERIFIED ? new Date() : null,
    personId,
    unitId,
    holderUnitId: unitOf,
  });
  await dataSource.getRepository(Achievement).insert(achievement);
  return achievement;
}

/** Inserts a VERIFIED initiative of `person` at `level`, achieved on `achievedOn`. */
export function insertInitiative(
  dataSource: DataSource,
  holder: Recipient,
  achievedOn: string,
  level: InitiativeLevel = InitiativeLevel.GRASSROOTS,
  status: AchievementStatus = AchievementStatus.VERIFIED,
): Promise<Achievement> {
  return insertAchievement(dataSource, holder, {
    kind: AchievementKind.INITIATIVE,
    initiativeLevel: level,
    achievedOn,
    status,
    title: `Initiative ${unique()}`,
  });
}

const typeCache = new WeakMap<DataSource, Map<string, AwardType>>();

/** The catalogue entry with `code` (seeded by the award-catalogue migration). */
export async function awardType(dataSource: DataSource, code: string): Promise<AwardType> {
  let cache = typeCache.get(dataSource);
  if (!cache) {
    cache = new Map();
    typeCache.set(dataSource, cache);
  }
  let type = cache.get(code);
  if (!type) {
    type = await dataSource.getRepository(AwardType).findOneByOrFail({ code });
    cache.set(code, type);
  }
  return type;
}

/**
 * Inserts an award with no rule checks: APPROVED with a council vote and a
 * decision, by default, citing `achievements` (active links unless the
 * status is REJECTED or REVOKED).
 */
export async function insertAward(
  dataSource: DataSource,
  code: string,
  recipient: Recipient,
  year: number,
  overrides: Partial<
    Pick<
      Award,
      | 'status'
      | 'campaignId'
      | 'conferenceId'
      | 'citation'
      | 'nominatedById'
      | 'kind'
      | 'decidedOn'
      | 'decisionNumber'
      | 'nominatedAt'
    >
  > & { achievements?: Achievement[] } = {},
): Promise<Award> {
  const { achievements = [], ...fields } = overrides;
  const type = await awardType(dataSource, code);
  const { personId, unitId, unitOf } = recipientColumns(recipient);
  const status = fields.status ?? AwardStatus.APPROVED;
  const decided = status !== AwardStatus.NOMINATED;
  const award = dataSource.getRepository(Award).create({
    typeId: type.id,
    isTitle: type.category === AwardCategory.EMULATION_TITLE,
    personId,
    unitId,
    recipientUnitId: unitOf,
    year,
    kind: AwardKind.THUONG_XUYEN,
    citation: null,
    campaignId: null,
    conferenceId: null,
    nominatedById: unitOf,
    warnings: [],
    warningMessages: null,
    meetingId: null,
    decisionId: null,
    membersTotal: decided ? 9 : null,
    membersPresent: decided ? 8 : null,
    votesFor: decided ? (status === AwardStatus.REJECTED ? 2 : 8) : null,
    votesAgainst: decided ? (status === AwardStatus.REJECTED ? 6 : 0) : null,
    votesAbstain: decided ? 0 : null,
    decisionNumber: decided ? `${year}/QĐ-${unique()}` : null,
    decidedOn: decided ? `${year}-12-20` : null,
    announcedAt: status === AwardStatus.ANNOUNCED ? new Date() : null,
    revokedReason: status === AwardStatus.REVOKED ? 'test' : null,
    revokedAt: status === AwardStatus.REVOKED ? new Date() : null,
    ...fields,
    status,
  });
  await dataSource.getRepository(Award).insert(award);
  if (achievements.length) {
    const active = status !== AwardStatus.REJECTED && status !== AwardStatus.REVOKED;
    await dataSource
      .getRepository(AwardAchievement)
      .insert(achievements.map((a) => ({ awardId: award.id, achievementId: a.id, active })));
  }
  return award;
}

/** Gives each person the title `code` for `year` (APPROVED), without rule checks. */
export async function grantTitle(
  dataSource: DataSource,
  people: Person[],
  code: string,
  year: number,
  status: AwardStatus = AwardStatus.APPROVED,
): Promise<Award[]> {
  const awards: Award[] = [];
  for (const person of people)
    awards.push(await insertAward(dataSource, code, { person }, year, { status }));
  return awards;
}

/** Records a year's rating of each recipient (replacing any), without access checks. */
export async function rate(
  dataSource: DataSource,
  recipients: Recipient[],
  year: number,
  rating: TaskRating = TaskRating.HOAN_THANH_TOT,
): Promise<void> {
  for (const recipient of recipients) {
    const { personId, unitId } = recipientColumns(recipient);
    await dataSource
      .getRepository(AnnualRating)
      .delete(personId ? { personId, year } : { unitId: unitId!, year });
    await dataSource.getRepository(AnnualRating).insert({
      personId,
      unitId,
      year,
      rating,
      note: null,
      recordedBy: 'test',
      recordedAt: new Date(),
    });
  }
}

/** Rates each person "completed tasks well" for `year`: what Lao động tiên tiến asks. */
export function rateWell(dataSource: DataSource, people: Person[], year: number): Promise<void> {
  return rate(
    dataSource,
    people.map((person) => ({ person })),
    year,
    TaskRating.HOAN_THANH_TOT,
  );
}

/** Inserts a discipline or investigation record: an open INVESTIGATION since 1 January 2025, by default. */
export async function insertDiscipline(
  dataSource: DataSource,
  subject: Recipient,
  overrides: Partial<
    Pick<DisciplineRecord, 'kind' | 'reason' | 'reference' | 'fromDate' | 'toDate'>
  > = {},
): Promise<DisciplineRecord> {
  const { personId, unitId } = recipientColumns(subject);
  const record = dataSource.getRepository(DisciplineRecord).create({
    personId,
    unitId,
    kind: DisciplineKind.INVESTIGATION,
    reason: 'Under review',
    reference: null,
    fromDate: '2025-01-01',
    toDate: null,
    recordedBy: 'test',
    ...overrides,
  });
  await dataSource.getRepository(DisciplineRecord).insert(record);
  return record;
}
