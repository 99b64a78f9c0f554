import { Field, InterfaceType, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../common/scalars';
import { EventType, type LoggedEvent } from '../../realtime/event-log';

/** The GraphQL type of each conference event type (dossier events have a type of their own). */
const TYPE_NAMES: Record<
  Exclude<EventType, EventType.DOSSIER_UPDATED | EventType.DOSSIER_OVERDUE>,
  string
> = {
  [EventType.CONFERENCE_STARTED]: 'ConferenceStarted',
  [EventType.AWARD_ANNOUNCED]: 'AwardAnnounced',
  [EventType.CAMPAIGN_LAUNCHED]: 'CampaignLaunched',
  [EventType.CAMPAIGN_REGISTERED]: 'CampaignRegistered',
  [EventType.DELEGATION_APPROVED]: 'DelegationApproved',
  [EventType.CONFERENCE_ENDED]: 'ConferenceEnded',
};

/**
 * Something that happened at a live conference. Values are LoggedEvents;
 * `cursor`, `conference` and the type-specific fields are resolved in
 * conference-event.resolver.ts.
 */
@InterfaceType('ConferenceEvent', {
  description:
    'Something that happened at a live conference. `cursor` orders events of one conference.',
  resolveType: (event: LoggedEvent) => TYPE_NAMES[event.type as keyof typeof TYPE_NAMES],
})
export abstract class ConferenceEvent {
  @Field(() => String, {
    description:
      'Opaque; the position of this event in the log. Pass as `after` to resume right after it.',
  })
  cursor!: string;

  @Field(() => DateTimeScalar, { description: 'When it happened.' })
  occurredAt!: Date;
}

@ObjectType({ implements: ConferenceEvent, description: 'The conference went LIVE.' })
export class ConferenceStarted extends ConferenceEvent {}

@ObjectType({ implements: ConferenceEvent, description: 'An award was announced.' })
export class AwardAnnounced extends ConferenceEvent {}

@ObjectType({
  implements: ConferenceEvent,
  description: 'A campaign (movement) was launched at the conference.',
})
export class CampaignLaunched extends ConferenceEvent {}

@ObjectType({
  implements: ConferenceEvent,
  description:
    'A unit pledged to take part in a campaign. `conference` is where it was pledged or, for a pledge made outside any conference, the conference that launched the campaign.',
})
export class CampaignRegistered extends ConferenceEvent {}

@ObjectType({ implements: ConferenceEvent, description: 'A delegation was approved.' })
export class DelegationApproved extends ConferenceEvent {}

@ObjectType({
  implements: ConferenceEvent,
  description: 'The conference ENDED. Always its last event: conferenceEvents completes after it.',
})
export class ConferenceEnded extends ConferenceEvent {}
