import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { AfterArg, FirstArg, type Connection } from '../../common/connection';
import type { Context } from '../../context';
import { Achievement } from '../achievements/achievement.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { AwardType } from './award-type.entity';
import { awardTypeOf } from './award-type.resolver';
import { Award, AwardStatus } from './award.entity';
import { AwardConnection } from './award.resolver';
import { AwardService, type TitleOfYear } from './award.service';
import { TitleRecord } from './award.types';

/** Person.awards and Person.titleHistory, batched across the people of a page. */
@Resolver(() => Person)
export class PersonAwardsResolver {
  @FieldResolver(() => AwardConnection, { description: "The person's awards, newest year first." })
  awards(
    @Root() person: Person,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Arg('status', () => AwardStatus, {
      nullable: true,
      description: 'Only awards in this state; without it, all of them.',
    })
    status?: AwardStatus | null,
  ): Promise<Connection<Award>> {
    const page = { first: first ?? 20, after };
    return ctx.loaders
      .get<string, Connection<Award>>(
        `Person.awards:${page.first}:${after ?? ''}:${status ?? ''}`,
        (ids) => ctx.services.get(AwardService).awardsOf('personId', ids, page, { status }),
      )
      .load(person.id);
  }

  @FieldResolver(() => [TitleRecord], {
    description: 'Emulation titles held, one row per year, newest first.',
  })
  titleHistory(@Root() person: Person, @Ctx() ctx: Context): Promise<TitleOfYear[]> {
    return ctx.loaders
      .get<string, TitleOfYear[]>('Person.titleHistory', (ids) =>
        ctx.services.get(AwardService).titleHistories(ids),
      )
      .load(person.id);
  }
}

/** TitleRecord.awardType, from the request's catalogue. */
@Resolver(() => TitleRecord)
export class TitleRecordResolver {
  @FieldResolver(() => AwardType, { description: 'The title, e.g. Chiến sĩ thi đua cơ sở.' })
  awardType(@Root() record: TitleOfYear, @Ctx() ctx: Context): Promise<AwardType> {
    return awardTypeOf(ctx, record.award.typeId);
  }
}

/** Unit.awards: the unit's own awards as a collective. */
@Resolver(() => Unit)
export class UnitAwardsResolver {
  @FieldResolver(() => AwardConnection, {
    description:
      "Awards to this unit as a collective, newest year first. For its subunits' and people's awards too, use awards(filter: {unitId}).",
  })
  awards(
    @Root() unit: Unit,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Arg('year', () => Int, {
      nullable: true,
      description: 'Only awards for this year; without it, every year.',
    })
    year?: number | null,
  ): Promise<Connection<Award>> {
    const page = { first: first ?? 20, after };
    return ctx.loaders
      .get<string, Connection<Award>>(
        `Unit.awards:${page.first}:${after ?? ''}:${year ?? ''}`,
        (ids) => ctx.services.get(AwardService).awardsOf('unitId', ids, page, { year }),
      )
      .load(unit.id);
  }
}

/** Campaign.awards: awards nominated under a campaign. */
@Resolver(() => Campaign)
export class CampaignAwardsResolver {
  @FieldResolver(() => AwardConnection, {
    description: 'Awards nominated under this campaign, newest year first.',
  })
  awards(
    @Root() campaign: Campaign,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Award>> {
    const page = { first: first ?? 20, after };
    return ctx.loaders
      .get<string, Connection<Award>>(`Campaign.awards:${page.first}:${after ?? ''}`, (ids) =>
        ctx.services.get(AwardService).awardsOf('campaignId', ids, page),
      )
      .load(campaign.id);
  }
}

/** Achievement.award: the live award citing it. */
@Resolver(() => Achievement)
export class AchievementAwardResolver {
  @FieldResolver(() => Award, {
    nullable: true,
    description: 'The award this achievement was the basis of, if any. One achievement, one award.',
  })
  async award(@Root() achievement: Achievement, @Ctx() ctx: Context): Promise<Award | null> {
    const awardId = await ctx.loaders
      .get<string, string | null>('Achievement.award', (ids) =>
        ctx.services.get(AwardService).activeAwardIdsOf(ids),
      )
      .load(achievement.id);
    return awardId ? ctx.loaders.byId(Award).load(awardId) : null;
  }
}
