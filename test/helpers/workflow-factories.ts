import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../src/modules/achievements/achievement.entity';
import { ModelReplication } from '../../src/modules/achievements/model-replication.entity';
import { CampaignRegistration } from '../../src/modules/campaigns/campaign-registration.entity';
import {
  Campaign,
  CampaignKind,
  CampaignStatus,
} from '../../src/modules/campaigns/campaign.entity';
import { Conference, ConferenceStatus } from '../../src/modules/conferences/conference.entity';
import type { Person } from '../../src/modules/people/person.entity';
import type { Unit } from '../../src/modules/units/unit.entity';

const unique = () => randomBytes(4).toString('hex').toUpperCase();

/** Inserts a campaign organised by `organizer`: LAUNCHED, running from last year to next year, by default. */
export async function buildCampaign(
  dataSource: DataSource,
  organizer: Unit,
  overrides: Partial<Omit<Campaign, 'id' | 'organizerId'>> = {},
): Promise<Campaign> {
  const year = new Date().getUTCFullYear();
  const status = overrides.status ?? CampaignStatus.LAUNCHED;
  const campaign = dataSource.getRepository(Campaign).create({
    code: `C-${unique()}`,
    name: `Campaign ${unique()}`,
    theme: null,
    description: null,
    kind: CampaignKind.THEMATIC,
    startsOn: `${year - 1}-01-01`,
    endsOn: `${year + 1}-12-31`,
    launchedAt: status === CampaignStatus.DRAFT ? null : new Date(),
    launchedAtConferenceId: null,
    closedAt: status === CampaignStatus.CLOSED ? new Date() : null,
    ...overrides,
    status,
    organizerId: organizer.id,
  });
  await dataSource.getRepository(Campaign).insert(campaign);
  return campaign;
}

/** Inserts a unit's pledge to a campaign, with no rule checks. */
export async function buildRegistration(
  dataSource: DataSource,
  campaign: Campaign,
  unit: Unit,
  overrides: Partial<Pick<CampaignRegistration, 'pledge' | 'registeredAt' | 'conferenceId'>> = {},
): Promise<CampaignRegistration> {
  const registration = dataSource.getRepository(CampaignRegistration).create({
    campaignId: campaign.id,
    unitId: unit.id,
    pledge: null,
    conferenceId: null,
    ...overrides,
  });
  await dataSource.getRepository(CampaignRegistration).insert(registration);
  return registration;
}

/** The holder of an achievement or the recipient of an award: a person (with their unit) or a unit. */
export type Holder = { person: Person } | { unit: Unit };

function holderColumns(holder: Holder) {
  return 'person' in holder
    ? { personId: holder.person.id, unitId: null, holderUnitId: holder.person.unitId }
    : { personId: null, unitId: holder.unit.id, holderUnitId: holder.unit.id };
}

/**
 * Inserts an achievement of a person or a unit, with no rule checks:
 * a VERIFIED result, achieved on 15 June of last year, by default.
 */
export async function buildAchievement(
  dataSource: DataSource,
  holder: Holder,
  overrides: Partial<
    Pick<
      Achievement,
      | 'title'
      | 'kind'
      | 'initiativeLevel'
      | 'status'
      | 'advancedModel'
      | 'achievedOn'
      | 'campaignId'
      | 'description'
    >
  > = {},
): Promise<Achievement> {
  const status = overrides.status ?? AchievementStatus.VERIFIED;
  const achievement = dataSource.getRepository(Achievement).create({
    title: `Achievement ${unique()}`,
    description: null,
    kind: AchievementKind.RESULT,
    initiativeLevel: null,
    campaignId: null,
    achievedOn: `${new Date().getUTCFullYear() - 1}-06-15`,
    advancedModel: false,
    ...overrides,
    status,
    verifiedAt: status === AchievementStatus.VERIFIED ? new Date() : null,
    ...holderColumns(holder),
  });
  await dataSource.getRepository(Achievement).insert(achievement);
  return achievement;
}

