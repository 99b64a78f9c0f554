import type { DataSource } from 'typeorm';
import {
  Achievement,
  AchievementKind,
  AchievementStatus,
  InitiativeLevel,
} from '../../../src/modules/achievements/achievement.entity';
import { ModelReplication } from '../../../src/modules/achievements/model-replication.entity';
import type { Unit } from '../../../src/modules/units/unit.entity';
import { holderColumns, type Holder } from './people';
import { insertRow, unique } from './rows';
import { buildUnit } from './units';

/**
 * Inserts an achievement of `person` or `unit` (a new person when neither is
 * given), with no rule checks: a VERIFIED result achieved on 15 March 2025,
 * unless told otherwise. An INITIATIVE is recognised at GRASSROOTS level
 * unless told otherwise.
 */
export async function buildAchievement(
  dataSource: DataSource,
  overrides: Partial<
    Omit<Achievement, 'id' | 'personId' | 'unitId' | 'holderUnitId' | 'verifiedAt'>
  > &
    Holder = {},
): Promise<Achievement> {
  const { person, unit, ...fields } = overrides;
  const { personId, unitId, unitOf } = await holderColumns(dataSource, { person, unit });
  const kind = fields.kind ?? AchievementKind.RESULT;
  const status = fields.status ?? AchievementStatus.VERIFIED;
  return insertRow(dataSource, Achievement, {
    title: `Achievement ${unique()}`,
    description: null,
    initiativeLevel: kind === AchievementKind.INITIATIVE ? InitiativeLevel.GRASSROOTS : null,
    campaignId: null,
    achievedOn: '2025-03-15',
    advancedModel: false,
    ...fields,
    kind,
    status,
    verifiedAt: status === AchievementStatus.VERIFIED ? new Date() : null,
    personId,
    unitId,
    holderUnitId: unitOf,
  });
}

/**
 * Inserts a replication of `achievement` (a new advanced model when not given)
 * by `unit` (a new unit when not given), on the day the model was achieved
 * unless told otherwise; no rule checks.
 */
export async function buildReplication(
  dataSource: DataSource,
  overrides: Partial<Pick<ModelReplication, 'replicatedOn' | 'note'>> & {
    achievement?: Achievement;
    unit?: Unit;
  } = {},
): Promise<ModelReplication> {
  const {
    achievement = await buildAchievement(dataSource, { advancedModel: true }),
    unit = await buildUnit(dataSource),
    ...fields
  } = overrides;
  return insertRow(dataSource, ModelReplication, {
    replicatedOn: achievement.achievedOn,
    note: null,
    ...fields,
    achievementId: achievement.id,
    unitId: unit.id,
  });
}
