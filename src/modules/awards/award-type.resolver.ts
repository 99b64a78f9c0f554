import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { AwardType } from './award-type.entity';
import { AwardService } from './award.service';
import { AwardRule } from './award.types';

/**
 * The whole catalogue, read once per request: rule descriptions name other
 * types, and every award's type comes from it. The catalogue is a handful of
 * rows, so one statement serves a request however its awards are nested,
 * which keeps the statement count of a page independent of its size and of
 * when each nested level happens to resolve.
 */
export function catalogueOf(ctx: Context): Promise<AwardType[]> {
  return ctx.loaders
    .get<string, AwardType[]>('AwardType.catalogue', async (keys) => {
      const catalogue = await ctx.services.get(AwardService).catalogue();
      return keys.map(() => catalogue);
    })
    .load('all');
}

/** The award type with `id`, from the request's catalogue. */
export async function awardTypeOf(ctx: Context, id: string): Promise<AwardType> {
  const type = (await catalogueOf(ctx)).find((t) => t.id === id);
  // A type added after the catalogue was read (in this very request) is read on its own.
  return type ?? ((await ctx.loaders.byId(AwardType).load(id)) as AwardType);
}

@Resolver(() => AwardType)
export class AwardTypeResolver {
  @Query(() => [AwardType], {
    description: 'The award catalogue, in display order. Any signed-in role.',
  })
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
