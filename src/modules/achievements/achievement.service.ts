import type { DataSource } from 'typeorm';
import type { Actor } from '../../auth/actor';
import { assertUnitInScope } from '../../auth/scope';
import {
  emptyConnection,
  paginate,
  paginateByParent,
  type Connection,
  type PageArgs,
  type PageOrder,
  type RowExtension,
} from '../../common/connection';
import { parseId, parseOptionalId } from '../../common/ids';
import { defineLifecycle } from '../../common/lifecycle';
import { lockById } from '../../common/locks';
import { query, sql } from '../../common/sql';
import type { ServiceDeps } from '../../common/services';
import { optionalText, requiredText } from '../../common/validate';
import {
  BadInputError,
  ConflictError,
  isUniqueViolation,
  NotFoundError,
  RuleViolationError,
} from '../../errors';
import { msg } from '../../i18n/i18n';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Achievement, AchievementKind, AchievementStatus } from './achievement.entity';
import type { AchievementFilter, RecordAchievementInput } from './achievement.inputs';
import { ModelReplication } from './model-replication.entity';

/** Achievements are listed newest first. */
export const ACHIEVEMENT_ORDER: PageOrder<Achievement> = {
  keys: ['achievedOn', 'id'],
  direction: 'DESC',
};

/** The achievement lifecycle: PROPOSED → VERIFIED | REJECTED. */
export const ACHIEVEMENT_LIFECYCLE = defineLifecycle<AchievementStatus>('Achievement', {
  PROPOSED: [AchievementStatus.VERIFIED, AchievementStatus.REJECTED],
  VERIFIED: [],
  REJECTED: [],
});

/** What replicateModel asks for. */
export interface ReplicationRequest {
  achievementId: string;
  unitId: string;
  replicatedOn: string;
  note?: string | null;
}

/**
 * Achievements of people and collectives: recording, verification, advanced
 * models (điển hình tiên tiến) and their replication in other units.
 */
export class AchievementService {
  private readonly dataSource: DataSource;

  constructor(deps: ServiceDeps) {
    this.dataSource = deps.dataSource;
  }

  /**
   * Achievements matching the filter, newest first. `unitId` covers the
   * unit, its subunits and the people of them (through holder_unit_id, the
   * holder's unit when it was recorded), as the awards filter does.
   */
  async list(
    filter: AchievementFilter | null | undefined,
    page: PageArgs,
    extension?: RowExtension<Achievement>,
  ): Promise<Connection<Achievement>> {
    const campaignId = parseOptionalId(filter?.campaignId, 'filter.campaignId');
    const personId = parseOptionalId(filter?.personId, 'filter.personId');
    const advancedModel = filter?.advancedModel ?? null;
    const unitId = parseOptionalId(filter?.unitId, 'filter.unitId');
    let subtree: string | undefined;
    if (unitId) {
      const unit = await this.dataSource.getRepository(Unit).findOneBy({ id: unitId });
      if (!unit) return emptyConnection();
      subtree = `${unit.path}%`;
    }
    const where = sql.and(
      campaignId && sql`t.campaign_id = ${campaignId}`,
      personId && sql`t.person_id = ${personId}`,
      filter?.status && sql`t.status = ${filter.status}`,
      advancedModel !== null && sql`t.advanced_model = ${advancedModel}`,
      subtree && sql`t.holder_unit_id IN (SELECT id FROM unit WHERE path LIKE ${subtree})`,
    );
    return paginate(
      this.dataSource.manager,
      Achievement,
      page,
      { order: ACHIEVEMENT_ORDER, where },
      extension,
    );
  }

  /**
   * Records a PROPOSED achievement of exactly one holder, a person or a unit
   * (else BAD_USER_INPUT), in a unit the actor manages. `initiativeLevel`
   * belongs to initiatives and research results only. The campaign, when given, must exist.
   */
  async record(actor: Actor, input: RecordAchievementInput): Promise<Achievement> {
    const personId = parseOptionalId(input.personId, 'personId');
    const unitId = parseOptionalId(input.unitId, 'unitId');
    if (Boolean(personId) === Boolean(unitId)) {
      throw new BadInputError(msg('achievement.oneHolder'), {
        field: personId ? 'unitId' : 'personId',
      });
    }
    if (
      input.initiativeLevel &&
      input.kind !== AchievementKind.INITIATIVE &&
      input.kind !== AchievementKind.RESEARCH
    ) {
      throw new BadInputError(msg('achievement.levelOnlyForInitiatives'), {
        field: 'initiativeLevel',
      });
    }
    const campaignId = parseOptionalId(input.campaignId, 'campaignId') ?? null;
    const values = {
      title: requiredText(input.title, 'title', 300),
      description: optionalText(input.description, 'description', 4000) ?? null,
      kind: input.kind,
      initiativeLevel: input.initiativeLevel ?? null,
      personId: personId ?? null,
      unitId: unitId ?? null,
      campaignId,
      achievedOn: input.achievedOn,
      status: AchievementStatus.PROPOSED,
      advancedModel: false,
    };
    return this.dataSource.transaction(async (manager) => {
      let holderUnitId = unitId;
      if (personId) {
        const person = await manager.findOneBy(Person, { id: personId });
        if (!person) throw new NotFoundError('Person', personId);
        holderUnitId = person.unitId;
      }
      await assertUnitInScope(manager, actor, holderUnitId!);
      if (campaignId && !(await manager.existsBy(Campaign, { id: campaignId })))
        throw new NotFoundError('Campaign', campaignId);
      const achievement = manager.create(Achievement, { ...values, holderUnitId: holderUnitId! });
      await manager.insert(Achievement, achievement);
      return manager.findOneByOrFail(Achievement, { id: achievement.id });
    });
  }