/** A verified initiative of a person at `level`, achieved in `year`. */
export function buildInitiative(
  dataSource: DataSource,
  person: Person,
  year: number,
  level: InitiativeLevel = InitiativeLevel.GRASSROOTS,
): Promise<Achievement> {
  return buildAchievement(
    dataSource,
    { person },
    {
      kind: AchievementKind.INITIATIVE,
      initiativeLevel: level,
      achievedOn: `${year}-05-20`,
    },
  );
}

/** Inserts a replication of an advanced model by a unit, with no rule checks. */
export async function buildReplication(
  dataSource: DataSource,
  achievement: Achievement,
  unit: Unit,
  replicatedOn = achievement.achievedOn,
): Promise<ModelReplication> {
  const replication = dataSource.getRepository(ModelReplication).create({
    achievementId: achievement.id,
    unitId: unit.id,
    replicatedOn,
    note: null,
  });
  await dataSource.getRepository(ModelReplication).insert(replication);
  return replication;
}

/** Inserts a conference hosted by `host`, LIVE by default. */
export async function buildConference(
  dataSource: DataSource,
  host: Unit,
  status: ConferenceStatus = ConferenceStatus.LIVE,
): Promise<Conference> {
  const id = (await dataSource.query(`SELECT gen_random_uuid() AS id`))[0].id as string;
  await dataSource.query(
    `INSERT INTO conference (id, title, host_unit_id, starts_at, status, started_at, ended_at)
     VALUES ($1, $2, $3, now(), $4,
             CASE WHEN $4 <> 'SCHEDULED' THEN now() END, CASE WHEN $4 = 'ENDED' THEN now() END)`,
    [id, `Conference ${unique()}`, host.id, status],
  );
  return dataSource.getRepository(Conference).findOneByOrFail({ id });
}

/** An award_type row for tests that need awards without the seeded catalogue. */
export interface TestAwardType {
  id: string;
  code: string;
}

/** Inserts an award type with a unique code (a commendation for both kinds of recipient by default). */
export async function buildAwardType(
  dataSource: DataSource,
  overrides: { code?: string; title?: boolean; sortOrder?: number } = {},
): Promise<TestAwardType> {
  const code = overrides.code ?? `T_${unique()}`;
  const [row] = await dataSource.query(
    `INSERT INTO award_type (code, name, category, recipient_kinds, level, bonus_multiple, sort_order)
     VALUES ($1, $2, $3, '{INDIVIDUAL,COLLECTIVE}', 'GRASSROOTS', 0.3, $4) RETURNING id`,
    [
      code,
      `Award type ${code}`,
      overrides.title ? 'EMULATION_TITLE' : 'COMMENDATION',
      overrides.sortOrder ?? 0,
    ],
  );
  return { id: row.id as string, code };
}

/** What buildAward inserts besides its recipient. */
export interface AwardRow {
  year: number;
  status?: 'NOMINATED' | 'APPROVED' | 'REJECTED' | 'ANNOUNCED' | 'REVOKED';
  campaignId?: string | null;
  /** The nominating unit; the recipient's unit by default. */
  nominatedById?: string;
  isTitle?: boolean;
}

/**
 * Inserts an award row directly (no rules, no vote): APPROVED by default,
 * recipient_unit_id the unit or the person's unit, as nominateAward does.
 */
export async function buildAward(
  dataSource: DataSource,
  type: TestAwardType,
  recipient: Holder,
  award: AwardRow,
): Promise<string> {
  const columns = holderColumns(recipient);
  const [row] = await dataSource.query(
    `INSERT INTO award (type_id, is_title, person_id, unit_id, recipient_unit_id, year, status,
                        campaign_id, nominated_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      type.id,
      award.isTitle ?? false,
      columns.personId,
      columns.unitId,
      columns.holderUnitId,
      award.year,
      award.status ?? 'APPROVED',
      award.campaignId ?? null,
      award.nominatedById ?? columns.holderUnitId,
    ],
  );
  return row.id as string;
}
