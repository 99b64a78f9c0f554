import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { invalidId, isUuid } from '../common/ids';
import { Node } from '../common/node';
import { entityRows } from '../common/rows';
import { query, sql } from '../common/sql';
import type { Context } from '../context';
import { Achievement } from './achievements/achievement.entity';
import { Award } from './awards/award.entity';
import { Campaign } from './campaigns/campaign.entity';
import { Conference } from './conferences/conference.entity';
import { Person } from './people/person.entity';
import { Unit } from './units/unit.entity';
import { GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { readById } from '../plan/read-planner';

/** Every type that implements Node, with its table. */
const NODE_TYPES = [Unit, Person, Campaign, Achievement, Award, Conference] as const;

@Resolver()
export class NodeResolver {
  /**
   * Any Node by its id. Ids are UUIDs, unique across tables, so one statement
   * finds which table holds it; the row is then read with what the
   * operation selects below it (src/plan), or through the loaders.
   */
  @Query(() => Node, {
    nullable: true,
    description:
      'Any object with an id: a Unit, Person, Campaign, Achievement, Award or Conference; null when there is none. Any signed-in role.',
  })
  async node(
    @Arg('id', () => ID, { description: 'A UUID (BAD_USER_INPUT otherwise).' }) id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Node | null> {
    if (!isUuid(id)) throw invalidId(id);
    const manager = ctx.loaders.manager;
    const nodeId = id.toLowerCase();
    const union = sql.join(
      NODE_TYPES.map(
        (type, i) =>
          sql`SELECT ${sql.raw(String(i))} AS t FROM ${entityRows<Node>(manager, type).table} WHERE id = ${nodeId}`,
      ),
      ' UNION ALL ',
    );
    const [row] = await query<{ t: number }>(manager, sql`${union} LIMIT 1`);
    const type = row ? NODE_TYPES[row.t] : undefined;
    if (!type) return null;
    const objectType = info.schema.getType(type.name);
    return objectType instanceof GraphQLObjectType
      ? readById<Node>(ctx, info, type, nodeId, objectType)
      : ctx.loaders.byId<Node>(type).load(nodeId);
  }
}