  /** PROPOSED → VERIFIED (approve) or REJECTED; anything else is RULE_VIOLATION naming the states. */
  async verify(rawId: string, approve: boolean): Promise<Achievement> {
    const id = parseId(rawId);
    const to = approve ? AchievementStatus.VERIFIED : AchievementStatus.REJECTED;
    return this.dataSource.transaction(async (manager) => {
      const achievement = await lockById(manager, Achievement, id);
      ACHIEVEMENT_LIFECYCLE.assertTransition(achievement.status, to);
      const verifiedAt = to === AchievementStatus.VERIFIED ? sql`now()` : sql`NULL`;
      await query(
        manager,
        sql`UPDATE achievement SET status = ${to}, verified_at = ${verifiedAt} WHERE id = ${id}`,
      );
      return manager.findOneByOrFail(Achievement, { id });
    });
  }

  /**
   * Marks (or unmarks) a VERIFIED achievement as an advanced model. Only
   * VERIFIED achievements qualify; a model that units have already
   * replicated cannot be unmarked (its replications would lose their basis).
   */
  async markAdvancedModel(rawId: string, advancedModel: boolean): Promise<Achievement> {
    const id = parseId(rawId);
    return this.dataSource.transaction(async (manager) => {
      const achievement = await lockById(manager, Achievement, id);
      if (achievement.status !== AchievementStatus.VERIFIED) {
        throw new RuleViolationError(
          msg('achievement.modelNeedsVerified', { status: achievement.status }),
          { status: achievement.status },
        );
      }
      if (!advancedModel && achievement.advancedModel) {
        const replicated = await manager.existsBy(ModelReplication, { achievementId: id });
        if (replicated) {
          throw new RuleViolationError(msg('achievement.modelReplicated'));
        }
      }
      await manager.update(Achievement, { id }, { advancedModel });
      achievement.advancedModel = advancedModel;
      return achievement;
    });
  }

  /**
   * Records that a unit replicated an advanced model. Only VERIFIED
   * achievements marked as advanced models can be replicated; never by the
   * holder's own unit (for a person's achievement: the person's unit); once
   * per unit (CONFLICT, unique constraint model_replication_once); not before
   * the achievement itself (BAD_USER_INPUT). A UNIT_MANAGER records
   * replications only for units it manages.
   */
  async replicate(actor: Actor, request: ReplicationRequest): Promise<ModelReplication> {
    const achievementId = parseId(request.achievementId, 'achievementId');
    const unitId = parseId(request.unitId, 'unitId');
    const note = optionalText(request.note, 'note', 4000) ?? null;
    return this.dataSource.transaction(async (manager) => {
      // A share lock: replications of one model do not wait for each other, but unmarking it waits.
      const achievement = await lockById(manager, Achievement, achievementId, 'share');
      await assertUnitInScope(manager, actor, unitId);
      if (achievement.status !== AchievementStatus.VERIFIED || !achievement.advancedModel) {
        throw new RuleViolationError(
          achievement.status === AchievementStatus.VERIFIED
            ? msg('achievement.notAModel')
            : msg('achievement.replicateNeedsVerified', { status: achievement.status }),
          { status: achievement.status, advancedModel: achievement.advancedModel },
        );
      }
      let ownUnit = achievement.holderUnitId === unitId;
      if (!ownUnit && achievement.personId) {
        const person = await manager.findOneByOrFail(Person, { id: achievement.personId });
        ownUnit = person.unitId === unitId;
      }
      if (ownUnit) {
        throw new RuleViolationError(msg('achievement.replicateOwnModel'));
      }
      if (request.replicatedOn < achievement.achievedOn) {
        throw new BadInputError(
          msg('achievement.replicatedTooEarly', {
            replicatedOn: request.replicatedOn,
            achievedOn: achievement.achievedOn,
          }),
          { field: 'replicatedOn' },
        );
      }
      const replication = manager.create(ModelReplication, {
        achievementId,
        unitId,
        replicatedOn: request.replicatedOn,
        note,
      });
      try {
        await manager.insert(ModelReplication, replication);
      } catch (error) {
        if (isUniqueViolation(error, 'model_replication_once'))
          throw new ConflictError(msg('achievement.replicatedTwice'));
        throw error;
      }
      return manager.findOneByOrFail(ModelReplication, { id: replication.id });
    });
  }

  /** A page of achievements per parent, for the Person/Unit/Campaign.achievements loaders. */
  pagesBy(
    parent: 'personId' | 'unitId' | 'campaignId',
    parentIds: readonly string[],
    page: PageArgs,
  ): Promise<Connection<Achievement>[]> {
    return paginateByParent(this.dataSource.manager, Achievement, page, {
      parent,
      parentIds,
      order: ACHIEVEMENT_ORDER,
    });
  }
}
