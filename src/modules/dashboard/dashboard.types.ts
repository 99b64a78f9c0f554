import { Field, Int, ObjectType } from 'type-graphql';
import type { Campaign } from '../campaigns/campaign.entity';

/**
 * What a dashboard counts over, resolved from DashboardFilter: a unit
 * subtree (by materialized path), an inclusive year range and a campaign,
 * each optional.
 */
export interface DashboardScope {
  /** The filter unit's path: its subtree is `path LIKE unitPath || '%'`. */
  unit: { id: string; path: string; depth: number } | null;
  fromYear: number | null;
  toYear: number | null;
  campaignId: string | null;
}

/**
 * The dashboard of a scope. Every field is resolved on demand by an SQL
 * aggregate; fields computed by the same statement share it through `memo`.
 */
@ObjectType({
  description:
    "Aggregates over a scope: the filter unit's subtree (the unit, its subunits and their people), the years fromYear to toYear and the campaign, each optional. Units and people ignore the years and the campaign. Awards count when APPROVED or ANNOUNCED, to recipients in the scope, for the years and of the campaign. A share of nothing is 0.",
})
export class Dashboard {
  constructor(scope: DashboardScope) {
    this.scope = scope;
  }

  readonly scope: DashboardScope;

  private readonly results = new Map<string, Promise<unknown>>();

  /** The result of `compute` for `key`, computed once per dashboard. */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let result = this.results.get(key) as Promise<T> | undefined;
    if (!result) {
      result = compute();
      this.results.set(key, result);
    }
    return result;
  }
}

@ObjectType({ description: "The dashboard's counted awards of one award type." })
export class CountByAwardType {
  awardTypeId!: string;

  @Field(() => Int, { description: 'Counted awards of that type; never 0.' })
  count!: number;
}

@ObjectType({ description: "The dashboard's counted awards for one year." })
export class CountByYear {
  @Field(() => Int, { description: 'The year the awards are for.' })
  year!: number;

  @Field(() => Int, { description: 'Counted awards for that year; never 0.' })
  count!: number;
}

@ObjectType({
  description:
    "The dashboard's counted awards in one unit's subtree. The units ranked are the children of the filter unit; without one, those of the single root, or the roots when there are several.",
})
export class CountByUnit {
  unitId!: string;

  @Field(() => Int, {
    description: 'Counted awards to the unit, its subunits and their people; never 0.',
  })
  count!: number;
}

@ObjectType({ description: "A campaign of the dashboard's scope, with its counts in the scope." })
export class CampaignStats {
  /** Read with the counts, so that a long list costs no further lookups. */
  campaign!: Campaign;

  @Field(() => Int, { description: 'Units of the scope that pledged to the campaign.' })
  registeredUnits!: number;

  @Field(() => Int, { description: 'VERIFIED achievements of the campaign held in the scope.' })
  achievements!: number;

  @Field(() => Int, { description: 'Of those, the advanced models.' })
  advancedModels!: number;

  @Field(() => Int, {
    description: 'APPROVED or ANNOUNCED awards of the campaign to recipients in the scope.',
  })
  awards!: number;
}
