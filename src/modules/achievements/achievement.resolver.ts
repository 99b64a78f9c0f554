import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { parseId } from '../../common/ids';
import { Recipient, recipientOf } from '../../common/recipient';
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { Achievement } from './achievement.entity';
import { AchievementFilter, RecordAchievementInput } from './achievement.inputs';
import { AchievementService } from './achievement.service';
import { ModelReplication } from './model-replication.entity';
import type { GraphQLResolveInfo } from 'graphql';
import { readById, readWithPage, totalCountSelected } from '../../plan/read-planner';

export const AchievementConnection = connectionType(Achievement, 'Achievement');

/** Loads one page of achievements per parent (person, unit or campaign), batched. */
function achievementPage(
  ctx: Context,
  parent: 'Person' | 'Unit' | 'Campaign',
  parentId: string,
  first: number | null | undefined,
  after: string | null | undefined,
): Promise<Connection<Achievement>> {
  const property = ({ Person: 'personId', Unit: 'unitId', Campaign: 'campaignId' } as const)[
    parent
  ];
  const page = { first: first ?? 20, after };
  return ctx.loaders
    .get<string, Connection<Achievement>>(
      `${parent}.achievements:${page.first}:${after ?? ''}`,
      (ids) => ctx.services.get(AchievementService).pagesBy(property, ids, page),
    )
    .load(parentId);
}

