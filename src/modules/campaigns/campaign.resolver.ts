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
  @Query(() => Campaign, {
    nullable: true,
    description: 'A campaign by id; null when there is none. Any signed-in role.',
  })
  campaign(
    @Arg('id', () => ID, { description: "The campaign's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
  ): Promise<Campaign | null> {
    return ctx.loaders.byId(Campaign).load(parseId(id));
  }

  @Query(() => CampaignConnection, {
    description: 'Campaigns, the latest start first. Any signed-in role.',
  })
  campaigns(
    @Ctx() ctx: Context,
    @Arg('filter', () => CampaignFilter, {
      nullable: true,
      description: 'Narrows the list; without it, every campaign.',
    })
    filter?: CampaignFilter,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Campaign>> {
    return ctx.services.get(CampaignService).list(filter, { first: first ?? 20, after });
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign, {
    description:
      'Creates a DRAFT campaign. Needs the SECRETARY role. BAD_USER_INPUT for blank text or a period that ends before it starts; NOT_FOUND for an unknown organizer; CONFLICT when the code is taken.',
  })
  createCampaign(
    @Arg('input', () => CreateCampaignInput, { description: 'The campaign to create.' })
    input: CreateCampaignInput,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).create(input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign, {
    description:
      "Edits a DRAFT or LAUNCHED campaign's name, theme, description or period; a CLOSED one is RULE_VIOLATION. Needs the SECRETARY role. NOT_FOUND for an unknown campaign.",
  })
  updateCampaign(
    @Arg('id', () => ID, { description: 'The campaign to change.' }) id: string,
    @Arg('input', () => UpdateCampaignInput, { description: 'The changes.' })
    input: UpdateCampaignInput,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).update(id, input);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign, {
    description: 'DRAFT -> LAUNCHED. With a LIVE conference, its screens see CampaignLaunched.',
  })
  launchCampaign(
    @Arg('id', () => ID, {
      description:
        'The DRAFT campaign to launch (needs the SECRETARY role; RULE_VIOLATION from any other state).',
    })
    id: string,
    @Ctx() ctx: Context,
    @Arg('conferenceId', () => ID, {
      nullable: true,
      description:
        'The LIVE conference it is launched at (RULE_VIOLATION when not LIVE); omit to launch it outside any conference.',
    })
    conferenceId?: string | null,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).launch(id, conferenceId);
  }

  @Authorized(Role.UNIT_MANAGER, Role.SECRETARY)
  @Mutation(() => CampaignRegistration, {
    description: 'A unit pledges to take part in a LAUNCHED campaign, once.',
  })
  registerForCampaign(
    @Arg('campaignId', () => ID, {
      description:
        'The campaign. It must be LAUNCHED, and today (Viet Nam time) within its period; else RULE_VIOLATION.',
    })
    campaignId: string,
    @Arg('unitId', () => ID, {
      description:
        "The pledging unit: for a UNIT_MANAGER its own unit or a subunit (FORBIDDEN otherwise), for a SECRETARY any unit. A unit's second pledge is CONFLICT.",
    })
    unitId: string,
    @Ctx() ctx: Context,
    @Arg('pledge', () => String, {
      nullable: true,
      description: 'What the unit pledges to do, at most 4000 characters.',
    })
    pledge?: string | null,
    @Arg('conferenceId', () => ID, {
      nullable: true,
      description:
        'The LIVE conference the pledge is made at (RULE_VIOLATION when not LIVE): its screens see CampaignRegistered.',
    })
    conferenceId?: string | null,
  ): Promise<CampaignRegistration> {
    return ctx.services
      .get(CampaignService)
      .register(requireActor(ctx), { campaignId, unitId, pledge, conferenceId });
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => Campaign, {
    description:
      'LAUNCHED -> CLOSED: the campaign is over and can no longer change. Needs the SECRETARY role. RULE_VIOLATION from any other state.',
  })
  closeCampaign(
    @Arg('id', () => ID, { description: 'The LAUNCHED campaign to close.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Campaign> {
    return ctx.services.get(CampaignService).close(id);
  }

  @Authorized(Role.SECRETARY)
  @Mutation(() => CampaignReview, {
    description:
      'Records an interim or final review of a LAUNCHED or CLOSED campaign (RULE_VIOLATION while DRAFT). Needs the SECRETARY role. A second FINAL review is CONFLICT.',
  })
  recordCampaignReview(
    @Arg('campaignId', () => ID, { description: 'The campaign reviewed.' }) campaignId: string,
    @Arg('kind', () => ReviewKind, { description: 'Interim (sơ kết) or final (tổng kết).' })
    kind: ReviewKind,
    @Arg('heldOn', () => LocalDateScalar, {
      description: 'The day it was held; not before the campaign starts (BAD_USER_INPUT).',
    })
    heldOn: string,
    @Ctx() ctx: Context,
    @Arg('summary', () => String, {
      nullable: true,
      description: 'What the review found, at most 8000 characters.',
    })
    summary?: string | null,
    @Arg('conferenceId', () => ID, {
      nullable: true,
      description: 'The conference that held it, in any state (NOT_FOUND when unknown).',
    })
    conferenceId?: string | null,
  ): Promise<CampaignReview> {
    return ctx.services
      .get(CampaignService)
      .recordReview({ campaignId, kind, heldOn, summary, conferenceId });
  }

  @FieldResolver(() => Unit, { description: 'The unit that runs the movement.' })
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

  @FieldResolver(() => Int, { description: 'How many units have pledged to take part.' })
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
  @FieldResolver(() => Campaign, { description: 'The campaign pledged to.' })
  async campaign(@Root() registration: CampaignRegistration, @Ctx() ctx: Context) {
    return (await ctx.loaders.byId(Campaign).load(registration.campaignId)) as Campaign;
  }

  @FieldResolver(() => Unit, { description: 'The unit that pledged.' })
  async unit(@Root() registration: CampaignRegistration, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(registration.unitId)) as Unit;
  }
}

@Resolver(() => CampaignReview)
export class CampaignReviewResolver {
  @FieldResolver(() => Campaign, { description: 'The campaign reviewed.' })
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
