import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AwardType } from '../awards/award-type.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Unit } from '../units/unit.entity';
import { DashboardFilter } from './dashboard.inputs';
import { DashboardService } from './dashboard.service';
import {
  CampaignStats,
  CountByAwardType,
  CountByUnit,
  CountByYear,
  Dashboard,
} from './dashboard.types';

/**
 * `dashboard(filter)`: the filter is checked once, then each field asked for
 * runs its own aggregate (fields computed by one statement share it).
 */
@Resolver(() => Dashboard)
export class DashboardResolver {
  @Query(() => Dashboard, {
    description:
      'Aggregates for dashboards over a unit subtree, a year range and a campaign. Any signed-in role.',
  })
  async dashboard(
    @Ctx() ctx: Context,
    @Arg('filter', () => DashboardFilter, {
      nullable: true,
      description: 'The scope; without it, every unit, year and campaign.',
    })
    filter?: DashboardFilter,
  ): Promise<Dashboard> {
    return new Dashboard(await ctx.services.get(DashboardService).scope(filter));
  }

  @FieldResolver(() => Int, { description: 'Units in the subtree, the filter unit included.' })
  async units(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.counts(dashboard, ctx)).units;
  }

  @FieldResolver(() => Int, { description: 'People whose unit is in the subtree.' })
  async people(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.counts(dashboard, ctx)).people;
  }

  @FieldResolver(() => Int, {
    description:
      'LAUNCHED campaigns organised by a unit of the subtree or pledged to by one, whose period overlaps the years (the filter campaign only, when given).',
  })
  async activeCampaigns(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.counts(dashboard, ctx)).activeCampaigns;
  }

  @FieldResolver(() => Int, {
    description:
      'VERIFIED achievements held in the subtree (by its units or their people), achieved in the years, of the campaign.',
  })
  async achievements(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.counts(dashboard, ctx)).achievements;
  }

  @FieldResolver(() => Int, { description: 'Of those achievements, the advanced models.' })
  async advancedModels(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.counts(dashboard, ctx)).advancedModels;
  }

  @FieldResolver(() => Int, {
    description: 'Awards with status APPROVED or ANNOUNCED.',
  })
  async awards(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.awardSummary(dashboard, ctx)).total;
  }

  @FieldResolver(() => [CountByAwardType], {
    description: 'The counted awards by type, most first; types with none are left out.',
  })
  async awardsByType(@Root() dashboard: Dashboard, @Ctx() ctx: Context) {
    return (await this.awardSummary(dashboard, ctx)).byType;
  }

  @FieldResolver(() => [CountByYear], {
    description: 'The counted awards by year, oldest first; years with none are left out.',
  })
  async awardsByYear(@Root() dashboard: Dashboard, @Ctx() ctx: Context) {
    return (await this.awardSummary(dashboard, ctx)).byYear;
  }

  @FieldResolver(() => [CountByUnit], {
    description: 'Units whose subtree received the most awards, most first.',
  })
  topUnits(
    @Root() dashboard: Dashboard,
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, {
      nullable: true,
      defaultValue: 10,
      description:
        'At most this many units, from 0 to 100 (BAD_USER_INPUT outside); null means the default, 10. Ties are ordered by unit code.',
    })
    limit?: number | null,
  ): Promise<{ unitId: string; count: number }[]> {
    const n = limit ?? 10;
    return dashboard.memo(`topUnits:${n}`, () =>
      ctx.services.get(DashboardService).topUnits(dashboard.scope, n),
    );
  }

  @FieldResolver(() => Float, {
    description: 'Share of individual awards that went to people holding leadership posts, 0..1.',
  })
  async leaderShare(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<number> {
    return (await this.awardSummary(dashboard, ctx)).leaderShare;
  }

  @FieldResolver(() => [CampaignStats], {
    description:
      'One entry per campaign organised in the subtree or pledged to by one of its units, whose period overlaps the years; newest first.',
  })
  campaigns(@Root() dashboard: Dashboard, @Ctx() ctx: Context): Promise<CampaignStats[]> {
    return dashboard.memo('campaigns', () =>
      ctx.services.get(DashboardService).campaignStats(dashboard.scope),
    );
  }

  private counts(dashboard: Dashboard, ctx: Context) {
    return dashboard.memo('counts', () =>
      ctx.services.get(DashboardService).counts(dashboard.scope),
    );
  }

  private awardSummary(dashboard: Dashboard, ctx: Context) {
    return dashboard.memo('awards', () =>
      ctx.services.get(DashboardService).awardSummary(dashboard.scope),
    );
  }
}

@Resolver(() => CountByAwardType)
export class CountByAwardTypeResolver {
  @FieldResolver(() => AwardType, { description: 'The award type counted.' })
  async awardType(@Root() row: CountByAwardType, @Ctx() ctx: Context): Promise<AwardType> {
    return (await ctx.loaders.byId(AwardType).load(row.awardTypeId)) as AwardType;
  }
}

@Resolver(() => CountByUnit)
export class CountByUnitResolver {
  @FieldResolver(() => Unit, { description: 'The unit whose subtree is counted.' })
  async unit(@Root() row: CountByUnit, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(row.unitId)) as Unit;
  }
}

@Resolver(() => CampaignStats)
export class CampaignStatsResolver {
  @FieldResolver(() => Campaign, { description: 'The campaign, in any state.' })
  campaign(@Root() row: CampaignStats, @Ctx() ctx: Context): Campaign {
    ctx.loaders.byId(Campaign).prime(row.campaign.id, row.campaign);
    return row.campaign;
  }
}
