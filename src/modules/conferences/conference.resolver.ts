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
import { AfterArg, connectionType, FirstArg, type Connection } from '../../common/connection';
import { parseId } from '../../common/ids';
import type { Context } from '../../context';
import { decodeOptionalEventCursor } from '../../realtime/cursor';
import type { LoggedEvent } from '../../realtime/event-log';
import { Role } from '../accounts/account.entity';
import { Award } from '../awards/award.entity';
import { CampaignReview } from '../campaigns/campaign-review.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { Person } from '../people/person.entity';
import { Unit } from '../units/unit.entity';
import { AwardAnnounced, ConferenceEvent } from './conference-event.types';
import { Conference, ConferenceStatus } from './conference.entity';
import {
  CreateConferenceInput,
  CreateDelegationInput,
  UpdateDelegationInput,
} from './conference.inputs';
import { ConferenceService } from './conference.service';
import { viewCheck, type Check } from '../awards/rules/rule';
import { EligibilityCheck } from '../awards/award.types';
import { DelegateRole, Delegation } from './delegation.entity';
import { DelegationService, type DelegationFacts, type QuotaUse } from './delegation.service';
import { Delegate, DelegationQuotaView } from './delegation.types';

export const ConferenceConnection = connectionType(Conference, 'Conference');

/** Roles that run conferences: schedule, start, announce, manage delegations, end. */
const CONFERENCE_ROLES = [Role.SECRETARY];

@Resolver(() => Conference)
export class ConferenceResolver {
  @Query(() => Conference, {
    nullable: true,
    description: 'A conference by id; null when there is none. Any signed-in role.',
  })
  conference(
    @Arg('id', () => ID, { description: "The conference's id (BAD_USER_INPUT when not a UUID)." })
    id: string,
    @Ctx() ctx: Context,
  ): Promise<Conference | null> {
    return ctx.loaders.byId(Conference).load(parseId(id));
  }

