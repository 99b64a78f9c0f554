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
    'Aggregates over a unit subtree, a year range and a campaign. See each field for what it counts.',
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

@ObjectType()
export class CountByAwardType {
  awardTypeId!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class CountByYear {
  @Field(() => Int)
  year!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class CountByUnit {
  unitId!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
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
