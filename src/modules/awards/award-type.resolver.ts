import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AwardType } from './award-type.entity';
import { AwardService } from './award.service';
import { AwardRule } from './award.types';

/** The whole catalogue, read once per request (rules name other types in their messages). */
export function catalogueOf(ctx: Context): Promise<AwardType[]> {
  return ctx.loaders
    .get<string, AwardType[]>('AwardType.catalogue', async (keys) => {
      const catalogue = await ctx.services.get(AwardService).catalogue();
      return keys.map(() => catalogue);
    })
    .load('all');
}

@Resolver(() => AwardType)
export class AwardTypeResolver {
  @Query(() => [AwardType], { description: 'The award catalogue, in display order.' })
  awardTypes(@Ctx() ctx: Context): Promise<AwardType[]> {
    return catalogueOf(ctx);
  }

  @FieldResolver(() => [AwardRule], {
    description: 'The rules checked before a nomination is accepted, human-readable.',
  })
  async rules(@Root() type: AwardType, @Ctx() ctx: Context): Promise<AwardRule[]> {
    return ctx.services.get(AwardService).describeRules(type, await catalogueOf(ctx));
  }
}
