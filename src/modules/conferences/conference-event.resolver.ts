import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { parseId, parseOptionalId } from '../../common/ids';
import type { Context } from '../../context';
import { decodeOptionalEventCursor, encodeEventCursor } from '../../realtime/cursor';
import type { EventFilter } from '../../realtime/event-hub';
import type { LoggedEvent } from '../../realtime/event-log';
import { RealtimeService } from '../../realtime/realtime.service';
import { Role } from '../accounts/account.entity';
import { Award } from '../awards/award.entity';
import { CampaignRegistration } from '../campaigns/campaign-registration.entity';
import { Campaign } from '../campaigns/campaign.entity';
import {
  AwardAnnounced,
  CampaignLaunched,
  CampaignRegistered,
  ConferenceEvent,
  DelegationApproved,
} from './conference-event.types';
import { Conference } from './conference.entity';
import { ConferenceService } from './conference.service';
import { Delegation } from './delegation.entity';

/**
 * Roles that may subscribe (ADMIN always may). DESIGN.md gives "read and
 * subscribe" to VIEWER (screens) alone among the read-only roles; SECRETARY
 * runs the conferences and watches them. MEMBER, COUNCIL and UNIT_MANAGER
 * read over HTTP but get FORBIDDEN for a subscription.
 */
export const SUBSCRIBER_ROLES = [Role.VIEWER, Role.SECRETARY];

/** Fields every event has. */
@Resolver(() => ConferenceEvent)
export class ConferenceEventResolver {
  @FieldResolver(() => String, {
    description:
      'Opaque; the position of this event in the log. Pass as `after` to resume right after it.',
  })
  cursor(@Root() event: LoggedEvent): string {
    return encodeEventCursor(event.position);
  }

  @FieldResolver(() => Conference, { description: 'The conference the event belongs to.' })
  async conference(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<Conference> {
    return (await ctx.loaders
      .byId(Conference)
      .load(event.displayConferenceId as string)) as Conference;
  }
}

@Resolver(() => AwardAnnounced)
export class AwardAnnouncedResolver {
  @FieldResolver(() => Award, { description: 'The award announced.' })
  async award(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<Award> {
    return (await ctx.loaders.byId(Award).load(event.awardId as string)) as Award;
  }
}

@Resolver(() => CampaignLaunched)
export class CampaignLaunchedResolver {
  @FieldResolver(() => Campaign, { description: 'The campaign launched.' })
  async campaign(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<Campaign> {
    return (await ctx.loaders.byId(Campaign).load(event.campaignId as string)) as Campaign;
  }
}

@Resolver(() => CampaignRegistered)
export class CampaignRegisteredResolver {
  @FieldResolver(() => CampaignRegistration, { description: "The unit's pledge." })
  async registration(
    @Root() event: LoggedEvent,
    @Ctx() ctx: Context,
  ): Promise<CampaignRegistration> {
    return (await ctx.loaders
      .byId(CampaignRegistration)
      .load(event.registrationId as string)) as CampaignRegistration;
  }

  @FieldResolver(() => Int, { description: 'Registrations of the campaign, this one included.' })
  registrationCount(@Root() event: LoggedEvent): number {
    return event.registrationCount ?? 0;
  }
}

@Resolver(() => DelegationApproved)
export class DelegationApprovedResolver {
  @FieldResolver(() => Delegation, { description: 'The delegation approved.' })
  async delegation(@Root() event: LoggedEvent, @Ctx() ctx: Context): Promise<Delegation> {
    return (await ctx.loaders.byId(Delegation).load(event.delegationId as string)) as Delegation;
  }
}

type Subscribe = SubscribeResolverData<unknown, Record<string, string | null | undefined>, Context>;

/** Opens the feed of `filter` for the subscriber in `context`. */
function feed({ context }: Subscribe, filter: EventFilter, after: string | null | undefined) {
  return context.services
    .get(ConferenceService)
    .openFeed(context.services.get(RealtimeService), filter, decodeOptionalEventCursor(after));
}

/**
 * The subscriptions. Each root resolver returns its payload as it is; the
 * arguments only choose the events (subscribeShared relies on this to share
 * one execution per event among subscriptions that differ only in them).
 */
@Resolver()
export class ConferenceSubscriptionResolver {
  @Authorized(...SUBSCRIBER_ROLES)
  @Subscription(() => ConferenceEvent, {
    description:
      'Every event of one conference. With `after`, first replays the logged events\nthat follow that cursor, then streams live ones: a screen that reconnects with\nthe last cursor it saw misses nothing and sees nothing twice.',
    subscribe: (data: Subscribe) =>
      feed(
        data,
        { kind: 'conference', conferenceId: parseId(data.args.conferenceId ?? '', 'conferenceId') },
        data.args.after,
      ),
  })
  conferenceEvents(
    @Root() event: LoggedEvent,
    @Arg('conferenceId', () => ID, {
      description:
        'The conference (NOT_FOUND when unknown). The stream completes after ConferenceEnded; for an ENDED conference without `after`, at once.',
    })
    _conferenceId: string,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last event seen. Omit to stream from now; BAD_USER_INPUT for anything that is not an event cursor.',
    })
    _after?: string | null,
  ): LoggedEvent {
    return event;
  }

  @Authorized(...SUBSCRIBER_ROLES)
  @Subscription(() => AwardAnnounced, {
    description: 'Award announcements of one conference, or of all conferences; `after` as above.',
    subscribe: (data: Subscribe) =>
      feed(
        data,
        {
          kind: 'announcements',
          conferenceId: parseOptionalId(data.args.conferenceId, 'conferenceId') ?? null,
        },
        data.args.after,
      ),
  })
  awardAnnounced(
    @Root() event: LoggedEvent,
    @Arg('conferenceId', () => ID, {
      nullable: true,
      description:
        'Only announcements at this conference (NOT_FOUND when unknown); omit for every conference.',
    })
    _conferenceId?: string | null,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last announcement seen. Omit to stream from now; BAD_USER_INPUT for anything that is not an event cursor.',
    })
    _after?: string | null,
  ): LoggedEvent {
    return event;
  }

  @Authorized(...SUBSCRIBER_ROLES)
  @Subscription(() => CampaignRegistered, {
    description: 'Live pledges to one campaign, with the running count.',
    subscribe: (data: Subscribe) =>
      feed(
        data,
        { kind: 'pledges', campaignId: parseId(data.args.campaignId ?? '', 'campaignId') },
        null,
      ),
  })
  campaignRegistered(
    @Root() event: LoggedEvent,
    @Arg('campaignId', () => ID, {
      description:
        'The campaign (NOT_FOUND when unknown). Only pledges that can be shown under a conference (made at one, or to a campaign launched at one) are streamed, as `conference` is non-null.',
    })
    _campaignId: string,
  ): LoggedEvent {
    return event;
  }
}