  @Query(() => ConferenceConnection, {
    description: 'Conferences, the latest start first. Any signed-in role.',
  })
  conferences(
    @Ctx() ctx: Context,
    @Arg('status', () => ConferenceStatus, {
      nullable: true,
      description: 'Only conferences in this state; without it, all of them.',
    })
    status?: ConferenceStatus | null,
    @FirstArg() first?: number | null,
    @AfterArg() after?: string | null,
  ): Promise<Connection<Conference>> {
    return ctx.services.get(ConferenceService).list(status, { first: first ?? 20, after });
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Conference, {
    description:
      'Schedules a conference. Needs the SECRETARY role. NOT_FOUND for an unknown host unit; BAD_USER_INPUT for a blank title.',
  })
  createConference(
    @Arg('input', () => CreateConferenceInput, { description: 'The conference to schedule.' })
    input: CreateConferenceInput,
    @Ctx() ctx: Context,
  ): Promise<Conference> {
    return ctx.services.get(ConferenceService).create(input);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Conference, {
    description:
      'SCHEDULED -> LIVE; its screens see ConferenceStarted. Needs the SECRETARY role. RULE_VIOLATION from any other state.',
  })
  startConference(
    @Arg('id', () => ID, { description: 'The SCHEDULED conference.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Conference> {
    return ctx.services.get(ConferenceService).start(id);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => AwardAnnounced, {
    description:
      'Announce an APPROVED award at a LIVE conference. Idempotent: announcing twice returns the first event.',
  })
  announceAward(
    @Arg('conferenceId', () => ID, {
      description: 'The LIVE conference (needs the SECRETARY role; RULE_VIOLATION when not LIVE).',
    })
    conferenceId: string,
    @Arg('awardId', () => ID, {
      description:
        'The APPROVED award. RULE_VIOLATION in any other state, or when it was announced at another conference.',
    })
    awardId: string,
    @Ctx() ctx: Context,
  ): Promise<LoggedEvent> {
    return ctx.services.get(ConferenceService).announceAward(conferenceId, awardId);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Delegation, {
    description:
      'Creates a DRAFT delegation of a conference that has not ENDED, with official delegates, guests, quotas per unit and the period reviewed. Needs the SECRETARY role. NOT_FOUND for an unknown conference, person or unit.',
  })
  createDelegation(
    @Arg('input', () => CreateDelegationInput, { description: 'The delegation to create.' })
    input: CreateDelegationInput,
    @Ctx() ctx: Context,
  ): Promise<Delegation> {
    return ctx.services.get(DelegationService).create(input);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Delegation, {
    description:
      'Changes a DRAFT delegation: its official delegates, guests, quotas, period or congress. Needs the SECRETARY role. RULE_VIOLATION once APPROVED or when its conference has ENDED.',
  })
  updateDelegation(
    @Arg('id', () => ID, { description: 'The DRAFT delegation.' }) id: string,
    @Arg('input', () => UpdateDelegationInput, {
      description: 'What to replace; absent fields are kept.',
    })
    input: UpdateDelegationInput,
    @Ctx() ctx: Context,
  ): Promise<Delegation> {
    return ctx.services.get(DelegationService).update(id, input);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Delegation, {
    description:
      'DRAFT -> APPROVED. At a LIVE conference its screens see DelegationApproved; refused once the conference has ENDED. Needs the SECRETARY role. RULE_VIOLATION unless DRAFT, or when a quota is exceeded or an official delegate falls under no quota (the checks in extensions.checks); official delegates who are neither advanced models nor award holders of the period are kept as warnings.',
  })
  approveDelegation(
    @Arg('id', () => ID, { description: 'The DRAFT delegation.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Delegation> {
    return ctx.services.get(ConferenceService).approveDelegation(id);
  }

  @Authorized(...CONFERENCE_ROLES)
  @Mutation(() => Conference, {
    description:
      'LIVE -> ENDED; its screens see ConferenceEnded, its last event. Needs the SECRETARY role. RULE_VIOLATION from any other state.',
  })
  endConference(
    @Arg('id', () => ID, { description: 'The LIVE conference.' }) id: string,
    @Ctx() ctx: Context,
  ): Promise<Conference> {
    return ctx.services.get(ConferenceService).end(id);
  }

  @FieldResolver(() => Unit, { description: 'The unit that holds it.' })
  async hostUnit(@Root() conference: Conference, @Ctx() ctx: Context): Promise<Unit> {
    return (await ctx.loaders.byId(Unit).load(conference.hostUnitId)) as Unit;
  }

  @FieldResolver(() => [Award], { description: 'Awards announced here, in announcement order.' })
  announcedAwards(@Root() conference: Conference, @Ctx() ctx: Context): Promise<Award[]> {
    return ctx.loaders
      .get<string, Award[]>('Conference.announcedAwards', (ids) =>
        ctx.services.get(ConferenceService).announcedAwards(ids),
      )
      .load(conference.id);
  }

  @FieldResolver(() => [Campaign], { description: 'Campaigns launched here, in launch order.' })
  launchedCampaigns(@Root() conference: Conference, @Ctx() ctx: Context): Promise<Campaign[]> {
    return ctx.loaders
      .manyBy(Campaign, 'launchedAtConferenceId', { launchedAt: 'ASC', id: 'ASC' })
      .load(conference.id);
  }

  @FieldResolver(() => [Delegation], { description: 'Its delegations, oldest first.' })
  delegations(@Root() conference: Conference, @Ctx() ctx: Context): Promise<Delegation[]> {
    return ctx.loaders
      .manyBy(Delegation, 'conferenceId', { createdAt: 'ASC', id: 'ASC' })
      .load(conference.id);
  }

  @FieldResolver(() => [ConferenceEvent], {
    description:
      "The conference's event log, oldest first: the same events the subscription streams.",
  })
  events(
    @Root() conference: Conference,
    @Ctx() ctx: Context,
    @AfterArg(
      "An event's cursor: only the events after it. Omit to start from the first event; BAD_USER_INPUT for anything that is not an event cursor.",
    )
    after?: string | null,
    @Arg('first', () => Int, {
      nullable: true,
      defaultValue: 100,
      description:
        'At most this many events, from 0 to 100 (BAD_USER_INPUT outside). Null means the default, 100.',
    })
    first?: number | null,
  ): Promise<LoggedEvent[]> {
    const position = decodeOptionalEventCursor(after);
    const size = first ?? 100;
    return ctx.loaders
      .get<string, LoggedEvent[]>(`Conference.events:${size}:${position ?? ''}`, (ids) =>
        ctx.services.get(ConferenceService).eventsOf(ids, size, position),
      )
      .load(conference.id);
  }
}

@Resolver(() => Delegation)
export class DelegationResolver {
  @FieldResolver(() => Conference, { description: 'The conference it belongs to.' })
  async conference(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<Conference> {
    return (await ctx.loaders.byId(Conference).load(delegation.conferenceId)) as Conference;
  }

  @FieldResolver(() => [Person], {
    description: 'The official delegates, in list order (guests are under guests).',
  })
  members(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<Person[]> {
    return ctx.loaders
      .get<string, Person[]>('Delegation.members', (ids) =>
        ctx.services.get(ConferenceService).membersOf(ids),
      )
      .load(delegation.id);
  }

  @FieldResolver(() => [Delegate], {
    description: 'Everyone on the list, official delegates then guests, with their role.',
  })
  delegates(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<Delegate[]> {
    return delegatesOf(ctx, delegation);
  }

  @FieldResolver(() => [Person], { description: 'The guests (khách mời), in list order.' })
  async guests(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<Person[]> {
    return (await delegatesOf(ctx, delegation))
      .filter((d) => d.role === DelegateRole.GUEST)
      .map((d) => d.person);
  }

  @FieldResolver(() => [DelegationQuotaView], {
    description: 'Seats per unit, with the official delegates under each, in unit tree order.',
  })
  async quotas(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<QuotaUse[]> {
    return (await factsOf(ctx, delegation)).quotas;
  }

  @FieldResolver(() => Int, {
    description:
      'First year of the emulation period the congress reviews (five years before the conference unless set).',
  })
  async periodFromYear(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<number> {
    return (
      await DelegationService.periodOf(delegation, (id) => ctx.loaders.byId(Conference).load(id))
    ).from;
  }

  @FieldResolver(() => Int, {
    description: "Last year of the period reviewed (the conference's year unless set).",
  })
  async periodToYear(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<number> {
    return (
      await DelegationService.periodOf(delegation, (id) => ctx.loaders.byId(Conference).load(id))
    ).to;
  }

  @FieldResolver(() => [EligibilityCheck], {
    description:
      "What approving it now would find: each quota (BLOCK when exceeded), official delegates under no quota (BLOCK), and each official delegate's merit in the period (WARN when neither an advanced model nor an award holder).",
  })
  async checks(@Root() delegation: Delegation, @Ctx() ctx: Context): Promise<EligibilityCheck[]> {
    const checks = await ctx.loaders
      .get<Delegation, Check[]>(
        'Delegation.checks',
        async (delegations) =>
          ctx.services
            .get(DelegationService)
            .checks(delegations, await Promise.all(delegations.map((d) => factsOf(ctx, d)))),
        { cacheKeyFn: (d) => d.id },
      )
      .load(delegation);
    return checks.map((check) => viewCheck(check, ctx.language));
  }

  @FieldResolver(() => [String], {
    description: 'The warnings kept when it was approved, in the reader’s language.',
  })
  warnings(@Root() delegation: Delegation, @Ctx() ctx: Context): string[] {
    return DelegationService.warnings(delegation, ctx.language, ctx.logger);
  }
}

/** What a delegation's quotas and checks are worked out from, read once per request. */
function factsOf(ctx: Context, delegation: Delegation): Promise<DelegationFacts> {
  return ctx.loaders
    .get<Delegation, DelegationFacts>(
      'Delegation.facts',
      (delegations) => ctx.services.get(DelegationService).facts(delegations),
      { cacheKeyFn: (d) => d.id },
    )
    .load(delegation);
}

function delegatesOf(ctx: Context, delegation: Delegation): Promise<Delegate[]> {
  return ctx.loaders
    .get<string, Delegate[]>('Delegation.delegates', (ids) =>
      ctx.services.get(DelegationService).delegatesOf(ids),
    )
    .load(delegation.id);
}

/** Award.conference: where the award was announced. */
@Resolver(() => Award)
export class AwardConferenceResolver {
  @FieldResolver(() => Conference, {
    nullable: true,
    description: 'The conference it was announced at; null until ANNOUNCED.',
  })
  conference(@Root() award: Award, @Ctx() ctx: Context): Promise<Conference | null> | null {
    return award.conferenceId ? ctx.loaders.byId(Conference).load(award.conferenceId) : null;
  }
}

/** Campaign.launchedAtConference. */
@Resolver(() => Campaign)
export class CampaignConferenceResolver {
  @FieldResolver(() => Conference, {
    nullable: true,
    description: 'The conference it was launched at; null when launched outside one, or DRAFT.',
  })
  launchedAtConference(
    @Root() campaign: Campaign,
    @Ctx() ctx: Context,
  ): Promise<Conference | null> | null {
    return campaign.launchedAtConferenceId
      ? ctx.loaders.byId(Conference).load(campaign.launchedAtConferenceId)
      : null;
  }
}

/** CampaignReview.conference: the conference that held the review, if any. */
@Resolver(() => CampaignReview)
export class CampaignReviewConferenceResolver {
  @FieldResolver(() => Conference, {
    nullable: true,
    description: 'The conference that held the review, if any.',
  })
  conference(
    @Root() review: CampaignReview,
    @Ctx() ctx: Context,
  ): Promise<Conference | null> | null {
    return review.conferenceId ? ctx.loaders.byId(Conference).load(review.conferenceId) : null;
  }
}
