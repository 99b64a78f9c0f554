import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { parseId } from '../../common/ids';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { bookOf } from './award-type.resolver';
import { Award } from './award.entity';
import { AwardConnection } from './award.resolver';
import { AwardService } from './award.service';
import { AwardDecision, CouncilMeeting } from './council.entity';
import {
  AwardDecisionFilter,
  CouncilMeetingFilter,
  HoldCouncilMeetingInput,
} from './council.inputs';
import { CouncilService, quorumOf } from './council.service';

export const CouncilMeetingConnection = connectionType(CouncilMeeting, 'CouncilMeeting');
export const AwardDecisionConnection = connectionType(AwardDecision, 'AwardDecision');

@Resolver(() => CouncilMeeting)
export class CouncilMeetingResolver {
  @Authorized(Role.COUNCIL)
  @Mutation(() => CouncilMeeting, {
    description:
      'COUNCIL: records a meeting that decides several NOMINATED awards, each with its votes (written votes of absent members count). Approvals need the decision; they are checked — threshold and rules — under the rule set in force on its date and registered under it. All or nothing.',
  })
  holdCouncilMeeting(
    @Arg('input', () => HoldCouncilMeetingInput, {
      description:
        'The meeting (day, members, minutes), the decision approving its nominations, and one vote per NOMINATED award.',
    })
    input: HoldCouncilMeetingInput,
    @Ctx() ctx: Context,
  ): Promise<CouncilMeeting> {
    return ctx.services.get(CouncilService).holdMeeting(input, requireActor(ctx));
  }

  @Query(() => CouncilMeeting, { nullable: true, description: 'A council meeting by id.' })
  councilMeeting(
    @Arg('id', () => ID, { description: 'The meeting id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<CouncilMeeting | null> {
    return ctx.loaders.byId(CouncilMeeting).load(parseId(id));
  }

  @Query(() => CouncilMeetingConnection, { description: 'Council meetings, newest first.' })
  councilMeetings(
    @Ctx() ctx: Context,
    @Arg('filter', () => CouncilMeetingFilter, {
      nullable: true,
      description: 'Which meetings; all when absent.',
    })
    filter?: CouncilMeetingFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<CouncilMeeting>> {
    return ctx.services.get(CouncilService).meetings(filter, { first: first ?? 20, after });
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit whose council met; null when not recorded.',
  })
  council(@Root() meeting: CouncilMeeting, @Ctx() ctx: Context): Promise<Unit | null> | null {
    return meeting.councilUnitId ? ctx.loaders.byId(Unit).load(meeting.councilUnitId) : null;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Members who had to be present: the quorum of the rule set in force on the meeting day.',
  })
  async quorum(@Root() meeting: CouncilMeeting, @Ctx() ctx: Context): Promise<number | null> {
    const ruleSet = (await bookOf(ctx)).ruleSetOn(meeting.heldOn);
    return ruleSet
      ? quorumOf(meeting.membersTotal, ruleSet.quorumNumerator, ruleSet.quorumDenominator)
      : null;
  }

  @FieldResolver(() => [Award], { description: 'The nominations decided at the meeting.' })
  awards(@Root() meeting: CouncilMeeting, @Ctx() ctx: Context): Promise<Award[]> {
    return ctx.loaders.manyBy(Award, 'meetingId', { id: 'ASC' }).load(meeting.id);
  }

  @FieldResolver(() => [AwardDecision], {
    description: 'The decisions that approved awards of the meeting.',
  })
  decisions(@Root() meeting: CouncilMeeting, @Ctx() ctx: Context): Promise<AwardDecision[]> {
    return ctx.loaders
      .get<string, AwardDecision[]>('CouncilMeeting.decisions', (ids) =>
        ctx.services.get(CouncilService).decisionsOfMeetings(ids),
      )
      .load(meeting.id);
  }
}

@Resolver(() => AwardDecision)
export class AwardDecisionResolver {
  @Query(() => AwardDecision, { nullable: true, description: 'A registered decision by id.' })
  awardDecision(
    @Arg('id', () => ID, { description: 'The decision id.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<AwardDecision | null> {
    return ctx.loaders.byId(AwardDecision).load(parseId(id));
  }

  @Query(() => AwardDecisionConnection, {
    description: 'The register of decisions on awards, newest first; searchable.',
  })
  awardDecisions(
    @Ctx() ctx: Context,
    @Arg('filter', () => AwardDecisionFilter, {
      nullable: true,
      description: 'Which decisions; all when absent.',
    })
    filter?: AwardDecisionFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<AwardDecision>> {
    return ctx.services.get(CouncilService).decisions(filter, { first: first ?? 20, after });
  }

  @FieldResolver(() => AwardConnection, {
    description: 'The awards the decision covers, newest year first.',
  })
  awards(
    @Root() decision: AwardDecision,
    @Ctx() ctx: Context,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Award>> {
    const page = { first: first ?? 20, after };
    return ctx.loaders
      .get<string, Connection<Award>>(`AwardDecision.awards:${page.first}:${after ?? ''}`, (ids) =>
        ctx.services.get(AwardService).awardsOf('decisionId', ids, page),
      )
      .load(decision.id);
  }

  @FieldResolver(() => Int, { description: 'How many awards the decision covers.' })
  async awardCount(@Root() decision: AwardDecision, @Ctx() ctx: Context): Promise<number> {
    return (await totalsOf(ctx, decision)).count;
  }

  @FieldResolver(() => Int, {
    description: 'What its awards are paid in all, in đồng (each award’s bonusAmount).',
  })
  async totalBonus(@Root() decision: AwardDecision, @Ctx() ctx: Context): Promise<number> {
    return (await totalsOf(ctx, decision)).paid;
  }
}

function totalsOf(ctx: Context, decision: AwardDecision) {
  return ctx.loaders
    .get<string, { count: number; paid: number }>('AwardDecision.totals', async (ids) =>
      ctx.services.get(CouncilService).decisionTotals(ids, await bookOf(ctx)),
    )
    .load(decision.id);
}
