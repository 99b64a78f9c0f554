import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { requireActor } from '../../auth/auth-checker';
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { parseId } from '../../common/ids';
import { Recipient, recipientOf } from '../../common/recipient';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Achievement } from '../achievements/achievement.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { render, renderStored } from '../../i18n/i18n';
import { AwardType } from './award-type.entity';
import { awardTypeOf, bookOf } from './award-type.resolver';
import { Award, CouncilVote } from './award.entity';
import {
  AwardFilter,
  DecideAwardInput,
  EligibilityInput,
  NominateAwardInput,
} from './award.inputs';
import { AwardService } from './award.service';
import { AwardBonus, Eligibility } from './award.types';
import type { Bonus } from './bonus';
import { AwardDecision, CouncilMeeting } from './council.entity';
import { CouncilService } from './council.service';
import { AwardTypeVersion } from './rule-set.entity';
import { viewCheck } from './rules/rule';
import type { GraphQLResolveInfo } from 'graphql';
import { readById, readWithPage, totalCountSelected } from '../../plan/read-planner';

export const AwardConnection = connectionType(Award, 'Award');

@Resolver(() => Award)
export class AwardResolver {
  @Query(() => Award, {
    nullable: true,
    description: 'An award or nomination by id; null when there is none. Any signed-in role.',
  })
  award(
    @Arg('id', () => ID, { description: "The award's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Award | null> {
    return readById(ctx, info, Award, parseId(id));
  }

  @Query(() => AwardConnection, {
    description: 'Awards and nominations, newest year first. Any signed-in role.',
  })
  awards(
    @Ctx() ctx: Context,
    @Arg('filter', () => AwardFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every award and nomination.',
    })
    filter?: AwardFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<Award>> {
    return ctx.services
      .get(AwardService)
      .list(
        filter,
        { first: first ?? 20, after, count: !info || totalCountSelected(info) },
        info && readWithPage(ctx, info, Award),
      );
  }

  @Query(() => Eligibility, {
    description: 'Dry-run of the rule checks that nominateAward would apply.',
  })
  async eligibility(
    @Arg('input', () => EligibilityInput, {
      description:
        'The type, recipient and year to check; nothing is written. Any signed-in role may ask. NOT_FOUND for an unknown type code; BAD_USER_INPUT unless exactly one of personId and unitId is given.',
    })
    input: EligibilityInput,
    @Ctx() ctx: Context,
  ): Promise<Eligibility> {
    const evaluation = await ctx.services.get(AwardService).eligibility(input);
    return {
      eligible: evaluation.eligible,
      checks: evaluation.checks.map((check) => viewCheck(check, ctx.language)),
      on: evaluation.on,
      ruleSet: evaluation.applied?.ruleSet ?? null,
    };
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => Award, {
    description: 'Runs the eligibility checks; any BLOCK fails with code RULE_VIOLATION.',
  })
  nominateAward(
    @Arg('input', () => NominateAwardInput, {
      description:
        'The nomination. Needs the SECRETARY role, or UNIT_MANAGER within its unit and subunits (FORBIDDEN elsewhere). The award starts as NOMINATED, with any WARN messages as warnings.',
    })
    input: NominateAwardInput,
    @Ctx() ctx: Context,
  ): Promise<Award> {
    return ctx.services.get(AwardService).nominate(requireActor(ctx), input);
  }

  @Authorized(Role.COUNCIL)
  @Mutation(() => Award, {
    description: 'Council decision on a NOMINATED award; quorum and threshold are enforced.',
  })
  decideAward(
    @Arg('id', () => ID, {
      description:
        'The NOMINATED award (needs the COUNCIL role; RULE_VIOLATION from any other state). Rejection frees its cited achievements.',
    })
    id: string,
    @Arg('input', () => DecideAwardInput, {
      description:
        "The vote and, to approve, the decision number and date. Recorded as a council meeting of its own on the decision date; an approval is registered under its decision and checked under the rule set in force that day. BAD_USER_INPUT for a negative count or an empty council; RULE_VIOLATION without a quorum, with more votes (written votes of absent members included) than members, or, to approve, below the type's approvalThreshold, with a rule no longer met, or without the decision number and date.",
    })
    input: DecideAwardInput,
    @Ctx() ctx: Context,
  ): Promise<Award> {
    return ctx.services.get(CouncilService).decideOne(id, input, requireActor(ctx));
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Award, {
    description:
      'APPROVED or ANNOUNCED -> REVOKED, with a reason; frees the cited achievements. Needs the SECRETARY role. RULE_VIOLATION from any other state.',
  })
  revokeAward(
    @Arg('id', () => ID, { description: 'The APPROVED or ANNOUNCED award to revoke.' })
    id: string,
    @Arg('reason', () => String, {
      description: 'Why it is revoked, at most 2000 characters; not blank.',
    })
    reason: string,
    @Ctx() ctx: Context,
  ): Promise<Award> {
    return ctx.services.get(AwardService).revoke(id, reason);
  }

  @FieldResolver(() => AwardType, { description: 'The award type, from the catalogue.' })
  type(@Root() award: Award, @Ctx() ctx: Context): Promise<AwardType> {
    return awardTypeOf(ctx, award.typeId);
  }

  @FieldResolver(() => Recipient, {
    description: 'Who receives it: a Person, or a Unit as a collective.',
  })
  recipient(@Root() award: Award, @Ctx() ctx: Context): Promise<Person | Unit> {
    return recipientOf(ctx.loaders, award);
  }

  @FieldResolver(() => Campaign, {
    nullable: true,
    description: 'The campaign it was nominated under, if any.',
  })
  campaign(@Root() award: Award, @Ctx() ctx: Context): Promise<Campaign | null> | null {
    return award.campaignId ? ctx.loaders.byId(Campaign).load(award.campaignId) : null;
  }

  @FieldResolver(() => [Achievement], { description: 'The achievements this award is based on.' })
  async achievements(@Root() award: Award, @Ctx() ctx: Context): Promise<Achievement[]> {
    const ids = await ctx.loaders
      .get<string, string[]>('Award.achievementIds', (awardIds) =>
        ctx.services.get(AwardService).achievementIdsOf(awardIds),
      )
      .load(award.id);
    const achievements = await ctx.loaders.byId(Achievement).loadMany(ids);
    return achievements.filter((a): a is Achievement => a instanceof Achievement);
  }

  @FieldResolver(() => Unit, { description: 'The unit that made the nomination.' })
  async nominatedBy(@Root() award: Award, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(award.nominatedById)) as Unit;
  }

  @FieldResolver(() => CouncilVote, {
    nullable: true,
    description: "The council's vote, once it has decided.",
  })
  vote(@Root() award: Award): CouncilVote | null {
    if (award.membersTotal === null) return null;
    return {
      membersTotal: award.membersTotal,
      membersPresent: award.membersPresent ?? 0,
      votesFor: award.votesFor ?? 0,
      votesAgainst: award.votesAgainst ?? 0,
      votesAbstain: award.votesAbstain ?? 0,
    };
  }

  @FieldResolver(() => Int, {
    description: 'Cash bonus in VND: type.bonusMultiple x the base salary in force.',
  })
  async bonusAmount(@Root() award: Award, @Ctx() ctx: Context): Promise<number> {
    return (await bonusOf(ctx, award)).payable;
  }

  @FieldResolver(() => AwardBonus, {
    description:
      'How the bonus is worked out: the multiple for this kind of recipient × the base salary in force on the decision date, rounded up to 10,000 đ; 0 with the reason when a higher title of the same year is paid instead.',
  })
  async bonus(@Root() award: Award, @Ctx() ctx: Context): Promise<AwardBonus> {
    const bonus = await bonusOf(ctx, award);
    return {
      on: bonus.on,
      ruleSet: bonus.ruleSet,
      multiple: bonus.multiple,
      baseSalary: bonus.salary?.amount ?? null,
      baseSalarySince: bonus.salary?.validFrom ?? null,
      amount: bonus.amount,
      paid: bonus.payable,
      note: render(bonus.note, ctx.language),
    };
  }

  @FieldResolver(() => [String], {
    description: 'Warnings the rule check raised when the nomination was accepted.',
  })
  warnings(@Root() award: Award, @Ctx() ctx: Context): string[] {
    if (!award.warningMessages) return award.warnings;
    return award.warningMessages.map((w) => renderStored(w, ctx.language, ctx.logger));
  }

  @FieldResolver(() => AwardTypeVersion, {
    nullable: true,
    description:
      'The version of the type (and so the rule set) the award is checked and paid under: the one in force on its decision date, or on its nomination day until decided.',
  })
  async typeVersion(@Root() award: Award, @Ctx() ctx: Context): Promise<AwardTypeVersion | null> {
    return (await bonusOf(ctx, award)).version;
  }

  @FieldResolver(() => CouncilMeeting, {
    nullable: true,
    description: 'The council meeting that decided it; null until decided.',
  })
  meeting(@Root() award: Award, @Ctx() ctx: Context): Promise<CouncilMeeting | null> | null {
    return award.meetingId ? ctx.loaders.byId(CouncilMeeting).load(award.meetingId) : null;
  }

  @FieldResolver(() => AwardDecision, {
    nullable: true,
    description: 'The registered decision that approved it; null until approved.',
  })
  decision(@Root() award: Award, @Ctx() ctx: Context): Promise<AwardDecision | null> | null {
    return award.decisionId ? ctx.loaders.byId(AwardDecision).load(award.decisionId) : null;
  }
}

/** The bonus of an award, worked out with the others of the request in one batch. */
export function bonusOf(ctx: Context, award: Award): Promise<Bonus> {
  return ctx.loaders
    .get<Award, Bonus>(
      'Award.bonus',
      async (awards) => ctx.services.get(AwardService).bonuses(awards, await bookOf(ctx)),
      { cacheKeyFn: (a) => `${a.id}:${a.status}:${a.decidedOn ?? ''}` },
    )
    .load(award);
}
