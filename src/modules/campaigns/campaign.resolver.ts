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
import { LocalDateScalar } from '../../common/scalars';
import type { Context } from '../../context';
import { Role } from '../accounts/account.entity';
import { Unit } from '../units/unit.entity';
import { CampaignRegistration } from './campaign-registration.entity';
import { CampaignReview, ReviewKind } from './campaign-review.entity';
import { Campaign } from './campaign.entity';
import { CampaignFilter, CreateCampaignInput, UpdateCampaignInput } from './campaign.inputs';
import { CampaignService } from './campaign.service';

export const CampaignConnection = connectionType(Campaign, 'Campaign');
export const CampaignRegistrationConnection = connectionType(
  CampaignRegistration,
  'CampaignRegistration',
);

/** Campaigns: queries, lifecycle mutations and the fields hanging off a campaign. */
@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => Campaign, { nullable: true })
  campaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign | null> {
    return ctx.loaders.byId(Campaign).load(parseId(id));
  }

  @Query(() => CampaignConnection)
  campaigns(
    @Ctx() ctx: Context,
    @Arg('filter', () => CampaignFilter, { nullable: true }) filter?: CampaignFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Campaign>> {
    return ctx.services.get(CampaignService).list(filter, { first: first ?? 20, after });
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign)
  createCampaign(
    @Arg('input', () => CreateCampaignInput) input: CreateCampaignInput,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).create(input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign)
  updateCampaign(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).update(id, input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign, {
    description: 'DRAFT -> LAUNCHED. With a LIVE conference, its screens see CampaignLaunched.',
  })
  launchCampaign(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: Context,
    @Arg('conferenceId', () => ID, { nullable: true }) conferenceId?: string | null,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).launch(id, conferenceId);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => CampaignRegistration, {
    description: 'A unit pledges to take part in a LAUNCHED campaign, once.',
  })
  registerForCampaign(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('unitId', () => ID) unitId: string,
    @Ctx() ctx: Context,
    @Arg('pledge', () => String, { nullable: true }) pledge?: string | null,
    @Arg('conferenceId', () => ID, { nullable: true }) conferenceId?: string | null,
  ): Promise<CampaignRegistration> {
    return ctx.services
      .get(CampaignService)
      .register(requireActor(ctx), { campaignId, unitId, pledge, conferenceId });
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign)
  closeCampaign(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Campaign> {
    return ctx.services.get(CampaignService).close(id);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => CampaignReview)
  recordCampaignReview(
    @Arg('campaignId', () => ID) campaignId: string,
    @Arg('kind', () => ReviewKind) kind: ReviewKind,
    @Arg('heldOn', () => LocalDateScalar) heldOn: string,
    @Ctx() ctx: Context,
    @Arg('summary', () => String, { nullable: true }) summary?: string | null,
    @Arg('conferenceId', () => ID, { nullable: true }) conferenceId?: string | null,
  ): Promise<CampaignReview> {
    return ctx.services
      .get(CampaignService)
      .recordReview({ campaignId, kind, heldOn, summary, conferenceId });
  }

  @FieldResolver(() => Unit)
  async organizer(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(campaign.organizerId)) as Unit;
  }

  @FieldResolver(() => CampaignRegistrationConnection, {
    description: 'Pledges in the order they were made.',
  })
  registrations(
    @Root() campaign: Campaign,
    @Ctx() ctx: Context,
    @FirstArg(50) first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<CampaignRegistration>> {
    const page = { first: first ?? 50, after };
    return ctx.loaders
      .get<string, Connection<CampaignRegistration>>(
        `Campaign.registrations:${page.first}:${after ?? ''}`,
        (ids) => ctx.services.get(CampaignService).registrationsOf(ids, page),
      )
      .load(campaign.id);
  }

  @FieldResolver(() => Int)
  registrationCount(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders
      .get<string, number>('Campaign.registrationCount', (ids) =>
        ctx.services.get(CampaignService).registrationCounts(ids),
      )
      .load(campaign.id);
  }

  @FieldResolver(() => [CampaignReview], { description: 'Reviews, oldest first.' })
  reviews(@Root() campaign: Campaign, @Ctx() ctx: Context): Promise<CampaignReview[]> {
    return ctx.loaders
      .manyBy(CampaignReview, 'campaignId', { heldOn: 'ASC', id: 'ASC' })
      .load(campaign.id);
  }
}

@Resolver(() => CampaignRegistration)
export class CampaignRegistrationResolver {
  @FieldResolver(() => Campaign)
  async campaign(@Root() registration: CampaignRegistration, @Ctx() ctx: Context) {
    return (await ctx.loaders.byId(Campaign).load(registration.campaignId)) as Campaign;
  }

  @FieldResolver(() => Unit)
  async unit(@Root() registration: CampaignRegistration, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(registration.unitId)) as Unit;
  }
}

@Resolver(() => CampaignReview)
export class CampaignReviewResolver {
  @FieldResolver(() => Campaign)
  async campaign(@Root() review: CampaignReview, @Ctx() ctx: Context): Promise<Campaign> {
    return (await ctx.loaders.byId(Campaign).load(review.campaignId)) as Campaign;
  }
}

/** Unit.registrations: the campaigns a unit has pledged to, newest pledge first. */
@Resolver(() => Unit)
export class UnitRegistrationsResolver {
  @FieldResolver(() => [CampaignRegistration], {
    description: 'Campaigns this unit has pledged to take part in.',
  })
  registrations(@Root() unit: Unit, @Ctx() ctx: Context): Promise<CampaignRegistration[]> {
    return ctx.loaders
      .manyBy(CampaignRegistration, 'unitId', { registeredAt: 'DESC', id: 'DESC' })
      .load(unit.id);
  }
}