/** Achievements and advanced models: queries, mutations and an achievement's fields. */
@Resolver(() => Achievement)
export class AchievementResolver {
  @Query(() => Achievement, {
    nullable: true,
    description: 'An achievement by id; null when there is none. Any signed-in role.',
  })
  achievement(
    @Arg('id', () => ID, { description: "The achievement's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Achievement | null> {
    return readById(ctx, info, Achievement, parseId(id));
  }

  @Query(() => AchievementConnection, {
    description: 'Achievements, newest first (by achievedOn). Any signed-in role.',
  })
  achievements(
    @Ctx() ctx: Context,
    @Arg('filter', () => AchievementFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every achievement.',
    })
    filter?: AchievementFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<Achievement>> {
    return ctx.services
      .get(AchievementService)
      .list(
        filter,
        { first: first ?? 20, after, count: !info || totalCountSelected(info) },
        info && readWithPage(ctx, info, Achievement),
      );
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => Achievement, {
    description:
      'Records a PROPOSED achievement of a person or a unit. Needs the UNIT_MANAGER role, for holders in its unit and subunits (FORBIDDEN elsewhere). BAD_USER_INPUT unless exactly one holder is given; NOT_FOUND for an unknown holder or campaign.',
  })
  recordAchievement(
    @Arg('input', () => RecordAchievementInput, { description: 'The achievement to record.' })
    input: RecordAchievementInput,
    @Ctx() ctx: Context,
  ): Promise<Achievement> {
    return ctx.services.get(AchievementService).record(requireActor(ctx), input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Achievement, {
    description:
      'PROPOSED -> VERIFIED or REJECTED. Needs the SECRETARY role. RULE_VIOLATION from any other state.',
  })
  verifyAchievement(
    @Arg('id', () => ID, { description: 'The PROPOSED achievement.' }) id: string,
    @Arg('approve', () => Boolean, { description: 'True to verify it, false to reject it.' })
    approve: boolean,
    @Ctx() ctx: Context,
  ): Promise<Achievement> {
    return ctx.services.get(AchievementService).verify(id, approve);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Achievement, {
    description:
      'Marks a VERIFIED achievement as an advanced model (điển hình tiên tiến), or unmarks it. Needs the SECRETARY role. RULE_VIOLATION for an achievement that is not VERIFIED, or to unmark a model that units have replicated.',
  })
  markAdvancedModel(
    @Arg('id', () => ID, { description: 'The VERIFIED achievement.' }) id: string,
    @Ctx() ctx: Context,
    @Arg('advancedModel', () => Boolean, {
      defaultValue: true,
      description: 'True to mark it, false to unmark it.',
    })
    advancedModel: boolean,
  ): Promise<Achievement> {
    return ctx.services.get(AchievementService).markAdvancedModel(id, advancedModel);
  }

  @Authorized(Role.UNIT_MANAGER)
  @Mutation(() => ModelReplication, {
    description:
      "Records that a unit replicated an advanced model. Needs the UNIT_MANAGER role, for its unit and subunits (FORBIDDEN elsewhere). RULE_VIOLATION unless the achievement is a VERIFIED advanced model, or when the unit is the holder's own; CONFLICT when the unit has already replicated it.",
  })
  replicateModel(
    @Arg('achievementId', () => ID, { description: 'The advanced model.' })
    achievementId: string,
    @Arg('unitId', () => ID, {
      description: "The unit that replicated it; not the holder's own unit.",
    })
    unitId: string,
    @Arg('replicatedOn', () => LocalDateScalar, {
      description: 'The day it was replicated; not before the model was achieved (BAD_USER_INPUT).',
    })
    replicatedOn: string,
    @Ctx() ctx: Context,
    @Arg('note', () => String, {
      nullable: true,
      description: 'How it was replicated, at most 4000 characters.',
    })
    note?: string | null,
  ): Promise<ModelReplication> {
    return ctx.services
      .get(AchievementService)
      .replicate(requireActor(ctx), { achievementId, unitId, replicatedOn, note });
  }

  @FieldResolver(() => Recipient, {
    description: 'Who holds it: a Person, or a Unit as a collective.',
  })
  holder(@Root() achievement: Achievement, @Ctx() ctx: Context): Promise<Person | Unit> {
    return recipientOf(ctx.loaders, achievement);
  }

  @FieldResolver(() => Campaign, {
    nullable: true,
    description: 'The campaign it was recorded under, if any.',
  })
  campaign(@Root() achievement: Achievement, @Ctx() ctx: Context): Promise<Campaign | null> | null {
    return achievement.campaignId ? ctx.loaders.byId(Campaign).load(achievement.campaignId) : null;
  }

  @FieldResolver(() => [ModelReplication], {
    description: 'Units that have replicated this advanced model.',
  })
  replications(@Root() achievement: Achievement, @Ctx() ctx: Context): Promise<ModelReplication[]> {
    return ctx.loaders
      .manyBy(ModelReplication, 'achievementId', { replicatedOn: 'ASC', id: 'ASC' })
      .load(achievement.id);
  }
}

@Resolver(() => ModelReplication)
export class ModelReplicationResolver {
  @FieldResolver(() => Achievement, { description: 'The advanced model replicated.' })
  async achievement(
    @Root() replication: ModelReplication,
    @Ctx() ctx: Context,
  ): Promise<Achievement> {
    return (await ctx.loaders.byId(Achievement).load(replication.achievementId)) as Achievement;
  }

  @FieldResolver(() => Unit, { description: 'The unit that replicated it.' })
  async unit(@Root() replication: ModelReplication, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(replication.unitId)) as Unit;
  }
}

/** Person.achievements: the person's own achievements, newest first. */
@Resolver(() => Person)
export class PersonAchievementsResolver {
  @FieldResolver(() => AchievementConnection, {
    description: "The person's own achievements, newest first.",
  })
  achievements(
    @Root() person: Person,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Achievement>> {
    return achievementPage(ctx, 'Person', person.id, first, after);
  }
}

/**
 * Unit.achievements: the unit's own achievements as a collective, newest
 * first. Its people's and subunits' achievements are listed by
 * `achievements(filter: {unitId})`.
 */
@Resolver(() => Unit)
export class UnitAchievementsResolver {
  @FieldResolver(() => AchievementConnection, {
    description:
      "The unit's own achievements as a collective, newest first. Use achievements(filter: {unitId}) for its people and subunits too.",
  })
  achievements(
    @Root() unit: Unit,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Achievement>> {
    return achievementPage(ctx, 'Unit', unit.id, first, after);
  }
}

/** Campaign.achievements: achievements recorded under a campaign, newest first. */
@Resolver(() => Campaign)
export class CampaignAchievementsResolver {
  @FieldResolver(() => AchievementConnection, {
    description: 'Achievements recorded under this campaign, newest first.',
  })
  achievements(
    @Root() campaign: Campaign,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Achievement>> {
    return achievementPage(ctx, 'Campaign', campaign.id, first, after);
  }
}
